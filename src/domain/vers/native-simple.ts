import type { Comparator, Constraint } from './types.js';

const OPS = /^(>=|<=|!=|==|=|>|<)?(.+)$/;

/**
 * Plain comparator lists: `||` for OR, spaces or commas for AND, `>= 1.0` with a space allowed.
 * This is Go's only range notation (module versions keep their `v`), and the core of Conan's.
 */
export function comparatorList(native: string, rewrite: (op: string, version: string) => Constraint[] | string = plain): Constraint[] | string {
  const out: Constraint[] = [];
  for (const alt of native.split('||')) {
    const tokens = alt.replace(/(>=|<=|!=|==|=|>|<|\^|~)\s+/g, '$1').split(/[\s,]+/).filter((t) => t !== '');
    for (const token of tokens) {
      const m = OPS.exec(token.replace(/^[~^]/, ''));
      const r = rewrite(/^[~^]/.test(token) ? (token[0] as string) : (m?.[1] ?? ''), m?.[2] ?? token);
      if (typeof r === 'string') return r;
      out.push(...r);
    }
  }
  return out;
}

function plain(op: string, version: string): Constraint[] | string {
  if (op === '~' || op === '^') return `"${op}" is not a comparator here`;
  return [{ comparator: op === '' || op === '==' ? '=' : (op as Comparator), version }];
}

function bump(parts: string[], index: number): string {
  return [...parts.slice(0, index), String(Number(parts[index]) + 1)].join('.');
}

/**
 * Conan ranges: comparator lists plus `^` and `~`, whose upper bounds end in `-` (Conan's
 * "lowest prerelease", so `<2-` excludes 2.0's prereleases), `*` as `>=0.0.0`, a trailing `-` on a
 * lower bound (include prereleases) dropped, and `, include_prerelease=True`-style options ignored.
 */
export function conanToConstraints(native: string): Constraint[] | string {
  const [range = ''] = native.split(/,\s*[a-z_]+\s*=/i);
  return comparatorList(range, (op, raw) => {
    const version = raw.replace(/-$/, '');
    if (version === '*') return [{ comparator: '>=', version: '0.0.0' }];
    const parts = version.split('-')[0]?.split('.') ?? [];
    if (op === '^') {
      const nonZero = parts.findIndex((p) => p !== '0');
      return [{ comparator: '>=', version }, { comparator: '<', version: `${bump(parts, nonZero < 0 ? parts.length - 1 : nonZero)}-` }];
    }
    if (op === '~') return [{ comparator: '>=', version }, { comparator: '<', version: `${bump(parts, parts.length > 1 ? 1 : 0)}-` }];
    return plain(op, version);
  });
}

/** OpenSSL advisories list affected releases: `3.0.0, 1.0.1b`. */
export function opensslToConstraints(native: string): Constraint[] {
  return native.split(',').map((v) => v.trim()).filter((v) => v !== '').map((version) => ({ comparator: '=', version }));
}

/**
 * nginx advisories: `0.7.52-0.8.39`, `1.5.0+, 1.4.1+`, `0.9.10`. `X+` means "X and later on its
 * branch": on a stable branch (even minor) that ends before the next minor; on mainline (odd
 * minor) it is open-ended.
 */
export function nginxToConstraints(native: string): Constraint[] | string {
  const out: Constraint[] = [];
  for (const part of native.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const span = /^([\d.]+)-([\d.]+)$/.exec(part);
    const plus = /^(\d+)\.(\d+)\.(\d+)\+$/.exec(part);
    if (span) out.push({ comparator: '>=', version: span[1] ?? '' }, { comparator: '<=', version: span[2] ?? '' });
    else if (plus) {
      const [, major = '', minor = ''] = plus;
      out.push({ comparator: '>=', version: part.slice(0, -1) });
      if (Number(minor) % 2 === 0) out.push({ comparator: '<', version: `${major}.${Number(minor) + 1}.0` });
    } else if (/^[\d.]+$/.test(part)) out.push({ comparator: '=', version: part });
    else return `invalid nginx range "${part}"`;
  }
  return out;
}
