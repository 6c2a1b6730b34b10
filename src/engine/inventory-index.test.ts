import { describe, expect, it } from 'vitest';
import type { AffectedPackage, Vulnerability } from '../domain/vulnerability.js';
import { InventoryIndex, type ReverseMatch } from './inventory-index.js';
import { VulnIndex } from './vuln-index.js';

const pkg = (name: string, events: Array<Record<string, string>>): AffectedPackage => ({
  ecosystem: 'PyPI', name, purl: `pkg:pypi/${name}`, ranges: [{ type: 'ECOSYSTEM', events }], versions: [],
});

const ref = (id: string, orgId = 'org-a') => ({ id, orgId, org: orgId, name: `inventory ${id}` });
const held = (...pairs: Array<[string, string]>) => pairs.map(([name, version]) => ({ key: `pkg:pypi/${name}`, version }));

/** `inventory: package@version` lines, sorted, for comparing answers. */
const lines = (index: InventoryIndex, m: ReverseMatch) => m.versions.flatMap((v) => v.slots.map((s) => `${index.ref(s).id}: ${v.key.slice(9)}@${v.version}`)).sort();

describe('the inventory index (reverse match)', () => {
  const index = new InventoryIndex();
  index.put(ref('a'), held(['django', '4.2.0'], ['requests', '2.30.0']));
  index.put(ref('b', 'org-b'), held(['django', '4.2.9'], ['django', '4.2.9'], ['flask', '3.0.0']));
  index.put(ref('c'), held(['django', '5.0.0']));

  it('finds the inventories holding an affected version, each version evaluated once', () => {
    const m = index.affectedBy([pkg('django', [{ introduced: '4.0' }, { fixed: '4.2.9' }]), pkg('flask', [{ introduced: '0' }])]);
    expect(lines(index, m)).toEqual(['a: django@4.2.0', 'b: flask@3.0.0']);
    expect(m.inventories).toBe(2);
    expect(index.components).toBe(5);
  });

  it('replaces an inventory put again, and forgets a removed one', () => {
    const copy = new InventoryIndex();
    copy.put(ref('a'), held(['django', '4.2.0']));
    copy.put(ref('b'), held(['django', '4.2.0']));
    copy.put(ref('a'), held(['django', '5.0.0']));
    const affected = [pkg('django', [{ introduced: '4.0' }, { fixed: '4.2.9' }])];
    expect(lines(copy, copy.affectedBy(affected))).toEqual(['b: django@4.2.0']);
    copy.remove('b');
    expect(copy.affectedBy(affected)).toEqual({ inventories: 0, versions: [] });
    expect(copy.size).toBe(1);
    // A freed slot is reused without inheriting what the removed inventory held.
    copy.put(ref('d'), held(['requests', '2.30.0']));
    expect(copy.affectedBy(affected).inventories).toBe(0);
    expect(copy.components).toBe(2);
  });

  it('re-matches every inventory against the whole vulnerability index', () => {
    const vulns = new VulnIndex();
    const record = (id: string, affected: AffectedPackage[]): Vulnerability => ({
      id, source: 'osv', modified: '2024-01-01T00:00:00Z', published: null, withdrawn: null, aliases: [], related: [], summary: id, details: '',
      affected, products: [], severities: [], cwes: [], references: [], credits: [], ssvc: null, kevHint: false, tlp: 'CLEAR',
    });
    vulns.add(record('V1', [pkg('django', [{ introduced: '4.0' }, { fixed: '4.2.9' }])]));
    vulns.add(record('V2', [pkg('requests', [{ introduced: '2.0' }, { fixed: '2.31.0' }])]));
    const hits = index.rematch(vulns);
    expect([...hits.keys()].sort()).toEqual(['a']);
    expect(hits.get('a')!.map((h) => `${h.key}@${h.version}: ${h.answer.vulnerabilities.map((v) => v.vuln.id).join()} → ${h.answer.upgrade}`).sort()).toEqual([
      'pkg:pypi/django@4.2.0: V1 → 4.2.9',
      'pkg:pypi/requests@2.30.0: V2 → 2.31.0',
    ]);
  });
});
