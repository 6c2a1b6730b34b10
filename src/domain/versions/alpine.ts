import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * Alpine package versions, `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-rN}`, ordered as
 * apk-tools 3 orders them (src/version.c: token_next / token_cmp / apk_version_compare):
 * - the first number and `.`-separated numbers compare numerically, except that a `.` part with a
 *   leading zero compares as a string against the other side (`1.01` < `1.1`, `1.001` < `1.01`);
 * - one lowercase letter may follow the numbers (`1.2a` > `1.2`);
 * - `_alpha` < `_beta` < `_pre` < `_rc` < (no suffix) < `_cvs` < `_svn` < `_git` < `_hg` < `_p`,
 *   each optionally numbered, several allowed (`1.0_alpha_pre2` < `1.0_alpha`);
 * - `~hash` (lowercase hex) compares as text; `-rN` is the package revision.
 * At the first difference in token kind, a pre-release suffix loses to anything, otherwise the
 * version whose next token comes earlier in the grammar wins (more components is newer).
 *
 * Invalid strings: apk compares token by token and stops at the first token that breaks the grammar
 * (so everything after it is ignored); an invalid tail sorts below both the end of the string and
 * any valid continuation, and a string not starting with a digit sorts below every valid version.
 * Where apk calls two strings equal only because both broke the grammar at the same point, we order
 * them by their UTF-16 code units instead, so distinct dirty strings never compare as equal.
 */

const enum Token {
  InitialDigit,
  Digit,
  Letter,
  Suffix,
  SuffixNo,
  CommitHash,
  RevisionNo,
  End,
  Invalid,
}

// Suffix ranks: pre-releases below None (a plain release), post-releases above it.
const SUFFIX_NONE = 5;
const SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['alpha', 1],
  ['beta', 2],
  ['pre', 3],
  ['rc', 4],
  ['cvs', 6],
  ['svn', 7],
  ['git', 8],
  ['hg', 9],
  ['p', 10],
]);

interface State {
  token: Token;
  /** the token's text: digits without the `.`, the letter, the suffix word, the hash */
  value: string;
  suffix: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** a walk over one version string, one token at a time */
class Tokens {
  private pos = 0;
  readonly state: State = { token: Token.InitialDigit, value: '', suffix: 0 };

  constructor(private readonly text: string) {
    this.digits();
  }

  private span(accept: (c: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.text.length && accept(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private digits(): void {
    this.state.value = this.span((c) => isDigit(c));
    if (this.state.value === '') this.state.token = Token.Invalid;
  }

  private invalid(): void {
    this.state.token = Token.Invalid;
  }

  next(): void {
    const s = this.state;
    const c = this.text[this.pos];
    if (c === undefined) {
      s.token = Token.End;
      return;
    }
    if (c >= 'a' && c <= 'z') {
      if (s.token > Token.Digit) return this.invalid();
      s.value = c;
      s.token = Token.Letter;
      this.pos++;
    } else if (c === '.' || isDigit(c)) {
      if (c === '.') {
        if (s.token > Token.Digit) return this.invalid();
        this.pos++;
      }
      if (s.token === Token.InitialDigit || s.token === Token.Digit) s.token = Token.Digit;
      else if (s.token === Token.Suffix) s.token = Token.SuffixNo;
      else return this.invalid();
      this.digits();
    } else if (c === '_') {
      if (s.token > Token.SuffixNo) return this.invalid();
      this.pos++;
      s.value = this.span((ch) => ch >= 'a' && ch <= 'z');
      const rank = SUFFIXES.get(s.value);
      if (rank === undefined) return this.invalid();
      s.suffix = rank;
      s.token = Token.Suffix;
    } else if (c === '~') {
      if (s.token >= Token.CommitHash) return this.invalid();
      this.pos++;
      s.value = this.span((ch) => isDigit(ch) || (ch >= 'a' && ch <= 'f'));
      if (s.value === '') return this.invalid();
      s.token = Token.CommitHash;
    } else if (c === '-') {
      if (s.token >= Token.RevisionNo || this.text[this.pos + 1] !== 'r') return this.invalid();
      this.pos += 2;
      s.token = Token.RevisionNo;
      this.digits();
    } else {
      this.invalid();
    }
  }
}

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** One token as compared: the walk's state at that token, frozen. */
interface Step {
  readonly token: Token;
  readonly value: string;
  /** `value` without leading zeros, for numeric comparison */
  readonly digits: string;
  readonly suffix: number;
}

/** A version's tokens, ending with End or Invalid, walked once per string. */
interface Walk {
  readonly steps: readonly Step[];
}

function walk(version: string): Walk {
  const tokens = new Tokens(version);
  const s = tokens.state;
  const steps: Step[] = [];
  for (;;) {
    steps.push({ token: s.token, value: s.value, digits: s.value.replace(/^0+/, ''), suffix: s.suffix });
    if (s.token >= Token.End) return { steps };
    tokens.next();
  }
}

const walkOf = memoParse(walk);

/** digit strings as numbers of any size: fewer significant digits is smaller */
function numeric(a: Step, b: Step): number {
  return a.digits.length !== b.digits.length ? cmp(a.digits.length, b.digits.length) : cmp(a.digits, b.digits);
}

/** apk's token_cmp, for two tokens of the same kind */
function tokenCmp(a: Step, b: Step): number {
  switch (a.token) {
    case Token.Digit:
      // Gentoo's rule, as apk applies it: a leading zero makes the part a string.
      if (a.value.startsWith('0') || b.value.startsWith('0')) return cmp(a.value, b.value);
      return numeric(a, b);
    case Token.InitialDigit:
    case Token.SuffixNo:
    case Token.RevisionNo:
      return numeric(a, b);
    case Token.Suffix:
      return cmp(a.suffix, b.suffix);
    default:
      // letters and commit hashes: plain text (the letters are one character each).
      return cmp(a.value, b.value);
  }
}

function apkCompare(a: string, b: string): number {
  const ta = walkOf(a)!.steps;
  const tb = walkOf(b)!.steps;
  let k = 0;
  // Both walks end in End or Invalid, so k never runs past either.
  while (ta[k]!.token === tb[k]!.token && ta[k]!.token < Token.End) {
    const r = tokenCmp(ta[k]!, tb[k]!);
    if (r !== 0) return r;
    k++;
  }
  const sa = ta[k]!;
  const sb = tb[k]!;
  if (sa.token === sb.token) return sa.token === Token.Invalid ? cmp(a, b) : 0;
  if (sa.token === Token.Suffix && sa.suffix < SUFFIX_NONE) return -1;
  if (sb.token === Token.Suffix && sb.suffix < SUFFIX_NONE) return 1;
  return sa.token > sb.token ? -1 : 1;
}

export const alpineScheme: VersionScheme = {
  name: 'apk',
  isValid: (version) => walkOf(version)!.steps.at(-1)!.token === Token.End,
  compare: apkCompare,
};
