/**
 * Exact deduplication keys of a finding: strings two findings share only when they name the same
 * thing. Three kinds, in the order the index trusts them:
 *
 * - **fingerprint** — SARIF `partialFingerprints` and the like. A fingerprint value only means
 *   something inside the scheme that computed it, so keys are scoped:
 *   - names in {@link TOOL_INDEPENDENT_FINGERPRINTS} (`primaryLocationLineHash`) are computed from
 *     the source text by a published algorithm (GitHub's upload step computes it for any tool),
 *     so the key is name + value + target + file, **not** the tool. The value is a hash of one
 *     line's text (plus its occurrence number in the file), so it is scoped by target and file:
 *     the same `}` line in two repositories is not the same bug.
 *   - every other name is the tool's own scheme: key = tool (lowercased, no version) + name +
 *     value + target. Two reporters running the same tool on the same target still meet.
 *   - names in {@link WEAK_FINGERPRINTS} and values shorter than 8 characters are ignored: they
 *     are partial by design (`primaryLocationStartColumnFingerprint` is a column number).
 * - **alias** — CVE, GHSA, OSV ids…: uppercased, global (an id names one vulnerability anywhere).
 * - **location** — target (versionless package key and/or normalized repository URL) + file are
 *   the scope; inside it the index compares CWE classes ({@link cweClass}: tools disagree between
 *   a weakness and its parent or child, CWE-89 vs CWE-943), the symbol, the symbol named in the
 *   other finding's text, or the line. Paths keep their case
 *   (Linux file systems are case-sensitive); `\` becomes `/`, `.`/`..` segments and repeated or
 *   leading slashes go.
 */
import type { Finding } from '../../domain/finding.js';
import { matchKey } from '../match-key.js';

export const TOOL_INDEPENDENT_FINGERPRINTS: ReadonlySet<string> = new Set(['primaryLocationLineHash']);
export const WEAK_FINGERPRINTS: ReadonlySet<string> = new Set(['primaryLocationStartColumnFingerprint']);
const MIN_FINGERPRINT_LENGTH = 8;

export interface ExactKey {
  kind: 'fingerprint' | 'alias';
  key: string;
  /** what analysts read: `partialFingerprints.primaryLocationLineHash`, `alias CVE-2024-1234` */
  label: string;
}

/** Where a finding is, normalized; `scopes` are the target + file strings the index groups by. */
export interface LocationKeys {
  scopes: string[];
  symbol: string | null;
  line: number | null;
  file: string | null;
  /** CWE classes (cweClass), deduplicated */
  cwes: string[];
}

/**
 * Groups of CWEs that tools use for the same weakness (a class and its common children in the
 * CWE hierarchy, as scanners and models actually pick them). A CWE outside every group is its own
 * class. Deliberately small: broad pillars (CWE-20, CWE-707) are not joined to anything.
 */
export const CWE_GROUPS: readonly (readonly number[])[] = [
  [89, 943, 564, 566],
  [79, 80, 83, 87],
  [22, 23, 24, 35, 36, 73],
  [78, 77, 88],
  [94, 95, 96],
  [502, 915],
  [918, 441],
  [787, 119, 120, 121, 122, 680],
  [125, 126, 127],
  [416, 825],
  [476, 690],
  [400, 1333, 770, 674, 407],
  [862, 285, 639, 863, 284],
  [287, 306, 288],
  [611, 776],
  [352, 1275],
];
const CWE_CLASS = new Map<string, string>(CWE_GROUPS.flatMap((g) => g.map((c) => [`CWE-${c}`, `CWE-${g[0]}`] as const)));

/** The representative of a CWE's group (`CWE-943` → `CWE-89`), or the CWE itself. */
export const cweClass = (cwe: string): string => CWE_CLASS.get(cwe) ?? cwe;

/** A finding's targets: `pkg:<type>/<ns>/<name>` (versionless match key) and/or `repo:<host>/<path>`. */
export function targetsOf(finding: Finding): string[] {
  const out: string[] = [];
  if (finding.purl) {
    const key = memo(PURL_CACHE, finding.purl, (p) => {
      const k = matchKey(p.trim());
      return k.startsWith('pkg:') ? k : null;
    });
    if (key) out.push(key);
  }
  if (finding.repository) {
    const repo = memo(REPO_CACHE, finding.repository, (r) => {
      const n = normalizeRepository(r);
      return n ? `repo:${n}` : null;
    });
    if (repo) out.push(repo);
  }
  return out;
}

/** Targets and files repeat across thousands of findings: normalized once (bounded; cleared when full). */
const PURL_CACHE = new Map<string, string | null>();
const REPO_CACHE = new Map<string, string | null>();
const PATH_CACHE = new Map<string, string | null>();

const fileOf = (finding: Finding): string | null => (finding.location.file ? memo(PATH_CACHE, finding.location.file, normalizePath) : null);
function memo(cache: Map<string, string | null>, raw: string, normalize: (s: string) => string | null): string | null {
  let v = cache.get(raw);
  if (v === undefined) {
    if (cache.size >= 65_536) cache.clear();
    v = normalize(raw);
    cache.set(raw, v);
  }
  return v;
}

const CASE_INSENSITIVE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org']);

