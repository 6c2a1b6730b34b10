import { describe, expect, it } from 'vitest';
import type { Finding } from '../domain/finding.js';
import { draftAdvisory, type DraftSource } from './advisory-draft.js';

const finding = (over: Partial<Finding>): Finding => ({
  externalId: 'F1', title: 't', description: 'First sentence. Second sentence.', purl: 'pkg:npm/acme-widget', affectedVersions: '>=1.0.0 <1.4.2',
  repository: null, commit: null, location: { file: null, startLine: null, endLine: null, symbol: null }, cwes: ['CWE-79'], claimedImpact: null,
  aliases: [], fingerprints: {}, ruleId: null, severity: 'high', provenance: { tool: 'x', toolVersion: null, runId: null, configHash: null }, attachments: [], ...over,
});

const source = (over: Partial<DraftSource>): DraftSource => ({
  id: 'AICC-2027-0001', title: 'XSS', cve: null, findings: [{ record: finding({}), receivedAt: '2027-01-01T00:00:00.000Z' }],
  reporters: [{ name: 'Lab A', firstSeen: '2027-01-01T00:00:00.000Z' }],
  vendors: [], embargoEnd: null, now: new Date('2027-01-05T10:00:00.000Z'),
  publisher: { name: 'P', namespace: 'https://p.example', contactDetails: null }, publicUrl: 'https://p.example', ...over,
});

describe('a draft from a case', () => {
  it('converts a native range to vers and names the most specific vendor', () => {
    const vendors = [
      { name: 'Acme', prefixes: ['pkg:npm/acme-'], status: null, statement: null },
      { name: 'Widget Co', prefixes: ['pkg:npm/acme-widget'], status: null, statement: null },
    ];
    const { advisory } = draftAdvisory(source({ vendors }));
    expect(advisory.products).toEqual([{ id: 'AICC-PID-1', vendor: 'Widget Co', name: 'acme-widget', purl: 'pkg:npm/acme-widget', cpe: null, versions: 'vers:npm/>=1.0.0|<1.4.2', status: 'known_affected' }]);
    expect(advisory.summary).toBe('First sentence.');
    expect(advisory.initialReleaseDate).toBe('2027-01-05T10:00:00.000Z');
  });

  it('falls back to the purl namespace for the vendor, and to under_investigation for versions it cannot read', () => {
    const { advisory, warnings } = draftAdvisory(source({ findings: [{ record: finding({ purl: 'pkg:maven/org.acme/lens', affectedVersions: 'some old ones' }), receivedAt: '2027-01-01T00:00:00Z' }] }));
    expect(advisory.products[0]).toMatchObject({ vendor: 'org.acme', name: 'lens', versions: 'vers:maven/*', status: 'under_investigation' });
    expect(warnings.join('\n')).toContain('some old ones');
  });

  it('applies vendor statuses: not_affected products, a vendor_fix remediation for fixed', () => {
    const two = [
      { record: finding({}), receivedAt: '2027-01-01T00:00:00Z' },
      { record: finding({ externalId: 'F2', purl: 'pkg:npm/beta-lib', affectedVersions: '1.0.0' }), receivedAt: '2027-01-02T00:00:00Z' },
    ];
    const vendors = [
      { name: 'Acme', prefixes: ['pkg:npm/acme-'], status: 'not_affected', statement: 'the renderer escapes since 1.0' },
      { name: 'Beta', prefixes: ['pkg:npm/beta-'], status: 'fixed', statement: 'Fixed in 1.0.1.' },
    ];
    const { advisory } = draftAdvisory(source({ findings: two, vendors }));
    expect(advisory.products.map((p) => [p.vendor, p.status])).toEqual([['Acme', 'known_not_affected'], ['Beta', 'known_affected']]);
    expect(advisory.remediations).toEqual([{ category: 'vendor_fix', details: 'Fixed in 1.0.1.', url: null, productIds: ['AICC-PID-2'] }]);
  });

  it('credits every reporter, earliest first, and drops CWE ids the catalogue does not know', () => {
    const reporters = [{ name: 'Late Lab', firstSeen: '2027-02-01T00:00:00Z' }, { name: 'Early Lab', firstSeen: '2027-01-01T00:00:00Z' }];
    const { advisory, warnings } = draftAdvisory(source({ reporters, findings: [{ record: finding({ cwes: ['79', 'CWE-79', 'CWE-424242'] }), receivedAt: '2027-01-01T00:00:00Z' }] }));
    expect(advisory.acknowledgments).toEqual([
      { name: 'Early Lab', organization: 'Early Lab', summary: 'first reported 2027-01-01' },
      { name: 'Late Lab', organization: 'Late Lab', summary: 'first reported 2027-02-01' },
    ]);
    expect(advisory.cwes.map((c) => c.id)).toEqual(['CWE-79']);
    expect(warnings.join('\n')).toContain('CWE-424242');
  });

  it('dates the release at the embargo end when there is one', () => {
    const { advisory } = draftAdvisory(source({ embargoEnd: '2027-04-01T15:00:00.000Z' }));
    expect([advisory.initialReleaseDate, advisory.currentReleaseDate]).toEqual(['2027-04-01T15:00:00.000Z', '2027-04-01T15:00:00.000Z']);
    expect(advisory.revisions).toEqual([{ number: '0', date: '2027-01-05T10:00:00.000Z', summary: 'Draft.' }]);
  });
});
