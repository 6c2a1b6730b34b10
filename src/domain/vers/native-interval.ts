import type { Constraint } from './types.js';

/**
 * Maven and NuGet interval notation: `[1.0,2.0)`, `(,1.0]`, `[1.2]`, `[1.0,)`, and for Maven
 * comma-separated unions `(,1.0],[1.2,)`. A bare version is Maven's soft requirement, which we
 * read as `=` (what a vulnerability record naming one version means), and NuGet's minimum, `>=`.
 */
export function intervalToConstraints(native: string, bare: '=' | '>=', allowUnion: boolean): Constraint[] | string {
  const s = native.replace(/\s+/g, '');
  if (s === '') return 'empty range';
  if (!/^[[(]/.test(s)) return /[[\](),]/.test(s) ? `invalid range "${native}"` : [{ comparator: bare, version: s }];
  const out: Constraint[] = [];
  const INTERVAL = /([[(])([^\][()]*)([\])])(,|$)/y;
  let count = 0;
  while (INTERVAL.lastIndex < s.length) {
    const m = INTERVAL.exec(s);
    if (!m) return `invalid range "${native}"`;
    const [, open = '', body = '', close = ''] = m;
    count++;
    const bounds = body.split(',');
    if (bounds.length === 1) {
      if (open !== '[' || close !== ']' || body === '') return `"${m[0]}": a single version needs [ ]`;
      out.push({ comparator: '=', version: body });
      continue;
    }
    const [lower = '', upper = ''] = bounds;
    if (bounds.length !== 2 || (lower === '' && upper === '')) return `invalid interval "${m[0]}"`;
    if (lower !== '') out.push({ comparator: open === '[' ? '>=' : '>', version: lower });
    if (upper !== '') out.push({ comparator: close === ']' ? '<=' : '<', version: upper });
  }
  if (count > 1 && !allowUnion) return 'NuGet ranges have a single interval';
  return out;
}
