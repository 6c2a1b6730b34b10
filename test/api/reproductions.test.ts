import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_BYTES, type ReproductionView } from '../../src/app/reproductions.js';
import { startJobs, type Jobs } from '../../src/jobs/index.js';
import { DEMO_PARSER, findingWithPocs, settled } from '../../src/jobs/reproductions.testing.js';
import { sandboxAvailability, sandboxSuite } from '../../src/sandbox/sandbox.testing.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, type Inject } from './helpers.js';

const availability = sandboxAvailability();
const SHORT = { wallMs: 3_000, cpuSeconds: 2 };
const targetUrl = (name: string) => `/api/v1/repro-targets/${encodeURIComponent(name)}`;

interface Receipt { findings: Array<{ findingId: string; caseId: string }> }
interface Problems { error: { code: string; details: Array<{ pointer?: string; message: string }> } }

describe.each(backends())('reproductions over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let jobs: Jobs;
  let operator: Record<string, string>;
  let lab: Record<string, string>;
  let subscriber: Record<string, string>;
  let hostListener: Server;
  let hostConnections = 0;
  let hostDir: string;
  let finding: { findingId: string; caseId: string };
  let bare: { findingId: string; caseId: string };
  const jobSchema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  /** Everything a refused request must leave as it was: targets, runs, jobs, the audit log. */
  const fingerprint = async () => {
    const { rows } = await sql<{ f: string }>`SELECT concat_ws('|',
      (SELECT count(*) FROM repro_targets), (SELECT count(*) FROM repro_target_files), (SELECT count(*) FROM reproductions),
      (SELECT count(*) FROM audit_log), (SELECT count(*) FROM ${sql.table(`${jobSchema}.job`)})) AS f`.execute(server.ctx.conn.db);
    return rows[0]!.f;
  };

  const submit = async (key: string, body: string) => {
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?name=lab.json', headers: { ...lab, ...json, 'idempotency-key': key }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Receipt>().findings[0]!;
  };
  const request = (caseId: string, body: Record<string, unknown>, who = operator) =>
    inject({ method: 'POST', url: `/api/v1/cases/${encodeURIComponent(caseId)}/reproductions`, headers: { ...who, ...json }, payload: body });

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    jobs = await startJobs(server.ctx, { workers: true, schema: jobSchema });
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    hostListener = createServer((socket) => {
      hostConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => hostListener.listen(0, '127.0.0.1', resolve));
    const port = (hostListener.address() as { port: number }).port;
    hostDir = await mkdtemp(join(tmpdir(), 'aicc-host-'));
    const net = [
      "const s = require('net').connect({ host: '127.0.0.1', port: " + port + ' });',
      "s.on('connect', () => { console.log('CONNECTED'); s.end(); });",
      "s.on('error', (e) => console.error('blocked', e.code));",
    ].join('\n');
    finding = await submit('lab-poc-1', findingWithPocs('run-1/1', {
      'poc.js': DEMO_PARSER.poc,
      'forkbomb.sh': 'bomb() { bomb | bomb & }; bomb; sleep 30\n',
      'net.js': net,
      'escape.sh': `echo pwned > ${join(hostDir, 'escaped.txt')} && echo WROTE\necho pwned > /escaped-${jobSchema} && echo WROTE\n`,
      'flood.sh': 'cat /dev/zero\n',
    }));
    bare = await submit('lab-poc-2', JSON.stringify({ findings: [{ id: 'run-1/2', title: 'A claim without a proof', description: 'No PoC here.', provenance: { tool: 'model-x' } }] }));
  });

  afterAll(async () => {
    await jobs?.stop();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(jobSchema)} CASCADE`.execute(server.ctx.conn.db);
    await server?.close();
    await new Promise<void>((resolve) => hostListener?.close(() => resolve()));
    if (hostDir) await rm(hostDir, { recursive: true, force: true });
  });

  describe('targets', () => {
    it('stores a version once: the same files again are unchanged, other files under its name a conflict', async () => {
      const put = await inject({ method: 'PUT', url: targetUrl(DEMO_PARSER.affected), headers: { ...operator, ...json }, payload: DEMO_PARSER.files('1.0.0') });
      expect(put.statusCode, put.body).toBe(201);
      expect(put.json()).toMatchObject({ name: DEMO_PARSER.affected, status: 'created', files: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
      const again = await inject({ method: 'PUT', url: targetUrl(DEMO_PARSER.affected), headers: { ...operator, ...json }, payload: DEMO_PARSER.files('1.0.0') });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'unchanged', sha256: put.json<{ sha256: string }>().sha256 });
      const other = await inject({ method: 'PUT', url: targetUrl(DEMO_PARSER.affected), headers: { ...operator, ...json }, payload: DEMO_PARSER.files('1.0.1') });
      expect(other.statusCode).toBe(409);
      expect((await inject({ method: 'PUT', url: targetUrl(DEMO_PARSER.fixed), headers: { ...operator, ...json }, payload: DEMO_PARSER.files('1.0.1') })).statusCode).toBe(201);
      const list = await inject({ url: '/api/v1/repro-targets', headers: operator });
      expect(list.json<{ items: Array<{ name: string; files: number; bytes: number; createdAt: string }> }>().items.map((t) => [t.name, t.files])).toEqual([
        [DEMO_PARSER.affected, 2], [DEMO_PARSER.fixed, 2],
      ]);
    });

    it('refuses paths that leave the target, bad base64 and members without triage, storing nothing', async () => {
      const before = await fingerprint();
      const bad = await inject({
        method: 'PUT', url: targetUrl('pkg:npm/evil@1.0.0'), headers: { ...operator, ...json },
        payload: { files: [{ path: '../escape.js', content: '' }, { path: '/etc/passwd', content: '' }, { path: 'a/./b', content: '' }, { path: 'ok.js', content: 'not base64!' }] },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<Problems>().error.details.map((d) => d.pointer)).toEqual(['/files/0/path', '/files/1/path', '/files/2/path', '/files/3/content']);
      const nested = await inject({ method: 'PUT', url: targetUrl('pkg:npm/evil@1.0.0'), headers: { ...operator, ...json }, payload: { files: [{ path: 'a', content: '' }, { path: 'a/b', content: '' }] } });
      expect(nested.statusCode).toBe(422);
      expect((await inject({ method: 'PUT', url: targetUrl('pkg:npm/evil@1.0.0'), headers: { ...lab, ...json }, payload: DEMO_PARSER.files('1.0.0') })).statusCode).toBe(403);
      expect((await inject({ url: '/api/v1/repro-targets', headers: lab })).statusCode).toBe(403);
      expect(await fingerprint()).toBe(before);
    });
  });

  describe('requests', () => {
    it('answers 404 for an unknown case, finding or target and 422 with pointers for the rest, queuing nothing', async () => {
      const before = await fingerprint();
      const oracle = { kind: 'marker', text: 'PARSER-OVERFLOW' };
      const valid = { findingId: finding.findingId, affected: DEMO_PARSER.affected, oracle };
      expect((await request('CASE-NOPE', valid)).statusCode).toBe(404);
      const unknown = await request(finding.caseId, { ...valid, findingId: randomUUID(), affected: 'pkg:npm/nope@1.0.0', fixed: 'pkg:npm/nope@2.0.0' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<Problems>().error.details.map((d) => d.pointer)).toEqual(['/findingId', '/affected', '/fixed']);
      const noPoc = await request(bare.caseId, { ...valid, findingId: bare.findingId });
      expect(noPoc.statusCode).toBe(422);
      expect(noPoc.json<Problems>().error.details[0]).toMatchObject({ pointer: '/findingId', message: expect.stringContaining("kind 'poc'") as unknown });
      const limits = await request(finding.caseId, { ...valid, limits: { wallMs: 10 * 60 * 60 * 1000, processes: 1 }, command: [] });
      expect(limits.statusCode).toBe(422);
      expect(limits.json<Problems>().error.details.map((d) => d.pointer)).toEqual(['/command', '/limits/wallMs', '/limits/processes']);
      const shape = await request(finding.caseId, { ...valid, oracle: { kind: 'vibes' } });
      expect(shape.statusCode).toBe(422);
      expect((await request(finding.caseId, valid, lab)).statusCode).toBe(403);
      expect(await fingerprint()).toBe(before);
    });
  });

  describe.runIf(availability.run)('runs in the sandbox (real bwrap)', () => {
    sandboxSuite(availability);

    it('reproduces through the queue: fixed-version-clean, with both runs and their logs kept', async () => {
      const res = await request(finding.caseId, {
        findingId: finding.findingId, affected: DEMO_PARSER.affected, fixed: DEMO_PARSER.fixed, oracle: { kind: 'marker', text: 'PARSER-OVERFLOW' }, limits: SHORT,
      });
      expect(res.statusCode, res.body).toBe(202);
      const queued = res.json<ReproductionView>();
      expect(queued).toMatchObject({ status: 'queued', verdict: null, runs: null, caseId: finding.caseId });
      // the first runnable PoC in the reporter's order, by its extension; small limits suited to node
      expect(queued.spec).toMatchObject({ command: ['/usr/bin/node', 'poc.js'], pocs: ['poc.js', 'forkbomb.sh', 'net.js', 'escape.sh', 'flood.sh'] });
      expect(queued.spec.limits).toMatchObject({ ...SHORT, memoryBytes: 2 * 1024 ** 3, outputBytes: 64 * 1024, processes: 32 });

      const done = await settled(inject, operator, queued.id);
      expect(done, JSON.stringify(done)).toMatchObject({ status: 'done', verdict: 'fixed-version-clean', error: null });
      expect(done.runs?.affected).toMatchObject({ judgement: 'triggered', exitCode: 1, killedFor: null });
      expect(done.runs?.affected.stderr).toContain('PARSER-OVERFLOW: nesting depth 1000');
      expect(done.runs?.fixed).toMatchObject({ judgement: 'not-triggered', exitCode: 0, stdout: 'parsed null\n' });
      expect(done.startedAt).not.toBeNull();
      expect(done.finishedAt).not.toBeNull();

      // the reporter reads its own finding's runs; other members learn nothing
      expect((await inject({ url: `/api/v1/reproductions/${done.id}`, headers: lab })).json()).toMatchObject({ verdict: 'fixed-version-clean' });
      expect((await inject({ url: `/api/v1/reproductions/${done.id}`, headers: subscriber })).statusCode).toBe(404);
      expect((await inject({ url: `/api/v1/cases/${finding.caseId}/reproductions`, headers: subscriber })).statusCode).toBe(404);
      const listed = await inject({ url: `/api/v1/cases/${finding.caseId}/reproductions`, headers: operator });
      expect(listed.json<{ items: ReproductionView[] }>().items.map((r) => r.id)).toContain(done.id);

      const events = await server.ctx.conn.db.selectFrom('case_events').select(['kind', 'details']).where('case_id', '=', finding.caseId).execute();
      expect(events).toContainEqual({ kind: 'reproduction', details: expect.objectContaining({ reproductionId: done.id, verdict: 'fixed-version-clean' }) as unknown });
      const audit = await server.ctx.conn.db.selectFrom('audit_log').select('subject').where('action', '=', 'reproduction.request').execute();
      expect(audit).toContainEqual({ subject: `reproduction:${done.id}` });
    });

    it('is not reproduced when the oracle never shows on the affected version', async () => {
      const res = await request(finding.caseId, { findingId: finding.findingId, affected: DEMO_PARSER.affected, fixed: DEMO_PARSER.fixed, oracle: { kind: 'marker', text: 'NO-SUCH-MARKER' }, limits: SHORT });
      const done = await settled(inject, operator, res.json<ReproductionView>().id);
      expect(done).toMatchObject({ status: 'done', verdict: 'not-reproduced', runs: { fixed: null } });
      expect(done.runs?.affected.stderr).toContain('PARSER-OVERFLOW');
    });

    describe('when the PoC is hostile', () => {
      const hostile: Record<string, ReproductionView> = {};

      beforeAll(async () => {
        const runs = {
          forkbomb: { command: ['/bin/sh', 'forkbomb.sh'], oracle: { kind: 'marker', text: 'NEVER' }, limits: { ...SHORT, processes: 16 } },
          net: { command: ['/usr/bin/node', 'net.js'], oracle: { kind: 'marker', text: 'CONNECTED' }, limits: SHORT },
          escape: { command: ['/bin/sh', 'escape.sh'], oracle: { kind: 'marker', text: 'WROTE' }, limits: SHORT },
          flood: { command: ['/bin/sh', 'flood.sh'], oracle: { kind: 'marker', text: 'NEVER' }, limits: { ...SHORT, outputBytes: 16 * 1024 } },
        };
        // all queued at once: the worker takes them one after another
        const ids = await Promise.all(Object.entries(runs).map(async ([name, body]) => {
          const res = await request(finding.caseId, { findingId: finding.findingId, affected: DEMO_PARSER.affected, ...body });
          expect(res.statusCode, res.body).toBe(202);
          return [name, res.json<ReproductionView>().id] as const;
        }));
        for (const [name, id] of ids) hostile[name] = await settled(inject, operator, id);
      });

      it('contains a fork bomb at the process limit and the wall clock, and reports it inconclusive', () => {
        expect(hostile.forkbomb).toMatchObject({ status: 'done', verdict: 'inconclusive', runs: { affected: { killedFor: 'processes', timedOut: true } } });
        expect(hostile.forkbomb!.runs!.affected.wallMs).toBeLessThan(SHORT.wallMs + 2_000);
        expect(execFileSync('/bin/echo', ['host fine'], { encoding: 'utf8' })).toBe('host fine\n');
      });

      it('keeps a network call from reaching the host loopback', () => {
        expect(hostile.net).toMatchObject({ status: 'done', verdict: 'not-reproduced', runs: { affected: { judgement: 'not-triggered' } } });
        expect(hostile.net!.runs!.affected.stderr).toMatch(/blocked (ECONNREFUSED|ENETUNREACH)/);
        expect(hostConnections).toBe(0);
      });

      it('refuses writes outside the work dir, with the errors in stderr and nothing on the host', () => {
        expect(hostile.escape).toMatchObject({ status: 'done', verdict: 'not-reproduced' });
        expect(hostile.escape!.runs!.affected.stdout).toBe('');
        expect(hostile.escape!.runs!.affected.stderr).toMatch(/nonexistent|Read-only file system|Permission denied/);
        expect(existsSync(join(hostDir, 'escaped.txt'))).toBe(false);
        expect(existsSync(`/escaped-${jobSchema}`)).toBe(false);
      });

      it('cuts infinite output at the cap, keeps what it can store and reports it inconclusive', () => {
        expect(hostile.flood).toMatchObject({ status: 'done', verdict: 'inconclusive', runs: { affected: { killedFor: 'output', outputTruncated: true } } });
        const stdout = hostile.flood!.runs!.affected.stdout;
        // NUL bytes cannot be stored in jsonb: kept as U+FFFD, never more than LOG_BYTES
        expect(stdout.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(stdout)).toBeLessThanOrEqual(LOG_BYTES);
        expect(stdout).not.toContain('\0');
      });
    });
  });
});
