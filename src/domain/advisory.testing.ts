import type { Advisory } from './advisory.js';

/**
 * Advisories every exporter's tests round-trip: a package advisory with all fields used, and a
 * product (firmware, no purl) advisory with the statuses a package one does not use.
 */
export function packageAdvisory(): Advisory {
  return {
    id: 'AICC-2026-0042',
    title: 'Stored cross-site scripting in acme-widgets comment rendering',
    summary: 'Comment bodies are rendered without escaping, so a comment can run script in a reader\'s browser.',
    details:
      'The `renderComment` function of acme-widgets 2.0.0 up to 2.3.0 inserts the comment body into the page as HTML.\n' +
      'An attacker who can post a comment runs script in the browser of everyone who reads it.',
    tlp: 'CLEAR',
    status: 'final',
    initialReleaseDate: '2026-11-02T15:00:00.000Z',
    currentReleaseDate: '2026-11-09T09:30:00.000Z',
    revisions: [
      { number: '1', date: '2026-11-02T15:00:00.000Z', summary: 'Initial release.' },
      { number: '2', date: '2026-11-09T09:30:00.000Z', summary: 'Added the 1.x workaround.' },
    ],
    cve: 'CVE-2026-12345',
    aliases: ['GHSA-abcd-efgh-ijkl'],
    cwes: [{ id: 'CWE-79', name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')" }],
    scores: [
      { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 6.1, severity: 'MEDIUM' },
      { version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', baseScore: 5.3, severity: 'MEDIUM' },
    ],
    products: [
      { id: 'AICC-PID-1', vendor: 'Acme', name: 'acme-widgets', purl: 'pkg:npm/acme-widgets', cpe: null, versions: 'vers:npm/>=2.0.0|<2.3.1', status: 'known_affected' },
      { id: 'AICC-PID-2', vendor: 'Acme', name: 'acme-widgets', purl: 'pkg:npm/acme-widgets', cpe: null, versions: '2.3.1', status: 'fixed' },
      {
        id: 'AICC-PID-3', vendor: 'Acme', name: 'acme-widgets', purl: 'pkg:npm/acme-widgets', cpe: null, versions: 'vers:npm/<2.0.0',
        status: 'known_not_affected', justification: 'vulnerable_code_not_present',
      },
    ],
    remediations: [
      { category: 'vendor_fix', details: 'Upgrade to 2.3.1 or later.', url: 'https://example.org/acme-widgets/releases/2.3.1', productIds: ['AICC-PID-1'] },
      { category: 'workaround', details: 'Set `allowHtml: false` in the widget options.', url: null, productIds: ['AICC-PID-1'] },
    ],
    references: [
      { url: 'https://aicc.example.org/advisories/AICC-2026-0042', summary: 'This advisory', category: 'self' },
      { url: 'https://example.org/acme-widgets/commit/0123456789abcdef', summary: 'Fix commit', category: 'external' },
    ],
    acknowledgments: [
      { name: 'Frontier Lab scanner', organization: 'Frontier Lab', summary: 'first reported 2026-09-01' },
      { name: 'Jane Researcher', organization: null, summary: null },
    ],
    publisher: { name: 'AI Cybersecurity Clearinghouse', namespace: 'https://aicc.example.org', contactDetails: 'psirt@aicc.example.org' },
  };
}

export function firmwareAdvisory(): Advisory {
  return {
    id: 'AICC-2026-0043',
    title: 'Authentication bypass in Volta pump controller firmware',
    summary: 'The maintenance interface accepts an empty password.',
    details: 'Volta PC-200 firmware before 4.2 accepts an empty password on the maintenance port.',
    tlp: 'AMBER',
    status: 'interim',
    initialReleaseDate: '2026-10-20T12:00:00.000Z',
    currentReleaseDate: '2026-10-20T12:00:00.000Z',
    revisions: [{ number: '1', date: '2026-10-20T12:00:00.000Z', summary: 'Initial release.' }],
    cve: null,
    aliases: [],
    cwes: [{ id: 'CWE-287', name: 'Improper Authentication' }],
    scores: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, severity: 'CRITICAL' }],
    products: [
      { id: 'AICC-PID-1', vendor: 'Volta', name: 'PC-200 firmware', purl: null, cpe: 'cpe:2.3:o:volta:pc-200_firmware:*:*:*:*:*:*:*:*', versions: 'vers:generic/<4.2', status: 'known_affected' },
      { id: 'AICC-PID-2', vendor: 'Volta', name: 'PC-300 firmware', purl: null, cpe: null, versions: '1.0', status: 'under_investigation' },
    ],
    remediations: [{ category: 'mitigation', details: 'Block TCP port 2222 at the network edge.', url: null, productIds: ['AICC-PID-1'] }],
    references: [],
    acknowledgments: [{ name: 'Grid Defense AI', organization: 'Grid Defense', summary: null }],
    publisher: { name: 'AI Cybersecurity Clearinghouse', namespace: 'https://aicc.example.org', contactDetails: null },
  };
}
