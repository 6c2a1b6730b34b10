import type { Notification, NotifiedAsset } from '../../domain/notification.js';

const asset = (id: string, name: string, overrides: Partial<NotifiedAsset> = {}): NotifiedAsset => ({
  id,
  name,
  type: 'application',
  exposed: false,
  exposureId: `e-${id}`,
  cisa: 'Attend',
  deployer: 'Scheduled',
  bod: '14 days',
  due: '2026-12-16',
  binding: true,
  components: [{ package: 'pkg:npm/lodash', installed: '4.17.20', fixed: ['4.17.21'] }],
  ...overrides,
});

/** A KEV notice to a federal agency: three assets, the most urgent due in three days. */
export function kevNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: '4711',
    org: '00000000-0000-4000-8000-000000000001',
    kind: 'kev',
    urgency: 'immediate',
    tlp: 'AMBER',
    title: 'lodash prototype pollution in zipObjectDeep',
    vulnId: 'CVE-2026-12345',
    createdAt: '2026-12-02T09:30:00.000Z',
    body: {
      vulnerability: {
        id: 'CVE-2026-12345',
        aliases: ['GHSA-p6mc-m468-83gw', 'AICC-2026-0042'],
        summary: 'Prototype pollution via crafted property paths.',
        cvss: { version: '3.1', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        epss: 0.873,
        kev: { dateAdded: '2026-12-02' },
      },
      trigger: { kind: 'kev', detail: 'added to the KEV catalog on 2026-12-02' },
      priority: { cisa: 'Act', deployer: 'Immediate', bod: '3 days', due: '2026-12-05', binding: true },
      assets: [
        asset('a1', 'patient-portal', {
          type: 'service',
          exposed: true,
          cisa: 'Act',
          deployer: 'Immediate',
          bod: '3 days',
          due: '2026-12-05',
          components: [
            { package: 'pkg:npm/lodash', installed: '4.17.20', fixed: ['4.17.21', '5.0.0'] },
            { package: 'pkg:npm/lodash.zipobjectdeep', installed: '4.1.0', fixed: [] },
          ],
        }),
        asset('a2', 'billing'),
        asset('a3', 'intranet', { binding: true, bod: 'Fix on system upgrade', due: null, cisa: 'Track' }),
      ],
      remediation: 'Upgrade lodash to 4.17.21 or later.\nRedeploy the affected services.',
      workaround: '',
      link: 'https://aicc.example.org/advisories/AICC-2026-0042',
    },
    ...overrides,
  };
}

/** A daily digest for a non-federal subscriber. */
export function digestNotification(): Notification {
  const base = kevNotification();
  return {
    ...base,
    id: '4800',
    kind: 'digest',
    urgency: 'digest',
    tlp: 'GREEN',
    title: 'Your AICC digest for 2026-12-03',
    vulnId: null,
    body: {
      ...base.body,
      trigger: { kind: 'digest', detail: '2 notifications since 2026-12-02' },
      priority: { cisa: 'Attend', deployer: 'Scheduled', bod: '14 days', due: '2026-12-17', binding: false },
      assets: [],
      link: 'https://aicc.example.org/portal/notifications',
      items: [
        { id: '4790', title: 'CVE-2026-2222 in 1 asset', due: '2026-12-17', cisa: 'Attend' },
        { id: '4791', title: 'CVE-2026-3333 in 2 assets', due: null, cisa: 'Track' },
      ],
    },
  };
}
