import { encodeVersion } from './encoding.js';
import { parseVers } from './parse.js';
import { schemeFor } from './schemes.js';
import type { Constraint, Vers, VersResult } from './types.js';

/** The vers string: constraints in the given order, `=` left implicit, versions percent-encoded. */
export function toString(vers: Vers): string {
  const parts = vers.constraints.map((c) => (c.comparator === '*' ? '*' : `${c.comparator === '=' ? '' : c.comparator}${encodeVersion(c.version)}`));
  return `vers:${vers.scheme}/${parts.join('|')}`;
}

/** Constraints ordered by version with the scheme's comparison; a stable sort, so ties keep their order. */
export function sortConstraints(vers: Vers): Vers {
  const scheme = schemeFor(vers.scheme);
  const compare = (a: string, b: string): number => scheme.compare(a, b);
  return { scheme: vers.scheme, constraints: [...vers.constraints].sort((a, b) => compare(a.version, b.version)) };
}

const isGreater = (c: Constraint): boolean => c.comparator === '>' || c.comparator === '>=';
const isLesser = (c: Constraint): boolean => c.comparator === '<' || c.comparator === '<=';

/**
 * The canonical form: sorted by version, identical constraints merged, and checked against the
 * spec's rules — `*` stands alone; each version appears once; ignoring `!=`, an `=` is followed
 * only by `=`, `>` or `>=`; ignoring `=` and `!=`, greater (`>`, `>=`) and lesser (`<`, `<=`)
 * comparators alternate. A vers breaking them is ambiguous or redundant, so it is rejected rather
 * than guessed at.
 */
export function normalize(vers: Vers): VersResult {
  const scheme = schemeFor(vers.scheme);
  const compare = (a: string, b: string): number => scheme.compare(a, b);
  if (vers.constraints.length === 0) return { ok: false, error: 'a vers has at least one constraint' };
  if (vers.constraints.some((c) => c.comparator === '*')) {
    return vers.constraints.length === 1 ? { ok: true, vers } : { ok: false, error: '"*" must be the only constraint' };
  }
  const sorted = sortConstraints(vers).constraints;
  const unique: Constraint[] = [];
  for (const c of sorted) {
    const prev = unique.at(-1);
    if (prev && compare(prev.version, c.version) === 0) {
      if (prev.comparator === c.comparator) continue;
      return { ok: false, error: `version ${c.version} appears in more than one constraint` };
    }
    unique.push(c);
  }
  const withoutNot = unique.filter((c) => c.comparator !== '!=');
  for (let i = 0; i + 1 < withoutNot.length; i++) {
    const [cur, next] = [withoutNot[i] as Constraint, withoutNot[i + 1] as Constraint];
    if (cur.comparator === '=' && isLesser(next)) {
      return { ok: false, error: `"=${cur.version}" cannot be followed by "${next.comparator}${next.version}"` };
    }
  }
  const bounds = withoutNot.filter((c) => c.comparator !== '=');
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [cur, next] = [bounds[i] as Constraint, bounds[i + 1] as Constraint];
    if (isGreater(cur) === isGreater(next)) {
      return { ok: false, error: `"${cur.comparator}${cur.version}" and "${next.comparator}${next.version}" do not alternate` };
    }
  }
  return { ok: true, vers: { scheme: vers.scheme, constraints: unique } };
}

/** Parses and normalizes in one step. */
export function parseAndNormalize(input: string): VersResult {
  const parsed = parseVers(input);
  return parsed.ok ? normalize(parsed.vers) : parsed;
}

/**
 * Accepts only a vers already in canonical form — no whitespace, no stray `|`, sorted, with
 * canonical percent-encoding — by checking that normalizing and printing gives the input back.
 */
export function parseCanonicalVers(input: string): VersResult {
  const result = parseAndNormalize(input);
  if (!result.ok) return result;
  const canonical = toString(result.vers);
  return canonical === input ? result : { ok: false, error: `not canonical: expected "${canonical}"` };
}
