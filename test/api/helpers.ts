import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { expect } from 'vitest';
import { contextFor, type AppContext } from '../../src/app/context.js';
import { connect } from '../../src/store/connection.js';
import type { TestServer } from '../server.js';

export type Inject = (opts: { method?: string; url: string; payload?: unknown; headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;

export function injector(server: TestServer): Inject {
  return (opts) =>
    server.app.inject({
      method: (opts.method ?? 'GET') as 'GET',
      url: opts.url,
      headers: opts.headers ?? {},
      ...(opts.payload === undefined ? {} : { payload: typeof opts.payload === 'string' || Buffer.isBuffer(opts.payload) ? opts.payload : JSON.stringify(opts.payload) }),
    });
}

/** Signs in through the API and returns the session cookie header. */
export async function signIn(inject: Inject, email: string, password: string): Promise<Record<string, string>> {
  const res = await inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, headers: { 'content-type': 'application/json' } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'aicc_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `aicc_session=${cookie.value}` };
}

/** A fingerprint of everything stored, to prove a rejected request changed nothing. */
export async function storeFingerprint(server: TestServer): Promise<string> {
  const { rows } = await sql<{ f: string }>`SELECT concat_ws('|',
    (SELECT count(*) FROM vulnerabilities), (SELECT coalesce(max(updated_at)::text, '') FROM vulnerabilities),
    (SELECT count(*) FROM vuln_aliases), (SELECT count(*) FROM vuln_packages), (SELECT count(*) FROM kev),
    (SELECT count(*) FROM epss), (SELECT count(*) FROM orgs), (SELECT count(*) FROM users),
    (SELECT count(*) FROM api_tokens), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM inventories),
    (SELECT count(*) FROM inventory_components), (SELECT count(*) FROM submissions), (SELECT count(*) FROM findings),
    (SELECT count(*) FROM cases), (SELECT coalesce(max(updated_at)::text, '') FROM cases), (SELECT count(*) FROM case_events),
    (SELECT count(*) FROM case_triage), (SELECT count(*) FROM decision_tables), (SELECT count(*) FROM reproductions),
    (SELECT count(*) FROM repro_targets), (SELECT count(*) FROM org_limits), (SELECT count(*) FROM vendor_packages),
    (SELECT count(*) FROM case_releases), (SELECT count(*) FROM case_participants), (SELECT count(*) FROM case_messages),
    (SELECT count(*) FROM case_vendor_status), (SELECT count(*) FROM case_embargoes), (SELECT count(*) FROM embargo_extensions),
    (SELECT count(*) FROM advisories), (SELECT coalesce(max(updated_at)::text, '') FROM advisories), (SELECT count(*) FROM advisory_publications),
    (SELECT count(*) FROM signing_keys), (SELECT count(*) FROM outbox)) AS f`.execute(server.ctx.conn.db);
  return rows[0]!.f;
}

export const json = { 'content-type': 'application/json' };

/** Request headers of one signed-in party. */
export type Who = Record<string, string>;

/** `call` sends a request as someone; `ok` also expects its status (200 by default) and returns the JSON body. */
export function caller(inject: Inject) {
  const call = (who: Who, method: string, url: string, payload?: unknown) =>
    inject({ method, url: `/api/v1${url}`, headers: payload === undefined ? who : { ...who, ...json }, ...(payload === undefined ? {} : { payload }) });
  const ok = async <T>(who: Who, method: string, url: string, payload?: unknown, status = 200): Promise<T> => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  return { call, ok };
}

/**
 * A second process on the test server's database: on PostgreSQL its own pool in the same schema
 * (`close` ends it); on PGlite, one process per data directory, the same connection.
 */
export async function secondProcess(server: TestServer): Promise<{ ctx: AppContext; close: () => Promise<void> }> {
  let conn = server.ctx.conn;
  if (conn.kind === 'postgres') {
    const { rows } = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(conn.db);
    const url = process.env.AICC_TEST_DATABASE_URL!;
    conn = await connect({ databaseUrl: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${rows[0]!.s}`)}`, poolSize: 2 });
  }
  const own = conn !== server.ctx.conn;
  return { ctx: contextFor(conn, server.ctx.config, pino({ level: 'silent' })), close: () => (own ? conn.close() : Promise.resolve()) };
}

/** A CycloneDX 1.5 SBOM over the demo knowledge base: four affected components, one clean. */
export function demoSbom(extra: Array<{ name: string; version: string; purl: string }> = []): string {
  const components = [
    { name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
    { name: 'requests', version: '2.30.0', purl: 'pkg:pypi/requests@2.30.0' },
    { name: 'golang.org/x/net', version: 'v0.10.0', purl: 'pkg:golang/golang.org/x/net@v0.10.0' },
    { name: 'curl', version: '7.88.1-10+deb12u2', purl: 'pkg:deb/debian/curl@7.88.1-10%2Bdeb12u2?arch=amd64&distro=debian-12' },
    { name: 'requests-safe', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0' },
    ...extra,
  ].map((c, i) => ({ type: 'library', 'bom-ref': `c${i}`, ...c }));
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, metadata: { component: { type: 'application', name: 'clinic-portal', 'bom-ref': 'root' } }, components });
}
