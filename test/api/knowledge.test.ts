import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, CORPUS, corpusSkipNote, hasCorpus } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, storeFingerprint, type Inject } from './helpers.js';

const osv = (over: Record<string, unknown> = {}) => ({
  schema_version: '1.6.0',
  id: 'GHSA-aaaa-bbbb-cccc',
  modified: '2025-01-01T00:00:00Z',
  published: '2025-01-01T00:00:00Z',
  aliases: ['CVE-2099-0001'],
  summary: 'Widget parser overflows on long names',
  details: 'A long name overflows the widget parser.',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [{ package: { ecosystem: 'npm', name: 'widget-parser' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }] }],
  ...over,
});

describe.each(backends())('knowledge base over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let operator: Record<string, string>;
  let subscriber: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false, env: { AICC_IMPORT_LIMIT: String(2 * 1024 * 1024) } });
    inject = injector(server);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
  });
  afterAll(() => server.close());

  const post = (payload: unknown, query = '', headers: Record<string, string> = json) =>
    inject({ method: 'POST', url: `/api/v1/import${query}`, headers: { ...operator, ...headers }, payload });

  describe('importing', () => {
    it('imports, then reports the same record unchanged, then updates it when modified moves on', async () => {
      const first = await post(osv());
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ summary: { imported: 1, updated: 0, unchanged: 0, rejected: 0 } });
      expect((await post(osv())).json()).toMatchObject({ summary: { imported: 0, updated: 0, unchanged: 1 } });
      const older = await post(osv({ modified: '2024-01-01T00:00:00Z', summary: 'stale' }));
      expect(older.json()).toMatchObject({ summary: { unchanged: 1 } });
      const newer = await post(osv({ modified: '2025-02-01T00:00:00Z', summary: 'Widget parser overflow (revised)' }));
      expect(newer.json()).toMatchObject({ summary: { updated: 1 } });
      const detail = await inject({ url: '/api/v1/vulnerabilities/GHSA-aaaa-bbbb-cccc' });
      expect(detail.json()).toMatchObject({ summary: 'Widget parser overflow (revised)', severities: [{ version: '3.1', baseScore: 9.8 }] });
    });

    it('links aliases both ways: the CVE finds the GHSA record', async () => {
      const res = await inject({ url: '/api/v1/vulnerabilities?id=CVE-2099-0001' });
      expect(res.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toEqual(['GHSA-aaaa-bbbb-cccc']);
      const missing = await inject({ url: '/api/v1/vulnerabilities/CVE-2099-0001' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: [{ pointer: '/GHSA-aaaa-bbbb-cccc' }] } });
    });

    it('honours withdrawn records: hidden from search unless asked for', async () => {
      await post(osv({ id: 'GHSA-wwww-wwww-wwww', aliases: [], withdrawn: '2025-03-01T00:00:00Z', modified: '2025-03-01T00:00:00Z' }));
      const hidden = await inject({ url: '/api/v1/vulnerabilities?q=widget' });
      expect(hidden.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain('GHSA-wwww-wwww-wwww');
      const shown = await inject({ url: '/api/v1/vulnerabilities?q=widget&includeWithdrawn=true' });
      expect(shown.json<{ items: Array<{ id: string; withdrawn: string | null }> }>().items.find((i) => i.id === 'GHSA-wwww-wwww-wwww')?.withdrawn).toBeTruthy();
    });

    it('takes a KEV catalog and EPSS CSV, and shows them on the record through its CVE alias', async () => {
      const kev = { title: 't', catalogVersion: '2099.01.01', dateReleased: '2099-01-01T00:00:00.000Z', count: 1, vulnerabilities: [
        { cveID: 'CVE-2099-0001', vendorProject: 'Widgets', product: 'Parser', vulnerabilityName: 'Widget Parser Overflow', dateAdded: '2099-01-01',
          shortDescription: 'Overflow.', requiredAction: 'Update.', dueDate: '2099-01-22', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: ['CWE-787'] },
      ] };
      expect((await post(kev, '?format=kev')).json()).toMatchObject({ summary: { imported: 1 } });
      const csv = '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\nCVE-2099-0001,0.91234,0.99100\n';
      expect((await post(csv, '', { 'content-type': 'text/csv' })).json()).toMatchObject({ summary: { imported: 1 } });
      const detail = (await inject({ url: '/api/v1/vulnerabilities/GHSA-aaaa-bbbb-cccc' })).json<{ kev: { dueDate: string }; epss: { score: number; date: string } }>();
      expect(detail.kev.dueDate).toBe('2099-01-22');
      expect(detail.epss.score).toBeCloseTo(0.91234, 4);
      expect(detail.epss.date).toBe('2025-08-25');
      const kevOnly = await inject({ url: '/api/v1/vulnerabilities?kev=true&q=widget' });
      expect(kevOnly.json<{ items: Array<{ id: string; kev: boolean }> }>().items).toEqual([expect.objectContaining({ id: 'GHSA-aaaa-bbbb-cccc', kev: true })]);
      const epssHigh = await inject({ url: '/api/v1/vulnerabilities?epssMin=0.9&q=widget' });
      expect(epssHigh.json<{ items: unknown[] }>().items).toHaveLength(1);
    });

    it.skipIf(!hasCorpus)('imports a real CVE 5 record with CISA ADP SSVC decision points', async () => {
      corpusSkipNote('CVE 5 import over HTTP');
      const text = readFileSync(join(CORPUS, 'cve5', '2024', '0xxx', 'CVE-2024-0001.json'), 'utf8');
      const res = await post(text);
      expect(res.statusCode).toBe(200);
      const detail = (await inject({ url: '/api/v1/vulnerabilities/CVE-2024-0001' })).json<{ ssvc: unknown; source: string }>();
      expect(detail.source).toBe('cve5');
      expect(detail.ssvc).toMatchObject({ exploitation: expect.any(String) as unknown, automatable: expect.any(String) as unknown });
    });
  });

  describe('bad input changes nothing', () => {
    type Expected = { code: string; details?: Array<Record<string, unknown>> };
    const cases: Array<[string, () => Promise<{ statusCode: number; json: () => unknown }>, number, Expected]> = [
      ['malformed JSON, with its line', () => post('{\n  "id": "GHSA-x",\n  "modified": \n}'), 400, { code: 'INVALID_JSON', details: [{ line: 4 }] }],
      ['a schema-invalid record, at its pointer', () => post(osv({ affected: [{ package: { ecosystem: 'npm' } }] })), 422, { code: 'VALIDATION_FAILED', details: [{ pointer: '/affected/0/package' }] }],
      ['an unknown CVSS metric, at its pointer', () => post(osv({ id: 'GHSA-cvss-cvss-cvss', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q' }] })), 422, { code: 'VALIDATION_FAILED', details: [{ pointer: '/severity/0/score' }] }],
      ['a vector the schema admits but CVSS does not (missing base metrics)', () => post(osv({ id: 'GHSA-cvs2-cvs2-cvs2', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L' }] })), 422, { code: 'INVALID_CVSS', details: [{ pointer: '/severity/0/score' }] }],
      ['JSON nested too deep', () => post(`{"id":"GHSA-x","database_specific":${'['.repeat(200)}${']'.repeat(200)}}`), 400, { code: 'TOO_DEEP' }],
      ['duplicate ids in one batch', () => post([osv({ id: 'GHSA-dup1-dup1-dup1' }), osv({ id: 'GHSA-dup1-dup1-dup1' })]), 422, { code: 'DUPLICATE_ID', details: [{ pointer: '/1/id' }] }],
      ['one bad record in a batch rejects the batch', () => post([osv({ id: 'GHSA-good-good-good' }), osv({ id: 'GHSA-bad0-bad0-bad0', modified: 'yesterday' })]), 422, { code: 'VALIDATION_FAILED', details: [{ pointer: '/1/modified' }] }],
      ['a wrong content type', () => post('<xml/>', '', { 'content-type': 'application/xml' }), 415, { code: 'UNSUPPORTED_MEDIA_TYPE' }],
      ['an unrecognizable document', () => post({ hello: 'world' }), 400, { code: 'UNKNOWN_FORMAT' }],
      ['an unknown format name', () => post(osv(), '?format=xml'), 400, { code: 'BAD_REQUEST' }],
      ['an oversized body', () => post(JSON.stringify(osv({ details: 'x'.repeat(3 * 1024 * 1024) }))), 413, { code: 'PAYLOAD_TOO_LARGE' }],
      ['a bad EPSS line, with its number', () => post('cve,epss,percentile\nCVE-2099-0002,0.5,0.5\nCVE-2099-0003,1.5,0.5\n', '', { 'content-type': 'text/csv' }), 422, { code: 'VALIDATION_FAILED', details: [{ line: 3 }] }],
    ];
    it.each(cases)('%s', async (_name, send, status, error) => {
      const before = await storeFingerprint(server);
      const res = await send();
      expect(res.statusCode).toBe(status);
      const { code, details = [] } = error;
      expect(res.json()).toMatchObject({ error: { code, details: expect.arrayContaining(details.map((d): unknown => expect.objectContaining(d))) as unknown } });
      expect(await storeFingerprint(server)).toBe(before);
    });

    it('refuses importers without the import scope of an operator', async () => {
      const before = await storeFingerprint(server);
      const res = await inject({ method: 'POST', url: '/api/v1/import', headers: { ...subscriber, ...json }, payload: osv({ id: 'GHSA-subs-subs-subs' }) });
      expect(res.statusCode).toBe(403);
      expect((await inject({ method: 'POST', url: '/api/v1/import', headers: json, payload: osv() })).statusCode).toBe(401);
      expect(await storeFingerprint(server)).toBe(before);
    });
  });

  describe('searching', () => {
    it('pages with a cursor, newest first, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await inject({ url: `/api/v1/vulnerabilities?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
        const body = res.json<{ items: Array<{ id: string; modified: string }>; nextCursor: string | null }>();
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(6);
    });

    it('rejects a forged cursor and out-of-range parameters', async () => {
      expect((await inject({ url: '/api/v1/vulnerabilities?cursor=bm9wZQ' })).json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      expect((await inject({ url: '/api/v1/vulnerabilities?limit=10000' })).statusCode).toBe(400);
      expect((await inject({ url: '/api/v1/vulnerabilities?epssMin=2' })).statusCode).toBe(400);
      expect((await inject({ url: '/api/v1/vulnerabilities?color=red' })).statusCode).toBe(400);
    });

    it('finds by package purl, ecosystem and severity band', async () => {
      const byPurl = await inject({ url: `/api/v1/vulnerabilities?purl=${encodeURIComponent('pkg:maven/org.apache.logging.log4j/log4j-core')}` });
      expect(byPurl.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toEqual(['CVE-2021-44228']);
      const versioned = await inject({ url: `/api/v1/vulnerabilities?purl=${encodeURIComponent('pkg:PyPI/Requests@2.30.0')}` });
      expect(versioned.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toEqual(['CVE-2023-32681']);
      const bad = await inject({ url: '/api/v1/vulnerabilities?purl=not-a-purl' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ error: { code: 'INVALID_PURL', details: [{ pointer: '/purl' }] } });
      const byEco = await inject({ url: '/api/v1/vulnerabilities?ecosystem=Debian' });
      expect(byEco.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id).sort()).toEqual(['CVE-2014-0160', 'CVE-2023-38545']);
      const medium = await inject({ url: '/api/v1/vulnerabilities?severity=medium' });
      expect(medium.json<{ items: Array<{ severity: string }> }>().items.every((i) => i.severity === 'medium')).toBe(true);
    });

    it('treats search words as words, never as query syntax', async () => {
      const res = await inject({ url: `/api/v1/vulnerabilities?q=${encodeURIComponent("log4j') | ('x & !:*")}` });
      expect(res.statusCode).toBe(200);
    });
  });
});
