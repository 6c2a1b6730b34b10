import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createUser, SYSTEM } from '../../src/app/identity.js';
import { backends, CORPUS, hasCorpus } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, storeFingerprint, type Inject } from './helpers.js';

interface Receipt { findings: Array<{ externalId: string; findingId: string; caseId: string; status: string }> }
interface CaseSummary { id: string; status: string; reporters: number; priority: { score: number; parts: string[] }; reporterPrecision: number }
interface CaseDetail {
  id: string; status: string; access: string; findings: Array<{ id: string; externalId: string; reporter: { slug: string }; attachments: Array<{ name: string }> }>;
  reporters: Array<{ slug: string; firstSeen: string; precision: number | null }>; otherReporters: number; priority: unknown; triage: { outcome: string } | null;
  credibility: { indicators: Array<{ key: string }>; suggested: string } | null; events: Array<{ kind: string; details: Record<string, unknown> }>;
  verdict: { reason: string | null; duplicateOf: string | null } | null;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A native findings document: each finding on a package, with optional PoC. */
function native(findings: Array<{ id: string; title: string; description?: string; purl: string; file: string; line: number; cwe: string; severity?: string; impact?: string; poc?: string }>): string {
  return JSON.stringify({
    findings: findings.map((f) => ({
      id: f.id, title: f.title, description: f.description ?? f.title,
      package: { purl: f.purl, versions: '1.0.0' },
      location: { file: f.file, startLine: f.line },
      cwe: [f.cwe], severity: f.severity ?? 'high', ...(f.impact ? { claimedImpact: f.impact } : {}),
      provenance: { tool: 'model-x', toolVersion: '2026.11', runId: 'run-1' },
      ...(f.poc ? { attachments: [{ name: 'poc.js', kind: 'poc', mediaType: 'text/javascript', content: b64(f.poc) }] } : {}),
    })),
  });
}

const PARSER = { purl: 'pkg:npm/acme-parser', file: 'lib/parse.js', cwe: 'CWE-1333' };
const ZIP = { purl: 'pkg:npm/acme-zip', file: 'lib/extract.js', cwe: 'CWE-22' };

describe.each(backends())('cases: triage queue, verdicts, merge/split, vendor release on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let lab: Record<string, string>;
  let second: Record<string, string>;
  let analyst: Record<string, string>;
  let vendor: Record<string, string>;
  let subscriber: Record<string, string>;
  let parserCase: string;
  let zipCase: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    const org = await createOrg(server.ctx, SYSTEM, { slug: 'second-lab', name: 'Second Lab', roles: ['reporter'] });
    await createUser(server.ctx, SYSTEM, { orgId: org.id, email: 'r2@second.example', name: 'R2', password: 'correct horse battery', isAdmin: false });
    lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    second = await signIn(inject, 'r2@second.example', 'correct horse battery');
    analyst = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    vendor = await signIn(inject, 'vendor@acme.example', server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
  });
  afterAll(() => server.close());

