import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * Composer versions: normalized as `Composer\Semver\VersionParser::normalize` does, then compared
 * as `Composer\Semver\Comparator` does, which is PHP's `version_compare` on the normalized strings
 * (`v1.2` → `1.2.0.0`, `1.0-b2` → `1.0.0.0-beta2`, `1.x-dev` → `1.9999999.9999999.9999999-dev`).
 * Both are written here because no npm library reproduces them.
 *
 * Where Comparator gives no order this scheme chooses one, deterministically:
 * - `dev-master`, `dev-trunk` and `dev-default` rank as `9999999-dev`, the newest, as
 *   `Composer\Semver\Semver::sort` ranks them (VersionParser::normalizeDefaultBranch);
 * - two other `dev-` branches are equal only when identical (as Comparator's `==`); Comparator
 *   says neither is below the other, here they are ordered by their names' code units;
 * - strings VersionParser rejects (`1.0.0-meh`, `feature-foo`) are compared with `version_compare`
 *   on their trimmed text, which never fails.
 */

// PHP's trim() strips these, not Unicode white space.
const phpTrim = (text: string): string => text.replace(/^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/gu, '');

const MODIFIER = String.raw`[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?`;
const CLASSICAL = new RegExp(String.raw`^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(String.raw`^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(stability: string): string {
  const lower = stability.toLowerCase();
  if (lower === 'a') return 'alpha';
  if (lower === 'b') return 'beta';
  if (lower === 'p' || lower === 'pl') return 'patch';
  if (lower === 'rc') return 'RC';
  return lower;
}

/** VersionParser::normalizeBranch: numeric branches become `x.9999999…-dev`, others `dev-name`. */
function normalizeBranch(name: string): string {
  const trimmed = phpTrim(name);
  const match = BRANCH.exec(trimmed);
  if (!match) return `dev-${trimmed}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += match[i] === undefined ? '.x' : match[i]!.replace(/[*X]/g, 'x');
  return `${version.replaceAll('x', '9999999')}-dev`;
}

/** `VersionParser::normalize`, or undefined where it throws UnexpectedValueException. */
export function normalizeComposerVersion(input: string): string | undefined {
  let version = phpTrim(input);
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias) version = alias[1]!;
  const flag = /@(?:stable|RC|beta|alpha|dev)$/i.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.slice(0, 4).toLowerCase() === 'dev-') return `dev-${version.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build) version = build[1]!;

  let matched: { version: string; groups: RegExpExecArray; index: number } | undefined;
  const classical = CLASSICAL.exec(version);
  if (classical) {
    // PHP's empty() treats '' and a missing group alike: pad to four parts.
    const part = (i: number): string => (classical[i] ? classical[i] : '.0');
    matched = { version: classical[1]! + part(2) + part(3) + part(4), groups: classical, index: 5 };
  } else {
    const date = DATE.exec(version);
    if (date) matched = { version: date[1]!.replace(/\D/g, '.'), groups: date, index: 2 };
  }
  if (matched) {
    const { groups, index } = matched;
    let result = matched.version;
    const stability = groups[index];
    if (stability) {
      if (stability === 'stable') return result;
      result += `-${expandStability(stability)}${(groups[index + 1] ?? '').replace(/^[.-]+/, '')}`;
    }
    if (groups[index + 2]) result += '-dev';
    return result;
  }

  // `1.x-dev`, `2.0-dev`: a numeric branch; a non-numeric one needed the `dev-` prefix.
  const dev = /^(.*?)[.-]?dev$/i.exec(version);
  if (dev) {
    const normalized = normalizeBranch(dev[1]!);
    if (!normalized.includes('dev-')) return normalized;
  }
  return undefined;
}

// ---- PHP version_compare (ext/standard/versioning.c) ----

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

// versioning.c's isdig/isndig: '.' is neither.
const isDig = (x: string): boolean => isDigit(x) && x !== '.';
const isNonDig = (x: string): boolean => !isDigit(x) && x !== '.';

/** php_canonicalize_version: `-_+` and other non-alphanumerics become `.`, digit/letter switches get a `.`. */
function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let previous = version[0]!;
  for (const c of version.slice(1)) {
    const last = out[out.length - 1];
    if (c === '-' || c === '_' || c === '+') {
      if (last !== '.') out += '.';
    } else if ((isNonDig(previous) && isDig(c)) || (isDig(previous) && isNonDig(c))) {
      if (last !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (last !== '.') out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

// Prefix matches, in this order; anything else ranks below `dev`. `#` is how a number ranks.
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
];
const specialRank = (form: string): number => SPECIAL_FORMS.find(([name]) => form.startsWith(name))?.[1] ?? -1;
const sign = (n: number | bigint): number => (n > 0 ? 1 : n < 0 ? -1 : 0);

// strtol saturates at LONG_MAX on 64-bit PHP builds.
const LONG_MAX = 2n ** 63n - 1n;
const strtol = (digits: string): bigint => {
  const value = BigInt(digits);
  return value > LONG_MAX ? LONG_MAX : value;
};

/** PHP's version_compare(a, b) without an operator: -1, 0 or 1. */
export function phpVersionCompare(v1: string, v2: string): number {
  if (v1 === '' || v2 === '') return v1 === '' && v2 === '' ? 0 : v1 === '' ? -1 : 1;
  const a = v1.startsWith('#') ? v1 : canonicalize(v1);
  const b = v2.startsWith('#') ? v2 : canonicalize(v2);
  let p1 = 0;
  let p2 = 0;
  // The C code tracks "is there a further dot"; -1 stands for its NULL.
  let n1 = 0;
  let n2 = 0;
  let compare = 0;
  while (p1 < a.length && p2 < b.length && n1 !== -1 && n2 !== -1) {
    n1 = a.indexOf('.', p1);
    n2 = b.indexOf('.', p2);
    const t1 = a.slice(p1, n1 === -1 ? undefined : n1);
    const t2 = b.slice(p2, n2 === -1 ? undefined : n2);
    if (isDigit(t1[0]) && isDigit(t2[0])) compare = sign(strtol(t1) - strtol(t2));
    else if (!isDigit(t1[0]) && !isDigit(t2[0])) compare = sign(specialRank(t1) - specialRank(t2));
    else compare = isDigit(t1[0]) ? sign(specialRank('#N#') - specialRank(t2)) : sign(specialRank(t1) - specialRank('#N#'));
    if (compare !== 0) break;
    if (n1 !== -1) p1 = n1 + 1;
    if (n2 !== -1) p2 = n2 + 1;
  }
  if (compare === 0) {
    // Whatever is left on one side decides: a number makes it newer, a special form is ranked
    // against a number (so `1.0.0-dev` < `1.0.0` < `1.0.0-pl1`).
    if (n1 !== -1) compare = isDigit(a[p1]) ? 1 : phpVersionCompare(a.slice(p1), '#N#');
    else if (n2 !== -1) compare = isDigit(b[p2]) ? -1 : phpVersionCompare('#N#', b.slice(p2));
  }
  return compare;
}

const DEFAULT_BRANCHES = new Set(['dev-master', 'dev-default', 'dev-trunk']);

/** One `.`-separated part of a canonicalized version, as version_compare classifies it. */
interface Part {
  /** starts with a digit (then it is all digits) */
  readonly digit: boolean;
  /** strtol of a digit part (a number while exact, else a saturated bigint) */
  readonly value: number | bigint;
  /** specialRank of the part; a digit part ranks as `#N#` */
  readonly rank: number;
  /**
   * version_compare(rest, '#N#') for the rest of the string from this part on, which is how a
   * longer version is ranked past the end of a shorter one: a number is newer, a special form is
   * ranked against a number, nothing left (a trailing `.`) is older.
   */
  readonly tail: number;
}

interface ComposerVersion {
  readonly valid: boolean;
  /** what Comparator compares: the normal form, or the trimmed text when VersionParser rejects it */
  readonly text: string;
  readonly branch: boolean;
  /**
   * The canonical parts, or undefined when the pre-parsed walk below would not be exact (the empty
   * string, `#`-prefixed text that version_compare does not canonicalize, a `#` inside a part)
   * and phpVersionCompare runs on the text instead.
   */
  readonly parts: readonly Part[] | undefined;
  /** the loop of version_compare stops before a final empty part (text ending in `.`) */
  readonly walkable: number;
}

const NUMBER_RANK = specialRank('#N#');

function toPart(text: string): Part {
  const digit = isDigit(text[0]);
  const rank = digit ? NUMBER_RANK : specialRank(text);
  const value = digit ? (text.length <= 15 ? Number(text) : strtol(text)) : 0;
  const tail = digit ? 1 : text === '' ? -1 : sign(rank - NUMBER_RANK);
  return { digit, value, rank, tail };
}

function parseComposer(version: string): ComposerVersion {
  const normalized = normalizeComposerVersion(version);
  const found = normalized ?? phpTrim(version);
  const text = DEFAULT_BRANCHES.has(found) ? '9999999-dev' : found;
  const branch = text.startsWith('dev-');
  const canonical = text === '' || text.startsWith('#') ? undefined : canonicalize(text);
  const parts = canonical === undefined || canonical.includes('#') ? undefined : canonical.split('.').map(toPart);
  const walkable = parts === undefined ? 0 : canonical!.endsWith('.') ? parts.length - 1 : parts.length;
  return { valid: normalized !== undefined, text, branch, parts, walkable };
}

const composerOf = memoParse(parseComposer);

/** phpVersionCompare over pre-canonicalized parts: the same walk, without re-scanning the text. */
function compareParts(a: readonly Part[], aWalk: number, b: readonly Part[], bWalk: number): number {
  let k = 0;
  for (;;) {
    const x = a[k]!;
    const y = b[k]!;
    let compare: number;
    if (x.digit && y.digit) compare = x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
    else compare = sign(x.rank - y.rank);
    if (compare !== 0) return compare;
    // continue while both have a further dot with something after it
    if (k + 1 >= aWalk || k + 1 >= bWalk) break;
    k++;
  }
  if (k + 1 < a.length) return a[k + 1]!.tail;
  if (k + 1 < b.length) return -b[k + 1]!.tail;
  return 0;
}

export const composerScheme: VersionScheme = {
  name: 'composer',
  isValid: (version) => composerOf(version)!.valid,
  compare(a: string, b: string): number {
    const x = composerOf(a)!;
    const y = composerOf(b)!;
    if (x.branch && y.branch) return x.text < y.text ? -1 : x.text > y.text ? 1 : 0;
    if (x.parts === undefined || y.parts === undefined) return phpVersionCompare(x.text, y.text);
    return compareParts(x.parts, x.walkable, y.parts, y.walkable);
  },
};
