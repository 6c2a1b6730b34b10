import { describe, expect, it } from 'vitest';
import { providerFiles } from './files.js';
import { validateProviderMetadata } from './provider-schema.js';
import { BASE, doc, must, settings } from './provider.testing.js';

const NOW = '2026-02-01T12:00:00Z';

describe('all the provider’s index files at once', () => {
  it('serves the public metadata and, per published tree, its feed, index.txt and changes.csv', () => {
    const files = must(providerFiles(settings(), [doc(), doc({ id: 'AICC-2026-0002', tlp: 'AMBER', initialReleaseDate: '2026-01-05T00:00:00Z' })], NOW));
    expect(files.map((f) => [f.url.slice(BASE.length + 1), f.label, f.mediaType])).toEqual([
      ['provider-metadata.json', null, 'application/json'],
      ['white/csaf-feed-tlp-white.json', 'WHITE', 'application/json'],
      ['white/index.txt', 'WHITE', 'text/plain; charset=utf-8'],
      ['white/changes.csv', 'WHITE', 'text/csv; charset=utf-8'],
      ['amber/csaf-feed-tlp-amber.json', 'AMBER', 'application/json'],
      ['amber/index.txt', 'AMBER', 'text/plain; charset=utf-8'],
      ['amber/changes.csv', 'AMBER', 'text/csv; charset=utf-8'],
    ]);
    const metadata = JSON.parse(files[0]!.content) as unknown;
    expect(validateProviderMetadata(metadata)).toEqual([]);
    expect(files[2]!.content).toBe('2025/aicc-2025-0001.json\n');
    expect(files[5]!.content).toBe('2026/aicc-2026-0002.json\n');
  });

  it('stamps the metadata and every feed with the same time', () => {
    const files = must(providerFiles(settings(), [doc({ tlp: 'RED' })], NOW));
    const json = files.filter((f) => f.mediaType === 'application/json').map((f) => JSON.parse(f.content) as { last_updated?: string; feed?: { updated: string } });
    expect(json.map((j) => j.last_updated ?? j.feed?.updated)).toEqual([NOW, NOW, NOW]);
  });

  it('refuses the whole set when one document cannot be placed', () => {
    const r = providerFiles(settings(), [doc(), doc({ id: '???' })], NOW);
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/documents/1/id']);
  });
});
