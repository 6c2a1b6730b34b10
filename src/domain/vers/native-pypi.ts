import type { Comparator, Constraint } from './types.js';

const SPEC = /^(~=|===|==|!=|<=|>=|<|>)(.+)$/;

/** `1.4` → `1.5`: drop what follows `keep` release segments, then increment the last one kept. */
function bumpRelease(release: string[], keep: number): string {
  const kept = release.slice(0, keep);
  kept[keep - 1] = String(Number(kept[keep - 1]) + 1);
  return kept.join('.');
}

/**
 * PEP 440 specifier sets (`>=1.0,<2.0`, `~=`, `==1.*`, `!=`), comma meaning AND.
 *
 * `~=` and `==X.*` become exact bounds with `.dev0` (`~=1.4.5` → `>=1.4.5|<1.5.dev0`), because
 * PEP 440 defines them as prefix matches that take in the pre-releases of the prefix.
 * Gaps: an explicit `<V` excludes pre-releases of V in PEP 440 but not in vers (written as is,
 * matching the spec's own tests); `===` (arbitrary string equality) becomes `=`; local version
 * labels are kept and compared as the pypi scheme compares them; `!=X.*` is a union, expressible
 * only when it is the whole specifier.
 */
export function pypiToConstraints(native: string): Constraint[] | string {
  const specs = native.replace(/\s+/g, '').split(',').filter((s) => s !== '');
  if (specs.length === 0) return [{ comparator: '*', version: '' }];
  const out: Constraint[] = [];
  for (const spec of specs) {
    const m = SPEC.exec(spec);
    if (!m) return `invalid PEP 440 specifier "${spec}"`;
    const [, op = '', version = ''] = m;
    const wildcard = version.endsWith('.*');
    const release = (wildcard ? version.slice(0, -2) : version).replace(/^v/i, '').replace(/^\d+!/, '').split(/[^0-9.]/)[0]?.split('.') ?? [];
    if (wildcard) {
      if (op !== '==' && op !== '!=') return `"${spec}": a wildcard goes only with == and !=`;
      const prefix = version.slice(0, -2);
      const lower = `${prefix}.dev0`;
      const upper = `${bumpRelease(release, release.length)}.dev0`;
      if (op === '==') out.push({ comparator: '>=', version: lower }, { comparator: '<', version: upper });
      else if (specs.length === 1) out.push({ comparator: '<', version: lower }, { comparator: '>=', version: upper });
      else return `"${spec}" excludes an interval, which vers can express only on its own`;
    } else if (op === '~=') {
      if (release.length < 2) return `"${spec}": ~= needs at least two release segments`;
      out.push({ comparator: '>=', version }, { comparator: '<', version: `${bumpRelease(release, release.length - 1)}.dev0` });
    } else {
      const comparator: Comparator = op === '==' || op === '===' ? '=' : (op as Comparator);
      out.push({ comparator, version });
    }
  }
  return out;
}
