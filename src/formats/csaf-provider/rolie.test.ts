import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { BASE, doc, must, settings } from './provider.testing.js';
import { rolieFeed } from './rolie.js';

const NOW = '2026-02-01T12:00:00.000Z';
const docs = [
  doc({ id: 'AICC-2025-0001', initialReleaseDate: '2025-01-10T08:00:00Z', currentReleaseDate: '2025-01-10T08:00:00Z', title: 'Oldest' }),
  doc({ id: 'AICC-2025-0007', initialReleaseDate: '2025-11-02T09:00:00Z', currentReleaseDate: '2026-01-20T09:00:00Z', title: 'Updated this year', summary: 'A fix for the parser.' }),
  doc({ id: 'AICC-2025-0003', initialReleaseDate: '2025-05-05T05:00:00Z', currentReleaseDate: '2025-06-01T00:00:00+02:00', title: 'Middle' }),
];

describe('the ROLIE feed of one TLP label (requirement 15)', () => {
  const feed = must(rolieFeed(settings(), 'WHITE', docs, NOW)).feed;

  it('describes itself as the spec’s example does', () => {
    expect(feed).toMatchObject({
      id: 'csaf-feed-tlp-white',
      title: 'AICC Clearinghouse CSAF feed (TLP:WHITE)',
      link: [{ rel: 'self', href: `${BASE}/white/csaf-feed-tlp-white.json` }],
      category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
      updated: NOW,
    });
  });

  it('lists the documents newest first by current_release_date', () => {
    expect(feed.entry.map((e) => e.id)).toEqual(['AICC-2025-0007', 'AICC-2025-0003', 'AICC-2025-0001']);
  });

  it('compares release dates as instants, whatever their offsets', () => {
    const a = doc({ id: 'a', currentReleaseDate: '2025-06-01T01:00:00+02:00' }); // 23:00 UTC the day before
    const b = doc({ id: 'b', currentReleaseDate: '2025-05-31T23:30:00Z' });
    expect(must(rolieFeed(settings(), 'WHITE', [a, b], NOW)).feed.entry.map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('links each document, both hash files and its signature, under the document’s year of first release', () => {
    const src = `${BASE}/white/2025/aicc-2025-0007.json`;
    expect(feed.entry[0]).toEqual({
      id: 'AICC-2025-0007',
      title: 'Updated this year',
      link: [
        { rel: 'self', href: src },
        { rel: 'hash', href: `${src}.sha256` },
        { rel: 'hash', href: `${src}.sha512` },
        { rel: 'signature', href: `${src}.asc` },
      ],
      published: '2025-11-02T09:00:00Z',
      updated: '2026-01-20T09:00:00Z',
      summary: { content: 'A fix for the parser.' },
      content: { type: 'application/json', src },
      format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
    });
  });

  it('leaves out the summary of a document that has none', () => {
    expect(feed.entry[2]).not.toHaveProperty('summary');
  });

  it('is an empty feed for a label without documents', () => {
    expect(must(rolieFeed(settings(), 'RED', docs, NOW)).feed.entry).toEqual([]);
  });

  it('refuses documents that cannot be placed, and an updated time that is no date-time', () => {
    const r = rolieFeed(settings(), 'WHITE', [...docs, doc({ id: 'AICC-2025-0001', tlp: 'CLEAR' })], 'now');
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/updated', '/documents/3/id', '/documents/3/id']);
  });
});

corpusSkipNote('CSAF 2.0 ROLIE example feed (src/formats/csaf-provider/rolie.test.ts)');

describe('the spec’s example ROLIE feed', () => {
  it.skipIf(!hasCorpus)('has the same fields as ours, at every level', () => {
    const example = JSON.parse(readFileSync(join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'ROLIE', 'example-01-feed-tlp-white.json'), 'utf8')) as { feed: Record<string, unknown> & { entry: Array<Record<string, unknown>> } };
    const ours = must(rolieFeed(settings(), 'WHITE', docs, NOW)).feed;
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(ours)).toEqual(keys(example.feed));
    expect(keys(ours.entry[0]!)).toEqual(keys(example.feed.entry[0]!));
    expect(ours.entry[0]!.format).toEqual(example.feed.entry[0]!.format);
    expect(ours.category).toEqual(example.feed.category);
  });
});
