import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * NuGet versions parsed and ordered as NuGet.Versioning's `NuGetVersion.TryParse` and
 * `VersionComparer.Default` do (no npm library reproduces NuGet, so this follows its rules):
 *
 * - a version is 1 to 4 dot-separated non-negative Int32 numbers (System.Version, missing parts
 *   are 0, so `1.0.0.0` == `1.0.0` == `1`), leading zeros allowed (`1.022` == `1.22`), then an
 *   optional `-label.label…` and an optional `+metadata`;
 * - release labels are `[0-9A-Za-z-]+`, numeric ones without leading zeros;
 * - a release sorts after its prereleases; labels compare pairwise, numeric labels (Int32)
 *   numerically and before alphanumeric ones, alphanumeric ones case-insensitively (OrdinalIgnoreCase),
 *   and a shorter label list first when it is a prefix;
 * - build metadata is ignored.
 */

interface NuGetVersion {
  readonly numbers: readonly [number, number, number, number];
  /** empty for a release */
  readonly labels: readonly Label[];
}

/** A release label with what comparing it needs, computed once when the version is parsed. */
interface Label {
  /** Int32.TryParse of the label, when it succeeds */
  readonly int: number | undefined;
  /** the label upper-cased, for OrdinalIgnoreCase */
  readonly upper: string;
}

const INT32_MAX = 2147483647;
// System.Version parses each part with int.TryParse (NumberStyles.Integer): surrounding white
// space is allowed (`   19.   19` is valid), signs never reach it because `-` and `+` split first.
const NUMBER_PART = /^[\t\n\v\f\r ]*(\d+)[\t\n\v\f\r ]*$/u;
const LABEL = /^[0-9A-Za-z-]+$/u;
const NUMERIC = /^\d+$/u;

function parseNumbers(text: string): [number, number, number, number] | undefined {
  // NuGet appends ".0" to a one-part version because System.Version needs two parts.
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const numbers: [number, number, number, number] = [0, 0, 0, 0];
  for (const [i, part] of parts.entries()) {
    const digits = NUMBER_PART.exec(part)?.[1];
    if (digits === undefined) return undefined;
    const value = Number(digits);
    if (value > INT32_MAX) return undefined;
    numbers[i] = value;
  }
  return numbers;
}

const isLabel = (part: string, allowLeadingZeros: boolean): boolean =>
  LABEL.test(part) && (allowLeadingZeros || !(part.length > 1 && part.startsWith('0') && NUMERIC.test(part)));

function parse(input: string): NuGetVersion | undefined {
  const value = input.trim();
  // The version part ends at the first `-` or `+`; labels end at the first `+` after that.
  const dash = value.search(/[-+]/u);
  const versionPart = dash < 0 ? value : value.slice(0, dash);
  if (versionPart === '') return undefined;
  let labelPart: string | undefined;
  let metadata: string | undefined;
  if (dash >= 0) {
    const rest = value.slice(dash + 1);
    if (value[dash] === '+') metadata = rest;
    else {
      const plus = rest.indexOf('+');
      labelPart = plus < 0 ? rest : rest.slice(0, plus);
      metadata = plus < 0 ? undefined : rest.slice(plus + 1);
    }
  }
  const numbers = parseNumbers(versionPart);
  if (numbers === undefined) return undefined;
  const labels = labelPart === undefined ? [] : labelPart.split('.');
  if (!labels.every((label) => isLabel(label, false))) return undefined;
  if (metadata !== undefined && !metadata.split('.').every((part) => isLabel(part, true))) return undefined;
  return { numbers, labels: labels.map((label) => ({ int: asInt32(label), upper: label.toUpperCase() })) };
}

/** Int32.TryParse on a label: optional sign, digits, within Int32. */
function asInt32(label: string): number | undefined {
  if (!/^[-+]?\d+$/u.test(label)) return undefined;
  const n = Number(label);
  return n >= -INT32_MAX - 1 && n <= INT32_MAX ? n : undefined;
}

/** Numeric labels numerically and first; others as StringComparer.OrdinalIgnoreCase (upper-case, then UTF-16 code units). */
function compareLabel(a: Label, b: Label): number {
  const x = a.int;
  const y = b.int;
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a.upper < b.upper ? -1 : a.upper > b.upper ? 1 : 0;
}

function compareVersions(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const diff = a.numbers[i]! - b.numbers[i]!;
    if (diff !== 0) return diff;
  }
  // A release (no labels) sorts after every prerelease of the same numbers.
  if (a.labels.length === 0 || b.labels.length === 0) return Number(a.labels.length === 0) - Number(b.labels.length === 0);
  const length = Math.max(a.labels.length, b.labels.length);
  for (let i = 0; i < length; i++) {
    const x = a.labels[i];
    const y = b.labels[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const result = compareLabel(x, y);
    if (result !== 0) return result;
  }
  return 0;
}

/** Parsed once per string: matching compares the same strings over and over. */
const versionOf = memoParse(parse);

/** Code-unit order, so the fallback for rejected strings does not depend on the host's locale. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const nugetScheme: VersionScheme = {
  name: 'nuget',
  isValid: (version) => versionOf(version) !== undefined,
  /** Strings NuGet rejects sort before every valid version and among themselves by code units. */
  compare(a: string, b: string): number {
    const x = versionOf(a);
    const y = versionOf(b);
    if (x && y) return compareVersions(x, y);
    if (x || y) return x ? 1 : -1;
    return ordinal(a, b);
  },
};
