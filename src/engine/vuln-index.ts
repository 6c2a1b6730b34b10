import { isAffected } from '../domain/ranges.js';
import { schemeForEcosystem, type VersionScheme } from '../domain/versions/index.js';
import type { AffectedPackage, Severity, Vulnerability } from '../domain/vulnerability.js';
import { matchKey } from './match-key.js';

/** What a match reports of a vulnerability; the rest stays in the store. */
export interface IndexedVuln {
  id: string;
  aliases: string[];
  summary: string;
  severities: Severity[];
}

interface Candidate {
  vuln: IndexedVuln;
  pkg: AffectedPackage;
  scheme: VersionScheme;
}

export interface Hit {
  vuln: IndexedVuln;
  pkg: AffectedPackage;
  scheme: VersionScheme;
}

/**
 * Affected packages by match key, in memory: the hot path of matching. Built from the store at
 * start and kept current by imports (add replaces, remove forgets). Only public (TLP:CLEAR),
 * unwithdrawn records are indexed; restricted ones reach their readers through cases.
 */
export class VulnIndex {
  private readonly byKey = new Map<string, Candidate[]>();
  private readonly keysByVuln = new Map<string, string[]>();

  get vulnerabilities(): number {
    return this.keysByVuln.size;
  }

  get packages(): number {
    let n = 0;
    for (const list of this.byKey.values()) n += list.length;
    return n;
  }

  add(v: Vulnerability): void {
    this.remove(v.id);
    if (v.withdrawn || v.tlp !== 'CLEAR') return;
    const vuln: IndexedVuln = { id: v.id, aliases: v.aliases, summary: v.summary, severities: v.severities };
    const keys: string[] = [];
    for (const pkg of v.affected) {
      if (!pkg.purl) continue;
      const key = matchKey(pkg.purl);
      const list = this.byKey.get(key);
      const candidate = { vuln, pkg, scheme: schemeForEcosystem(pkg.ecosystem) };
      if (list) list.push(candidate);
      else this.byKey.set(key, [candidate]);
      keys.push(key);
    }
    this.keysByVuln.set(v.id, keys);
  }

  remove(id: string): void {
    const keys = this.keysByVuln.get(id);
    if (!keys) return;
    for (const key of new Set(keys)) {
      const kept = this.byKey.get(key)?.filter((c) => c.vuln.id !== id) ?? [];
      if (kept.length) this.byKey.set(key, kept);
      else this.byKey.delete(key);
    }
    this.keysByVuln.delete(id);
  }

  /** Every affected-package entry whose ranges include `version` of the package `key` names. */
  match(key: string, version: string): Hit[] {
    const candidates = this.byKey.get(key);
    if (!candidates) return [];
    const hits: Hit[] = [];
    for (const c of candidates) if (isAffected(c.pkg, version, c.scheme)) hits.push(c);
    return hits;
  }

  /** The affected-package entries for a key, affected or not (for upgrade advice). */
  entries(key: string): readonly Candidate[] {
    return this.byKey.get(key) ?? [];
  }
}
