import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { SYSTEM } from '../../src/app/identity.js';
import { publishDue, type PublishedFact } from '../../src/app/publication.js';
import { activateKey, generateKey, listKeys } from '../../src/app/signing-keys.js';
import { loadConfig } from '../../src/config.js';
import type { Member } from '../../src/domain/access.js';
import type { Advisory } from '../../src/domain/advisory.js';
import { packageAdvisory } from '../../src/domain/advisory.testing.js';
import { validateProviderMetadata, type ProviderMetadata, type RolieFeed } from '../../src/formats/csaf-provider/index.js';
import { verifyDetached } from '../../src/formats/openpgp/index.js';
import { insertAdvisory } from '../../src/store/advisories.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, secondProcess as openSecondProcess, signIn, type Inject } from './helpers.js';

const BASE = '/.well-known/csaf';
const PAST = new Date(Date.now() - 3600_000);

describe.each(backends())('publishing advisories on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let get: (url: string, headers?: Record<string, string>) => ReturnType<Inject>;
  let lab: Record<string, string>;
  let operator: Record<string, string>;
  let vendor: Record<string, string>;
  let subscriber: Record<string, string>;
  const closers: Array<() => Promise<void>> = [];
  let n = 0;

  const db = () => server.ctx.conn.db;

  /** A new case of its own (reported by frontier-lab); its id. */
  const newCase = async (): Promise<string> => {
    n++;
    const body = {
      findings: [{
        id: `pub-${n}`, title: `Distinct weakness number ${n} in module ${n}`, description: `Input ${n} reaches sink ${n} without the check ${n}.`,
        package: { purl: `pkg:npm/acme-mod${n}`, versions: '1.0.0' }, location: { file: `src/m${n}.js`, startLine: 10 + n }, cwe: [n % 2 ? 'CWE-79' : 'CWE-89'],
        severity: 'high', provenance: { tool: 'model-x', toolVersion: '2026.11', runId: `run-pub-${n}` },
      }],
    };
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...lab, ...json, 'idempotency-key': `pub-${backend}-${n}` }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ findings: Array<{ caseId: string }> }>().findings[0]!.caseId;
  };
  /** An advisory for a new case, `ready` and due an hour ago unless told otherwise. */
  const readyAdvisory = async (over: Partial<Advisory> = {}, publishAt: Date | null = PAST): Promise<{ id: string; caseId: string; advisory: Advisory }> => {
    const caseId = await newCase();
    const advisory: Advisory = { ...packageAdvisory(), status: 'draft', revisions: [{ number: '0', date: PAST.toISOString(), summary: 'Draft.' }], ...over, id: caseId };
    await insertAdvisory(db(), { id: caseId, caseId, status: 'ready', tlp: advisory.tlp, document: advisory, publishAt, by: 'test' });
    return { id: caseId, caseId, advisory };
  };
  const status = async (id: string) => (await db().selectFrom('advisories').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow());
  const publications = (id: string) => db().selectFrom('advisory_publications').selectAll().where('advisory_id', '=', id).execute();
  const outbox = (id: string) => db().selectFrom('outbox').select(['kind', 'payload']).where('subject', '=', id).execute();
  const events = async (caseId: string, kind: string) => (await db().selectFrom('case_events').select(['actor', 'details']).where('case_id', '=', caseId).where('kind', '=', kind).execute());
  const secondProcess = async (): Promise<AppContext> => {
    const other = await openSecondProcess(server);
    closers.push(other.close);
    return other.ctx;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    get = (url, headers = {}) => server.app.inject({ method: 'GET', url, headers });
    lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    vendor = await signIn(inject, 'vendor@acme.example', server.demo.reporter.password);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await server.close();
  });

  describe('publishDue', () => {
    it('publishes a due advisory once: final, revision 1, a timeline entry and one outbox fact', async () => {
      const { id, caseId } = await readyAdvisory();
      const first = await publishDue(server.ctx);
      expect(first).toMatchObject({ published: 1, failed: 0 });
      expect(await status(id)).toEqual({ status: 'published', version: 1 });
      const [pub, ...more] = await publications(id);
      expect(more).toEqual([]);
      expect(pub).toMatchObject({ version: 1, tlp: 'CLEAR', path: `white/${new Date().getUTCFullYear()}/${id.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json` });
      const csaf = JSON.parse(pub!.csaf) as { document: { tracking: { status: string; version: string; revision_history: Array<{ number: string; summary: string }>; initial_release_date: string } } };
      expect(csaf.document.tracking).toMatchObject({ status: 'final', version: '1', revision_history: [{ number: '1', summary: 'Initial release.' }] });
      const stored = (await db().selectFrom('advisories').select('document').where('id', '=', id).executeTakeFirstOrThrow()).document as Advisory;
      expect(stored.revisions.map((r) => r.number)).toEqual(['1']);
      expect(stored.initialReleaseDate).toBe(csaf.document.tracking.initial_release_date);
      expect(await events(caseId, 'advisory-published')).toEqual([{ actor: 'system', details: { advisory: id, version: 1, tlp: 'CLEAR', path: pub!.path } }]);
      const facts = await outbox(id);
      expect(facts).toEqual([{ kind: 'advisory.published', payload: { id, version: 1, tlp: 'CLEAR', path: pub!.path, purls: ['pkg:npm/acme-widgets'], cve: 'CVE-2026-12345' } satisfies PublishedFact }]);

      expect((await publishDue(server.ctx)).published).toBe(0);
      expect(await publications(id)).toHaveLength(1);
      expect(await outbox(id)).toHaveLength(1);
    });

    it('waits for the case’s embargo when the advisory has no time of its own, and publishes when it ends', async () => {
      const { id, caseId } = await readyAdvisory({}, null);
      await db().insertInto('case_embargoes').values({ case_id: caseId, ends_at: new Date(Date.now() + 86_400_000), zone: 'UTC', basis: 'manual', reason: 'test', set_by: 'test' }).execute();
      await publishDue(server.ctx);
      expect(await status(id)).toEqual({ status: 'ready', version: 0 });
      // the clock passes the embargo's end
      expect((await publishDue(server.ctx, new Date(Date.now() + 2 * 86_400_000))).published).toBe(1);
      expect(await status(id)).toEqual({ status: 'published', version: 1 });
    });

    it('publishes an update as the next version, keeping the first release date', async () => {
      const { id } = await readyAdvisory();
      await publishDue(server.ctx);
      const [v1] = await publications(id);
      const doc = (await db().selectFrom('advisories').select('document').where('id', '=', id).executeTakeFirstOrThrow()).document as Advisory;
      await db().updateTable('advisories').set({ status: 'ready', publish_at: new Date(), document: JSON.stringify({ ...doc, title: `${doc.title} (updated)` }) }).where('id', '=', id).execute();
      expect((await publishDue(server.ctx, new Date(Date.now() + 1000))).published).toBe(1);
      const [, v2] = await publications(id);
      expect(v2).toMatchObject({ version: 2, path: v1!.path, initial_release_date: v1!.initial_release_date });
      const tracking = (JSON.parse(v2!.csaf) as { document: { tracking: { version: string; revision_history: Array<{ number: string; summary: string }> } } }).document.tracking;
      expect(tracking.version).toBe('2');
      expect(tracking.revision_history.map((r) => [r.number, r.summary])).toEqual([['1', 'Initial release.'], ['2', 'Updated.']]);
      expect((await outbox(id)).map((f) => (f.payload as PublishedFact).version)).toEqual([1, 2]);
    });

    it('publishes each advisory once when two processes run at the same time', async () => {
      const a = await readyAdvisory();
      const b = await readyAdvisory();
      const other = await secondProcess();
      const [x, y] = await Promise.all([publishDue(server.ctx), publishDue(other)]);
      expect(x.published + y.published).toBe(2);
      for (const { id } of [a, b]) {
        expect(await publications(id)).toHaveLength(1);
        expect(await outbox(id)).toHaveLength(1);
      }
    });

    it('publishes once after a crash mid-way: the transaction rolled back, the retry completes it', async () => {
      const { id, caseId } = await readyAdvisory();
      await sql`CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$`.execute(db());
      await sql`CREATE TRIGGER test_crash BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION test_crash()`.execute(db());
      try {
        await expect(publishDue(server.ctx)).rejects.toThrow(/simulated crash/);
      } finally {
        await sql`DROP TRIGGER test_crash ON outbox`.execute(db());
        await sql`DROP FUNCTION test_crash()`.execute(db());
      }
      expect(await status(id)).toEqual({ status: 'ready', version: 0 });
      expect(await publications(id)).toEqual([]);
      expect(await events(caseId, 'advisory-published')).toEqual([]);
      expect((await publishDue(server.ctx)).published).toBe(1);
      expect(await publications(id)).toHaveLength(1);
      expect(await outbox(id)).toHaveLength(1);
    });

    it('never publishes an invalid CSAF document: it stays ready and the case’s timeline says why, once', async () => {
      const base = packageAdvisory();
      const { id, caseId } = await readyAdvisory({ scores: [{ ...base.scores[0]!, baseScore: 9.9, severity: 'CRITICAL' }] });
      expect(await publishDue(server.ctx)).toMatchObject({ published: 0, failed: 1 });
      expect(await status(id)).toEqual({ status: 'ready', version: 0 });
      expect(await publications(id)).toEqual([]);
      expect(await outbox(id)).toEqual([]);
      const failed = await events(caseId, 'advisory-publish-failed');
      expect(failed).toHaveLength(1);
      expect(JSON.stringify(failed[0]!.details)).toMatch(/mandatoryTest_6_1_9/);
      await publishDue(server.ctx);
      expect(await events(caseId, 'advisory-publish-failed')).toHaveLength(1);
      await db().updateTable('advisories').set({ status: 'draft' }).where('id', '=', id).execute();
    });

    it('refuses TLP:AMBER+STRICT, which has no CSAF 2.0 tree, saying so on the timeline', async () => {
      const { id, caseId } = await readyAdvisory({ tlp: 'AMBER+STRICT' });
      expect(await publishDue(server.ctx)).toMatchObject({ published: 0, failed: 1 });
      expect(await status(id)).toEqual({ status: 'ready', version: 0 });
      expect(await publications(id)).toEqual([]);
      expect(JSON.stringify((await events(caseId, 'advisory-publish-failed'))[0]?.details)).toContain('AMBER+STRICT has no CSAF 2.0 label');
      // out of the way of the tests that follow
      await db().updateTable('advisories').set({ status: 'draft' }).where('id', '=', id).execute();
    });

    it('fails clearly without an active signing key, publishing nothing', async () => {
      const { id } = await readyAdvisory();
      const active = await db().selectFrom('signing_keys').select('fingerprint').where('active', '=', true).executeTakeFirstOrThrow();
      await db().updateTable('signing_keys').set({ active: false }).execute();
      try {
        await expect(publishDue(server.ctx)).rejects.toThrow(/no signing key is active/);
        expect(await status(id)).toEqual({ status: 'ready', version: 0 });
        expect(await publications(id)).toEqual([]);
      } finally {
        await db().updateTable('signing_keys').set({ active: true }).where('fingerprint', '=', active.fingerprint).execute();
      }
      expect((await publishDue(server.ctx)).published).toBe(1);
    });
  });

  describe('signing keys', () => {
    const vendorAdmin: Member = { ...SYSTEM, roles: ['vendor'], scopes: ['vulns:read', 'vendor', 'admin'] };

    it('are managed by operator administrators only, and listed without their private part', async () => {
      await expect(generateKey(server.ctx, vendorAdmin, { name: 'X', email: 'x@example.org' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listKeys(server.ctx, { kind: 'anonymous' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const keys = await listKeys(server.ctx, SYSTEM);
      expect(keys.filter((k) => k.active)).toHaveLength(1);
      expect(JSON.stringify(keys)).not.toMatch(/PRIVATE|public_key|private_key/);
    });

    it('sign with a passphrase-protected key when the passphrase is configured, and publish nothing when it is not', async () => {
      const before = (await listKeys(server.ctx, SYSTEM)).find((k) => k.active)!;
      const config = loadConfig({ AICC_PORT: '0', AICC_SIGNING_PASSPHRASE: 'correct horse battery staple' });
      const withPassphrase: AppContext = { ...server.ctx, config };
      const key = await generateKey(withPassphrase, SYSTEM, { name: 'AICC PSIRT', email: 'psirt@aicc.example' });
      await activateKey(withPassphrase, SYSTEM, key.fingerprint);
      try {
        const { id } = await readyAdvisory();
        await expect(publishDue(server.ctx)).rejects.toThrow(/protected by a passphrase/);
        expect(await publications(id)).toEqual([]);
        expect((await publishDue(withPassphrase)).published).toBe(1);
        const [pub] = await publications(id);
        const publicKey = (await db().selectFrom('signing_keys').select('public_key').where('fingerprint', '=', key.fingerprint).executeTakeFirstOrThrow()).public_key;
        expect(await verifyDetached(pub!.csaf, pub!.signature, publicKey)).toMatchObject({ valid: true, fingerprint: key.fingerprint });
      } finally {
        await activateKey(server.ctx, SYSTEM, before.fingerprint);
      }
    });
  });

  describe('the CSAF trusted provider', () => {
    let white: { id: string; path: string };
    let amberMine: { id: string; path: string };
    let amberOther: { id: string; path: string };
    let green: { id: string; path: string };

    beforeAll(async () => {
      const one = async (tlp: Advisory['tlp'], vendorJoins = false) => {
        const a = await readyAdvisory({ tlp });
        if (vendorJoins) {
          const res = await inject({ method: 'POST', url: `/api/v1/cases/${a.caseId}/participants`, headers: { ...operator, ...json }, payload: { org: 'acme-software', role: 'vendor', reason: 'maintains it' } });
          expect(res.statusCode, res.body).toBe(201);
        }
        return a;
      };
      const ids = [await one('CLEAR'), await one('AMBER', true), await one('AMBER'), await one('GREEN')];
      await publishDue(server.ctx);
      const pathOf = async (id: string) => ({ id, path: (await publications(id))[0]!.path });
      [white, amberMine, amberOther, green] = (await Promise.all(ids.map((a) => pathOf(a.id)))) as [typeof white, typeof white, typeof white, typeof white];
    });

    it('serves provider-metadata.json publicly, valid, naming the active key that the server also serves', async () => {
      const res = await get(`${BASE}/provider-metadata.json`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toMatch(/max-age=60/);
      const metadata = res.json<ProviderMetadata>();
      expect(validateProviderMetadata(metadata)).toEqual([]);
      // the last change the reader can see: the newest publication or announced key, whichever came later
      const { latest } = await db().selectFrom('advisory_publications').select((eb) => eb.fn.max('current_release_date').as('latest')).executeTakeFirstOrThrow();
      expect(Date.parse(metadata.last_updated)).toBeGreaterThanOrEqual(Date.parse(String(latest)));
      const active = await db().selectFrom('signing_keys').select(['fingerprint', 'public_key']).where('active', '=', true).executeTakeFirstOrThrow();
      // the active key first, then the one that signed in the passphrase test (its signature must still verify)
      const signers = await db().selectFrom('advisory_publications').select('key_fingerprint').distinct().execute();
      expect(metadata.public_openpgp_keys[0]).toEqual({ fingerprint: active.fingerprint, url: `${server.ctx.config.advisories.publicUrl}${BASE}/openpgp/${active.fingerprint}.asc` });
      expect(metadata.public_openpgp_keys.map((k) => k.fingerprint).sort()).toEqual(signers.map((k) => k.key_fingerprint).sort());
      const unused = await generateKey(server.ctx, SYSTEM, { name: 'Unused', email: 'unused@aicc.example' });
      expect((await get(`${BASE}/openpgp/${unused.fingerprint}.asc`)).statusCode).toBe(404);
      expect(metadata.canonical_url).toBe(`${server.ctx.config.advisories.publicUrl}${BASE}/provider-metadata.json`);
      const key = await get(`${BASE}/openpgp/${active.fingerprint}.asc`);
      expect(key.statusCode).toBe(200);
      expect(key.headers['content-type']).toBe('application/pgp-keys');
      expect(key.body).toBe(active.public_key);
      // anonymous readers are told of the WHITE feed only
      expect(metadata.distributions.flatMap((d) => ('rolie' in d ? d.rolie.feeds.map((f) => f.tlp_label) : []))).toEqual(['WHITE']);
    });

    it('serves a document whose bytes match its .sha256 and .sha512 and verify against the served key', async () => {
      const doc = await get(`${BASE}/${white.path}`);
      expect(doc.statusCode).toBe(200);
      expect(doc.headers['content-type']).toMatch(/^application\/json/);
      const bytes = doc.rawPayload;
      const name = white.path.split('/').at(-1)!;
      const sha256 = await get(`${BASE}/${white.path}.sha256`);
      expect(sha256.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(sha256.body).toBe(`${createHash('sha256').update(bytes).digest('hex')}  ${name}\n`);
      expect((await get(`${BASE}/${white.path}.sha512`)).body).toBe(`${createHash('sha512').update(bytes).digest('hex')}  ${name}\n`);
      const asc = await get(`${BASE}/${white.path}.asc`);
      expect(asc.headers['content-type']).toBe('application/pgp-signature');
      const metadata = (await get(`${BASE}/provider-metadata.json`)).json<ProviderMetadata>();
      const keyUrl = new URL(metadata.public_openpgp_keys[0]!.url); // the active key signed it
      const key = await get(keyUrl.pathname);
      expect(await verifyDetached(bytes, asc.body, key.body)).toMatchObject({ valid: true, fingerprint: metadata.public_openpgp_keys[0]!.fingerprint });
      expect((await verifyDetached(Buffer.concat([bytes, Buffer.from(' ')]), asc.body, key.body)).valid).toBe(false);
    });

    it('lists the WHITE document in the WHITE feed, index.txt and changes.csv', async () => {
      const feed = await get(`${BASE}/white/csaf-feed-tlp-white.json`);
      expect(feed.statusCode).toBe(200);
      const entries = feed.json<RolieFeed>().feed.entry;
      const entry = entries.find((e) => e.id === white.id);
      expect(entry?.content.src).toBe(`${server.ctx.config.advisories.publicUrl}${BASE}/${white.path}`);
      expect(entries.map((e) => e.id)).not.toContain(amberMine.id);
      const inTree = white.path.slice('white/'.length);
      const index = await get(`${BASE}/white/index.txt`);
      expect(index.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(index.body.split('\n')).toContain(inTree);
      const changes = await get(`${BASE}/white/changes.csv`);
      expect(changes.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(changes.body).toContain(`"${inTree}",`);
    });

    it('answers 404 to anonymous readers of AMBER and GREEN documents and feeds, and lists no directories', async () => {
      for (const url of [amberMine.path, `${amberMine.path}.asc`, 'amber/csaf-feed-tlp-amber.json', 'amber/index.txt', green.path, 'green/csaf-feed-tlp-green.json', 'white/', 'white', '']) {
        expect((await get(`${BASE}/${url}`)).statusCode, url).toBe(404);
      }
    });

    it('serves GREEN to any signed-in member', async () => {
      expect((await get(`${BASE}/${green.path}`, subscriber)).statusCode).toBe(200);
      const feed = await get(`${BASE}/green/csaf-feed-tlp-green.json`, subscriber);
      expect(feed.json<RolieFeed>().feed.entry.map((e) => e.id)).toContain(green.id);
      expect(feed.headers['cache-control']).toMatch(/^private/);
    });

    it('serves AMBER to the case’s vendor and reporters and to coordinators, listing only what each may read', async () => {
      const ids = async (headers: Record<string, string>) => {
        const res = await get(`${BASE}/amber/csaf-feed-tlp-amber.json`, headers);
        return res.statusCode === 200 ? res.json<RolieFeed>().feed.entry.map((e) => e.id) : res.statusCode;
      };
      expect(await ids(operator)).toEqual(expect.arrayContaining([amberMine.id, amberOther.id]));
      const vendorSees = await ids(vendor);
      expect(vendorSees).toContain(amberMine.id);
      expect(vendorSees).not.toContain(amberOther.id);
      expect(await ids(lab)).toEqual(expect.arrayContaining([amberMine.id, amberOther.id]));
      expect(await ids(subscriber)).toBe(404);
      expect((await get(`${BASE}/${amberMine.path}`, vendor)).statusCode).toBe(200);
      expect((await get(`${BASE}/${amberOther.path}`, vendor)).statusCode).toBe(404);
      expect((await get(`${BASE}/${amberOther.path}.sha256`, vendor)).statusCode).toBe(404);
      expect((await get(`${BASE}/${amberMine.path}`, subscriber)).statusCode).toBe(404);
      const index = await get(`${BASE}/amber/index.txt`, vendor);
      expect(index.body).toContain(amberMine.path.slice('amber/'.length));
      expect(index.body).not.toContain(amberOther.path.slice('amber/'.length));
      expect((await get(`${BASE}/amber/changes.csv`, vendor)).body).not.toContain(amberOther.path.slice('amber/'.length));
      // the case's vendor sees the publication on the case's timeline
      const timeline = await inject({ url: `/api/v1/cases/${amberMine.id}/timeline`, headers: vendor });
      expect(timeline.statusCode, timeline.body).toBe(200);
      expect(timeline.json<{ items: Array<{ kind: string }> }>().items.map((e) => e.kind)).toContain('advisory-published');
      const metadata = (await get(`${BASE}/provider-metadata.json`, vendor)).json<ProviderMetadata>();
      expect(metadata.distributions.flatMap((d) => ('rolie' in d ? d.rolie.feeds.map((f) => f.tlp_label) : []))).toEqual(['WHITE', 'GREEN', 'AMBER']);
    });
  });
});
