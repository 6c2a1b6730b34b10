import { PURL_TYPES } from './purl-types.js';

/** The decoded components of a package URL (ECMA-427); absent components are null. */
export interface PurlComponents {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  qualifiers: Record<string, string> | null;
  subpath: string | null;
}

/** Components as a caller supplies them to build a purl; anything may be missing. */
export interface PurlInput {
  type?: string | null;
  namespace?: string | null;
  name?: string | null;
  version?: string | null;
  qualifiers?: Readonly<Record<string, string>> | null;
  subpath?: string | null;
}

export type PurlParseResult = { ok: true; purl: PurlComponents } | { ok: false; error: string };
export type PurlBuildResult = { ok: true; purl: string } | { ok: false; error: string };

export interface ParseOptions {
  /**
   * `strict` rejects what the specification calls invalid (uppercase qualifier keys); `lenient`
   * (the default) repairs it the way the specification's "recommended" tests do, because SBOM
   * tools in the wild write `?Arch=i386` and we would rather match than drop those packages.
   */
  mode?: 'strict' | 'lenient';
}

class PurlError extends Error {
  override readonly name = 'PurlError';
}

const TYPE_RE = /^[a-zA-Z][a-zA-Z0-9.+-]*$/;
const KEY_RE = /^[a-zA-Z._-][a-zA-Z0-9._-]*$/;

/** Parses a purl string into canonical (type-normalized) components. */
export function parsePurl(input: string, options: ParseOptions = {}): PurlParseResult {
  try {
    return { ok: true, purl: parseOrThrow(input, options.mode ?? 'lenient') };
  } catch (err) {
    return { ok: false, error: err instanceof PurlError ? `Invalid purl '${input}': ${err.message}` : `Invalid purl: '${input}' is not a valid package URL` };
  }
}

/** Builds the canonical purl string from components, validating them like a parsed purl. */
export function buildPurl(input: PurlInput, options: ParseOptions = {}): PurlBuildResult {
  try {
    if (!input.type) throw new PurlError('a type is required');
    if (!TYPE_RE.test(input.type)) throw new PurlError(`type '${input.type}' has characters outside [a-zA-Z0-9.+-] or starts with a digit`);
    const qualifiers: Record<string, string> = {};
    for (const [key, value] of Object.entries(input.qualifiers ?? {})) {
      if (!KEY_RE.test(key)) throw new PurlError(`qualifier key '${key}' is not valid`);
      if (value !== '') qualifiers[key.toLowerCase()] = value;
    }
    const namespace = input.namespace ? segments(input.namespace).join('/') : null;
    const subpath = input.subpath ? subpathSegments(input.subpath).join('/') : null;
    const purl = normalizeComponents(options.mode ?? 'lenient', {
      type: input.type.toLowerCase(),
      namespace: namespace || null,
      name: input.name ?? '',
      version: input.version || null,
      qualifiers: sortedOrNull(qualifiers),
      subpath: subpath || null,
    });
    return { ok: true, purl: formatPurl(purl) };
  } catch (err) {
    return { ok: false, error: err instanceof PurlError ? `Invalid purl components: ${err.message}` : 'Invalid purl components' };
  }
}

/** Serializes components that came from parsePurl (or are otherwise known canonical). */
export function formatPurl(p: PurlComponents): string {
  let s = `pkg:${p.type}/`;
  if (p.namespace) s += p.namespace.split('/').map(encode).join('/') + '/';
  s += p.name.split('/').map(encode).join('/');
  if (p.version) s += '@' + encode(p.version);
  const keys = Object.keys(p.qualifiers ?? {}).sort();
  if (p.qualifiers && keys.length > 0) s += '?' + keys.map((k) => `${k}=${encode(p.qualifiers?.[k] ?? '')}`).join('&');
  if (p.subpath) s += '#' + p.subpath.split('/').map(encode).join('/');
  return s;
}

/** The specification's parsing algorithm: peel subpath, qualifiers, scheme, type, version, name, namespace in that order. */
function parseOrThrow(input: string, mode: 'strict' | 'lenient'): PurlComponents {
  let rest = input;
  let subpath: string | null = null;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    subpath = subpathSegments(rest.slice(hash + 1)).map(decode).map(checkSegment).join('/') || null;
    rest = rest.slice(0, hash);
  }

  let qualifiers: Record<string, string> | null = null;
  const question = rest.indexOf('?');
  if (question !== -1) {
    qualifiers = parseQualifiers(rest.slice(question + 1), mode);
    rest = rest.slice(0, question);
  }

  const colon = rest.indexOf(':');
  if (colon === -1 || rest.slice(0, colon).toLowerCase() !== 'pkg') throw new PurlError("the scheme must be 'pkg:'");
  if (mode === 'strict' && rest.slice(0, colon) !== 'pkg') throw new PurlError("the scheme must be lowercase 'pkg'");
  // `pkg://type/...` and `pkg:/type/...` are tolerated by the specification: the slashes carry no meaning.
  rest = rest.slice(colon + 1).replace(/^\/+/, '');

  const slash = rest.indexOf('/');
  const type = slash === -1 ? rest : rest.slice(0, slash);
  if (!TYPE_RE.test(type)) throw new PurlError(`type '${type}' has characters outside [a-zA-Z0-9.+-] or starts with a digit`);
  rest = slash === -1 ? '' : rest.slice(slash + 1);

  // The version follows the last '@' of the last segment: an npm scope's '@' is not a version separator.
  let version: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at > rest.lastIndexOf('/')) {
    version = decode(rest.slice(at + 1)) || null;
    rest = rest.slice(0, at);
  }

  // A trailing '/' leaves an empty name, which is an error rather than something to repair.
  const parts = rest.split('/').filter((p, i, all) => p !== '' || i === all.length - 1);
  // A git purl's namespace is only the host; the repository path (`owner/repo`) is its name.
  const nameParts = type.toLowerCase() === 'git' && parts.length > 1 ? parts.splice(1) : [parts.pop() ?? ''];
  const name = nameParts.map(decode).map(checkSegment).join('/');
  const namespace = parts.map(decode).map(checkSegment).join('/') || null;

  return normalizeComponents(mode, { type: type.toLowerCase(), namespace, name, version, qualifiers, subpath });
}

