import {
  ROLES, SCOPES, actorLabel, hasScope, isOperatorAdmin, sessionScopes,
  type Actor, type Member, type Role, type Scope,
} from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import * as store from '../store/identity.js';
import type { AppContext } from './context.js';
import { hashPassword, newSecret, secretHash, verifyPassword } from './secrets.js';

export const TOKEN_PREFIX = 'aicc_';
const SESSION_PREFIX = 'aiccs_';

export interface OrgView { id: string; slug: string; name: string; roles: Role[]; createdAt: string }
export interface UserView { id: string; orgId: string; email: string; name: string; isAdmin: boolean; disabled: boolean; createdAt: string }
export interface TokenView {
  id: string; orgId: string; userId: string | null; name: string; prefix: string; scopes: Scope[];
  createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null;
}
export interface SessionUser { id: string; email: string; name: string; isAdmin: boolean; org: { id: string; slug: string; name: string; roles: Role[] } }

const orgView = (o: store.OrgRow): OrgView => ({ id: o.id, slug: o.slug, name: o.name, roles: o.roles as Role[], createdAt: o.created_at });
const userView = (u: store.UserRow): UserView => ({
  id: u.id, orgId: u.org_id, email: u.email, name: u.name, isAdmin: u.is_admin, disabled: u.disabled_at !== null, createdAt: u.created_at,
});
const tokenView = (t: store.TokenRow): TokenView => ({
  id: t.id, orgId: t.org_id, userId: t.user_id, name: t.name, prefix: t.prefix, scopes: t.scopes as Scope[],
  createdAt: t.created_at, expiresAt: t.expires_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at,
});

/** The system itself (CLI administration on the host, demo seeding) acts as this actor. */
const system: Member = {
  kind: 'user', userId: null, tokenId: null, orgId: '00000000-0000-0000-0000-000000000000', orgSlug: 'system',
  roles: ['operator'], isAdmin: true, scopes: [...SCOPES],
};
export const SYSTEM: Member = Object.freeze(system);

/** The organization an actor acts for, as stored; null for nobody and for the system itself. */
export function actorOrgId(actor: Actor): string | null {
  return actor.kind === 'anonymous' || actor === SYSTEM ? null : actor.orgId;
}

function requireOperatorAdmin(actor: Actor): Member {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!isOperatorAdmin(actor)) throw new AppError('FORBIDDEN', 'only administrators of an operator organization may do this');
  return actor;
}

