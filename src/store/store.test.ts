import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, testDatabase } from '../../test/db.js';
import type { Vulnerability } from '../domain/vulnerability.js';
import { appendAudit, verifyAudit } from './audit.js';
import type { Connection } from './connection.js';
import { insertOrg } from './identity.js';
import { epssChunks, upsertEpss, upsertKev } from './signals.js';
import { vulnRow } from './vulnerability-row.js';
import { searchVulnerabilities, upsertVulnerabilities } from './vulnerabilities.js';

const vuln = (id: string, modified: string, over: Partial<Vulnerability> = {}): Vulnerability => ({
  id, source: 'osv', modified, published: null, withdrawn: null, aliases: [], related: [], summary: `summary of ${id}`, details: '',
  affected: [{ ecosystem: 'npm', name: 'left-pad', purl: 'pkg:npm/left-pad', ranges: [], versions: ['1.0.0'] }], products: [],
  severities: [], cwes: [], references: [], ssvc: null, kevHint: false, credits: [], tlp: 'CLEAR', ...over,
});

const kev = (cveId: string, dueDate: string) => ({
  cveId, vendorProject: 'v', product: 'p', vulnerabilityName: 'n', dateAdded: '2024-01-01', shortDescription: 's',
  requiredAction: 'a', dueDate, knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [],
});

describe.each(backends())('the store on %s', (backend) => {
  let conn: Connection;
  beforeEach(async () => {
    conn = await testDatabase(backend);
  });
  afterEach(() => conn.close());

  const write = (vs: Vulnerability[]) => conn.db.transaction().execute((tx) => upsertVulnerabilities(tx, vs.map(vulnRow)));

  describe('vulnerability upserts', () => {
    it('insert, leave equal or older records alone, and replace on a newer modified', async () => {
      expect(await write([vuln('A-1', '2024-01-01T00:00:00Z'), vuln('A-2', '2024-01-01T00:00:00Z')])).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
      expect(await write([vuln('A-1', '2024-01-01T00:00:00Z'), vuln('A-2', '2023-01-01T00:00:00Z')])).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
      const firstSeen = await conn.db.selectFrom('vulnerabilities').select('imported_at').where('id', '=', 'A-1').executeTakeFirstOrThrow();
      const r = await write([vuln('A-1', '2024-06-01T00:00:00Z', { aliases: ['CVE-2024-1'], affected: [] })]);
      const after = await conn.db.selectFrom('vulnerabilities').select(['imported_at', 'modified']).where('id', '=', 'A-1').executeTakeFirstOrThrow();
      expect(after).toEqual({ imported_at: firstSeen.imported_at, modified: '2024-06-01T00:00:00.000Z' });
      expect(r).toMatchObject({ imported: 0, updated: 1, changed: ['A-1'] });
      const aliases = await conn.db.selectFrom('vuln_aliases').select('alias').where('vuln_id', '=', 'A-1').orderBy('alias').execute();
      expect(aliases.map((a) => a.alias)).toEqual(['A-1', 'CVE-2024-1']);
      const packages = await conn.db.selectFrom('vuln_packages').selectAll().where('vuln_id', '=', 'A-1').execute();
      expect(packages).toEqual([]);
    });

    it('roll back with the transaction', async () => {
      await expect(
        conn.db.transaction().execute(async (tx) => {
          await upsertVulnerabilities(tx, [vulnRow(vuln('B-1', '2024-01-01T00:00:00Z'))]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM vulnerabilities`.execute(conn.db);
      expect(rows[0]?.n).toBe(0);
    });

    it('search by words with prefixes, and page by cursor', async () => {
      await write(['C-1', 'C-2', 'C-3'].map((id, i) => vuln(id, `2024-0${i + 1}-01T00:00:00Z`, { summary: `heap overflow in parser ${id}` })));
      const scope = { authenticated: false, orgId: null };
      const first = await searchVulnerabilities(conn.db, scope, { q: 'overfl pars', limit: 2 });
      expect(first.map((r) => r.id)).toEqual(['C-3', 'C-2']);
      const next = await searchVulnerabilities(conn.db, scope, { q: 'overfl', limit: 2, after: { modified: first[1]!.modified, id: first[1]!.id } });
      expect(next.map((r) => r.id)).toEqual(['C-1']);
    });
  });

  describe('score tables', () => {
    it('count KEV and EPSS rows as imported, updated or unchanged by value', async () => {
      const tx = conn.db;
      expect(await upsertKev(tx, 'v1', [kev('CVE-1', '2024-02-01'), kev('CVE-2', '2024-02-01')])).toEqual({ imported: 2, updated: 0, unchanged: 0 });
      expect(await upsertKev(tx, 'v1', [kev('CVE-1', '2024-02-01'), kev('CVE-2', '2024-03-01')])).toEqual({ imported: 0, updated: 1, unchanged: 1 });
      const rows = [{ cve: 'CVE-1', epss: 0.5, percentile: 0.9 }, { cve: 'CVE-2', epss: 0.1, percentile: 0.2 }];
      expect(await upsertEpss(tx, epssChunks(rows), '2025-01-01')).toEqual({ imported: 2, updated: 0, unchanged: 0 });
      expect(await upsertEpss(tx, epssChunks(rows), '2025-01-01')).toEqual({ imported: 0, updated: 0, unchanged: 2 });
      expect(await upsertEpss(tx, epssChunks([{ cve: 'CVE-1', epss: 0.6, percentile: 0.9 }]), '2025-01-02')).toEqual({ imported: 0, updated: 1, unchanged: 0 });
    });
  });

  describe('the audit log', () => {
    it('chains entries and detects an altered one', async () => {
      for (const action of ['a', 'b', 'c']) await conn.db.transaction().execute((tx) => appendAudit(tx, { actor: 'test', action, subject: 's', details: { n: action } }));
      expect(await verifyAudit(conn.db)).toEqual({ ok: true, entries: 3 });
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(conn.db);
      await sql`UPDATE audit_log SET details = '{"n":"forged"}' WHERE seq = 2`.execute(conn.db);
      expect(await verifyAudit(conn.db)).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry 2 was altered' });
    });

    it('detects a removed entry', async () => {
      for (const action of ['a', 'b', 'c']) await conn.db.transaction().execute((tx) => appendAudit(tx, { actor: 'test', action, subject: 's' }));
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(conn.db);
      await sql`DELETE FROM audit_log WHERE seq = 2`.execute(conn.db);
      expect(await verifyAudit(conn.db)).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry 2 is missing' });
    });
  });

  describe('identity', () => {
    it('refuses a duplicate organization slug', async () => {
      await insertOrg(conn.db, { slug: 'dup', name: 'One', roles: ['vendor'] });
      await expect(insertOrg(conn.db, { slug: 'dup', name: 'Two', roles: ['vendor'] })).rejects.toMatchObject({ code: '23505' });
    });
  });
});
