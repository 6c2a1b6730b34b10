import type { PublishedDocument } from './documents.js';
import type { ProviderSettings } from './settings.js';

export const BASE = 'https://aicc.example.org/.well-known/csaf';

export function settings(overrides: Partial<ProviderSettings> = {}): ProviderSettings {
  return {
    canonicalUrl: `${BASE}/provider-metadata.json`,
    baseUrl: BASE,
    publisher: { category: 'coordinator', name: 'AICC Clearinghouse', namespace: 'https://aicc.example.org', contact_details: 'psirt@aicc.example.org' },
    publicKeys: [{ fingerprint: '8F5F267907B2C4559DB360DB2294BA7D2B2298B1', url: 'https://aicc.example.org/.well-known/csaf/openpgp/8F5F267907B2C4559DB360DB2294BA7D2B2298B1.asc' }],
    listOnAggregators: true,
    mirrorOnAggregators: false,
    ...overrides,
  };
}

export function doc(overrides: Partial<PublishedDocument> = {}): PublishedDocument {
  return {
    id: 'AICC-2025-0001',
    tlp: 'CLEAR',
    initialReleaseDate: '2025-03-01T10:00:00Z',
    currentReleaseDate: '2025-03-01T10:00:00Z',
    title: 'Heap overflow in libexample',
    ...overrides,
  };
}

/** `value` or the test fails with its problems. */
export function must<T>(r: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.problems)}`);
  return r.value;
}
