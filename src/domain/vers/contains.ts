import { schemeFor } from './schemes.js';
import type { Constraint, Vers } from './types.js';

const isGreater = (c: Constraint): boolean => c.comparator === '>' || c.comparator === '>=';
const isLesser = (c: Constraint): boolean => c.comparator === '<' || c.comparator === '<=';

/**
 * Whether `version` is in the range, by the spec's containment algorithm, ordering versions with
 * the vers' scheme (`generic` when AICC has no such scheme, see schemes.ts). The constraints are
 * sorted first, so a vers that is merely out of order still evaluates as written.
 *
 * One reading beyond the algorithm's text: a vers made only of `!=` constraints (`vers:pypi/!=1.0`)
 * contains every version it does not exclude; read literally it would contain nothing, which no
 * one writes on purpose.
 */
export function versContains(vers: Vers, version: string): boolean {
  const scheme = schemeFor(vers.scheme);
  const compare = (a: string, b: string): number => scheme.compare(a, b);
  const constraints = [...vers.constraints].sort((a, b) => compare(a.version, b.version));
  if (constraints.some((c) => c.comparator === '*')) return true;
  for (const c of constraints) {
    if (compare(version, c.version) !== 0) continue;
    if (c.comparator === '=' || c.comparator === '<=' || c.comparator === '>=') return true;
    if (c.comparator === '!=') return false;
  }
  const bounds = constraints.filter((c) => c.comparator !== '=' && c.comparator !== '!=');
  if (bounds.length === 0) return constraints.length > 0 && constraints.every((c) => c.comparator === '!=');
  const first = bounds[0] as Constraint;
  const last = bounds[bounds.length - 1] as Constraint;
  if (isLesser(first) && compare(version, first.version) < 0) return true;
  if (isGreater(last) && compare(version, last.version) > 0) return true;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [cur, next] = [bounds[i] as Constraint, bounds[i + 1] as Constraint];
    if (isGreater(cur) && isLesser(next) && compare(version, cur.version) > 0 && compare(version, next.version) < 0) return true;
  }
  return false;
}
