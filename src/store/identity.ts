import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

export type OrgRow = Selectable<Database['orgs']>;
export type UserRow = Selectable<Database['users']>;
export type TokenRow = Selectable<Database['api_tokens']>;

export function insertOrg(db: Kysely<Database>, org: { slug: string; name: string; roles: string[] }): Promise<OrgRow> {
  return db.insertInto('orgs').values(org).returningAll().executeTakeFirstOrThrow();
}

export function listOrgs(db: Kysely<Database>): Promise<OrgRow[]> {
  return db.selectFrom('orgs').selectAll().orderBy('slug').execute();
}

export function findOrg(db: Kysely<Database>, idOrSlug: string): Promise<OrgRow | undefined> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  return db.selectFrom('orgs').selectAll().where(byId ? 'id' : 'slug', '=', idOrSlug).executeTakeFirst();
}

export function insertUser(
  db: Kysely<Database>,
  user: { org_id: string; email: string; name: string; password_hash: string | null; is_admin: boolean },
): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export function listUsers(db: Kysely<Database>, orgId?: string): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().orderBy('email');
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.execute();
}

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
}

export function setUserDisabled(db: Kysely<Database>, id: string, disabled: boolean): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function insertToken(
  db: Kysely<Database>,
  token: { org_id: string; user_id: string | null; name: string; token_hash: string; prefix: string; scopes: string[]; expires_at: Date | null },
): Promise<TokenRow> {
  return db.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow();
}

export function listTokens(db: Kysely<Database>, orgId?: string): Promise<TokenRow[]> {
  let q = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.execute();
}

export function findToken(db: Kysely<Database>, id: string): Promise<TokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function revokeToken(db: Kysely<Database>, id: string): Promise<TokenRow | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The live token with this hash, with its organization; expired or revoked tokens are not found. */
export function findLiveTokenByHash(db: Kysely<Database>, hash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.org_id', 't.user_id', 't.scopes', 't.last_used_at', 'o.slug', 'o.roles', 'u.is_admin', 'u.disabled_at'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date().toISOString())]))
    .executeTakeFirst();
}

export function touchToken(db: Kysely<Database>, id: string): Promise<unknown> {
  return db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export function insertSession(db: Kysely<Database>, s: { id_hash: string; user_id: string; expires_at: Date }): Promise<unknown> {
  return db.insertInto('sessions').values(s).execute();
}

export function deleteExpiredSessions(db: Kysely<Database>): Promise<unknown> {
  return db.deleteFrom('sessions').where('expires_at', '<=', new Date().toISOString()).execute();
}

export function deleteSession(db: Kysely<Database>, idHash: string): Promise<unknown> {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** The live session's user and organization; expired sessions and disabled users are not found. */
export function findLiveSession(db: Kysely<Database>, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id as user_id', 'u.email', 'u.name', 'u.is_admin', 'o.id as org_id', 'o.slug', 'o.name as org_name', 'o.roles'])
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', new Date().toISOString())
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}
