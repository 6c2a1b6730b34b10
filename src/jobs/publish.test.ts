import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, json, signIn, type Inject } from '../../test/api/helpers.js';
import { backends } from '../../test/db.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import { packageAdvisory } from '../domain/advisory.testing.js';
import { insertAdvisory } from '../store/advisories.js';
import { startJobs, type Jobs } from './index.js';
import { PUBLISH_QUEUE } from './publish.js';

describe.each(backends())('scheduled advisory publication on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let lab: Record<string, string>;
  const schema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const runners: Jobs[] = [];
  let n = 0;

  const db = () => server.ctx.conn.db;
  /** A ready advisory on a new case whose embargo ends at `endsAt` (no publication time of its own). */
  const advisoryUnderEmbargo = async (endsAt: Date): Promise<string> => {
    n++;
    const body = {
      findings: [{
        id: `sched-${n}`, title: `Scheduled weakness ${n} in parser ${n}`, description: `Field ${n} overflows buffer ${n} when long.`,
        package: { purl: `pkg:npm/acme-parser${n}`, versions: '1.0.0' }, location: { file: `lib/p${n}.js`, startLine: 5 + n }, cwe: ['CWE-787'],
        severity: 'high', provenance: { tool: 'model-x', toolVersion: '2026.11', runId: `run-sched-${n}` },
      }],
    };
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...lab, ...json, 'idempotency-key': `sched-${backend}-${n}` }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json<{ findings: Array<{ caseId: string }> }>().findings[0]!.caseId;
    await db().insertInto('case_embargoes').values({ case_id: caseId, ends_at: endsAt, zone: 'UTC', basis: 'manual', reason: 'test', set_by: 'test' }).execute();
    await insertAdvisory(db(), { id: caseId, caseId, status: 'ready', tlp: 'CLEAR', document: { ...packageAdvisory(), id: caseId }, publishAt: null, by: 'test' });
    return caseId;
  };
  const state = async (id: string) => (await db().selectFrom('advisories').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const publishedEvents = async (id: string) => (await db().selectFrom('case_events').select('actor').where('case_id', '=', id).where('kind', '=', 'advisory-published').execute());
  const runs = async (...states: Array<'created' | 'retry' | 'active' | 'completed' | 'failed'>) => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`${schema}.job`)} WHERE name = ${PUBLISH_QUEUE} AND state IN (${sql.join(states)})`.execute(db());
    return rows[0]!.n;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false, env: { AICC_PUBLISH_INTERVAL_SECONDS: '1' } });
    inject = injector(server);
    lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
  });
  afterAll(async () => {
    for (const jobs of runners) await jobs.stop();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db());
    await server.close();
  });

  it('publishes an advisory when its case’s embargo ends, without anyone acting', async () => {
    const id = await advisoryUnderEmbargo(new Date(Date.now() + 3_000));
    runners.push(await startJobs(server.ctx, { workers: true, schema }));
    // runs happen before the embargo ends and publish nothing
    await expect.poll(() => runs('completed'), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toBe('ready');
    await expect.poll(() => state(id), { timeout: 20_000 }).toBe('published');
    expect(await publishedEvents(id)).toEqual([{ actor: 'system' }]);
    const publishing = async () => (await sql<{ published: number }>`SELECT (output->>'published')::int AS published FROM ${sql.table(`${schema}.job`)}
      WHERE name = ${PUBLISH_QUEUE} AND state = 'completed' AND (output->>'published')::int > 0`.execute(db())).rows;
    await expect.poll(publishing, { timeout: 5_000 }).toEqual([{ published: 1 }]);
    expect(await runs('failed')).toBe(0);
  });

  it('publishes an advisory that fell due while no runner ran, once a runner starts again', async () => {
    for (const jobs of runners.splice(0)) await jobs.stop();
    expect(await runs('active')).toBe(0);
    const id = await advisoryUnderEmbargo(new Date(Date.now() - 60_000));
    // nobody runs the queue: it stays ready
    await new Promise((r) => setTimeout(r, 1500));
    expect(await state(id)).toBe('ready');

    runners.push(await startJobs(server.ctx, { workers: true, schema }));
    // the restart neither adds a chain nor loses the one waiting
    expect(await runs('created')).toBeLessThanOrEqual(1);
    await expect.poll(() => state(id), { timeout: 20_000 }).toBe('published');
    expect(await publishedEvents(id)).toHaveLength(1);
    const later = await runs('completed');
    await expect.poll(() => runs('completed'), { timeout: 15_000 }).toBeGreaterThanOrEqual(later + 2);
    expect(await publishedEvents(id)).toHaveLength(1);
    expect(await runs('created')).toBeLessThanOrEqual(1);
    expect(await runs('failed')).toBe(0);
  });
});
