import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * Debian package versions, `[epoch:]upstream_version[-debian_revision]` (Policy §5.6.12), ordered
 * exactly as `dpkg --compare-versions` orders them (dpkg's `parseversion` and `verrevcmp`).
 *
 * Strings dpkg refuses outright (empty epoch, non-numeric or too-big epoch, nothing after the
 * colon, empty revision, empty upstream, embedded whitespace) sort before every other string, and
 * among themselves by UTF-16 code units, so ranges over dirty data stay deterministic.
 * Strings dpkg only warns about (upstream not starting with a digit, characters outside the
 * allowed set) are compared as dpkg compares them, but `isValid` rejects them.
 * The empty string (and dpkg's `<unknown>`) is the blank version: equal to itself, below every
 * version dpkg parses, above the refused ones.
 */

interface DebianVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

type Parsed = { readonly ok: true; readonly version: DebianVersion; readonly clean: boolean } | { readonly ok: false };

// dpkg stores the epoch in an int and refuses anything larger.
const MAX_EPOCH = 2_147_483_647;
// dpkg trims with C isspace() in the "C" locale: space, \t, \n, \v, \f, \r.
const SPACE = /[ \t\n\v\f\r]/;

function parse(input: string): Parsed {
  let start = 0;
  while (start < input.length && SPACE.test(input[start]!)) start++;
  let end = start;
  while (end < input.length && !SPACE.test(input[end]!)) end++;
  for (let i = end; i < input.length; i++) if (!SPACE.test(input[i]!)) return { ok: false };
  const text = input.slice(start, end);
  if (text === '') return { ok: false };

  let epoch = 0;
  let signedEpoch = false;
  let rest = text;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const digits = text.slice(0, colon);
    // dpkg reads the epoch with strtol, so a sign is accepted (`+1:`, `-0:`) but a negative value is not.
    if (!/^[+-]?[0-9]+$/.test(digits)) return { ok: false };
    epoch = Number(digits);
    if (epoch < 0 || epoch > MAX_EPOCH) return { ok: false };
    if (digits.startsWith('-') || digits.startsWith('+')) signedEpoch = true;
    rest = text.slice(colon + 1);
    if (rest === '') return { ok: false };
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen >= 0) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (revision === '') return { ok: false };
  }
  if (upstream === '') return { ok: false };
  // Policy's epoch is an unsigned integer: a sign is something only strtol forgives.
  const clean = !signedEpoch && /^[0-9][A-Za-z0-9.+~:-]*$/.test(upstream) && /^[A-Za-z0-9.+~]*$/.test(revision);
  return { ok: true, version: { epoch, upstream, revision }, clean };
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * dpkg's `order()`: `~` below the end of the string, the end (and digits) at 0, letters by their
 * code, everything else after all letters. dpkg reads bytes as signed `char`, so a non-ASCII byte b
 * ends up as (b - 256) + 256 = b: between letters and ASCII punctuation. 0 means end of string.
 */
function order(c: number): number {
  if (c === 0 || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 0x7e) return -1;
  if (c >= 0x80) return c;
  return c + 256;
}

const encoder = new TextEncoder();

/** dpkg's `verrevcmp` over the UTF-8 bytes dpkg would see; a missing byte reads as 0 (NUL). */
function verrevcmp(a: Uint8Array, b: Uint8Array): number {
  const aLength = a.length;
  const bLength = b.length;
  let i = 0;
  let j = 0;
  while (i < aLength || j < bLength) {
    while ((i < aLength && !isDigit(a[i]!)) || (j < bLength && !isDigit(b[j]!))) {
      const ac = order(i < aLength ? a[i]! : 0);
      const bc = order(j < bLength ? b[j]! : 0);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (i < aLength && a[i] === 0x30) i++;
    while (j < bLength && b[j] === 0x30) j++;
    let firstDiff = 0;
    while (i < aLength && j < bLength && isDigit(a[i]!) && isDigit(b[j]!)) {
      if (firstDiff === 0) firstDiff = a[i]! - b[j]!;
      i++;
      j++;
    }
    if (i < aLength && isDigit(a[i]!)) return 1;
    if (j < bLength && isDigit(b[j]!)) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/** A version as compared: its parts as the bytes dpkg sees, encoded once. */
interface Encoded {
  readonly epoch: number;
  readonly upstream: Uint8Array;
  readonly revision: Uint8Array;
}

function compareParsed(a: Encoded, b: Encoded): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

// refused < blank < parsed, so the three kinds never interleave and the order stays total.
const REFUSED = 0;
const BLANK = 1;
const PARSED = 2;

interface Compared {
  readonly rank: typeof REFUSED | typeof BLANK | typeof PARSED;
  /** set when rank is PARSED */
  readonly version: Encoded | undefined;
  /** what isValid says: dpkg parses it without a warning */
  readonly valid: boolean;
}

/**
 * How dpkg --compare-versions sees an argument: `''` and `<unknown>` are the blank version, which
 * it puts below every informative version (its `if_none_a` rule) without parsing; otherwise the
 * parsed version, or refused when dpkg would refuse the string. Computed once per string.
 */
function asCompared(v: string): Compared {
  const parsed = parse(v);
  const valid = parsed.ok && parsed.clean;
  if (v === '' || v === '<unknown>') return { rank: BLANK, version: undefined, valid };
  if (!parsed.ok) return { rank: REFUSED, version: undefined, valid };
  const { epoch, upstream, revision } = parsed.version;
  return { rank: PARSED, version: { epoch, upstream: encoder.encode(upstream), revision: encoder.encode(revision) }, valid };
}

const comparedOf = memoParse(asCompared);

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

export const debianScheme: VersionScheme = {
  name: 'deb',
  isValid: (version) => comparedOf(version)!.valid,
  compare(a: string, b: string): number {
    const pa = comparedOf(a)!;
    const pb = comparedOf(b)!;
    if (pa.rank !== pb.rank) return pa.rank < pb.rank ? -1 : 1;
    if (pa.rank === PARSED) return sign(compareParsed(pa.version!, pb.version!));
    if (pa.rank === BLANK) return 0;
    return a < b ? -1 : a > b ? 1 : 0;
  },
};