function parseQualifiers(query: string, mode: 'strict' | 'lenient'): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    if (!KEY_RE.test(rawKey)) throw new PurlError(`qualifier key '${rawKey}' is not valid`);
    if (mode === 'strict' && rawKey !== rawKey.toLowerCase()) throw new PurlError(`qualifier key '${rawKey}' must be lowercase`);
    const key = rawKey.toLowerCase();
    if (Object.hasOwn(out, key)) throw new PurlError(`qualifier key '${key}' appears twice`);
    // An empty value means the qualifier is absent.
    if (value !== '') out[key] = value;
  }
  return sortedOrNull(out);
}

/** Qualifiers are kept in key order, the order the canonical form writes them in. */
function sortedOrNull(qualifiers: Record<string, string>): Record<string, string> | null {
  const keys = Object.keys(qualifiers).sort();
  return keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, qualifiers[k] ?? ''])) : null;
}

/** Applies the type's rules: required and prohibited components, case folding, name conventions. */
function normalizeComponents(mode: 'strict' | 'lenient', p: PurlComponents): PurlComponents {
  const rule = PURL_TYPES[p.type];
  let { namespace, name, version } = p;
  if (!name) throw new PurlError('a name is required');
  if (name.includes('/') && p.type !== 'git') throw new PurlError("the name must not contain '/'");
  if (rule) {
    if (rule.namespace === 'required' && !namespace && !(mode === 'lenient' && namespaceless(p.type, name))) throw new PurlError(`type '${p.type}' requires a namespace`);
    if (rule.namespace === 'prohibited' && namespace) throw new PurlError(`type '${p.type}' has no namespace`);
    if (rule.namespaceLower && namespace) namespace = namespace.toLowerCase();
    if (rule.nameLower) name = name.toLowerCase();
    if (rule.versionLower && version) version = version.toLowerCase();
    if (rule.namePattern && !rule.namePattern.test(name)) throw new PurlError(`'${name}' is not a valid ${p.type} name`);
    if (rule.versionPattern && version && !rule.versionPattern.test(version)) throw new PurlError(`'${version}' is not a valid ${p.type} version`);
    for (const key of rule.requiredQualifiers ?? []) {
      if (!p.qualifiers?.[key]) throw new PurlError(`type '${p.type}' requires the '${key}' qualifier`);
    }
  }
  ({ name, version } = TYPE_SPECIFIC[p.type]?.(name, version, p.qualifiers, namespace) ?? { name, version });
  return { ...p, namespace, name, version };
}

/**
 * A Go module path can be a single element: the standard library and toolchain (`stdlib`,
 * `toolchain`) and vanity domains (`tailscale.com`). SBOM tools (Syft) and OSV tooling write those
 * as `pkg:golang/tailscale.com`; refusing them for want of a namespace would drop real components.
 */
function namespaceless(type: string, name: string): boolean {
  return type === 'golang' && name !== '';
}

type Special = (name: string, version: string | null, qualifiers: Record<string, string> | null, namespace: string | null) => { name: string; version: string | null };

/** Rules the type definitions state only in prose. */
const TYPE_SPECIFIC: Record<string, Special> = {
  // "shall be lowercased and underscore _ replaced with a dash -".
  pypi: (name, version) => ({ name: name.replace(/_/g, '-'), version }),
  // CPAN distribution names use '-'; 'A::B' is a module name, which the specification rejects.
  cpan: (name, version) => {
    if (name.includes('::')) throw new PurlError(`'${name}' is a Perl module name, not a CPAN distribution name`);
    return { name, version };
  },
  // GitHub owner and repository names are case-insensitive (the github type lowercases them too).
  git: (name, version, _qualifiers, namespace) => ({ name: namespace === 'github' || namespace === 'github.com' ? name.toLowerCase() : name, version }),
  // Databricks model names are case-insensitive; Azure ML ones are not, so the repository decides.
  mlflow: (name, version, qualifiers) => ({
    name: qualifiers?.repository_url?.includes('azuredatabricks.net') ? name.toLowerCase() : name,
    version,
  }),
};

/** Percent-encodes all but the unreserved characters and ':', which the specification leaves readable. */
function encode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%3A/gi, ':');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new PurlError(`'${s}' has a malformed percent-encoding`);
  }
}

function segments(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

/** Subpath segments that are empty, '.' or '..' are discarded, so a subpath can never escape its package. */
function subpathSegments(path: string): string[] {
  return segments(path).filter((p) => p !== '.' && p !== '..');
}

function checkSegment(segment: string): string {
  if (segment.includes('/')) throw new PurlError(`segment '${segment}' must not contain an encoded '/'`);
  return segment;
}
