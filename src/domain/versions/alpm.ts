import type { VersionScheme } from './scheme.js';

/**
 * Arch Linux package versions, `[epoch:]pkgver[-pkgrel]`, ordered as pacman's `alpm_pkg_vercmp`
 * orders them (lib/libalpm/version.c): epochs, then pkgver, then pkgrel, each with pacman's copy of
 * `rpmvercmp`. That copy is rpm 4.8's, so it differs from today's rpm (see rpm.ts):
 * - no `~` or `^`: they are separators like `.` or `_`;
 * - the number of separator bytes between segments counts: `2___a` > `2_a`, while `2.0` = `2_0`;
 * - when one side runs out, a remaining letter segment loses (`1.0rc` < `1.0`), anything else
 *   wins (`1.5` < `1.5.a`, `1.5` < `1.5.1`).
 * A missing epoch is 0. A missing pkgrel is not compared at all, as pacman does for dependency
 * matching: `1.5` equals both `1.5-1` and `1.5-2`, so around versions without pkgrel the order is
 * not transitive (pacman's own test data fixes this; `vercmp 1.5 1.5-1` prints 0).
 *
 * pacman compares any string, so every string is ordered by these rules; `isValid` is what makepkg
 * lets a package carry (libmakepkg/lint_pkgbuild: epoch digits, pkgver ASCII without whitespace,
 * `/`, `:` or `-`, pkgrel `integer[.integer]`).
 */

// C's isdigit/isalpha in the C locale: ASCII only; every other byte is a separator.
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlnum = (c: string): boolean => isDigit(c) || isAlpha(c);

/** UTF-8 bytes of s[from, to): pacman measures separators in bytes, not characters */
function utf8Bytes(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const u = s.charCodeAt(k);
    // a surrogate pair is 4 bytes, 2 per half
    n += u < 0x80 ? 1 : u < 0x800 || (u >= 0xd800 && u <= 0xdfff) ? 2 : 3;
  }
  return n;
}

const strcmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** pacman's `rpmvercmp`, step for step; indices stand in for its pointers */
function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let one = 0;
  let two = 0;
  // ends of the previous segments, to measure the separators in between
  let ptr1 = 0;
  let ptr2 = 0;
  while (one < a.length && two < b.length) {
    while (one < a.length && !isAlnum(a[one]!)) one++;
    while (two < b.length && !isAlnum(b[two]!)) two++;
    if (one >= a.length || two >= b.length) break;

    const sep1 = utf8Bytes(a, ptr1, one);
    const sep2 = utf8Bytes(b, ptr2, two);
    if (sep1 !== sep2) return sep1 < sep2 ? -1 : 1;

    const numeric = isDigit(a[one]!);
    const same = numeric ? isDigit : isAlpha;
    ptr1 = one;
    ptr2 = two;
    while (ptr1 < a.length && same(a[ptr1]!)) ptr1++;
    while (ptr2 < b.length && same(b[ptr2]!)) ptr2++;
    // A segment of the other kind on b's side: numbers are newer than letters.
    if (ptr2 === two) return numeric ? 1 : -1;

    let sa = a.slice(one, ptr1);
    let sb = b.slice(two, ptr2);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      // More significant digits is the bigger number, however many digits (no overflow).
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    const rc = strcmp(sa, sb);
    if (rc !== 0) return rc;
    one = ptr1;
    two = ptr2;
  }
  if (one >= a.length && two >= b.length) return 0;
  // "We never want a remaining alpha string to beat an empty string."
  const c1 = a[one] ?? '';
  const c2 = b[two] ?? '';
  return (one >= a.length && !isAlpha(c2)) || isAlpha(c1) ? -1 : 1;
}

interface Evr {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

/** pacman's `parseEVR`: leading digits then `:` are the epoch, the last `-` starts the release */
function parseEvr(evr: string): Evr {
  let s = 0;
  while (s < evr.length && isDigit(evr[s]!)) s++;
  const hyphen = evr.lastIndexOf('-');
  const end = hyphen >= 0 ? hyphen : evr.length;
  const release = hyphen >= 0 ? evr.slice(hyphen + 1) : undefined;
  // A `-` inside the leading digits is impossible, so the release never swallows the epoch.
  if (evr[s] === ':') return { epoch: s === 0 ? '0' : evr.slice(0, s), version: evr.slice(s + 1, end), release };
  return { epoch: '0', version: evr.slice(0, end), release };
}

const PKGVER = /^[\x21-\x7e]+$/;

export const alpmScheme: VersionScheme = {
  name: 'alpm',
  isValid(version: string): boolean {
    const m = /^(?:([0-9]+):)?([^:/-]+)(?:-([0-9]+(?:\.[0-9]+)?))?$/.exec(version);
    return m !== null && PKGVER.test(m[2]!);
  },
  compare(a: string, b: string): number {
    if (a === b) return 0;
    const x = parseEvr(a);
    const y = parseEvr(b);
    const byVersion = rpmvercmp(x.epoch, y.epoch) || rpmvercmp(x.version, y.version);
    if (byVersion !== 0 || x.release === undefined || y.release === undefined) return byVersion;
    return rpmvercmp(x.release, y.release);
  },
};
