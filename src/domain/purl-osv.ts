import { distroQualifier, distroRelease } from './purl-distro.js';
import { buildPurl, parsePurl } from './purl-spec.js';

/**
 * OSV ecosystem/name ↔ purl, both directions. The purl side is always canonical (spec form, PEP 503
 * PyPI names, canonical `distro`, see purl-distro.ts), so `purlForOsvPackage(osvPackageForPurl(p))`
 * gives `p` back for a versionless canonical purl with no other qualifiers.
 * Not round-tripping by design: `Ubuntu:Pro:18.04:LTS` (Pro and standard share the package
 * identity, so it comes back as `Ubuntu:18.04:LTS`) and PyPI names (they come back PEP 503-normalized).
 */

export interface OsvPackage {
  ecosystem: string;
  name: string;
}

interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  qualifiers?: Record<string, string>;
}

type Builder = (name: string, release: string) => PurlParts | null;

const plain =
  (type: string): Builder =>
  (name) => ({ type, name });

/** Splits `a/b/c` into namespace `a/b` and name `c`; a name without `/` has no namespace. */
function splitLast(type: string, path: string): PurlParts | null {
  const i = path.lastIndexOf('/');
  if (i === -1) return { type, name: path };
  const namespace = path.slice(0, i);
  const name = path.slice(i + 1);
  return name && namespace ? { type, namespace, name } : null;
}

function distro(type: string, vendor: string): Builder {
  return (name, release) => {
    const value = release ? distroQualifier(type, vendor, release) : null;
    // A release we cannot spell canonically is dropped rather than guessed: the package is still the package.
    return { type, namespace: vendor, name, ...(value ? { qualifiers: { distro: value } } : {}) };
  };
}

const BUILDERS: Readonly<Record<string, Builder>> = {
  Go: (name) => splitLast('golang', name),
  PyPI: (name) => ({ type: 'pypi', name: pep503(name) }),
  'crates.io': plain('cargo'),
  npm: (name) => (name.startsWith('@') ? splitLast('npm', name) : { type: 'npm', name }),
  Maven: (name) => {
    const [group, artifact, extra] = name.split(':');
    return group && artifact && extra === undefined ? { type: 'maven', namespace: group, name: artifact } : null;
  },
  RubyGems: plain('gem'),
  NuGet: plain('nuget'),
  Packagist: (name) => splitLast('composer', name),
  Hex: plain('hex'),
  Pub: plain('pub'),
  CRAN: plain('cran'),
  Hackage: plain('hackage'),
  Debian: distro('deb', 'debian'),
  // OSV's Ubuntu releases read like `22.04:LTS` or `Pro:18.04:LTS`; the YY.MM is the release.
  Ubuntu: (name, release) => distro('deb', 'ubuntu')(name, /\d{2}\.\d{2}/.exec(release)?.[0] ?? ''),
  Alpine: distro('apk', 'alpine'),
  AlmaLinux: distro('rpm', 'almalinux'),
  'Rocky Linux': distro('rpm', 'rocky'),
  Wolfi: (name) => ({ type: 'apk', namespace: 'wolfi', name }),
  Chainguard: (name) => ({ type: 'apk', namespace: 'chainguard', name }),
};

/** The OSV ecosystems purlForOsvPackage maps (release suffixes aside). */
export const MAPPED_OSV_ECOSYSTEMS: readonly string[] = Object.keys(BUILDERS);

/**
 * The versionless purl for an OSV ecosystem/name pair, or null where OSV's ecosystem has no
 * purl type. Distribution releases (`Debian:12`, `Alpine:v3.20`) become a `distro` qualifier so
 * one source package in two releases keeps two identities.
 */
export function purlForOsvPackage(ecosystem: string, name: string): string | null {
  if (!name) return null;
  const colon = ecosystem.indexOf(':');
  const base = colon === -1 ? ecosystem : ecosystem.slice(0, colon);
  const release = colon === -1 ? '' : ecosystem.slice(colon + 1);
  const parts = BUILDERS[base]?.(name, release);
  if (!parts) return null;
  const r = buildPurl({ ...parts, qualifiers: parts.qualifiers ?? null });
  return r.ok ? r.purl : null;
}

/**
 * The OSV ecosystem and package name for a purl (its version, subpath and other qualifiers are
 * ignored), or null when the purl is invalid or its type has no OSV ecosystem.
 */
export function osvPackageForPurl(purl: string): OsvPackage | null {
  const r = parsePurl(purl.trim());
  if (!r.ok) return null;
  const { type, namespace: ns, name } = r.purl;
  const path = ns ? `${ns}/${name}` : name;
  const release = (family: string): string => {
    const value = r.purl.qualifiers?.distro;
    const canonical = value ? distroRelease(type, ns, value) : null;
    return canonical ? `${family}:${canonical}` : family;
  };
  switch (type) {
    case 'npm':
      return { ecosystem: 'npm', name: path };
    case 'pypi':
      return { ecosystem: 'PyPI', name: pep503(name) };
    case 'golang':
      return { ecosystem: 'Go', name: path };
    case 'maven':
      return ns ? { ecosystem: 'Maven', name: `${ns}:${name}` } : null;
    case 'cargo':
      return { ecosystem: 'crates.io', name };
    case 'gem':
      return { ecosystem: 'RubyGems', name };
    case 'nuget':
      return { ecosystem: 'NuGet', name };
    case 'composer':
      return { ecosystem: 'Packagist', name: path };
    // A hex namespace is a private organization, which OSV's public Hex ecosystem does not cover.
    case 'hex':
      return ns ? null : { ecosystem: 'Hex', name };
    case 'pub':
      return { ecosystem: 'Pub', name };
    case 'cran':
      return { ecosystem: 'CRAN', name };
    case 'hackage':
      return { ecosystem: 'Hackage', name };
    case 'deb':
      if (ns === 'debian') return { ecosystem: release('Debian'), name };
      if (ns === 'ubuntu') return { ecosystem: ubuntuEcosystem(release('Ubuntu')), name };
      return null;
    case 'apk':
      if (ns === 'alpine') return { ecosystem: release('Alpine').replace(/^Alpine:(?=\d)/, 'Alpine:v'), name };
      if (ns === 'wolfi') return { ecosystem: 'Wolfi', name };
      if (ns === 'chainguard') return { ecosystem: 'Chainguard', name };
      return null;
    case 'rpm':
      if (ns === 'almalinux') return { ecosystem: release('AlmaLinux'), name };
      if (ns === 'rocky') return { ecosystem: release('Rocky Linux'), name };
      return null;
    default:
      return null;
  }
}

/** OSV marks Ubuntu LTS releases (April of even years) with a mandatory `:LTS` suffix. */
function ubuntuEcosystem(ecosystem: string): string {
  const m = /^Ubuntu:(\d{2})\.04$/.exec(ecosystem);
  return m && Number(m[1]) % 2 === 0 ? `${ecosystem}:LTS` : ecosystem;
}

/** PEP 503: runs of `-`, `_` and `.` are one separator, and names are case-insensitive. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
