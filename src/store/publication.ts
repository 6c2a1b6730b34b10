import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

/**
 * Publishing advisories: signing keys, due advisories, the published revisions (the exact CSAF text
 * with its hash and signature files) and the outbox. SQL only; the rules are in app/publication.ts.
 */

export type SigningKeyRow = Selectable<Database['signing_keys']>;
export type PublicationRow = Selectable<Database['advisory_publications']>;
export type AdvisoryRow = Selectable<Database['advisories']>;

/** A key's public facts: never its private part. */
export type SigningKeyFacts = Omit<SigningKeyRow, 'private_key'>;
const PUBLIC_KEY_COLUMNS = ['fingerprint', 'public_key', 'active', 'created_by', 'created_at', 'retired_at'] as const;

export async function insertSigningKey(db: Kysely<Database>, row: { fingerprint: string; public_key: string; private_key: string; created_by: string }): Promise<void> {
  await db.insertInto('signing_keys').values(row).execute();
}

export function listSigningKeys(db: Kysely<Database>): Promise<SigningKeyFacts[]> {
  return db.selectFrom('signing_keys').select(PUBLIC_KEY_COLUMNS).orderBy('created_at').orderBy('fingerprint').execute();
}

export function getSigningKey(db: Kysely<Database>, fingerprint: string): Promise<SigningKeyFacts | undefined> {
  return db.selectFrom('signing_keys').select(PUBLIC_KEY_COLUMNS).where('fingerprint', '=', fingerprint).executeTakeFirst();
}

/** The key that signs new publications, private part included (for signing only). */
export function activeSigningKey(db: Kysely<Database>): Promise<SigningKeyRow | undefined> {
  return db.selectFrom('signing_keys').selectAll().where('active', '=', true).executeTakeFirst();
}

/** Makes one key the active one (the partial unique index allows one): the previous one is deactivated first, not retired. */
export async function activateSigningKey(tx: Kysely<Database>, fingerprint: string): Promise<void> {
  await tx.updateTable('signing_keys').set({ active: false }).where('active', '=', true).where('fingerprint', '<>', fingerprint).execute();
  await tx.updateTable('signing_keys').set({ active: true }).where('fingerprint', '=', fingerprint).execute();
}

export async function retireSigningKey(tx: Kysely<Database>, fingerprint: string, at: Date): Promise<void> {
  await tx.updateTable('signing_keys').set({ active: false, retired_at: at }).where('fingerprint', '=', fingerprint).execute();
}

/**
 * Public keys the provider names: the active one, and every key that signed a publication unless it was
 * retired before `retiredSince` (its signatures must still verify). A key generated and never used is not named.
 */
export function publishedKeys(db: Kysely<Database>, retiredSince: Date): Promise<Array<{ fingerprint: string; public_key: string; created_at: string }>> {
  return db
    .selectFrom('signing_keys as k')
    .select(['k.fingerprint', 'k.public_key', 'k.created_at'])
    .where((eb) =>
      eb.or([
        eb('k.active', '=', true),
        eb.and([
          eb.exists(eb.selectFrom('advisory_publications as p').select('p.version').whereRef('p.key_fingerprint', '=', 'k.fingerprint')),
          eb.or([eb('k.retired_at', 'is', null), eb('k.retired_at', '>=', retiredSince.toISOString())]),
        ]),
      ]),
    )
    .orderBy('k.active', 'desc')
    .orderBy('k.created_at', 'desc')
    .execute();
}

