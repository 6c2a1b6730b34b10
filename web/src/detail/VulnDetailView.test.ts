import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SessionContext, type Session } from '../session.js';
import type { Role, VulnDetail } from '../types.js';
import { AffectedInventoryList } from './AffectedInventories.js';
import { VulnDetailView } from './VulnDetailView.js';

const base: VulnDetail = {
  id: 'GHSA-xxxx-yyyy-zzzz',
  source: 'osv',
  summary: 'A summary',
  aliases: ['CVE-2024-0001'],
  modified: '2024-05-01T00:00:00Z',
  published: '2024-04-01T00:00:00Z',
  withdrawn: null,
  maxScore: 9.8,
  severity: 'critical',
  packages: [{ ecosystem: 'npm', name: 'left-pad', purl: 'pkg:npm/left-pad' }],
  details: 'First paragraph.\n\nSecond paragraph,\nwith a kept line break.',
  related: [],
  tlp: 'CLEAR',
  affected: [
    {
      ecosystem: 'npm',
      name: 'left-pad',
      purl: 'pkg:npm/left-pad',
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
      versions: ['1.0.0', '1.1.0'],
    },
  ],
  products: [{ vendor: 'Acme', product: 'Widget', versions: [{ version: '2.0', status: 'affected', lessThan: '2.4', versionType: 'semver' }], cpes: [] }],
  severities: [{ type: 'CVSS_V3', version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, source: 'nvd' }],
  cwes: ['CWE-79'],
  references: [{ type: 'WEB', url: 'https://example.com/advisory' }],
  credits: ['Finder One', { name: 'Finder Two', type: 'REPORTER' }],
  ssvc: { exploitation: 'poc', automatable: 'no', technicalImpact: 'partial', timestamp: '2024-04-02T00:00:00Z' },
  kev: null,
  epss: null,
};

const render = (vuln: VulnDetail) => renderToStaticMarkup(createElement(VulnDetailView, { vuln }));

describe('VulnDetailView', () => {
  it('renders details as text, one paragraph per blank-line block, never as HTML', () => {
    const html = render({ ...base, details: '<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<p>/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('links only http(s) references, with noopener noreferrer', () => {
    const html = render({
      ...base,
      references: [
        { type: 'WEB', url: 'https://example.com/a' },
        { type: 'WEB', url: 'javascript:alert(1)' },
      ],
    });
    expect(html).toContain('href="https://example.com/a" target="_blank" rel="noopener noreferrer"');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)'); // shown as text
  });

  it('shows the withdrawn banner for a withdrawn record', () => {
    expect(render(base)).not.toContain('banner-withdrawn');
    expect(render({ ...base, withdrawn: '2024-06-01T00:00:00Z' })).toMatch(/banner-withdrawn.*Withdrawn.*2024-06-01/);
  });

  it('shows the KEV entry, EPSS and SSVC decision points', () => {
    const html = render({
      ...base,
      kev: { cveId: 'CVE-2024-0001', dateAdded: '2024-04-05', dueDate: '2024-04-26', requiredAction: 'Patch it.', knownRansomwareCampaignUse: 'Known' },
      epss: { score: 0.5, percentile: 0.97, date: '2024-05-01' },
    });
    expect(html).toMatch(/Date added<\/dt><dd>2024-04-05/);
    expect(html).toMatch(/Due date<\/dt><dd>2024-04-26/);
    expect(html).toContain('Patch it.');
    expect(html).toMatch(/Ransomware use<\/dt><dd><strong[^>]*>Known/);
    expect(html).toContain('50.0%');
    expect(html).toContain('97th');
    expect(html).toMatch(/Exploitation<\/dt><dd><span class="chip chip-warn">poc/);
  });

  it('shows ranges, explicit versions, products and the computed score', () => {
    const html = render(base);
    expect(html).toContain('1.3.0');
    expect(html).toContain('<code>1.1.0</code>');
    expect(html).toContain('2.0 ≤ v &lt; 2.4');
    expect(html).toContain('data-testid="base-score">9.8<');
    expect(html).toContain('href="/vulns/CVE-2024-0001"');
    expect(html).toContain('Finder Two');
  });
});

describe('the affected inventories section', () => {
  const session = (roles: Role[]): Session => ({
    user: { id: 'u', email: 'u@org.example', name: 'U', isAdmin: false, org: { id: 'o', slug: 'valley-hospital', name: 'Valley', roles } },
    signedIn: () => undefined,
    signOut: () => Promise.resolve(),
  });
  const renderAs = (roles: Role[]) =>
    renderToStaticMarkup(createElement(SessionContext.Provider, { value: session(roles) }, createElement(VulnDetailView, { vuln: base })));

  it('is there for subscribers and operators only, not for anonymous users or other roles', () => {
    expect(render(base)).not.toContain('Your affected inventories');
    expect(renderAs(['reporter'])).not.toContain('Your affected inventories');
    expect(renderAs(['subscriber'])).toContain('Your affected inventories');
    expect(renderAs(['operator'])).toContain('Your affected inventories');
  });

  it('lists the inventories with the package versions they hold, linking the own organization\'s', () => {
    const html = renderToStaticMarkup(
      createElement(AffectedInventoryList, {
        ownOrg: 'valley-hospital',
        items: [
          { inventory: { id: '1', org: 'acme', name: 'old-build' }, components: [{ package: 'pkg:npm/left-pad', version: '1.1.0' }] },
          { inventory: { id: '2', org: 'valley-hospital', name: 'clinic portal' }, components: [{ package: 'pkg:npm/left-pad', version: '1.0.0' }] },
        ],
      }),
    );
    expect(html).toContain('href="/inventories/clinic%20portal"');
    expect(html).not.toContain('href="/inventories/old-build"');
    expect(html).toContain('acme');
    expect(html).toContain('1.0.0');
  });

  it('says so when no inventory holds an affected version', () => {
    expect(renderToStaticMarkup(createElement(AffectedInventoryList, { ownOrg: 'x', items: [] }))).toContain('None of your inventories holds an affected version.');
  });
});
