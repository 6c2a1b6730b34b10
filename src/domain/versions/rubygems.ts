import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * RubyGems versions ordered as `Gem::Version#<=>`: dot-separated segments, numbers compare
 * numerically, a segment with letters makes the version a prerelease and sorts before numbers
 * (`1.0.a` < `1.0`), trailing zeros are ignored (`1.0` == `1.0.0`), and `-` reads as `.pre.`
 * (`1.0.0-1` < `1`).
 *
 * The order is exactly `@renovatebot/ruby-semver`'s port of `Gem::Version` (its `valid`, `eq` and
 * `lt`), quirks included, but computed from segments parsed once per string: the library rebuilds
 * the version and its segments on every comparison.
 */

// Gem::Version.new("") and new("   ") are version "0"; the library rejects the empty string, so
// blank input is mapped to "0" first. Surrounding whitespace is otherwise accepted by both.
const clean = (version: string): string => (version.trim() === '' ? '0' : version);

/** The library's ANCHORED_VERSION_PATTERN (JavaScript `\s`, so Unicode white space too). */
const ANCHORED = /^\s*([0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$/;

type Segment = number | string;

interface GemVersion {
  /** the library's `_version`: trimmed, `-` replaced by `.pre.` */
  readonly text: string;
  /** the library's `canonicalSegments()` */
  readonly canonical: readonly Segment[];
}

/** The library's canonicalSegments() for one part: trailing zeros dropped, but an all-zero part keeps one. */
function dropTrailingZeros(part: Segment[]): Segment[] {
  // The library reverses, slices from the first non-zero, reverses back; with no non-zero item
  // `findIndex` is -1 and `slice(-1)` keeps the last reversed item (the part's first).
  const reversed = [...part].reverse();
  const from = reversed.findIndex((s) => s !== 0);
  return reversed.slice(from).reverse();
}

function parse(version: string): GemVersion | undefined {
  const input = clean(version);
  if (!ANCHORED.test(input)) return undefined;
  const text = (/^\s*$/.test(input) ? '0' : input).trim().replace(/-/g, '.pre.');
  // `parseInt` as the library does: digit runs past 2^53 lose precision exactly as there.
  const segments = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s): Segment => (/^\d+$/.test(s) ? parseInt(s, 10) : s));
  const firstString = segments.findIndex((s) => typeof s === 'string');
  // `stringStart || length`: a string at index 0 counts as no string at all, as in the library.
  const split = firstString === -1 || firstString === 0 ? segments.length : firstString;
  const canonical = [...dropTrailingZeros(segments.slice(0, split)), ...dropTrailingZeros(segments.slice(split))];
  return { text, canonical };
}

const gemOf = memoParse(parse);

// The library compares two differing segments with `localeCompare(…, undefined, { numeric: true })`
// on their text; a collator with the same locale and options gives the same answers without
// being rebuilt on every call.
const collator = new Intl.Collator(undefined, { numeric: true });

/** `Number#toString` is plain digits below 1e21; above, the library compares exponent forms as text. */
const PLAIN_LIMIT = 1e21;

function sameSegments(x: readonly Segment[], y: readonly Segment[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The library's Version#compare, which its `eq`/`lt` reduce to 0, -1 or 1. */
function compareGems(a: GemVersion, b: GemVersion): number {
  if (a.text === b.text || sameSegments(a.canonical, b.canonical)) return 0;
  const left = a.canonical;
  const right = b.canonical;
  const limit = Math.max(left.length, right.length);
  for (let i = 0; i < limit; i++) {
    const lhs = left[i] ?? 0;
    const rhs = right[i] ?? 0;
    if (lhs === rhs) continue;
    const leftString = typeof lhs === 'string';
    const rightString = typeof rhs === 'string';
    if (leftString && !rightString) return -1;
    if (!leftString && rightString) return 1;
    let c: number;
    if (typeof lhs === 'number' && typeof rhs === 'number' && lhs < PLAIN_LIMIT && rhs < PLAIN_LIMIT) c = lhs < rhs ? -1 : 1;
    else c = collator.compare(String(lhs), String(rhs));
    // `eq` is `=== 0`, `lt` is `=== -1`, anything else reads as greater.
    return c === 0 ? 0 : c === -1 ? -1 : 1;
  }
  return 0;
}

/** Code-unit order, so the fallback for rejected strings does not depend on the host's locale. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const rubygemsScheme: VersionScheme = {
  name: 'gem',
  isValid: (version) => gemOf(version) !== undefined,
  /**
   * Strings `Gem::Version` rejects (`junk`, `1..2`, `1.0+build`) sort before every valid version and
   * among themselves by code units; the library would throw on them.
   */
  compare(a: string, b: string): number {
    const x = gemOf(a);
    const y = gemOf(b);
    if (x && y) return compareGems(x, y);
    if (x || y) return x ? 1 : -1;
    return ordinal(a, b);
  },
};
