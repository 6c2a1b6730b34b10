import { describe, expect, it } from 'vitest';
import { corpusSkipNote, hasCorpus } from '../../test/db.js';
import { corpusOsvRecords } from '../../test/corpus.js';
import { closestUpgrade, isAffected } from '../domain/ranges.js';
import { schemeForEcosystem } from '../domain/versions/index.js';
import type { AffectedPackage, Vulnerability } from '../domain/vulnerability.js';
import { matchKey } from './match-key.js';
import { VulnIndex } from './vuln-index.js';

function record(id: string, events: Array<Record<string, string>>, versions: string[] = []): Vulnerability {
  return {
    id, modified: '2024-01-01T00:00:00Z', published: null, withdrawn: null, aliases: [], related: [], summary: id, details: '',
    affected: [{ ecosystem: 'PyPI', name: 'demo', purl: 'pkg:pypi/demo', ranges: [{ type: 'ECOSYSTEM', events }], versions }],
    products: [], severities: [], cwes: [], references: [], credits: [], ssvc: null, kevHint: false, tlp: 'CLEAR', source: 'osv',
  };
}

const ids = (index: VulnIndex, version: string) => index.match('pkg:pypi/demo', version).vulnerabilities.map((m) => m.vuln.id);

describe('the vulnerability index', () => {
  it('answers per version, with the fixes and the closest upgrade clearing all', () => {
    const index = new VulnIndex();
    index.add(record('A', [{ introduced: '1.0' }, { fixed: '1.4' }]));
    index.add(record('B', [{ introduced: '1.2' }, { fixed: '1.5' }]));
    expect(ids(index, '0.9')).toEqual([]);
    expect(ids(index, '1.0.0')).toEqual(['A']);
    expect(ids(index, '1.3')).toEqual(['A', 'B']);
    expect(index.match('pkg:pypi/demo', '1.3').upgrade).toBe('1.5');
    expect(index.match('pkg:pypi/demo', '1.3').vulnerabilities[0]!.fixed).toEqual(['1.4']);
    expect(ids(index, '1.4')).toEqual(['B']);
    expect(ids(index, '1.5')).toEqual([]);
  });

  it('forgets answers when a record changes or goes', () => {
    const index = new VulnIndex();
    index.add(record('A', [{ introduced: '1.0' }, { fixed: '1.4' }]));
    expect(ids(index, '1.4.2')).toEqual([]);
    index.add(record('A', [{ introduced: '1.0' }, { fixed: '1.5' }]));
    expect(ids(index, '1.4.2')).toEqual(['A']);
    index.add(record('B', [], ['1.4.2']));
    expect(ids(index, '1.4.2')).toEqual(['A', 'B']);
    // PEP 440 calls 1.4.2.0 the same version as the listed 1.4.2.
    expect(ids(index, '1.4.2.0')).toEqual(['A', 'B']);
    index.remove('A');
    expect(ids(index, '1.4.2')).toEqual(['B']);
    index.remove('B');
    expect(index.has('pkg:pypi/demo')).toBe(false);
  });

  it('matches versions the scheme rejects only by their exact listed spelling', () => {
    const index = new VulnIndex();
    index.add(record('A', [], ['not a version', '2.0']));
    expect(ids(index, 'not a version')).toEqual(['A']);
    expect(ids(index, 'not  a version')).toEqual([]);
    expect(ids(index, '2.0.0')).toEqual(['A']);
  });

  it('says which advisories it could not evaluate: those stating affected commits only', () => {
    const index = new VulnIndex();
    const commits = record('C', []);
    commits.affected[0]!.ranges = [{ type: 'GIT', repo: 'https://example.org/demo.git', events: [{ introduced: '0' }, { fixed: 'abc123' }] }];
    index.add(commits);
    index.add(record('A', [{ introduced: '1.0' }, { fixed: '1.4' }]));
    expect(index.match('pkg:pypi/demo', '1.2')).toMatchObject({ vulnerabilities: [{ vuln: { id: 'A' } }], unevaluated: ['C'] });
    expect(index.match('pkg:pypi/demo', '2.0')).toMatchObject({ vulnerabilities: [], unevaluated: ['C'] });
  });

  it('leaves out withdrawn and restricted records', () => {
    const index = new VulnIndex();
    index.add({ ...record('A', [{ introduced: '0' }]), withdrawn: '2024-02-01T00:00:00Z' });
    index.add({ ...record('B', [{ introduced: '0' }]), tlp: 'AMBER' });
    expect(index.vulnerabilities).toBe(0);
    expect(ids(index, '1.0')).toEqual([]);
  });

  // The index answers once per place between the versions records name; here every answer is
  // checked against evaluating each record directly, at every named version and beside it.
  it.skipIf(!hasCorpus)('gives the direct OSV evaluation of every corpus record, at and beside every version they name', () => {
    corpusSkipNote('the corpus agreement of the vulnerability index');
    const records = corpusOsvRecords();
    const index = new VulnIndex();
    const byKey = new Map<string, Array<{ id: string; pkg: AffectedPackage }>>();
    for (const v of records) {
      index.add(v);
      if (v.withdrawn) continue;
      for (const pkg of v.affected) {
        if (!pkg.purl) continue;
        const list = byKey.get(matchKey(pkg.purl)) ?? [];
        list.push({ id: v.id, pkg });
        byKey.set(matchKey(pkg.purl), list);
      }
    }
    let probes = 0;
    const wrong: string[] = [];
    for (const [key, entries] of byKey) {
      const named = entries.flatMap(({ pkg }) => [...pkg.versions, ...pkg.ranges.flatMap((r) => r.events.flatMap((e) => Object.values(e)))]);
      // Every named version and its neighbours, thinned evenly where a package names hundreds.
      const all = [...new Set(named)];
      const step = Math.max(1, Math.ceil(all.length / 40));
      const versions = new Set(['0.0.0', '99999.0', ...all.filter((_, i) => i % step === 0).flatMap(beside)]);
      for (const version of versions) {
        probes++;
        const hits = entries.filter(({ pkg }) => isAffected(pkg, version, schemeForEcosystem(pkg.ecosystem)));
        const want = [...new Set(hits.map((h) => h.id))].sort();
        const wantUpgrade = hits.length ? closestUpgrade(version, hits.map((h) => h.pkg), schemeForEcosystem(hits[0]!.pkg.ecosystem)) : null;
        const got = index.match(key, version);
        const gotIds = got.vulnerabilities.map((m) => m.vuln.id).sort();
        if (gotIds.join() !== want.join() || got.upgrade !== wantUpgrade) wrong.push(`${key}@${version}: want ${want.join()} → ${wantUpgrade}, got ${gotIds.join()} → ${got.upgrade}`);
      }
    }
    expect(probes).toBeGreaterThan(50_000);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});

/** A version, and versions just below and above it: its last number moved by one, a pre-release, a longer release. */
function beside(version: string): string[] {
  const out = [version, `${version}.1`, `${version}-rc1`, `${version}a1`];
  const last = /(\d+)(?!.*\d)/.exec(version);
  if (last) {
    const n = Number(last[1]);
    const at = last.index;
    out.push(version.slice(0, at) + String(n + 1) + version.slice(at + last[1]!.length));
    if (n > 0) out.push(version.slice(0, at) + String(n - 1) + version.slice(at + last[1]!.length));
  }
  return out;
}