  const submit = (who: Record<string, string>, key: string, body: string) =>
    inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...who, ...json, 'idempotency-key': key }, payload: body });
  const detail = async (who: Record<string, string>, id: string) => {
    const res = await inject({ url: `/api/v1/cases/${id}`, headers: who });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDetail>();
  };

  it('queues cases most urgent first, each reporter seeing only its own', async () => {
    const a = await submit(lab, 'lab-1', native([
      { id: 'L1', title: 'ReDoS in the header parser', description: 'A crafted header with nested quantifiers takes exponential time in parseHeader.', ...PARSER, line: 40, severity: 'high', impact: 'remote denial of service', poc: 'require("./lib/parse.js")' },
      { id: 'L2', title: 'Zip slip in extract', description: 'Entries with ../ escape the destination directory.', ...ZIP, line: 12, severity: 'medium' },
    ]));
    expect(a.statusCode, a.body).toBe(201);
    [parserCase, zipCase] = a.json<Receipt>().findings.map((f) => f.caseId) as [string, string];
    const b = await submit(second, 'second-1', native([{ id: 'S1', title: 'Catastrophic backtracking in parseHeader', description: 'Regex backtracking in the header parser.', ...PARSER, line: 41, severity: 'critical' }]));
    expect(b.json<Receipt>().findings[0]!.caseId).toBe(parserCase);

    const queue = await inject({ url: '/api/v1/cases', headers: analyst });
    expect(queue.statusCode, queue.body).toBe(200);
    const items = queue.json<{ items: CaseSummary[] }>().items;
    expect(items.map((c) => c.id)).toEqual([parserCase, zipCase]);
    expect(items[0]).toMatchObject({ reporters: 2, status: 'new' });
    expect(items[0]!.priority.parts).toContain('+40 critical severity');

    const mine = await inject({ url: '/api/v1/cases', headers: second });
    expect(mine.json<{ items: CaseSummary[] }>().items.map((c) => c.id)).toEqual([parserCase]);
    const seen = await detail(second, parserCase);
    expect(seen).toMatchObject({ access: 'reporter', otherReporters: 1, priority: null, triage: null, credibility: null });
    expect(seen.findings.map((f) => f.reporter.slug)).toEqual(['second-lab']);
    expect((await inject({ url: `/api/v1/cases/${zipCase}`, headers: second })).statusCode).toBe(404);
    expect((await inject({ url: '/api/v1/cases', headers: subscriber })).statusCode).toBe(403);
    expect((await inject({ url: '/api/v1/cases', headers: vendor })).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('shows analysts every reporter with first-seen credit and the credibility indicators', async () => {
    const c = await detail(analyst, parserCase);
    expect(c.access).toBe('analyst');
    expect(c.reporters.map((r) => r.slug)).toEqual(['frontier-lab', 'second-lab']);
    expect(c.reporters[0]!.firstSeen <= c.reporters[1]!.firstSeen).toBe(true);
    expect(c.credibility!.indicators.map((i) => i.key)).toEqual(expect.arrayContaining(['has-poc', 'several-reporters']));
    expect(c.credibility!.suggested).toBe('C');
    const zip = await detail(analyst, zipCase);
    expect(zip.credibility!.indicators.map((i) => i.key)).toEqual(['no-attack-scenario']);
  });

  it('serves a PoC as a download, never as a page, and only to who may see the case', async () => {
    const c = await detail(analyst, parserCase);
    const f = c.findings.find((x) => x.attachments.length)!;
    const res = await inject({ url: `/api/v1/findings/${f.id}/attachments/poc.js`, headers: analyst });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe('require("./lib/parse.js")');
    expect((await inject({ url: `/api/v1/findings/${f.id}/attachments/poc.js`, headers: second })).statusCode).toBe(404);
  });

  it.skipIf(!hasCorpus)('records SSVC coordinator triage from the loaded table, refusing bad input precisely', async () => {
    const before = await inject({ method: 'PUT', url: `/api/v1/cases/${parserCase}/triage`, headers: { ...analyst, ...json }, payload: { inputs: {} } });
    expect(before.statusCode).toBe(404);
    expect(before.json<{ error: { message: string } }>().error.message).toMatch(/not loaded/);
    const table = readFileSync(join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables', 'ssvc', 'coordinator_triage_1_0_0.json'), 'utf8');
    const loaded = await inject({ method: 'PUT', url: '/api/v1/decision-tables', headers: { ...analyst, ...json }, payload: table });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toMatchObject({ id: 'ssvc:DT_COORD_TRIAGE:1.0.0', rows: 192 });

    // the table's own row: not public, supplier contacted, credible, one supplier, unresponsive, efficient, minimal → Coordinate
    const inputs = { RP: 'N', SCON: 'Y', RC: 'C', SC: 'O', SE: 'U', U: 'E', PSI: 'M' };
    const fingerprint = await storeFingerprint(server);
    const bad = await inject({ method: 'PUT', url: `/api/v1/cases/${parserCase}/triage`, headers: { ...analyst, ...json }, payload: { inputs: { ...inputs, RC: 'maybe' } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ error: { details: Array<{ pointer: string }> } }>().error.details[0]!.pointer).toBe('/inputs/ssvc:RC:1.0.0');
    expect(await storeFingerprint(server)).toBe(fingerprint);

    const res = await inject({ method: 'PUT', url: `/api/v1/cases/${parserCase}/triage`, headers: { ...analyst, ...json }, payload: { inputs, indicators: ['has-poc'] } });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<CaseDetail>();
    expect(c.triage!.outcome).toBe('C');
    expect(c.events.at(-1)).toMatchObject({ kind: 'triage' });
    expect((await inject({ method: 'PUT', url: `/api/v1/cases/${parserCase}/triage`, headers: { ...second, ...json }, payload: { inputs } })).statusCode).toBe(403);
  });

  it('asks the reporters for more (needs-info) and reopens the case on their reply', async () => {
    const asked = await inject({ method: 'POST', url: `/api/v1/cases/${zipCase}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'needs-info', reason: 'Which versions extract ../ entries? Please attach a PoC.' } });
    expect(asked.statusCode, asked.body).toBe(200);
    const seen = await detail(lab, zipCase);
    expect(seen.status).toBe('needs-info');
    expect(seen.events.map((e) => e.kind)).toEqual(['verdict']);
    const reply = await inject({ method: 'POST', url: `/api/v1/cases/${zipCase}/replies`, headers: { ...lab, ...json }, payload: { text: 'All 1.x; PoC to follow.' } });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json<CaseDetail>().status).toBe('new');
  });

  it('merges a duplicate case into another, and later findings of it follow', async () => {
    const other = await submit(second, 'second-2', native([{ id: 'S2', title: 'Directory traversal when unpacking', description: 'Unpacking writes outside the target folder.', purl: 'pkg:npm/acme-zip-fork', file: 'src/unpack.js', line: 3, cwe: 'CWE-22' }]));
    const forkCase = other.json<Receipt>().findings[0]!.caseId;
    expect(forkCase).not.toBe(zipCase);
    const self = await inject({ method: 'POST', url: `/api/v1/cases/${zipCase}/merge`, headers: { ...analyst, ...json }, payload: { from: zipCase } });
    expect(self.statusCode).toBe(422);
    const dup = await inject({ method: 'POST', url: `/api/v1/cases/${forkCase}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'duplicate', reason: 'same extract bug, vendored copy', duplicateOf: zipCase } });
    expect(dup.statusCode, dup.body).toBe(200);
    expect(dup.json<CaseDetail>()).toMatchObject({ status: 'duplicate', verdict: { duplicateOf: zipCase } });
    const merged = await detail(analyst, zipCase);
    expect(merged.findings.map((f) => f.externalId).sort()).toEqual(['L2', 'S2']);
    const again = await submit(lab, 'lab-2', native([{ id: 'L3', title: 'Directory traversal when unpacking', description: 'Unpacking writes outside the target folder.', purl: 'pkg:npm/acme-zip-fork', file: 'src/unpack.js', line: 3, cwe: 'CWE-22' }]));
    expect(again.json<Receipt>().findings[0]).toMatchObject({ status: 'duplicate', caseId: zipCase });
    const late = await inject({ method: 'POST', url: `/api/v1/cases/${forkCase}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'confirmed', reason: 'x' } });
    expect(late.statusCode).toBe(409);
  });

  it('splits findings into a case of their own that keeps them across a rebuild', async () => {
    const merged = await detail(analyst, zipCase);
    const s2 = merged.findings.filter((f) => f.externalId !== 'L2').map((f) => f.id);
    const bad = await inject({ method: 'POST', url: `/api/v1/cases/${zipCase}/split`, headers: { ...analyst, ...json }, payload: { findingIds: merged.findings.map((f) => f.id) } });
    expect(bad.statusCode).toBe(422);
    const res = await inject({ method: 'POST', url: `/api/v1/cases/${zipCase}/split`, headers: { ...analyst, ...json }, payload: { findingIds: s2 } });
    expect(res.statusCode, res.body).toBe(200);
    const { from, to } = res.json<{ from: CaseDetail; to: CaseDetail }>();
    expect(from.findings.map((f) => f.externalId)).toEqual(['L2']);
    expect(to.findings.map((f) => f.externalId).sort()).toEqual(['L3', 'S2']);
    server.ctx.dedup.invalidate();
    const again = await submit(second, 'second-3', native([{ id: 'S3', title: 'Directory traversal when unpacking', description: 'Unpacking writes outside the target folder.', purl: 'pkg:npm/acme-zip-fork', file: 'src/unpack.js', line: 3, cwe: 'CWE-22' }]));
    expect(again.json<Receipt>().findings[0]).toMatchObject({ status: 'duplicate', caseId: to.id });
  });

  it('releases confirmed cases to their vendor within its weekly capacity, most urgent first', async () => {
    const set = await inject({ method: 'PUT', url: '/api/v1/vendors/acme-software', headers: { ...analyst, ...json }, payload: { prefixes: ['pkg:npm/acme-'], casesPerWeek: 1 } });
    expect(set.statusCode, set.body).toBe(200);
    expect((await inject({ method: 'PUT', url: '/api/v1/vendors/valley-hospital', headers: { ...analyst, ...json }, payload: { prefixes: ['pkg:npm/x'] } })).statusCode).toBe(409);
    for (const id of [zipCase, parserCase]) {
      const res = await inject({ method: 'POST', url: `/api/v1/cases/${id}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'confirmed', reason: 'reproduced by hand' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const seen = await inject({ url: '/api/v1/cases?status=all', headers: vendor });
    // the zip case was confirmed first and took the week's one slot; the parser case waits its turn
    expect(seen.json<{ items: CaseSummary[] }>().items.map((c) => c.id)).toEqual([zipCase]);
    const schedule = (await inject({ url: '/api/v1/vendors', headers: analyst })).json<{ items: Array<{ slug: string; releasedLastWeek: number; queued: Array<{ caseId: string; releasableAt: string }> }> }>().items;
    expect(schedule).toHaveLength(1);
    expect(schedule[0]).toMatchObject({ slug: 'acme-software', releasedLastWeek: 1, queued: [{ caseId: parserCase }] });
    expect(Date.parse(schedule[0]!.queued[0]!.releasableAt)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    expect((await detail(vendor, zipCase)).access).toBe('vendor');
    expect((await inject({ url: `/api/v1/cases/${parserCase}`, headers: vendor })).statusCode).toBe(404);
  });

  it('counts each reporter’s precision over distinct decided cases', async () => {
    await inject({ method: 'POST', url: `/api/v1/cases/${parserCase}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'not-a-vulnerability', reason: 'the regex is bounded by the header size limit' } });
    const res = await inject({ url: '/api/v1/reporters', headers: analyst });
    expect(res.statusCode, res.body).toBe(200);
    const bySlug = Object.fromEntries(res.json<{ items: Array<{ slug: string; confirmed: number; notVulnerability: number; precision: number | null }> }>().items.map((r) => [r.slug, r]));
    expect(bySlug['frontier-lab']).toMatchObject({ confirmed: 1, notVulnerability: 1, precision: 0.5 });
    expect(bySlug['second-lab']).toMatchObject({ confirmed: 0, notVulnerability: 1, precision: 0 });
    expect((await inject({ url: '/api/v1/reporters', headers: lab })).statusCode).toBe(403);
  });

  it('limits a reporter’s submissions per hour, saying when to retry, and stores nothing', async () => {
    await server.ctx.conn.db.insertInto('org_limits').values({ org_id: (await server.ctx.conn.db.selectFrom('orgs').select('id').where('slug', '=', 'second-lab').executeTakeFirstOrThrow()).id, submissions_per_hour: 3, findings_per_day: null, cases_per_week: null, updated_by: 'test' }).execute();
    const fingerprint = await storeFingerprint(server);
    const res = await submit(second, 'second-4', native([{ id: 'S4', title: 'Another', ...PARSER, line: 90 }]));
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/3 submissions per hour/);
    expect(await storeFingerprint(server)).toBe(fingerprint);
    // a retry of an accepted submission is not a new one: its receipt comes back
    expect((await submit(second, 'second-1', native([{ id: 'S1', title: 'Catastrophic backtracking in parseHeader', description: 'Regex backtracking in the header parser.', ...PARSER, line: 41, severity: 'critical' }]))).statusCode).toBe(200);
  });
});
