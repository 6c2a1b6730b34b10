/**
 * The identity a component and an advisory are joined on: the purl without version, qualifiers
 * or subpath, plus the `distro` qualifier for OS packages (one source package in two releases is
 * two packages). Both sides arrive as canonical purls (domain/purl.ts), so this is string work.
 */
const OS_TYPES = new Set(['deb', 'apk', 'rpm']);

export function matchKey(purl: string): string {
  const hash = purl.indexOf('#');
  const head = hash === -1 ? purl : purl.slice(0, hash);
  const q = head.indexOf('?');
  const path = q === -1 ? head : head.slice(0, q);
  const at = path.lastIndexOf('@');
  // An '@' before the last '/' belongs to the namespace (npm scopes are encoded as %40, but be safe).
  const base = at > path.lastIndexOf('/') ? path.slice(0, at) : path;
  if (q === -1 || !OS_TYPES.has(base.slice(4, base.indexOf('/')))) return base;
  const distro = /(?:^|&)distro=([^&]*)/.exec(head.slice(q + 1))?.[1];
  return distro ? `${base}?distro=${distro}` : base;
}

/** The version a purl carries, percent-decoded, or null. */
export function purlVersion(purl: string): string | null {
  const end = Math.min(...['?', '#'].map((c) => purl.indexOf(c)).filter((i) => i !== -1), purl.length);
  const path = purl.slice(0, end);
  const at = path.lastIndexOf('@');
  if (at === -1 || at < path.lastIndexOf('/')) return null;
  try {
    return decodeURIComponent(path.slice(at + 1));
  } catch {
    return path.slice(at + 1);
  }
}