function validRoles(roles: string[]): Role[] {
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) {
    throw new AppError('VALIDATION_FAILED', `roles must be a non-empty list of ${ROLES.join(', ')}`, {
      problems: bad.map((r) => ({ pointer: `/roles/${roles.indexOf(r)}`, message: `unknown role '${r}'` })),
    });
  }
  return [...new Set(roles)] as Role[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function uniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export async function createOrg(ctx: AppContext, actor: Actor, input: { slug: string; name: string; roles: string[] }): Promise<OrgView> {
  requireOperatorAdmin(actor);
  if (!SLUG.test(input.slug)) throw new AppError('VALIDATION_FAILED', 'slug must be 2-63 lowercase letters, digits or dashes', { problems: [{ pointer: '/slug', message: 'invalid slug' }] });
  if (!input.name.trim()) throw new AppError('VALIDATION_FAILED', 'name is required', { problems: [{ pointer: '/name', message: 'empty' }] });
  const roles = validRoles(input.roles);
  try {
    return await ctx.conn.db.transaction().execute(async (tx) => {
      const org = await store.insertOrg(tx, { slug: input.slug, name: input.name.trim(), roles });
      await appendAudit(tx, { actor: actorLabel(actor), action: 'org.create', subject: `org:${org.id}`, details: { slug: org.slug, roles } });
      return orgView(org);
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new AppError('CONFLICT', `an organization with slug '${input.slug}' exists`);
    throw err;
  }
}

export async function listOrgs(ctx: AppContext, actor: Actor): Promise<OrgView[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const all = (await store.listOrgs(ctx.conn.db)).map(orgView);
  return isOperatorAdmin(actor) ? all : all.filter((o) => o.id === actor.orgId);
}

export async function getOrg(ctx: AppContext, actor: Actor, idOrSlug: string): Promise<OrgView> {
  const org = await store.findOrg(ctx.conn.db, idOrSlug);
  if (!org || actor.kind === 'anonymous' || (!isOperatorAdmin(actor) && org.id !== actor.orgId)) {
    throw new AppError('NOT_FOUND', `no organization '${idOrSlug}'`);
  }
  return orgView(org);
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: { orgId: string; email: string; name: string; password: string; isAdmin: boolean },
): Promise<UserView> {
  requireOperatorAdmin(actor);
  if (!EMAIL.test(input.email)) throw new AppError('VALIDATION_FAILED', 'invalid email', { problems: [{ pointer: '/email', message: 'not an email address' }] });
  if (input.password.length < 12) throw new AppError('VALIDATION_FAILED', 'password must be at least 12 characters', { problems: [{ pointer: '/password', message: 'too short' }] });
  const org = await store.findOrg(ctx.conn.db, input.orgId);
  if (!org) throw new AppError('VALIDATION_FAILED', `no organization '${input.orgId}'`, { problems: [{ pointer: '/orgId', message: 'unknown organization' }] });
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.conn.db.transaction().execute(async (tx) => {
      const user = await store.insertUser(tx, { org_id: org.id, email: input.email.trim(), name: input.name.trim(), password_hash: passwordHash, is_admin: input.isAdmin });
      await appendAudit(tx, { actor: actorLabel(actor), action: 'user.create', subject: `user:${user.id}`, details: { org: org.slug, email: user.email, isAdmin: user.is_admin } });
      return userView(user);
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new AppError('CONFLICT', `a user with email '${input.email}' exists`);
    throw err;
  }
}

export async function listUsers(ctx: AppContext, actor: Actor, orgId?: string): Promise<UserView[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const scopeOrg = isOperatorAdmin(actor) ? orgId : actor.orgId;
  return (await store.listUsers(ctx.conn.db, scopeOrg)).map(userView);
}

export async function setUserDisabled(ctx: AppContext, actor: Actor, userId: string, disabled: boolean): Promise<UserView> {
  requireOperatorAdmin(actor);
  return ctx.conn.db.transaction().execute(async (tx) => {
    const user = await store.setUserDisabled(tx, userId, disabled);
    if (!user) throw new AppError('NOT_FOUND', `no user '${userId}'`);
    await appendAudit(tx, { actor: actorLabel(actor), action: disabled ? 'user.disable' : 'user.enable', subject: `user:${user.id}` });
    return userView(user);
  });
}

/**
 * A token never holds more than its creator: an operator admin may mint any scope for any
 * organization; anyone else only for their own organization and within their own scopes.
 */
export async function createToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; scopes: string[]; expiresInDays?: number | undefined; orgId?: string | undefined },
): Promise<{ token: string; view: TokenView }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const bad = input.scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length || input.scopes.length === 0) {
    throw new AppError('VALIDATION_FAILED', `scopes must be a non-empty list of ${SCOPES.join(', ')}`, {
      problems: bad.map((s) => ({ pointer: `/scopes/${input.scopes.indexOf(s)}`, message: `unknown scope '${s}'` })),
    });
  }
  const scopes = [...new Set(input.scopes)] as Scope[];
  const admin = isOperatorAdmin(actor);
  const excess = scopes.filter((s) => !hasScope(actor, s));
  if (!admin && excess.length) throw new AppError('FORBIDDEN', `you cannot grant scopes you do not hold: ${excess.join(', ')}`);
  const org = input.orgId ? await store.findOrg(ctx.conn.db, input.orgId) : await store.findOrg(ctx.conn.db, actor.orgId);
  if (!org) throw new AppError('VALIDATION_FAILED', `no organization '${input.orgId ?? actor.orgId}'`, { problems: [{ pointer: '/orgId', message: 'unknown organization' }] });
  if (!admin && org.id !== actor.orgId) throw new AppError('FORBIDDEN', 'tokens may only be created for your own organization');
  if (!input.name.trim()) throw new AppError('VALIDATION_FAILED', 'name is required', { problems: [{ pointer: '/name', message: 'empty' }] });
  const token = newSecret(TOKEN_PREFIX);
  const expires = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return ctx.conn.db.transaction().execute(async (tx) => {
    const row = await store.insertToken(tx, {
      org_id: org.id, user_id: actor.userId, name: input.name.trim(), token_hash: secretHash(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6), scopes, expires_at: expires,
    });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'token.create', subject: `token:${row.id}`, details: { org: org.slug, scopes } });
    return { token, view: tokenView(row) };
  });
}

