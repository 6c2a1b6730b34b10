import { schemeForEcosystem } from '../domain/versions/index.js';
import type { Vulnerability } from '../domain/vulnerability.js';
import { matchKey, purlParts } from './match-key.js';
import { NO_MATCH, PackageEntries, type Candidate, type IndexedVuln, type PackageMatch } from './package-entries.js';

export type { IndexedVuln, MatchedVuln, PackageMatch } from './package-entries.js';

/** A component purl as last looked up: its key and version, and the answer while the index is unchanged. */
interface Resolved {
  key: string;
  version: string | null;
  answer: PackageMatch;
  generation: number;
}

const RESOLVED_MAX = 500_000;

/**
 * Affected packages by match key, in memory: the hot path of matching. Built from the store at
 * start and kept current by imports (add replaces, remove forgets). Only public (TLP:CLEAR),
 * unwithdrawn records are indexed; restricted ones reach their readers through cases.
 */
export class VulnIndex {
  private readonly byKey = new Map<string, PackageEntries>();
  private readonly keysByVuln = new Map<string, string[]>();
  /**
   * Component purls already looked up. Inventories repeat: the same purls come back in every
   * scan, SBOM upload and re-match, so a repeat costs one Map lookup. Bounded; a full cache starts over.
   */
  private readonly resolved = new Map<string, Resolved>();
  /** bumped by every change, which makes every remembered answer stale */
  private generation = 0;

  get vulnerabilities(): number {
    return this.keysByVuln.size;
  }

  /** distinct packages (match keys) */
  get keys(): number {
    return this.byKey.size;
  }

  get packages(): number {
    let n = 0;
    for (const entries of this.byKey.values()) n += entries.candidates.length;
    return n;
  }

  add(v: Vulnerability): void {
    this.remove(v.id);
    this.generation++;
    if (v.withdrawn || v.tlp !== 'CLEAR') return;
    const vuln: IndexedVuln = { id: v.id, aliases: v.aliases, summary: v.summary, severities: v.severities, cwes: v.cwes };
    const keys: string[] = [];
    for (const pkg of v.affected) {
      if (!pkg.purl) continue;
      const key = matchKey(pkg.purl);
      const candidate: Candidate = { vuln, pkg, scheme: schemeForEcosystem(pkg.ecosystem) };
      const entries = this.byKey.get(key);
      if (entries) {
        entries.candidates.push(candidate);
        entries.changed();
      } else this.byKey.set(key, new PackageEntries([candidate]));
      keys.push(key);
    }
    this.keysByVuln.set(v.id, keys);
  }

  remove(id: string): void {
    const keys = this.keysByVuln.get(id);
    if (!keys) return;
    this.generation++;
    for (const key of new Set(keys)) {
      const kept = this.byKey.get(key)?.candidates.filter((c) => c.vuln.id !== id) ?? [];
      if (kept.length) this.byKey.set(key, new PackageEntries(kept));
      else this.byKey.delete(key);
    }
    this.keysByVuln.delete(id);
  }

  /** The vulnerabilities affecting `version` of the package `key` names, with fixes and the closest clean upgrade. */
  match(key: string, version: string): PackageMatch {
    return this.byKey.get(key)?.match(version) ?? NO_MATCH;
  }

  /**
   * The answer for a component by its purl, and the version it was matched at: `version` when the
   * SBOM states one, else the purl's. Null when there is no version to match.
   */
  matchPurl(purl: string, version: string | null = null): { readonly version: string | null; readonly answer: PackageMatch } | null {
    let r = this.resolved.get(purl);
    if (!r) {
      if (this.resolved.size >= RESOLVED_MAX) this.resolved.clear();
      // A literal, not a spread of purlParts: spread-built objects made this loop ten times slower.
      const parts = purlParts(purl);
      r = { key: parts.key, version: parts.version, answer: NO_MATCH, generation: -1 };
      this.resolved.set(purl, r);
    }
    if (version !== null && version !== r.version) return { version, answer: this.match(r.key, version) };
    if (r.version === null) return null;
    if (r.generation !== this.generation) {
      r.answer = this.match(r.key, r.version);
      r.generation = this.generation;
    }
    return r;
  }

  /** Whether any entry names the package at all (most components of most SBOMs are never named). */
  has(key: string): boolean {
    return this.byKey.has(key);
  }
}
