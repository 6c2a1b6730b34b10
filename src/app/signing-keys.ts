import { actorLabel, hasRole, isOperatorAdmin, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { generateSigningKey } from '../formats/openpgp/index.js';
import { appendAudit } from '../store/audit.js';
import * as store from '../store/publication.js';
import type { AppContext } from './context.js';

/**
 * The OpenPGP keys that sign published advisories (CSAF requirement 19). One key is active and signs
 * new publications; retired keys stay listed in the provider metadata for RETIRED_KEY_DAYS so the
 * signatures they made still verify. The private part is encrypted with AICC_SIGNING_PASSPHRASE when
 * one is configured, else stored unencrypted (a warning is logged at each generation).
 */

export interface SigningKeyView {
  fingerprint: string;
  createdAt: string;
  createdBy: string;
  active: boolean;
  retiredAt: string | null;
}

/** How long a retired key is still announced (and served) beside the active one. */
export const RETIRED_KEY_DAYS = 365;

const FINGERPRINT = /^[0-9A-F]{40}$/;

const view = (k: store.SigningKeyFacts): SigningKeyView => ({
  fingerprint: k.fingerprint, createdAt: new Date(k.created_at).toISOString(), createdBy: k.created_by, active: k.active,
  retiredAt: k.retired_at ? new Date(k.retired_at).toISOString() : null,
});

function requireKeyAdmin(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!isOperatorAdmin(actor)) throw new AppError('FORBIDDEN', 'only administrators of an operator organization manage signing keys');
}

function requireOperator(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasRole(actor, 'operator')) throw new AppError('FORBIDDEN', 'only operators list signing keys');
}

/** A fingerprint as typed (spaces, lower case) in the stored form: 40 upper-case hex digits. */
export function normalizeFingerprint(input: string): string {
  const fpr = input.replace(/\s+/g, '').toUpperCase();
  if (!FINGERPRINT.test(fpr)) throw new AppError('VALIDATION_FAILED', `'${input}' is not a key fingerprint (40 hex digits)`);
  return fpr;
}

async function existing(ctx: AppContext, fingerprint: string): Promise<store.SigningKeyFacts> {
  const key = await store.getSigningKey(ctx.conn.db, normalizeFingerprint(fingerprint));
  if (!key) throw new AppError('NOT_FOUND', `no signing key ${fingerprint}`);
  return key;
}

/** A new v4 Ed25519 key, not yet active. */
export async function generateKey(ctx: AppContext, actor: Actor, input: { name: string; email: string }): Promise<SigningKeyView> {
  requireKeyAdmin(actor);
  if (!input.name.trim() || !/^[^\s@<>]+@[^\s@<>]+$/.test(input.email)) {
    throw new AppError('VALIDATION_FAILED', 'a signing key needs a name and an e-mail address', { problems: [{ pointer: '/email', message: 'name@example.org' }] });
  }
  const passphrase = ctx.config.advisories.signingPassphrase;
  if (!passphrase) ctx.log.warn('AICC_SIGNING_PASSPHRASE is not set: the new signing key\'s private part is stored unencrypted in the database');
  const key = await generateSigningKey({ name: input.name.trim(), email: input.email, ...(passphrase ? { passphrase } : {}) });
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.insertSigningKey(tx, { fingerprint: key.fingerprint, public_key: key.publicKeyArmored, private_key: key.privateKeyArmored, created_by: actorLabel(actor) });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'signing-key.generate', subject: `signing-key:${key.fingerprint}`, details: { encrypted: Boolean(passphrase) } });
  });
  return view(await existing(ctx, key.fingerprint));
}

export async function listKeys(ctx: AppContext, actor: Actor): Promise<SigningKeyView[]> {
  requireOperator(actor);
  return (await store.listSigningKeys(ctx.conn.db)).map(view);
}

/** Makes this key the one that signs; the key active before stays valid (not retired) unless retired by hand. */
export async function activateKey(ctx: AppContext, actor: Actor, fingerprint: string): Promise<SigningKeyView> {
  requireKeyAdmin(actor);
  const key = await existing(ctx, fingerprint);
  if (key.retired_at) throw new AppError('CONFLICT', `signing key ${key.fingerprint} is retired; generate a new one`);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.activateSigningKey(tx, key.fingerprint);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'signing-key.activate', subject: `signing-key:${key.fingerprint}`, details: {} });
  });
  return view(await existing(ctx, key.fingerprint));
}

/** Stops a key signing; publication needs another active key from then on. */
export async function retireKey(ctx: AppContext, actor: Actor, fingerprint: string, now = new Date()): Promise<SigningKeyView> {
  requireKeyAdmin(actor);
  const key = await existing(ctx, fingerprint);
  if (key.retired_at) return view(key);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.retireSigningKey(tx, key.fingerprint, now);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'signing-key.retire', subject: `signing-key:${key.fingerprint}`, details: { wasActive: key.active } });
  });
  return view(await existing(ctx, key.fingerprint));
}

/** The armored public key: public by nature (the provider serves it too). */
export async function exportPublicKey(ctx: AppContext, fingerprint: string): Promise<string> {
  return (await existing(ctx, fingerprint)).public_key;
}

/** An active key, generated and activated when there is none (demo seeding). */
export async function ensureActiveKey(ctx: AppContext, actor: Actor, input: { name: string; email: string }): Promise<SigningKeyView> {
  const active = (await store.listSigningKeys(ctx.conn.db)).find((k) => k.active);
  if (active) return view(active);
  const key = await generateKey(ctx, actor, input);
  return activateKey(ctx, actor, key.fingerprint);
}
