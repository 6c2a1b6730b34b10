import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';
import { compareOrInvalid } from './semver-family.js';

/**
 * pub_semver's `completeVersion` pattern, dots and all: its separators are unescaped `.`, so any
 * character separates the numbers (`1x2x3` parses as 1.2.3) — reproduced because pub accepts it.
 * Leading zeros are allowed (`01.2.3` equals `1.2.3`).
 */
const COMPLETE = /^(\d+).(\d+).(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

const INT64_MAX = (1n << 63n) - 1n;

type Part = bigint | string;

interface PubVersion {
  readonly core: readonly [bigint, bigint, bigint];
  readonly pre: readonly Part[];
  readonly build: readonly Part[];
}

/**
 * Dart's `int.tryParse`, which pub_semver applies to each identifier: an optionally signed decimal
 * or `0x` hex literal within 64 bits becomes a number (so `01` equals `1`), anything else stays text.
 */
function dartInt(text: string): bigint | undefined {
  const m = /^([+-]?)(?:0[xX]([0-9A-Fa-f]+)|([0-9]+))$/.exec(text);
  if (!m) return undefined;
  const negative = m[1] === '-';
  if (m[2] !== undefined) {
    // hex literals may use all 64 bits and wrap to negative, as on the Dart VM
    const raw = BigInt(`0x${m[2]}`);
    if (raw >= 1n << 64n) return undefined;
    const value = BigInt.asIntN(64, raw);
    return negative ? -value : value;
  }
  const value = BigInt(m[3]!);
  if (negative ? value > INT64_MAX + 1n : value > INT64_MAX) return undefined;
  return negative ? -value : value;
}

const parts = (text: string | undefined): Part[] => (text === undefined ? [] : text.split('.').map((p) => dartInt(p) ?? p));

function parse(text: string): PubVersion | undefined {
  const m = COMPLETE.exec(text);
  if (!m) return undefined;
  const core = [m[1]!, m[2]!, m[3]!].map((n) => BigInt(n));
  // Dart's int.parse throws above 2^63-1, and pub_semver turns that into a FormatException
  if (core.some((n) => n > INT64_MAX)) return undefined;
  return { core: [core[0]!, core[1]!, core[2]!], pre: parts(m[4]), build: parts(m[5]) };
}

/** Parsed once per string: matching compares the same strings over and over. */
const versionOf = memoParse(parse);

const cmp = <T extends bigint | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/** pub_semver `_compareLists`: missing < present, numbers < strings, strings by code units. */
function compareParts(a: readonly Part[], b: readonly Part[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'bigint') return typeof y === 'bigint' ? cmp(x, y) : -1;
    if (typeof y === 'bigint') return 1;
    return cmp(x, y);
  }
  return 0;
}

function comparePub(a: PubVersion, b: PubVersion): number {
  for (let i = 0; i < 3; i++) {
    const c = cmp(a.core[i]!, b.core[i]!);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) {
    if (a.pre.length !== b.pre.length) return a.pre.length === 0 ? 1 : -1;
  } else {
    const c = compareParts(a.pre, b.pre);
    if (c !== 0) return c;
  }
  // unlike SemVer precedence, pub orders build metadata: no build < any build, then part by part
  if (a.build.length === 0 || b.build.length === 0) return a.build.length === 0 ? (b.build.length === 0 ? 0 : -1) : 1;
  return compareParts(a.build, b.build);
}

/**
 * Dart/Flutter pub: pub_semver's `Version.compareTo`, which orders build metadata too
 * (`1.0.0` < `1.0.0+build`). Invalid strings sort below every valid version, by code units among themselves.
 */
export const pubScheme: VersionScheme = {
  name: 'pub',
  isValid: (version) => versionOf(version) !== undefined,
  compare: (a, b) => compareOrInvalid(a, b, versionOf, comparePub),
};
