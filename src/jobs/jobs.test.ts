import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, json, signIn, type Inject } from '../../test/api/helpers.js';
import { backends } from '../../test/db.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import type { ReproductionView } from '../app/reproductions.js';
import { sandboxAvailability, sandboxSuite } from '../sandbox/sandbox.testing.js';
import { jobsFor, startJobs } from './index.js';
import { REPRODUCE_QUEUE } from './reproduce.js';
import { DEMO_PARSER, findingWithPocs, settled } from './reproductions.testing.js';

const availability = sandboxAvailability();

describe.runIf(availability.run).each(backends())('the reproduction queue on %s (real bwrap)', (backend) => {
  sandboxSuite(availability);
  let server: TestServer;
  let inject: Inject;
  let operator: Record<string, string>;
  let target: { findingId: string; caseId: string };
  const schema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  const request = async () => {
    const res = await inject({
      method: 'POST', url: `/api/v1/cases/${target.caseId}/reproductions`, headers: { ...operator, ...json },
      payload: { findingId: target.findingId, affected: DEMO_PARSER.affected, oracle: { kind: 'marker', text: 'RESTART-OK' }, limits: { wallMs: 3_000 } },
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<ReproductionView>();
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    const lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    await inject({ method: 'PUT', url: `/api/v1/repro-targets/${encodeURIComponent(DEMO_PARSER.affected)}`, headers: { ...operator, ...json }, payload: DEMO_PARSER.files('1.0.0') });
    const res = await inject({
      method: 'POST', url: '/api/v1/submissions?name=lab.json', headers: { ...lab, ...json, 'idempotency-key': 'restart-1' },
      payload: findingWithPocs('restart/1', { 'poc.sh': 'echo RESTART-OK\n' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    target = res.json<{ findings: Array<{ findingId: string; caseId: string }> }>().findings[0]!;
  });
  afterAll(async () => {
    await jobsFor(server.ctx)?.stop();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(server.ctx.conn.db);
    await server.close();
  });

  it('keeps a queued job across a restart and runs it when a worker starts', async () => {
    const queueOnly = await startJobs(server.ctx, { workers: false, schema });
    const queued = await request();
    expect((await queueOnly.boss.getJobById(REPRODUCE_QUEUE, queued.id))?.state).toBe('created');
    await queueOnly.stop();
    expect(jobsFor(server.ctx)).toBeUndefined();

    const worker = await startJobs(server.ctx, { workers: true, schema });
    expect(await settled(inject, operator, queued.id)).toMatchObject({ status: 'done', verdict: 'reproduced' });
    await worker.stop();
  });

  it('queues again what was requested while no queue ran in the process', async () => {
    const orphan = await request();
    expect(orphan.status).toBe('queued');
    const worker = await startJobs(server.ctx, { workers: true, schema });
    const done = await settled(inject, operator, orphan.id);
    expect(done).toMatchObject({ status: 'done', verdict: 'reproduced', runs: { affected: { stdout: 'RESTART-OK\n' } } });
    // a finished row is never run again, whatever job comes for it
    const again = await worker.boss.send(REPRODUCE_QUEUE, { reproductionId: orphan.id });
    worker.wake?.();
    await expect.poll(async () => (await worker.boss.getJobById(REPRODUCE_QUEUE, again!))?.state, { timeout: 10_000 }).toBe('completed');
    await worker.stop();
    expect((await inject({ url: `/api/v1/reproductions/${orphan.id}`, headers: operator })).json()).toMatchObject({ finishedAt: done.finishedAt });
  });
});
