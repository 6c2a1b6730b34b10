import { canonicalDistro } from './purl-distro.js';
import { pep503 } from './purl-osv.js';
import { formatPurl, parsePurl, type PurlComponents } from './purl-spec.js';

export { osvPackageForPurl, purlForOsvPackage, type OsvPackage } from './purl-osv.js';

export type PurlResult = { ok: true; purl: string } | { ok: false; error: string };

/**
 * Parses a package URL and re-serializes it in canonical form: the purl specification's rules
 * (purl-spec.ts: per-type case folding, sorted qualifiers, percent-encoding), parsed leniently so
 * that repairable input such as `?Arch=i386` is repaired rather than refused. On top of the
 * specification, two identity rules used for matching:
 * - PyPI names get full PEP 503 normalization (`.` too), the identity PyPI itself and OSV use:
 *   `pkg:pypi/jw.util` and `pkg:pypi/jw-util` must match.
 * - The `distro` qualifier of Debian, Ubuntu, Alpine, AlmaLinux and Rocky packages gets one
 *   spelling per release (purl-distro.ts): `distro=bookworm` and `distro=debian-12.4` become
 *   `distro=debian-12`, the form advisories carry.
 */
export function normalizePurl(s: string): PurlResult {
  const r = parsePurl(s.trim());
  return r.ok ? { ok: true, purl: formatPurl(canonical(r.purl)) } : r;
}

/** The canonical purl with its version removed (qualifiers and subpath kept); null if not a valid purl. */
export function withoutVersion(s: string): string | null {
  const r = parsePurl(s.trim());
  return r.ok ? formatPurl({ ...canonical(r.purl), version: null }) : null;
}

function canonical(p: PurlComponents): PurlComponents {
  const name = p.type === 'pypi' ? pep503(p.name) : p.name;
  const distro = p.qualifiers?.distro;
  const qualifiers = p.qualifiers && distro ? { ...p.qualifiers, distro: canonicalDistro(p.type, p.namespace, distro) } : p.qualifiers;
  return { ...p, name, qualifiers };
}
