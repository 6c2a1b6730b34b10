import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, storeFingerprint, type Inject } from './helpers.js';

describe.each(backends())('identity and access over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let operator: Record<string, string>;
  let subscriber: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
  });
  afterAll(() => server.close());

  describe('when signing in', () => {
    it('refuses a wrong password with one message for both unknown user and bad password', async () => {
      const bad = await inject({ method: 'POST', url: '/api/v1/session', headers: json, payload: { email: server.demo.operator.email, password: 'nope' } });
      const unknown = await inject({ method: 'POST', url: '/api/v1/session', headers: json, payload: { email: 'ghost@x.example', password: 'nope' } });
      expect(bad.statusCode).toBe(401);
      expect(unknown.json()).toEqual(bad.json());
      expect(bad.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    });

    it('sets an HttpOnly SameSite=Strict cookie and reports the user and organization', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/session', headers: json, payload: server.demo.operator });
      const cookie = res.cookies.find((c) => c.name === 'aicc_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      const me = await inject({ url: '/api/v1/session', headers: { cookie: `aicc_session=${cookie.value}` } });
      expect(me.json()).toMatchObject({ user: { email: server.demo.operator.email, isAdmin: true, org: { slug: 'aicc-ops', roles: ['operator'] } } });
      const out = await inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: `aicc_session=${cookie.value}` } });
      expect(out.statusCode).toBe(204);
      expect((await inject({ url: '/api/v1/session', headers: { cookie: `aicc_session=${cookie.value}` } })).statusCode).toBe(401);
    });

    it('stores only a hash of the session secret', async () => {
      const rows = await server.ctx.conn.db.selectFrom('sessions').select('id_hash').execute();
      const secret = operator.cookie!.split('=')[1]!;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.id_hash === secret)).toBe(false);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id_hash))).toBe(true);
    });
  });

  describe('API tokens', () => {
    it('are shown once, stored hashed, usable, and dead once revoked', async () => {
      const created = await inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...operator, ...json }, payload: { name: 'ci', scopes: ['vulns:read', 'import'] } });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json<{ token: string; id: string }>();
      expect(token).toMatch(/^aicc_[A-Za-z0-9_-]{43}$/);

      const listed = await inject({ url: '/api/v1/tokens', headers: operator });
      expect(listed.body).not.toContain(token);
      const stored = await server.ctx.conn.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token);

      const bearer = { authorization: `Bearer ${token}` };
      expect((await inject({ url: '/api/v1/orgs', headers: bearer })).statusCode).toBe(200);
      expect((await inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: operator })).statusCode).toBe(204);
      const after = await inject({ url: '/api/v1/orgs', headers: bearer });
      expect(after.statusCode).toBe(401);
      expect(after.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    });

    it('never exceed their creator: a subscriber cannot mint an import token', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...subscriber, ...json }, payload: { name: 'x', scopes: ['import'] } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    });

    it('refuse malformed bearer headers and unknown tokens', async () => {
      expect((await inject({ url: '/api/v1/vulnerabilities', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
      expect((await inject({ url: '/api/v1/vulnerabilities', headers: { authorization: 'Bearer aicc_nottoken' } })).statusCode).toBe(401);
    });

    it('with read scope only cannot import', async () => {
      const created = await inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...operator, ...json }, payload: { name: 'ro', scopes: ['vulns:read'] } });
      const { token } = created.json<{ token: string }>();
      const res = await inject({ method: 'POST', url: '/api/v1/import?format=kev', headers: { authorization: `Bearer ${token}`, ...json }, payload: '{}' });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('administration', () => {
    it('is for operator admins only', async () => {
      expect((await inject({ url: '/api/v1/orgs' })).statusCode).toBe(401);
      const denied = await inject({ method: 'POST', url: '/api/v1/orgs', headers: { ...subscriber, ...json }, payload: { slug: 'evil', name: 'Evil', roles: ['operator'] } });
      expect(denied.statusCode).toBe(403);
      const own = await inject({ url: '/api/v1/orgs', headers: subscriber });
      expect(own.json<{ items: Array<{ slug: string }> }>().items.map((o) => o.slug)).toEqual(['valley-hospital']);
    });

    it('creates organizations and users, refusing duplicates and bad fields with pointers', async () => {
      const before = await storeFingerprint(server);
      const badRole = await inject({ method: 'POST', url: '/api/v1/orgs', headers: { ...operator, ...json }, payload: { slug: 'utility', name: 'Utility', roles: ['king'] } });
      expect(badRole.statusCode).toBe(422);
      expect(badRole.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ pointer: '/roles/0' }] } });
      const extra = await inject({ method: 'POST', url: '/api/v1/orgs', headers: { ...operator, ...json }, payload: { slug: 'utility', name: 'U', roles: ['subscriber'], admin: true } });
      expect(extra.statusCode).toBe(422);
      expect(extra.json<{ error: { message: string } }>().error.message).toMatch(/admin/);
      expect(await storeFingerprint(server)).toBe(before);

      const org = await inject({ method: 'POST', url: '/api/v1/orgs', headers: { ...operator, ...json }, payload: { slug: 'county-water', name: 'County Water Utility', roles: ['subscriber'] } });
      expect(org.statusCode).toBe(201);
      const dup = await inject({ method: 'POST', url: '/api/v1/orgs', headers: { ...operator, ...json }, payload: { slug: 'county-water', name: 'Again', roles: ['subscriber'] } });
      expect(dup.statusCode).toBe(409);
      const user = await inject({
        method: 'POST', url: '/api/v1/users', headers: { ...operator, ...json },
        payload: { orgId: org.json<{ id: string }>().id, email: 'ops@water.example', name: 'Water Ops', password: 'correct horse battery' },
      });
      expect(user.statusCode).toBe(201);
      expect(user.body).not.toContain('correct horse');
      const weak = await inject({ method: 'POST', url: '/api/v1/users', headers: { ...operator, ...json }, payload: { orgId: org.json<{ id: string }>().id, email: 'x@water.example', name: 'X', password: 'short' } });
      expect(weak.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ pointer: '/password' }] } });
    });

    it('records every change in a hash chain that verifies', async () => {
      const res = await inject({ url: '/api/v1/audit/verify', headers: operator });
      const body = res.json<{ ok: boolean; entries: number }>();
      expect(body.ok).toBe(true);
      expect(body.entries).toBeGreaterThan(10);
      const recent = await inject({ url: '/api/v1/audit?limit=5', headers: operator });
      expect(recent.json<{ items: Array<{ action: string }> }>().items.length).toBe(5);
      expect((await inject({ url: '/api/v1/audit/verify', headers: subscriber })).statusCode).toBe(403);
    });
  });

  describe('errors', () => {
    it('answer unknown API routes with the envelope', async () => {
      const res = await inject({ url: '/api/v1/nothing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('reject malformed JSON bodies with the line', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/session', headers: json, payload: '{\n"email": "a",\n"password": }' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_JSON', details: [{ line: 3 }] } });
    });

    it('reject bodies nested too deep', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/session', headers: json, payload: `{"email":${'['.repeat(100)}${']'.repeat(100)}}` });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'TOO_DEEP' } });
    });

    it('reject bodies over the configured limit, changing nothing', async () => {
      const before = await storeFingerprint(server);
      const res = await inject({ method: 'POST', url: '/api/v1/orgs', headers: { ...operator, ...json }, payload: { slug: 'big', name: 'x'.repeat(2 * 1024 * 1024), roles: ['vendor'] } });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(await storeFingerprint(server)).toBe(before);
    });

    it('reject unsupported content types', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    });
  });
});
