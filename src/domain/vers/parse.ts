import { decodeVersion } from './encoding.js';
import type { Comparator, Constraint, VersResult } from './types.js';

// Longest first so `<=` is not read as `<` followed by a version starting with `=`.
const OPERATORS: readonly Comparator[] = ['>=', '<=', '!=', '<', '>', '='];

/**
 * Parses `vers:<scheme>/<constraints>` leniently, as the spec's parsing rules say: spaces and
 * tabs are removed, the `vers` prefix and scheme are lower-cased, leading, trailing and repeated
 * `|` are ignored, a bare version means `=`. The constraints are returned as written (not sorted
 * or checked against each other); `normalize` in canonical.ts does that, and `parseCanonicalVers`
 * accepts only strings already in canonical form.
 */
export function parseVers(input: string): VersResult {
  const s = input.replace(/[ \t]/g, '');
  const colon = s.indexOf(':');
  if (colon < 0 || s.slice(0, colon).toLowerCase() !== 'vers') return { ok: false, error: 'a vers starts with "vers:"' };
  const rest = s.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash < 0) return { ok: false, error: 'a vers has a "/" between its scheme and its constraints' };
  const scheme = rest.slice(0, slash).toLowerCase();
  if (!/^[a-z0-9][a-z0-9.+-]*$/.test(scheme)) return { ok: false, error: `invalid versioning scheme "${scheme}"` };
  const parts = rest.slice(slash + 1).split('|').filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'a vers has at least one constraint' };
  const constraints: Constraint[] = [];
  for (const part of parts) {
    if (part === '*') {
      constraints.push({ comparator: '*', version: '' });
      continue;
    }
    const op = OPERATORS.find((o) => part.startsWith(o));
    const raw = op ? part.slice(op.length) : part;
    if (raw === '') return { ok: false, error: `constraint "${part}" has no version` };
    const version = decodeVersion(raw);
    if (version === undefined) return { ok: false, error: `invalid percent-encoding in version "${raw}"` };
    constraints.push({ comparator: op ?? '=', version });
  }
  if (constraints.length > 1 && constraints.some((c) => c.comparator === '*')) {
    return { ok: false, error: '"*" must be the only constraint' };
  }
  return { ok: true, vers: { scheme, constraints } };
}
