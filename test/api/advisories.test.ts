import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createUser, SYSTEM } from '../../src/app/identity.js';
import type { Advisory } from '../../src/domain/advisory.js';
import { fromCsaf, validateCsaf } from '../../src/formats/csaf/index.js';
import { fromCve5 } from '../../src/formats/cve5/advisory.js';
import { fromOsv } from '../../src/formats/osv/advisory.js';
import { fromCycloneDxVex } from '../../src/formats/vex/index.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { caller, injector, json, signIn, type Inject, type Who } from './helpers.js';

interface Receipt { findings: Array<{ caseId: string }> }
interface Problem { source: string; test: string; pointer: string; message: string }
interface View { advisory: Advisory; caseId: string; status: string; tlp: string; publishAt: string | null; updatedAt: string; problems: Problem[] }
interface Draft extends View { warnings: string[] }
interface EmbargoAnswer { embargo: { at: string } | null }
interface ErrorBody { error: { code: string; message: string; details: Array<{ pointer?: string; message: string }> } }

const PASSWORD = 'correct horse battery';
const XSS = "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')";

/** One native finding; two reporters sending the same one land in one case (same package, file, line and CWE). */
function native(id: string, cwes: string[], versions = '<2.1.0', purl = 'pkg:npm/acme-lens', file = 'lib/lens.js'): string {
  return JSON.stringify({
    findings: [{
      id, title: 'Stored XSS in the lens caption renderer', package: { purl, versions }, location: { file, startLine: 42, symbol: 'renderCaption' },
      description: 'The caption renderer of acme-lens inserts caption text as HTML. A caption can run script in every viewer\'s browser.',
      cwe: cwes, severity: 'high', provenance: { tool: 'model-x', toolVersion: '2026.11', runId: id },
    }],
  });
}

