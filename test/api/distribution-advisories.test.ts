import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeFacts } from '../../src/app/distribution-facts.js';
import { publishDue } from '../../src/app/publication.js';
import { packageRoot } from '../../src/config.js';
import type { Advisory } from '../../src/domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../src/domain/advisory.testing.js';
import type { Notification } from '../../src/domain/notification.js';
import { insertAdvisory } from '../../src/store/advisories.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { caller, injector, json, signIn, type Who } from './helpers.js';

const TABLES = join(packageRoot(), '..', 'shared', 'corpus', 'ssvc', 'data', 'json', 'decision_tables');
const PAST = new Date(Date.now() - 3600_000);

const widgetsSbom = (version: string) => ({
  bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
  components: [{ type: 'library', name: 'acme-widgets', version, purl: `pkg:npm/acme-widgets@${version}` }],
});

describe.each(backends())('advisories to subscribers (%s)', (backend) => {
  let server: TestServer;
  let call: ReturnType<typeof caller>['call'];
  let ok: ReturnType<typeof caller>['ok'];
  let operator: Who;
  let hospital: Who;
  let agency: Who;
  let reporter: Who;
  let n = 0;

  /** A case of its own, confirmed nowhere: advisories here are inserted as drafts for it. */
  const newCase = async (): Promise<string> => {
    n++;
    const body = {
      findings: [{
        id: `dist-${n}`, title: `Distribution weakness ${n}`, description: `Input ${n} reaches sink ${n} unchecked.`,
        package: { purl: `pkg:npm/dist-mod${n}`, versions: '1.0.0' }, location: { file: `src/d${n}.js`, startLine: 5 + n }, cwe: ['CWE-79'],
        severity: 'high', provenance: { tool: 'model-x', toolVersion: '2026.11', runId: `run-dist-${n}` },
      }],
    };
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...reporter, ...json, 'idempotency-key': `dist-${backend}-${n}` }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ findings: Array<{ caseId: string }> }>().findings[0]!.caseId;
  };
  const draft = async (advisory: Advisory, status: 'draft' | 'ready' = 'draft') => {
    const caseId = await newCase();
    const doc: Advisory = { ...advisory, id: caseId, status: 'draft', revisions: [{ number: '0', date: PAST.toISOString(), summary: 'Draft.' }] };
    await insertAdvisory(server.ctx.conn.db, { id: caseId, caseId, status, tlp: doc.tlp, document: doc, publishAt: PAST, by: 'test' });
    return caseId;
  };
  const feed = async (who: Who) => (await ok<{ items: Notification[] }>(who, 'GET', '/notifications?limit=1000')).items;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false, env: { AICC_SSVC_TABLES: TABLES, AICC_EMBARGO_ZONE: 'America/New_York' } });
    const inject = injector(server);
    ({ call, ok } = caller(inject));
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    hospital = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    reporter = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    const org = await ok<{ id: string }>(operator, 'POST', '/orgs', { slug: 'county-agency', name: 'County Agency', roles: ['subscriber'] }, 201);
    await ok(operator, 'POST', '/users', { orgId: org.id, email: 'it@county.example', name: 'Cy County', password: 'correct horse battery staple' }, 201);
    agency = await signIn(inject, 'it@county.example', 'correct horse battery staple');
    await ok(hospital, 'PUT', '/subscriber/settings', { preNotify: true, sector: 'healthcare' });
    await ok(hospital, 'PUT', '/assets/pacs-web', { type: 'service', exposed: true, sbom: widgetsSbom('2.2.0') });
    await ok(hospital, 'PUT', '/assets/plant-controller', { type: 'device', vendor: 'Volta', product: 'PC-200 firmware', version: '4.1' });
    await ok(agency, 'PUT', '/assets/permits', { type: 'application', sbom: widgetsSbom('2.2.0') });
    await ok(agency, 'PUT', '/assets/archive', { type: 'application', sbom: widgetsSbom('2.3.1') });
    await consumeFacts(server.ctx);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('pre-notifies under TLP:AMBER only subscribers that accept it, when the case policy allows, before publication', async () => {
    const caseId = await draft(packageAdvisory());
    expect((await call(hospital, 'POST', `/cases/${caseId}/pre-notices`, { reason: 'x' })).statusCode).toBe(403);
    expect((await call(operator, 'POST', `/cases/${caseId}/pre-notices`, { reason: 'exploitation expected' })).statusCode).toBe(409);
    await ok(operator, 'PUT', `/cases/${caseId}/pre-notify`, { allowed: true, reason: 'hospitals need lead time' });
    await ok(operator, 'POST', `/cases/${caseId}/pre-notices`, { reason: 'exploitation expected' }, 202);
    expect((await consumeFacts(server.ctx)).failed).toBe(0);

    const told = (await feed(hospital)).filter((x) => x.vulnId === caseId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'pre-notice', tlp: 'AMBER' });
    expect(told[0]!.body.assets.map((a) => a.name)).toEqual(['pacs-web']);
    // the agency, which did not accept pre-notices, learns nothing: no notification, no exposure, no record
    expect((await feed(agency)).some((x) => x.vulnId === caseId)).toBe(false);
    expect((await ok<{ items: Array<{ vulnId: string }> }>(agency, 'GET', `/exposures?vuln=${caseId}`)).items).toEqual([]);
    expect((await call(agency, 'GET', `/vulnerabilities/${caseId}`)).statusCode).toBe(404);
  });

  it('tells every affected subscriber when the advisory is published, with the CSAF link, and adds it to the knowledge base', async () => {
    const caseId = await draft(packageAdvisory(), 'ready');
    expect((await publishDue(server.ctx)).published).toBeGreaterThan(0);
    expect((await consumeFacts(server.ctx)).failed).toBe(0);
    for (const [who, asset] of [[hospital, 'pacs-web'], [agency, 'permits']] as const) {
      const told = (await feed(who)).filter((x) => x.vulnId === caseId);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ kind: 'published', tlp: 'CLEAR' });
      expect(told[0]!.body.link).toMatch(/\/\.well-known\/csaf\/white\/\d{4}\/.+\.json$/);
      expect(told[0]!.body.assets.map((a) => a.name)).toEqual([asset]);
      expect(told[0]!.body.assets[0]!.components).toEqual([{ package: 'pkg:npm/acme-widgets', installed: '2.2.0', fixed: ['2.3.1'] }]);
      expect(told[0]!.body.remediation).toBe('Upgrade to 2.3.1 or later.');
    }
    // 2.3.1 is the fixed version: the agency's archive is not affected
    expect((await ok<{ items: Array<{ asset: string }> }>(agency, 'GET', `/exposures?vuln=${caseId}`)).items.map((e) => e.asset)).toEqual(['permits']);
    expect((await call(agency, 'GET', `/vulnerabilities/${caseId}`)).statusCode).toBe(200);

    // a revision that changes nothing for the subscribers tells them nothing; one that changes the remediation does
    const stored = async () => (await server.ctx.conn.db.selectFrom('advisories').select('document').where('id', '=', caseId).executeTakeFirstOrThrow()).document as Advisory;
    const republish = async (next: Advisory) => {
      await server.ctx.conn.db.updateTable('advisories').set({ status: 'ready', publish_at: new Date(), document: JSON.stringify(next) }).where('id', '=', caseId).execute();
      expect(await publishDue(server.ctx, new Date(Date.now() + 1000))).toMatchObject({ published: 1 });
      expect((await consumeFacts(server.ctx)).failed).toBe(0);
    };
    const doc = await stored();
    await republish({ ...doc, title: `${doc.title} (typo fixed)` });
    expect((await feed(hospital)).filter((x) => x.vulnId === caseId)).toHaveLength(1);
    const again = await stored();
    await republish({ ...again, remediations: [{ ...again.remediations[0]!, details: 'Upgrade to 2.3.1 or later, then rotate session keys.' }] });
    const updates = (await feed(hospital)).filter((x) => x.vulnId === caseId && x.kind === 'updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.remediation).toContain('rotate session keys');
  });

  it('matches a device by vendor, product and version where no purl exists', async () => {
    const caseId = await draft({ ...firmwareAdvisory(), tlp: 'CLEAR' }, 'ready');
    await publishDue(server.ctx);
    expect((await consumeFacts(server.ctx)).failed).toBe(0);
    const exposures = (await ok<{ items: Array<{ asset: string; components: Array<{ installed: string }>; cisa: string | null }> }>(hospital, 'GET', `/exposures?vuln=${caseId}`)).items;
    expect(exposures.map((e) => e.asset)).toEqual(['plant-controller']);
    expect(exposures[0]!.components[0]!.installed).toBe('4.1');
    const told = (await feed(hospital)).find((x) => x.vulnId === caseId)!;
    expect(told.body.workaround).toBe('Block TCP port 2222 at the network edge.');
    expect((await feed(agency)).some((x) => x.vulnId === caseId)).toBe(false);
  });
});
