import type { Comparator, Constraint } from './types.js';

const REQ = /^(~>|>=|<=|!=|=|>|<)?\s*(\S+)$/;

/** RubyGems' `Version#bump`: drop prerelease parts, then the last part (if more than one), and increment. */
function bump(version: string): string {
  const parts = version.match(/[0-9]+|[A-Za-z]+/g) ?? [];
  while (parts.some((p) => /[A-Za-z]/.test(p))) parts.pop();
  if (parts.length > 1) parts.pop();
  parts[parts.length - 1] = String(Number(parts[parts.length - 1] ?? '0') + 1);
  return parts.join('.');
}

/** RubyGems requirements: `~> 2.0.8`, `>= 1.0`, comma lists meaning AND; a bare version means `=`. */
export function gemToConstraints(native: string): Constraint[] | string {
  const out: Constraint[] = [];
  for (const part of native.split(',').map((p) => p.trim())) {
    const m = REQ.exec(part);
    if (!m) return `invalid RubyGems requirement "${part}"`;
    const [, op = '=', version = ''] = m;
    if (op === '~>') out.push({ comparator: '>=', version }, { comparator: '<', version: bump(version) });
    else out.push({ comparator: op as Comparator, version });
  }
  return out;
}
