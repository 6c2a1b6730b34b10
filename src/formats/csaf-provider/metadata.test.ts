import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { providerMetadata, type ProviderMetadata } from './metadata.js';
import { validateProviderMetadata } from './provider-schema.js';
import { BASE, doc, must, settings } from './provider.testing.js';

const NOW = '2026-02-01T12:00:00.000Z';

describe('provider-metadata.json of a trusted provider', () => {
  it('validates against the official provider metadata schema', () => {
    const metadata = must(providerMetadata(settings(), [doc(), doc({ id: 'AICC-2025-0002', tlp: 'AMBER' })], NOW));
    expect(validateProviderMetadata(metadata)).toEqual([]);
    expect(metadata).toMatchObject({
      canonical_url: `${BASE}/provider-metadata.json`,
      metadata_version: '2.0',
      role: 'csaf_trusted_provider',
      last_updated: NOW,
      list_on_CSAF_aggregators: true,
      mirror_on_CSAF_aggregators: false,
      public_openpgp_keys: settings().publicKeys,
      publisher: settings().publisher,
    });
  });

  it('lists one ROLIE feed per TLP label that has documents, in TLP order', () => {
    const metadata = must(providerMetadata(settings(), [doc({ id: 'r', tlp: 'RED' }), doc({ id: 'g', tlp: 'GREEN' }), doc({ id: 'w' })], NOW));
    expect(metadata.distributions).toEqual([
      {
        rolie: {
          feeds: [
            { summary: 'All TLP:WHITE advisories of AICC Clearinghouse.', tlp_label: 'WHITE', url: `${BASE}/white/csaf-feed-tlp-white.json` },
            { summary: 'All TLP:GREEN advisories of AICC Clearinghouse.', tlp_label: 'GREEN', url: `${BASE}/green/csaf-feed-tlp-green.json` },
            { summary: 'All TLP:RED advisories of AICC Clearinghouse.', tlp_label: 'RED', url: `${BASE}/red/csaf-feed-tlp-red.json` },
          ],
        },
      },
    ]);
  });

  it('keeps the WHITE feed while it is empty, as requirement 15 wants a WHITE, GREEN or unlabeled feed', () => {
    const feeds = (m: ProviderMetadata) => m.distributions.flatMap((d) => ('rolie' in d ? d.rolie.feeds.map((f) => f.tlp_label) : []));
    expect(feeds(must(providerMetadata(settings(), [doc({ tlp: 'AMBER' })], NOW)))).toEqual(['WHITE', 'AMBER']);
    expect(feeds(must(providerMetadata(settings(), [], NOW)))).toEqual(['WHITE']);
  });

  it('names the TLP trees as directory distributions only when the server serves listings', () => {
    const docs = [doc(), doc({ id: 'a', tlp: 'AMBER' })];
    expect(must(providerMetadata(settings(), docs, NOW)).distributions.some((d) => 'directory_url' in d)).toBe(false);
    const listed = must(providerMetadata(settings({ directoryListings: true }), docs, NOW));
    expect(listed.distributions.filter((d) => 'directory_url' in d)).toEqual([{ directory_url: `${BASE}/white/` }, { directory_url: `${BASE}/amber/` }]);
    expect(validateProviderMetadata(listed)).toEqual([]);
  });

  it('publishes only the publisher fields the schema knows', () => {
    const publisher = { ...settings().publisher, secret: 'internal note' };
    const metadata = must(providerMetadata(settings({ publisher }), [], NOW));
    expect(metadata.publisher).not.toHaveProperty('secret');
  });

  it('refuses settings a trusted provider cannot have, with pointers into the settings', () => {
    const r = providerMetadata(settings({ baseUrl: 'http://aicc.example.org/.well-known/csaf', publicKeys: [] }), [], NOW);
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/settings/baseUrl', '/settings/publicKeys']);
  });

  it('refuses a document it cannot place, so no feed is announced for it', () => {
    const r = providerMetadata(settings(), [doc(), doc({ id: 'x', tlp: 'AMBER+STRICT' })], NOW);
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/documents/1/tlp']);
  });

  it('refuses values the schema refuses, at the pointer in the metadata', () => {
    const r = providerMetadata(settings({ publicKeys: [{ fingerprint: 'ABCD', url: 'https://k.example/x.asc' }] }), [], NOW);
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toContain('/public_openpgp_keys/0/fingerprint');
    const canonical = providerMetadata(settings({ canonicalUrl: 'https://aicc.example.org/csaf/metadata.json' }), [], NOW);
    expect(canonical.ok ? [] : canonical.problems.map((p) => p.pointer)).toEqual(['/canonical_url']);
  });

  it('refuses a last_updated that is no RFC 3339 date-time', () => {
    const r = providerMetadata(settings(), [], '1 Feb 2026');
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/lastUpdated']);
  });
});

describe('validateProviderMetadata', () => {
  const valid = () => structuredClone(must(providerMetadata(settings(), [doc()], NOW))) as unknown as Record<string, unknown>;

  it.each([
    ['an unknown role', (m: Record<string, unknown>) => (m.role = 'csaf_wizard'), '/role'],
    ['a publisher category CSAF does not know', (m: Record<string, unknown>) => ((m.publisher as Record<string, unknown>).category = 'reseller'), '/publisher/category'],
    ['a feed with an unknown TLP label', (m: Record<string, unknown>) => (((m.distributions as Array<{ rolie: { feeds: Array<Record<string, unknown>> } }>)[0]!.rolie.feeds[0]!).tlp_label = 'CLEAR'), '/distributions/0/rolie/feeds/0/tlp_label'],
    ['a last_updated that is no date-time', (m: Record<string, unknown>) => (m.last_updated = 'yesterday'), '/last_updated'],
    ['a feed URL that is no JSON file', (m: Record<string, unknown>) => (((m.distributions as Array<{ rolie: { feeds: Array<Record<string, unknown>> } }>)[0]!.rolie.feeds[0]!).url = `${BASE}/feed.xml`), '/distributions/0/rolie/feeds/0/url'],
  ])('finds %s, at its pointer', (_name, breakIt, pointer) => {
    const m = valid();
    breakIt(m);
    expect(validateProviderMetadata(m).map((p) => p.pointer)).toContain(pointer);
  });

  it('finds a missing required field at the root', () => {
    const m = valid();
    delete m.publisher;
    const problems = validateProviderMetadata(m);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ pointer: '' });
    expect(problems[0]?.message).toContain('publisher');
  });

  it('never throws on what is not an object', () => {
    for (const v of [null, 42, 'x', [], undefined]) expect(validateProviderMetadata(v).length).toBeGreaterThan(0);
  });
});

corpusSkipNote('CSAF 2.0 provider metadata example (src/formats/csaf-provider/metadata.test.ts)');

describe('the spec’s example provider-metadata.json', () => {
  it.skipIf(!hasCorpus)('validates, and differs from ours only in its values', () => {
    const example = JSON.parse(readFileSync(join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'provider-metadata', 'example-01-provider-metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(validateProviderMetadata(example)).toEqual([]);
    expect(Object.keys(must(providerMetadata(settings(), [], NOW))).sort()).toEqual(Object.keys(example).sort());
  });
});
