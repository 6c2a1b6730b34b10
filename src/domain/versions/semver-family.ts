/**
 * Shared parsing and precedence for the SemVer 2.0 family (Go, Cargo, Hex; npm and pub reuse only
 * the invalid-input order). Parsing splits on separators and checks each piece with anchored,
 * backtracking-free patterns, because versions come from untrusted advisories.
 */

/** A parsed version: core numbers as canonical digit strings (arbitrary size), prerelease identifiers. */
export interface SemVer {
  readonly core: readonly [string, string, string];
  readonly pre: readonly string[];
  readonly build: readonly string[];
}

export interface SemVerSyntax {
  /** Go requires a leading `v`; the SemVer 2.0 spec and Cargo/Elixir reject one */
  readonly vPrefix: 'required' | 'forbidden';
  /** Go's `vMAJOR` and `vMAJOR.MINOR` shorthands (no prerelease or build allowed on them) */
  readonly shortForms: boolean;
  /** Cargo stores major/minor/patch as u64 and rejects larger numbers; Go and Elixir do not limit them */
  readonly maxCore?: bigint;
}

const NUMBER = /^(?:0|[1-9][0-9]*)$/;
const DIGITS = /^[0-9]+$/;
const IDENT = /^[0-9A-Za-z-]+$/;

/** Parses per the SemVer 2.0 grammar with the ecosystem's variations; undefined when the tool rejects it. */
export function parseSemVer(text: string, syntax: SemVerSyntax): SemVer | undefined {
  let rest = text;
  if (syntax.vPrefix === 'required') {
    if (!rest.startsWith('v')) return undefined;
    rest = rest.slice(1);
  }
  const plus = rest.indexOf('+');
  const build = plus < 0 ? [] : rest.slice(plus + 1).split('.');
  if (plus >= 0) rest = rest.slice(0, plus);
  // the core holds only digits and dots, so the first hyphen starts the prerelease
  const dash = rest.indexOf('-');
  const pre = dash < 0 ? [] : rest.slice(dash + 1).split('.');
  const core = (dash < 0 ? rest : rest.slice(0, dash)).split('.');

  if (!core.every((n) => NUMBER.test(n))) return undefined;
  if (syntax.maxCore !== undefined && core.some((n) => BigInt(n) > syntax.maxCore!)) return undefined;
  if (!build.every((id) => IDENT.test(id))) return undefined;
  // numeric prerelease identifiers must not carry leading zeros (SemVer 2.0 item 9)
  if (!pre.every((id) => IDENT.test(id) && (!DIGITS.test(id) || NUMBER.test(id)))) return undefined;

  if (core.length === 3) return { core: [core[0]!, core[1]!, core[2]!], pre, build };
  if (!syntax.shortForms || pre.length > 0 || build.length > 0) return undefined;
  if (core.length === 2) return { core: [core[0]!, core[1]!, '0'], pre, build };
  if (core.length === 1) return { core: [core[0]!, '0', '0'], pre, build };
  return undefined;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares digit strings without leading zeros numerically, by length first, so any size works. */
export function compareDigits(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : cmp(a, b);
}

/** SemVer 2.0 precedence (item 11): core numerically, a release above its prereleases, build ignored. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(a.core[i]!, b.core[i]!);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    const xNum = DIGITS.test(x);
    const yNum = DIGITS.test(y);
    // numeric identifiers sort below alphanumeric ones; alphanumerics compare in ASCII order
    const c = xNum && yNum ? compareDigits(x, y) : xNum !== yNum ? (xNum ? -1 : 1) : cmp(x, y);
    if (c !== 0) return c;
  }
  return a.pre.length - b.pre.length;
}

/**
 * The order every scheme here gives strings its tool rejects, so ranges over dirty data still
 * evaluate deterministically: every invalid string sorts below every valid version (as Go's
 * `semver.Compare` does), and invalid strings order among themselves by UTF-16 code units
 * (Go calls them all equal; a strict order keeps sorting stable and distinct inputs distinct).
 */
export function compareOrInvalid<T>(a: string, b: string, parse: (text: string) => T | undefined, compareParsed: (x: T, y: T) => number): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa !== undefined && pb !== undefined) return compareParsed(pa, pb);
  if (pa !== undefined) return 1;
  if (pb !== undefined) return -1;
  return cmp(a, b);
}