/** `git@github.com:Org/Repo.git`, `https://github.com/org/repo/` → `github.com/org/repo`. */
export function normalizeRepository(url: string): string | null {
  let s = url.trim().replace(/^git\+/, '');
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.*)$/.exec(s);
  if (scp) s = `${scp[1]}/${scp[2]}`;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/@]*@/, '');
  s = s.replace(/[?#].*$/, '').replace(/\/+/g, '/').replace(/\/+$/, '').replace(/\.git$/i, '');
  const slash = s.indexOf('/');
  const host = (slash === -1 ? s : s.slice(0, slash)).toLowerCase().replace(/:(80|443)$/, '');
  if (!host) return null;
  const path = slash === -1 ? '' : s.slice(slash);
  return CASE_INSENSITIVE_HOSTS.has(host) ? `${host}${path.toLowerCase()}` : `${host}${path}`;
}

/** Forward slashes, no `./`, no `//`, `..` resolved, no leading `/`; case kept. */
export function normalizePath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.trim().replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.length ? parts.join('/') : null;
}

/** `Foo::bar(int x)`, `Foo#bar` → `Foo.bar`; case kept. */
export function normalizeSymbol(symbol: string): string | null {
  const s = symbol.trim().replace(/\s*\(.*\)\s*$/s, '').replace(/::|#|->/g, '.').trim();
  return s || null;
}

/** `cwe-79`, `CWE79`, `79` → `CWE-79`; anything else → null. */
export function normalizeCwe(cwe: string): string | null {
  const m = /^\s*(?:cwe)?[-_ ]?(\d{1,5})\s*$/i.exec(cwe);
  return m ? `CWE-${Number(m[1])}` : null;
}

export function normalizeAlias(alias: string): string | null {
  const s = alias.trim().toUpperCase();
  return s.length >= 5 && /^[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9._:-]*$/.test(s) ? s : null;
}

/** Fingerprint keys first, then aliases, deduplicated. */
export function exactKeys(finding: Finding, targets: string[] = targetsOf(finding)): ExactKey[] {
  const out: ExactKey[] = [];
  const seen = new Set<string>();
  const push = (k: ExactKey) => {
    if (!seen.has(k.key)) {
      seen.add(k.key);
      out.push(k);
    }
  };
  const file = fileOf(finding);
  const tool = toolName(finding.provenance.tool);
  const scopes = targets.length ? targets : ['-'];
  for (const [name, raw] of Object.entries(finding.fingerprints)) {
    const value = raw.trim();
    if (WEAK_FINGERPRINTS.has(name) || value.length < MIN_FINGERPRINT_LENGTH) continue;
    for (const target of scopes) {
      if (TOOL_INDEPENDENT_FINGERPRINTS.has(name)) {
        push({ kind: 'fingerprint', key: `fp\u0000${name}\u0000${value}\u0000${target}\u0000${file ?? '-'}`, label: `partialFingerprints.${name}` });
      } else {
        push({ kind: 'fingerprint', key: `fpt\u0000${tool}\u0000${name}\u0000${value}\u0000${target}`, label: `${tool} fingerprint ${name}` });
      }
    }
  }
  for (const raw of finding.aliases) {
    const alias = normalizeAlias(raw);
    if (alias) push({ kind: 'alias', key: `alias\u0000${alias}`, label: `alias ${alias}` });
  }
  return out;
}

/** `CodeQL 2.15.0` / `codeql@2.15` → `codeql`. */
export function toolName(tool: string): string {
  return tool.trim().toLowerCase().split(/[\s@/]+/)[0] ?? '';
}

/** The location scopes (target × file) plus what the index compares inside a scope. */
export function locationKeys(finding: Finding, targets: string[] = targetsOf(finding)): LocationKeys {
  const file = fileOf(finding);
  const symbol = finding.location.symbol ? normalizeSymbol(finding.location.symbol) : null;
  const line = finding.location.startLine !== null && finding.location.startLine > 0 ? finding.location.startLine : null;
  const cwes: string[] = [];
  for (const raw of finding.cwes) {
    const c = normalizeCwe(raw);
    const k = c === null ? null : cweClass(c);
    if (k !== null && !cwes.includes(k)) cwes.push(k);
  }
  // A package-level finding may name a symbol without a file; a file without symbol needs a line.
  const scopes = symbol || (file && line) ? targets.map((t) => `${t}\u0000${file ?? '-'}`) : [];
  return { scopes, symbol, line, file, cwes };
}

/**
 * Name bridges for a finding that names only packages or only repositories: a purl-only report is
 * filed (`store`) under its package names and looks (`lookup`) under repository names, and the
 * other way round, so `pkg:npm/left-pad` meets `github.com/someone/left-pad` before any report has
 * named both. Never package–package or repository–repository: two repositories of one name are
 * often different projects, a package and the repository of its name rarely are.
 */
export function bridgeTargets(targets: readonly string[]): { store: string[]; lookup: string[] } {
  const packages = targets.filter((t) => t.startsWith('pkg:'));
  if (packages.length && packages.length < targets.length) return { store: [], lookup: [] };
  const names = [...new Set(targets.map((t) => t.slice(t.lastIndexOf('/') + 1).toLowerCase()).filter((n) => n.length >= 2))];
  const [mine, theirs] = packages.length ? ['named-pkg:', 'named-repo:'] : ['named-repo:', 'named-pkg:'];
  return { store: names.map((n) => mine + n), lookup: names.map((n) => theirs + n) };
}

/** `repo:github.com/o/r\0src/a.js` → `github.com/o/r src/a.js` for explanations. */
export const describeScope = (scope: string): string => memo(SCOPE_CACHE, scope, spellScope) ?? '';
const SCOPE_CACHE = new Map<string, string | null>();
const spellScope = (scope: string): string =>
  scope
    .replace(/^(repo|pkg|named-pkg|named-repo):/, (m) => (m === 'pkg:' ? m : m === 'named-pkg:' ? 'the package named ' : m === 'named-repo:' ? 'the repository named ' : ''))
    .split('\u0000')
    .filter((p) => p !== '-')
    .join(' ');