export async function listTokens(ctx: AppContext, actor: Actor): Promise<TokenView[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  return (await store.listTokens(ctx.conn.db, isOperatorAdmin(actor) ? undefined : actor.orgId)).map(tokenView);
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const existing = await store.findToken(ctx.conn.db, id);
  if (!existing || (!isOperatorAdmin(actor) && existing.org_id !== actor.orgId)) throw new AppError('NOT_FOUND', `no token '${id}'`);
  if (existing.revoked_at) return; // revoking twice is the same as once
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.revokeToken(tx, id);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'token.revoke', subject: `token:${id}` });
  });
}

/** Resolves a bearer token to its actor; anything unknown, revoked or expired is rejected. */
export async function actorForToken(ctx: AppContext, token: string): Promise<Actor> {
  if (!token.startsWith(TOKEN_PREFIX)) throw new AppError('UNAUTHENTICATED', 'invalid API token');
  const row = await store.findLiveTokenByHash(ctx.conn.db, secretHash(token));
  if (!row || row.disabled_at) throw new AppError('UNAUTHENTICATED', 'invalid, expired or revoked API token');
  // "Last used" to the minute is enough; a write per request would serialize every API call on one row.
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
    void store.touchToken(ctx.conn.db, row.id).catch((err: unknown) => ctx.log.warn({ err }, 'token last-used update failed'));
  }
  return {
    kind: 'token', userId: row.user_id, tokenId: row.id, orgId: row.org_id, orgSlug: row.slug,
    roles: row.roles as Role[], isAdmin: row.is_admin ?? false, scopes: row.scopes as Scope[],
  };
}

export async function signIn(ctx: AppContext, email: string, password: string): Promise<{ session: string; user: SessionUser }> {
  const user = await store.findUserByEmail(ctx.conn.db, email);
  const valid = await verifyPassword(password, user?.password_hash ?? null);
  if (!user || !valid || user.disabled_at) throw new AppError('UNAUTHENTICATED', 'wrong email or password');
  const session = newSecret(SESSION_PREFIX);
  const expires = new Date(Date.now() + ctx.config.sessionHours * 3_600_000);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.deleteExpiredSessions(tx);
    await store.insertSession(tx, { id_hash: secretHash(session), user_id: user.id, expires_at: expires });
    await appendAudit(tx, { actor: `user:${user.id}`, action: 'session.create', subject: `user:${user.id}` });
  });
  const resolved = await sessionUser(ctx, session);
  if (!resolved) throw new AppError('INTERNAL', 'session vanished after creation');
  return { session, user: resolved.user };
}

export async function signOut(ctx: AppContext, session: string): Promise<void> {
  await store.deleteSession(ctx.conn.db, secretHash(session));
}

export async function sessionUser(ctx: AppContext, session: string): Promise<{ user: SessionUser; actor: Actor } | null> {
  if (!session.startsWith(SESSION_PREFIX)) return null;
  const row = await store.findLiveSession(ctx.conn.db, secretHash(session));
  if (!row) return null;
  const roles = row.roles as Role[];
  return {
    user: { id: row.user_id, email: row.email, name: row.name, isAdmin: row.is_admin, org: { id: row.org_id, slug: row.slug, name: row.org_name, roles } },
    actor: {
      kind: 'user', userId: row.user_id, tokenId: null, orgId: row.org_id, orgSlug: row.slug, roles, isAdmin: row.is_admin,
      scopes: sessionScopes(roles, row.is_admin),
    },
  };
}

