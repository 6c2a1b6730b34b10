/**
 * The identity a component and an advisory are joined on: the purl without version, qualifiers
 * or subpath, plus the `distro` qualifier for OS packages (one source package in two releases is
 * two packages). Both sides arrive as canonical purls (domain/purl.ts), so this is string work —
 * done for every component of every SBOM, hence index arithmetic rather than a full parse.
 */
export interface PurlParts {
  key: string;
  /** percent-decoded, or null when the purl has none */
  version: string | null;
}

const isOsPackage = (purl: string): boolean => purl.startsWith('pkg:deb/') || purl.startsWith('pkg:apk/') || purl.startsWith('pkg:rpm/');

export function purlParts(purl: string): PurlParts {
  const hash = purl.indexOf('#');
  const head = hash === -1 ? purl.length : hash;
  let q = purl.indexOf('?');
  if (q > head) q = -1;
  const end = q === -1 ? head : q;
  const at = purl.lastIndexOf('@', end - 1);
  // An '@' before the last '/' belongs to the namespace (npm scopes are encoded as %40, but be safe).
  const hasVersion = at !== -1 && at > purl.lastIndexOf('/', end - 1);
  let key = purl.slice(0, hasVersion ? at : end);
  if (q !== -1 && isOsPackage(purl)) {
    const distro = /(?:^|&)distro=([^&]*)/.exec(purl.slice(q + 1, head))?.[1];
    if (distro) key = `${key}?distro=${distro}`;
  }
  return { key, version: hasVersion ? decoded(purl.slice(at + 1, end)) : null };
}

function decoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const matchKey = (purl: string): string => purlParts(purl).key;

/** The version a purl carries, percent-decoded, or null. */
export const purlVersion = (purl: string): string | null => purlParts(purl).version;
