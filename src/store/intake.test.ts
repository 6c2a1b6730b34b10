import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, testDatabase } from '../../test/db.js';
import type { Finding } from '../domain/finding.js';
import type { Connection } from './connection.js';
import { insertOrg } from './identity.js';
import { CHUNK, openSubmission, submissionFindings, type NewFinding } from './intake.js';

const finding = (externalId: string, title = `finding ${externalId}`): Finding => ({
  externalId, title, description: 'd', purl: 'pkg:npm/x', affectedVersions: null, repository: null, commit: null,
  location: { file: null, startLine: null, endLine: null, symbol: null }, cwes: [], claimedImpact: null, aliases: [], fingerprints: {},
  ruleId: null, severity: null, provenance: { tool: 't', toolVersion: null, runId: null, configHash: null }, attachments: [],
});

const row = (f: Finding, caseId: string, newCase: boolean): NewFinding => ({
  id: randomUUID(), externalId: f.externalId, caseId, newCase, reason: newCase ? 'new' : 'location', score: 0.5, explanation: `why ${f.externalId}`, finding: f,
});

describe.each(backends())('writing a submission in chunks on %s', (backend) => {
  let conn: Connection;
  let orgId: string;
  beforeEach(async () => {
    conn = await testDatabase(backend);
    orgId = (await insertOrg(conn.db, { slug: 'lab', name: 'Lab', roles: ['reporter'] })).id;
  });
  afterEach(() => conn.close());

  const counts = async () => ({
    submissions: Number((await conn.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    findings: Number((await conn.db.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    cases: Number((await conn.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('stores every chunk, and text with tabs, line breaks and backslashes as given', async () => {
    const odd = 'tab\there\nline\r\\N \\t back\\slash "q" \u00e9\u{1F600}';
    const rows = Array.from({ length: CHUNK + 3 }, (_, i) => row(finding(i === 1 ? `id\t${odd}` : `f-${i}`, i === 1 ? odd : undefined), `C-${i % 2}`, i < 2));
    const sub = await conn.db.transaction().execute(async (tx) => {
      const w = await openSubmission(tx, { org_id: orgId, client_key: 'k', name: 'n', format: 'native', sha256: 'h' }, rows.length, conn.copyIn);
      await w.write(rows.slice(0, CHUNK));
      await w.write(rows.slice(CHUNK));
      await w.close();
      return w.submission;
    });
    expect(await counts()).toEqual({ submissions: 1, findings: CHUNK + 3, cases: 2 });
    const stored = (await submissionFindings(conn.db, sub.id)).find((r) => r.external_id === `id\t${odd}`);
    expect(stored).toMatchObject({ title: odd, dedup_explanation: `why id\t${odd}`, case_id: 'C-1', dedup_reason: 'new' });
    expect(stored!.record).toEqual(finding(`id\t${odd}`, odd));
  });

  it('fails on a later chunk and leaves nothing of the submission behind', async () => {
    const first = Array.from({ length: 5 }, (_, i) => row(finding(`f-${i}`), 'C-1', i === 0));
    // the same external id twice in one submission breaks its unique key in the second chunk
    const second = [row(finding('f-2'), 'C-1', false)];
    const attempt = conn.db.transaction().execute(async (tx) => {
      const w = await openSubmission(tx, { org_id: orgId, client_key: 'k', name: 'n', format: 'native', sha256: 'h' }, 6, conn.copyIn);
      await w.write(first);
      await w.write(second);
      await w.close();
    });
    await expect(attempt).rejects.toThrow(/duplicate key|unique/i);
    expect(await counts()).toEqual({ submissions: 0, findings: 0, cases: 0 });
  });
});
