import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * RPM versions, `[epoch:]version[-release]`, ordered as rpm orders EVRs: epochs numerically (a
 * missing epoch is 0), then version and release with `rpmvercmp`.
 *
 * One deliberate difference from rpm's dependency matching: rpm treats a missing release as
 * "matches any release" (so `1.0` equals both `1.0-1` and `1.0-2`), which is not an order. Here
 * a missing release is the empty release, below every real one (`1.0` < `1.0-1`), which is also
 * what `rpmvercmp` itself says of an empty string.
 *
 * `rpmvercmp` accepts any string (characters other than ASCII letters, digits, `~` and `^` are
 * just separators), so strings rpm would refuse to build are ordered by the same rules;
 * `isValid` tells them apart.
 */

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlnum = (c: string): boolean => isDigit(c) || isAlpha(c);

/** byte-wise comparison as C's strcmp does it, for ASCII segments */
const strcmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One piece of a version or release as `rpmvercmp` walks it; separators are dropped. */
type Segment =
  | { readonly kind: typeof TILDE | typeof CARET }
  | { readonly kind: typeof DIGITS; readonly text: string }
  | { readonly kind: typeof LETTERS; readonly text: string };

const TILDE = 0;
const CARET = 1;
const DIGITS = 2;
const LETTERS = 3;

const TILDE_SEGMENT: Segment = { kind: TILDE };
const CARET_SEGMENT: Segment = { kind: CARET };

/**
 * The segments `rpmvercmp` finds in one string, in order: characters other than ASCII letters,
 * digits, `~` and `^` only separate; digit runs lose their leading zeros.
 */
function segments(s: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '~' || c === '^') {
      out.push(c === '~' ? TILDE_SEGMENT : CARET_SEGMENT);
      i++;
    } else if (isAlnum(c)) {
      const same = isDigit(c) ? isDigit : isAlpha;
      let end = i;
      while (end < s.length && same(s[end]!)) end++;
      const text = s.slice(i, end);
      out.push(isDigit(c) ? { kind: DIGITS, text: text.replace(/^0+/, '') } : { kind: LETTERS, text });
      i = end;
    } else {
      i++;
    }
  }
  return out;
}

/** rpm's `rpmvercmp`, over the segments of the two strings */
function rpmvercmp(a: readonly Segment[], b: readonly Segment[]): number {
  let i = 0;
  let j = 0;
  for (;;) {
    const x = a[i];
    const y = b[j];
    // `~` sorts before everything, even the end of the string: 1.0~rc1 < 1.0.
    if (x?.kind === TILDE || y?.kind === TILDE) {
      if (x?.kind !== TILDE) return 1;
      if (y?.kind !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    // `^` sorts after the end of the string but before any further segment: 1.0 < 1.0^git1 < 1.0.1.
    if (x?.kind === CARET || y?.kind === CARET) {
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      if (x.kind !== CARET) return 1;
      if (y.kind !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (x === undefined || y === undefined) {
      if (x === undefined && y === undefined) return 0;
      // Whichever still has segments left wins.
      return x === undefined ? -1 : 1;
    }
    // A segment of the other kind on b's side: numbers beat letters.
    if (x.kind !== y.kind) return x.kind === DIGITS ? 1 : -1;
    const sa = (x as { text: string }).text;
    const sb = (y as { text: string }).text;
    // More significant digits is the bigger number, however many digits (no overflow).
    if (x.kind === DIGITS && sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    const rc = strcmp(sa, sb);
    if (rc !== 0) return rc;
    i++;
    j++;
  }
}

interface Evr {
  readonly epoch: string;
  readonly version: string;
  readonly release: string;
}

/** rpm's `parseEVR`: leading digits then `:` are the epoch, the last `-` starts the release */
function parseEvr(evr: string): Evr {
  let k = 0;
  while (k < evr.length && isDigit(evr[k]!)) k++;
  let epoch = '0';
  let rest = evr;
  if (evr[k] === ':') {
    epoch = k === 0 ? '0' : evr.slice(0, k);
    rest = evr.slice(k + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0 ? { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) } : { epoch, version: rest, release: '' };
}

// rpmbuild's allowed characters for Version and Release (ALLOWED_CHARS_VERREL, less the macro
// characters `%{}`, which never survive expansion into a built package).
const VERREL = /^[A-Za-z0-9._+~^]+$/;

function isBuildable(version: string): boolean {
  const m = /^(?:([0-9]+):)?([^:-]+)(?:-([^:-]+))?$/.exec(version);
  return m !== null && VERREL.test(m[2]!) && (m[3] === undefined || VERREL.test(m[3]));
}

/** An EVR as compared: each part split into its segments once. */
interface Parsed {
  readonly valid: boolean;
  readonly epoch: readonly Segment[];
  readonly version: readonly Segment[];
  readonly release: readonly Segment[];
}

function parse(text: string): Parsed {
  const evr = parseEvr(text);
  return { valid: isBuildable(text), epoch: segments(evr.epoch), version: segments(evr.version), release: segments(evr.release) };
}

const parsedOf = memoParse(parse);

export const rpmScheme: VersionScheme = {
  name: 'rpm',
  isValid: (version) => parsedOf(version)!.valid,
  compare(a: string, b: string): number {
    const ea = parsedOf(a)!;
    const eb = parsedOf(b)!;
    return rpmvercmp(ea.epoch, eb.epoch) || rpmvercmp(ea.version, eb.version) || rpmvercmp(ea.release, eb.release);
  },
};
