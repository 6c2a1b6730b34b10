import type { Comparator, Constraint } from './types.js';

const OP = /^(>=|<=|<>|!=|==|=|>|<|\^|~)?(.*)$/;

/** The release numbers of `1.2.3-beta`, and the parts bumped at `index`, the rest zeroed, same length. */
function release(version: string): string[] {
  return (version.split(/[-+@]/)[0] ?? '').split('.');
}
function bumpAt(parts: string[], index: number): string {
  return parts.map((p, i) => (i < index ? p : i === index ? String(Number(p) + 1) : '0')).join('.');
}

function one(token: string): Constraint[] | string {
  const t = token.replace(/@[a-z]+$/i, '').replace(/^v(?=\d)/i, '');
  if (t === '*' || t === 'x') return [];
  const m = OP.exec(t);
  const [, op = '', raw = ''] = m ?? [];
  const version = raw.replace(/^v(?=\d)/i, '');
  if (version === '') return `invalid Composer constraint "${token}"`;
  const wild = /^(\d+(?:\.\d+)*)\.[*x]$/i.exec(version);
  if (wild) {
    if (op !== '' && op !== '=' && op !== '==') return `"${token}": wildcards take no operator`;
    const parts = (wild[1] ?? '').split('.');
    return [{ comparator: '>=', version: parts.join('.') }, { comparator: '<', version: bumpAt(parts, parts.length - 1) }];
  }
  const parts = release(version);
  if (op === '^') {
    const nonZero = parts.findIndex((p) => Number(p) !== 0);
    return [{ comparator: '>=', version }, { comparator: '<', version: bumpAt(parts, nonZero < 0 ? parts.length - 1 : nonZero) }];
  }
  if (op === '~') return [{ comparator: '>=', version }, { comparator: '<', version: bumpAt(parts, Math.max(0, parts.length - 2)) }];
  const comparator: Comparator = op === '' || op === '==' ? '=' : op === '<>' ? '!=' : (op as Comparator);
  return [{ comparator, version }];
}

/**
 * Composer constraints: `^`, `~`, `||` (or `|`) for OR, `,` or space for AND, `a - b` hyphen
 * ranges (a partial upper bound includes its whole prefix: `1.0 - 2.0` is `<2.1`), `1.0.*`.
 * Stability flags (`@dev`) are dropped: vers has no notion of minimum stability.
 * Gap: Composer's exclusive upper bounds are `<2.0.0.0-dev`, so `2.0.0-beta` is outside `^1.2`;
 * vers `<2.0.0` takes it in, as for npm.
 */
export function composerToConstraints(native: string): Constraint[] | string {
  const out: Constraint[] = [];
  for (const alt of native.trim().split(/\s*\|\|?\s*/)) {
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alt);
    if (hyphen) {
      const [, lower = '', upper = ''] = hyphen;
      const parts = release(upper);
      out.push({ comparator: '>=', version: lower });
      out.push(parts.length >= 3 ? { comparator: '<=', version: upper } : { comparator: '<', version: bumpAt(parts, parts.length - 1) });
      continue;
    }
    const tokens = alt.replace(/(>=|<=|<>|!=|==|=|>|<|\^|~)\s+/g, '$1').split(/\s*,\s*|\s+/).filter((t) => t !== '');
    const before = out.length;
    for (const token of tokens) {
      const r = one(token);
      if (typeof r === 'string') return r;
      out.push(...r);
    }
    if (out.length === before) return [{ comparator: '*', version: '' }];
  }
  return out;
}
