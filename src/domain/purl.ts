import { PackageURL } from 'packageurl-js';

export type PurlResult = { ok: true; purl: string } | { ok: false; error: string };

/**
 * Parses a package URL and re-serializes it in canonical form (type rules from packageurl-js:
 * lowercased names where the type is case-insensitive, sorted qualifiers, percent-encoding).
 * PyPI names additionally get full PEP 503 normalization (`.` too), because that is the
 * identity PyPI itself and OSV databases use: `pkg:pypi/jw.util` and `pkg:pypi/jw-util` must match.
 */
export function normalizePurl(s: string): PurlResult {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(s.trim());
  } catch (err) {
    return { ok: false, error: describeError(s, err) };
  }
  if (purl.type === 'pypi') purl.name = pep503(purl.name);
  return { ok: true, purl: purl.toString() };
}

/** The canonical purl with its version removed (qualifiers and subpath kept); null if not a valid purl. */
export function withoutVersion(s: string): string | null {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(s.trim());
  } catch {
    return null;
  }
  if (purl.type === 'pypi') purl.name = pep503(purl.name);
  purl.version = undefined;
  return purl.toString();
}

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
  const build = BUILDERS[base];
  if (!build) return null;
  const parts = build(name, release);
  if (!parts) return null;
  try {
    return new PackageURL(parts.type, parts.namespace ?? null, parts.name, null, parts.qualifiers ?? null, null).toString();
  } catch {
    return null;
  }
}

interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  qualifiers?: Record<string, string>;
}

type Builder = (name: string, release: string) => PurlParts | null;

const plain = (type: string): Builder => (name) => ({ type, name });

/** Splits `a/b/c` into namespace `a/b` and name `c`; a name without `/` has no namespace. */
function splitLast(type: string, path: string): PurlParts | null {
  const i = path.lastIndexOf('/');
  if (i === -1) return { type, name: path };
  const namespace = path.slice(0, i);
  const name = path.slice(i + 1);
  return name && namespace ? { type, namespace, name } : null;
}

function distro(type: string, vendor: string, qualifier: (release: string) => string | null): Builder {
  return (name, release) => {
    const value = release ? qualifier(release) : null;
    return { type, namespace: vendor, name, ...(value ? { qualifiers: { distro: value } } : {}) };
  };
}

const BUILDERS: Record<string, Builder> = {
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
  // Syft and Trivy write `distro=debian-12` / `ubuntu-22.04`; OSV's Ubuntu releases read like `22.04:LTS` or `Pro:18.04:LTS`.
  Debian: distro('deb', 'debian', (r) => `debian-${r}`),
  Ubuntu: distro('deb', 'ubuntu', (r) => {
    const version = /\d+\.\d+/.exec(r);
    return version ? `ubuntu-${version[0]}` : null;
  }),
  Alpine: distro('apk', 'alpine', (r) => r),
};

/** PEP 503: runs of `-`, `_` and `.` are one separator, and names are case-insensitive. */
function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function describeError(input: string, err: unknown): string {
  // The library's own failures are named 'Error' and read well; anything else is an accident inside it
  // (2.0.1 throws a ReferenceError for a golang `v` version that is not semver, URIError for a bad escape).
  if (err instanceof Error && err.name === 'Error') return err.message;
  return `Invalid purl: '${input}' is not a valid package URL`;
}