describe.each(backends())('advisories on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  // inject is set in beforeAll: the closure reads it when a request is made
  const { call, ok } = caller((opts) => inject(opts));
  let analyst: Who;
  let reporter: Who;
  let second: Who;
  let acme: Who;
  let gamma: Who;
  let subscriber: Who;
  let caseId: string;
  let id: string;
  let updatedAt: string;

  const refused = async (who: Who, method: string, url: string, payload: unknown, status: number): Promise<ErrorBody> => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<ErrorBody>();
  };
  const submit = async (who: Who, key: string, body: string) => {
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...who, ...json, 'idempotency-key': key }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Receipt>().findings[0]!.caseId;
  };
  const current = () => ok<View>(analyst, 'GET', `/advisories/${id}`);
  const save = (advisory: unknown, at = updatedAt) => call(analyst, 'PUT', `/advisories/${id}`, { advisory, updatedAt: at });
  const exported = async (format: string) => {
    const res = await call(analyst, 'GET', `/advisories/${id}/export?format=${format}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${id}.${format}.json"`);
    return res.json<unknown>();
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    const lab = await createOrg(server.ctx, SYSTEM, { slug: 'second-lab', name: 'Second Lab', roles: ['reporter'] });
    await createUser(server.ctx, SYSTEM, { orgId: lab.id, email: 'r@second-lab.example', name: 'Second', password: PASSWORD, isAdmin: false });
    const g = await createOrg(server.ctx, SYSTEM, { slug: 'gamma-soft', name: 'Gamma Soft', roles: ['vendor'] });
    await createUser(server.ctx, SYSTEM, { orgId: g.id, email: 'v@gamma-soft.example', name: 'Gamma', password: PASSWORD, isAdmin: false });
    analyst = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    reporter = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    second = await signIn(inject, 'r@second-lab.example', PASSWORD);
    acme = await signIn(inject, 'vendor@acme.example', server.demo.operator.password);
    gamma = await signIn(inject, 'v@gamma-soft.example', PASSWORD);
    await ok(analyst, 'PUT', '/vendors/acme-software', { prefixes: ['pkg:npm/acme-'], casesPerWeek: 1000 });
    caseId = await submit(reporter, 'first', native('F1', ['CWE-79']));
    expect(await submit(second, 'second', native('S1', ['CWE-79', 'CWE-99999']))).toBe(caseId);
  });
  afterAll(() => server.close());

  it('refuses to draft from a case that is not confirmed', async () => {
    const body = await refused(analyst, 'POST', `/cases/${caseId}/advisory`, undefined, 409);
    expect(body.error.message).toMatch(/confirmed/);
    expect((await call(analyst, 'GET', `/cases/${caseId}/advisory`)).statusCode).toBe(404);
  });

  it('drafts from a confirmed case: its package, versions, vendor, CWE name and every reporter credited', async () => {
    await ok(analyst, 'POST', `/cases/${caseId}/verdict`, { verdict: 'confirmed', reason: 'reproduced by hand' });
    const d = await ok<Draft>(analyst, 'POST', `/cases/${caseId}/advisory`, undefined, 201);
    id = d.advisory.id;
    updatedAt = d.updatedAt;
    expect(id).toBe((await ok<{ id: string }>(analyst, 'GET', `/cases/${caseId}/id`)).id);
    expect(d.status).toBe('draft');
    expect(d.advisory.products).toEqual([
      { id: 'AICC-PID-1', vendor: 'Acme Software', name: 'acme-lens', purl: 'pkg:npm/acme-lens', cpe: null, versions: 'vers:npm/<2.1.0', status: 'known_affected' },
    ]);
    expect(d.advisory.cwes).toEqual([{ id: 'CWE-79', name: XSS }]);
    expect(d.warnings.join('\n')).toContain('CWE-99999');
    // the demo reporter (Frontier AI Lab) reported first
    expect(d.advisory.acknowledgments.map((a) => a.organization)).toEqual(['Frontier AI Lab', 'Second Lab']);
    expect(d.advisory.acknowledgments.every((a) => /^first reported \d{4}-\d{2}-\d{2}$/.test(a.summary ?? ''))).toBe(true);
    expect(d.advisory.summary).toBe('The caption renderer of acme-lens inserts caption text as HTML.');
    expect(d.advisory.revisions.map((r) => [r.number, r.summary])).toEqual([['0', 'Draft.']]);
    const embargo = (await ok<{ embargo: { at: string } }>(analyst, 'GET', `/cases/${caseId}/embargo`)).embargo;
    expect(d.advisory.initialReleaseDate).toBe(embargo.at);
    expect(d.advisory.references).toEqual([{ url: `${server.ctx.config.advisories.publicUrl}/advisories/${id}`, summary: 'This advisory', category: 'self' }]);
    expect(d.advisory.publisher).toEqual(server.ctx.config.advisories.publisher);
    // no score yet: the draft is saved, its problems say what is missing
    expect(d.problems.map((p) => p.pointer)).toContain('/scores');
  });

  it('keeps one advisory per case: a second draft names the first', async () => {
    const body = await refused(analyst, 'POST', `/cases/${caseId}/advisory`, undefined, 409);
    expect(body.error.message).toContain(id);
    expect((await ok<View>(analyst, 'GET', `/cases/${caseId}/advisory`)).advisory.id).toBe(id);
  });

  it('lets the case\'s vendor and reporters read the draft but not edit it; others get 404', async () => {
    for (const who of [acme, reporter, second]) expect((await ok<View>(who, 'GET', `/advisories/${id}`)).advisory.id).toBe(id);
    expect((await ok<View>(acme, 'GET', `/cases/${caseId}/advisory`)).advisory.id).toBe(id);
    const stored = (await current()).advisory;
    expect((await call(acme, 'PUT', `/advisories/${id}`, { advisory: stored, updatedAt })).statusCode).toBe(403);
    expect((await call(acme, 'POST', `/advisories/${id}/ready`, {})).statusCode).toBe(403);
    expect((await call(acme, 'POST', `/cases/${caseId}/advisory`)).statusCode).toBe(403);
    for (const who of [gamma, subscriber]) {
      for (const url of [`/advisories/${id}`, `/cases/${caseId}/advisory`, `/advisories/${id}/export?format=csaf`]) expect((await call(who, 'GET', url)).statusCode).toBe(404);
      expect((await call(who, 'PUT', `/advisories/${id}`, { advisory: stored, updatedAt })).statusCode).toBe(404);
    }
    const kinds = (await ok<{ items: Array<{ kind: string }> }>(acme, 'GET', `/cases/${caseId}/timeline`)).items.map((e) => e.kind);
    expect(kinds).toContain('advisory-draft');
  });

  it('refuses to mark a draft ready while problems remain', async () => {
    const body = await refused(analyst, 'POST', `/advisories/${id}/ready`, {}, 409);
    expect(body.error.details.map((d) => d.pointer)).toContain('/advisory/scores');
    expect((await current()).status).toBe('draft');
  });

  it('recomputes a tampered base score from its vector', async () => {
    const a = (await current()).advisory;
    const res = await save({ ...a, scores: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 0.1, severity: 'LOW' }] });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<View>();
    expect(v.advisory.scores).toEqual([{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 6.1, severity: 'MEDIUM' }]);
    expect(v.updatedAt).not.toBe(updatedAt);
    const stale = await save(v.advisory, updatedAt);
    expect(stale.statusCode, stale.body).toBe(409);
    updatedAt = v.updatedAt;
  });

  it('answers a bad vers with 422 at its pointer and stores nothing', async () => {
    const before = await current();
    const a = structuredClone(before.advisory);
    a.products.push({ ...a.products[0]!, id: 'AICC-PID-2', versions: 'vers:npm/>=2.0.0|>=3.0.0' });
    const res = await save(a);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<ErrorBody>().error.details.map((d) => d.pointer)).toEqual(['/advisory/products/1/versions']);
    const dup = await save({ ...a, products: [a.products[0]!, { ...a.products[0]!, versions: '2.1.0', status: 'fixed' }] });
    expect(dup.json<ErrorBody>().error.details.map((d) => d.pointer)).toEqual(['/advisory/products/1/id']);
    const after = await current();
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.advisory).toEqual(before.advisory);
  });

  it('exports CSAF that passes the schema and every mandatory test once the analyst has filled it in', async () => {
    const a = (await current()).advisory;
    const filled: Advisory = {
      ...a,
      products: [...a.products, { id: 'AICC-PID-2', vendor: 'Acme Software', name: 'acme-lens', purl: 'pkg:npm/acme-lens', cpe: null, versions: '2.1.0', status: 'fixed' }],
      remediations: [{ category: 'vendor_fix', details: 'Upgrade to 2.1.0 or later.', url: 'https://example.org/acme-lens/releases/2.1.0', productIds: ['AICC-PID-1'] }],
      // a CWE name the client got wrong is replaced by the catalogue's
      cwes: [{ id: 'CWE-79', name: 'XSS' }],
    };
    const res = await save(filled);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<View>();
    updatedAt = v.updatedAt;
    expect(v.advisory.cwes).toEqual([{ id: 'CWE-79', name: XSS }]);
    expect(v.problems).toEqual([]);
    const csaf = await exported('csaf');
    expect(await validateCsaf(csaf)).toEqual({ isValid: true, errors: [] });
  });

  it('exports CVE 5 only once the advisory has a CVE id', async () => {
    const body = await refused(analyst, 'GET', `/advisories/${id}/export?format=cve5`, undefined, 422);
    expect(body.error.message).toMatch(/no CVE id/);
    await ok(analyst, 'PUT', `/cases/${caseId}/cve`, { cve: 'CVE-2026-40001' });
    const a = (await current()).advisory;
    const res = await save({ ...a, cve: 'CVE-2026-40001' });
    expect(res.statusCode, res.body).toBe(200);
    updatedAt = res.json<View>().updatedAt;
  });

  it('exports four formats that our importers read back to the stored advisory', async () => {
    const stored = (await current()).advisory;
    const read = {
      csaf: fromCsaf(await exported('csaf')),
      osv: fromOsv(await exported('osv')),
      cve5: fromCve5(await exported('cve5')),
      vex: fromCycloneDxVex(await exported('vex')),
    };
    for (const [format, r] of Object.entries(read)) {
      expect(r.ok ? [] : JSON.stringify(r.problems), format).toEqual([]);
      if (r.ok) expect(r.value, format).toEqual(stored);
    }
  });

  it('marks it ready once no problem is left, and reopens it to draft', async () => {
    const ready = await ok<View>(analyst, 'POST', `/advisories/${id}/ready`, {});
    expect(ready.status).toBe('ready');
    // a ready advisory is not edited until reopened
    expect((await save(ready.advisory, ready.updatedAt)).statusCode).toBe(409);
    expect((await call(analyst, 'POST', `/advisories/${id}/ready`, {})).statusCode).toBe(409);
    const draft = await ok<View>(analyst, 'POST', `/advisories/${id}/reopen`);
    expect(draft.status).toBe('draft');
    expect((await save(draft.advisory, draft.updatedAt)).statusCode).toBe(200);
    const kinds = (await ok<{ items: Array<{ kind: string }> }>(reporter, 'GET', `/cases/${caseId}/timeline`)).items.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['advisory-draft', 'advisory-edit', 'advisory-ready', 'advisory-reopen']));
  });

  it('needs a publication time to be ready when the case has no embargo', async () => {
    // a package no vendor maintains: the case is released to nobody, so no embargo starts
    const lonely = await submit(reporter, 'lonely', native('L1', ['CWE-22'], '1.0.0', 'pkg:pypi/lonely-lib', 'lonely/core.py'));
    await ok(analyst, 'POST', `/cases/${lonely}/verdict`, { verdict: 'confirmed', reason: 'reproduced by hand' });
    expect((await ok<EmbargoAnswer>(analyst, 'GET', `/cases/${lonely}/embargo`)).embargo).toBeNull();
    const d = await ok<Draft>(analyst, 'POST', `/cases/${lonely}/advisory`, undefined, 201);
    expect(d.advisory.products.map((p) => [p.vendor, p.versions])).toEqual([['lonely-lib', '1.0.0']]);
    const res = await call(analyst, 'PUT', `/advisories/${d.advisory.id}`, { advisory: { ...d.advisory, scores: [{ vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N' }] }, updatedAt: d.updatedAt });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<View>().problems).toEqual([]);
    const body = await refused(analyst, 'POST', `/advisories/${d.advisory.id}/ready`, {}, 422);
    expect(body.error.details.map((x) => x.pointer)).toEqual(['/publishAt']);
    const ready = await ok<View>(analyst, 'POST', `/advisories/${d.advisory.id}/ready`, { publishAt: '2027-06-01T12:00:00Z' });
    expect([ready.status, ready.publishAt]).toEqual(['ready', '2027-06-01T12:00:00.000Z']);
  });
});
