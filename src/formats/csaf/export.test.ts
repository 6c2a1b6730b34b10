import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import type { Tlp } from '../../domain/tlp.js';
import { toCsaf } from './export.js';
import { csafVariants } from './variants.testing.js';

describe('toCsaf', () => {
  const doc = toCsaf(packageAdvisory());
  const vuln = doc.vulnerabilities?.[0];

  it('writes a CSAF 2.0 security advisory tracked under the advisory id at its last revision', () => {
    expect(doc.document).toMatchObject({
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: packageAdvisory().title,
      publisher: { category: 'coordinator', name: 'AI Cybersecurity Clearinghouse', namespace: 'https://aicc.example.org', contact_details: 'psirt@aicc.example.org' },
      tracking: {
        id: 'AICC-2026-0042', status: 'final', version: '2',
        initial_release_date: '2026-11-02T15:00:00.000Z', current_release_date: '2026-11-09T09:30:00.000Z',
        generator: { engine: { name: 'AICC' } },
      },
    });
    expect(doc.document.tracking.revision_history.map((r) => r.number)).toEqual(['1', '2']);
    expect(doc.document.notes?.map((n) => [n.category, n.text])).toEqual([['summary', packageAdvisory().summary], ['description', packageAdvisory().details]]);
  });

  it.each<[Tlp, string, boolean]>([
    ['CLEAR', 'WHITE', false], ['GREEN', 'GREEN', false], ['AMBER', 'AMBER', false], ['AMBER+STRICT', 'AMBER', true], ['RED', 'RED', false],
  ])('labels TLP:%s as CSAF (TLP 1) %s, saying so in the text only for AMBER+STRICT', (tlp, label, strictText) => {
    const { distribution } = toCsaf({ ...firmwareAdvisory(), tlp }).document;
    expect(distribution?.tlp?.label).toBe(label);
    expect(distribution?.text?.startsWith('TLP:AMBER+STRICT') ?? false).toBe(strictText);
  });

  it('nests products vendor → product_name → version, a range as vers and a plain version in the purl', () => {
    const acme = doc.product_tree?.branches?.[0];
    expect(acme).toMatchObject({ category: 'vendor', name: 'Acme' });
    const leaves = acme?.branches?.[0]?.branches ?? [];
    expect(acme?.branches?.[0]).toMatchObject({ category: 'product_name', name: 'acme-widgets' });
    expect(leaves.map((b) => [b.category, b.name, b.product?.product_id, b.product?.product_identification_helper?.purl])).toEqual([
      ['product_version_range', 'vers:npm/>=2.0.0|<2.3.1', 'AICC-PID-1', 'pkg:npm/acme-widgets'],
      ['product_version', '2.3.1', 'AICC-PID-2', 'pkg:npm/acme-widgets@2.3.1'],
      ['product_version_range', 'vers:npm/<2.0.0', 'AICC-PID-3', 'pkg:npm/acme-widgets'],
    ]);
  });

  it('keeps interleaved vendors in product order rather than merging them', () => {
    const a = csafVariants()['interleaved vendors, encoded purls, a product without vendor or versions']!;
    const tree = toCsaf(a).product_tree?.branches ?? [];
    expect(tree.map((b) => `${b.category}:${b.name}`)).toEqual(['vendor:Acme', 'vendor:Beta', 'vendor:Acme', 'product_name:c-tool']);
    expect(tree[0]?.branches?.[0]?.branches?.[0]?.product?.product_identification_helper?.purl).toBe('pkg:npm/%40acme/a@1.0.0%2Bbuild.1');
    expect(tree[1]?.branches?.[0]?.branches?.[0]?.product?.product_identification_helper).toEqual({
      purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12', cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
    });
  });

  it('writes the vulnerability: CVE, aliases, first CWE, statuses, justification flags, remediations, acknowledgments', () => {
    expect(vuln).toMatchObject({
      cve: 'CVE-2026-12345',
      ids: [{ system_name: 'GHSA', text: 'GHSA-abcd-efgh-ijkl' }],
      cwe: { id: 'CWE-79' },
      product_status: { known_affected: ['AICC-PID-1'], fixed: ['AICC-PID-2'], known_not_affected: ['AICC-PID-3'] },
      flags: [{ label: 'vulnerable_code_not_present', product_ids: ['AICC-PID-3'] }],
      remediations: [
        { category: 'vendor_fix', details: 'Upgrade to 2.3.1 or later.', url: 'https://example.org/acme-widgets/releases/2.3.1', product_ids: ['AICC-PID-1'] },
        { category: 'workaround', product_ids: ['AICC-PID-1'] },
      ],
      acknowledgments: [{ names: ['Frontier Lab scanner'], organization: 'Frontier Lab', summary: 'first reported 2026-09-01' }, { names: ['Jane Researcher'] }],
    });
    expect(vuln?.remediations?.[1]).not.toHaveProperty('url');
  });

  it('scores CVSS 3.1 for the affected products and keeps CVSS 4.0 as a note holding the vector', () => {
    expect(vuln?.scores).toEqual([{
      products: ['AICC-PID-1'],
      cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 6.1, baseSeverity: 'MEDIUM' },
    }]);
    expect(vuln?.notes).toContainEqual({ category: 'other', title: 'CVSS v4.0 vector', text: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' });
  });

  it('keeps CWEs beyond the one CSAF 2.0 allows as notes', () => {
    const v = toCsaf(csafVariants()['several CWEs']!).vulnerabilities?.[0];
    expect(v?.cwe?.id).toBe('CWE-79');
    expect(v?.notes?.filter((n) => n.title === 'Additional CWE').map((n) => n.text)).toEqual([
      'CWE-20: Improper Input Validation', 'CWE-116: Improper Encoding or Escaping of Output',
    ]);
  });

  it('writes all references, in order, at document level', () => {
    expect(doc.document.references).toEqual(packageAdvisory().references.map((r) => ({ category: r.category, summary: r.summary, url: r.url })));
  });

  it('leaves out what an advisory does not have rather than writing empty values', () => {
    const a: Advisory = csafVariants()['optional parts empty']!;
    const d = toCsaf(a);
    expect(d.document).not.toHaveProperty('references');
    expect(d.document.notes?.map((n) => n.category)).toEqual(['description']);
    expect(d.vulnerabilities?.[0]).not.toHaveProperty('cve');
    expect(d.vulnerabilities?.[0]).not.toHaveProperty('scores');
    expect(d.vulnerabilities?.[0]).not.toHaveProperty('acknowledgments');
    expect(d.document.publisher).not.toHaveProperty('contact_details');
  });
});
