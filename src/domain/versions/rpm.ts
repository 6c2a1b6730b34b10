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

/** rpm's `rpmvercmp`: segment-wise comparison of one version or release string */
function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  // Past the end reads as '', as a C string's terminating NUL does.
  const at = (s: string, k: number): string => s[k] ?? '';
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;

    // `~` sorts before everything, even the end of the string: 1.0~rc1 < 1.0.
    if (at(a, i) === '~' || at(b, j) === '~') {
      if (at(a, i) !== '~') return 1;
      if (at(b, j) !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // `^` sorts after the end of the string but before any further segment: 1.0 < 1.0^git1 < 1.0.1.
    if (at(a, i) === '^' || at(b, j) === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (at(a, i) !== '^') return 1;
      if (at(b, j) !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;

    const numeric = isDigit(a[i]!);
    const same = numeric ? isDigit : isAlpha;
    let ie = i;
    let je = j;
    while (ie < a.length && same(a[ie]!)) ie++;
    while (je < b.length && same(b[je]!)) je++;
    // A segment of the other kind (or none) on b's side: numbers beat letters.
    if (je === j) return numeric ? 1 : -1;

    let sa = a.slice(i, ie);
    let sb = b.slice(j, je);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      // More significant digits is the bigger number, however many digits (no overflow).
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    const rc = strcmp(sa, sb);
    if (rc !== 0) return rc;
    i = ie;
    j = je;
  }
  if (i >= a.length && j >= b.length) return 0;
  // Whichever still has characters left wins.
  return i >= a.length ? -1 : 1;
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

export const rpmScheme: VersionScheme = {
  name: 'rpm',
  isValid(version: string): boolean {
    const m = /^(?:([0-9]+):)?([^:-]+)(?:-([^:-]+))?$/.exec(version);
    return m !== null && VERREL.test(m[2]!) && (m[3] === undefined || VERREL.test(m[3]));
  },
  compare(a: string, b: string): number {
    const ea = parseEvr(a);
    const eb = parseEvr(b);
    return rpmvercmp(ea.epoch, eb.epoch) || rpmvercmp(ea.version, eb.version) || rpmvercmp(ea.release, eb.release);
  },
};