/** `ready` advisories whose time has come: their own publish_at, else their case's embargo end. */
export async function dueAdvisories(db: Kysely<Database>, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('advisories as a')
    .leftJoin('case_embargoes as e', 'e.case_id', 'a.case_id')
    .select('a.id')
    .where('a.status', '=', 'ready')
    .where(sql<boolean>`coalesce(a.publish_at, e.ends_at) <= ${now}`)
    .orderBy(sql`coalesce(a.publish_at, e.ends_at)`)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Locks one advisory for publication and says whether it is still due: a second publisher waits here
 * for the first's commit, then finds it published.
 */
export async function lockForPublication(tx: Kysely<Database>, id: string, now: Date): Promise<(AdvisoryRow & { due: boolean }) | undefined> {
  const row = await tx.selectFrom('advisories').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  const embargo = await tx.selectFrom('case_embargoes').select('ends_at').where('case_id', '=', row.case_id).executeTakeFirst();
  const at = row.publish_at ?? embargo?.ends_at ?? null;
  return { ...row, due: row.status === 'ready' && at !== null && Date.parse(at) <= now.getTime() };
}

/** When an advisory was first published (its version 1), if it was. */
export async function firstPublication(db: Kysely<Database>, advisoryId: string): Promise<string | undefined> {
  const row = await db.selectFrom('advisory_publications').select('initial_release_date').where('advisory_id', '=', advisoryId).orderBy('version').limit(1).executeTakeFirst();
  return row?.initial_release_date;
}

export async function insertPublication(tx: Kysely<Database>, row: Omit<PublicationRow, 'published_at'> & { published_at: Date }): Promise<void> {
  await tx.insertInto('advisory_publications').values(row).execute();
}

export async function markPublished(tx: Kysely<Database>, id: string, p: { version: number; at: Date; document: unknown }): Promise<void> {
  await tx
    .updateTable('advisories')
    .set({ status: 'published', version: p.version, published_at: p.at, document: JSON.stringify(p.document), updated_by: 'system', updated_at: p.at })
    .where('id', '=', id)
    .execute();
}

/** The details of the case's latest event of this kind, if any (so a failure repeated every run is recorded once). */
export async function lastEventDetails(db: Kysely<Database>, caseId: string, kind: string): Promise<unknown> {
  const row = await db.selectFrom('case_events').select('details').where('case_id', '=', caseId).where('kind', '=', kind).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.details;
}

/** What the provider's index files need of a publication, with the case it belongs to (for the access rule). */
export type ListedPublication = Pick<PublicationRow, 'advisory_id' | 'version' | 'tlp' | 'path' | 'title' | 'initial_release_date' | 'current_release_date'> & { case_id: string };
/** A publication as served: the exact text and its hash and signature files too. */
export type ServedPublication = ListedPublication & Pick<PublicationRow, 'csaf' | 'sha256' | 'sha512' | 'signature' | 'key_fingerprint'>;

const LISTED = ['p.advisory_id', 'p.version', 'p.tlp', 'p.path', 'p.title', 'p.initial_release_date', 'p.current_release_date', 'a.case_id'] as const;

/** Each advisory's latest publication (an update replaces the revision before at the same path, as CSAF providers do). */
const latest = (db: Kysely<Database>) =>
  db
    .selectFrom('advisory_publications as p')
    .innerJoin('advisories as a', 'a.id', 'p.advisory_id')
    .where((eb) => eb('p.version', '=', eb.selectFrom('advisory_publications as q').select(sql<number>`max(q.version)`.as('v')).whereRef('q.advisory_id', '=', 'p.advisory_id')));

/** The latest publication of every advisory, without the documents' text. */
export function latestPublications(db: Kysely<Database>): Promise<ListedPublication[]> {
  return latest(db).select(LISTED).orderBy('p.path').execute();
}

/** The publication served at this path: an advisory's latest revision (an older one at a path it has left is no longer served). */
export function publicationAt(db: Kysely<Database>, path: string): Promise<ServedPublication | undefined> {
  return latest(db).select([...LISTED, 'p.csaf', 'p.sha256', 'p.sha512', 'p.signature', 'p.key_fingerprint']).where('p.path', '=', path).limit(1).executeTakeFirst();
}

/** Of these cases, those where the organization takes part as a vendor or reported a finding. */
export async function casesWithParticipant(db: Kysely<Database>, orgId: string, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const vendor = db.selectFrom('case_participants').select('case_id').where('org_id', '=', orgId).where('role', '=', 'vendor').where('case_id', 'in', caseIds);
  const reporter = db.selectFrom('findings').select('case_id').where('org_id', '=', orgId).where('case_id', 'in', caseIds);
  const rows = await vendor.union(reporter).execute();
  return new Set(rows.map((r) => r.case_id).filter((c): c is string => c !== null));
}
