import type { Kysely } from 'kysely';
import type { Advisory } from '../domain/advisory.js';
import { AppError, formatProblem, type Problem } from '../domain/errors.js';
import { toCsaf, validateCsaf } from '../formats/csaf/index.js';
import { documentPath, hashFiles } from '../formats/csaf-provider/index.js';
import { openSigner, type Signer } from '../formats/openpgp/index.js';
import { addCaseEvent, type CaseEventKind } from '../store/case-events.js';
import { addOutbox } from '../store/outbox.js';
import * as store from '../store/publication.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';

/**
 * Publication of advisories at their time (publish_at, else the case's embargo end), each in one
 * transaction under its row lock: the CSAF text, its hashes and signature, the advisory marked
 * published, a timeline entry and an outbox fact commit together or not at all. A second publisher
 * (another process, a retried job) waits on the lock and then finds the advisory published, so each
 * one is published once; a crash before the commit leaves it `ready` for the next run.
 */

export const PUBLISHED_EVENT = 'advisory-published' satisfies CaseEventKind;
export const PUBLISH_FAILED_EVENT = 'advisory-publish-failed' satisfies CaseEventKind;
export const PUBLISHED_FACT = 'advisory.published';

export interface PublishCounts {
  published: number;
  /** refused (invalid CSAF, no CSAF 2.0 TLP label): left `ready`, the reason on the case's timeline */
  failed: number;
  /** published by someone else meanwhile, or no longer ready */
  skipped: number;
}

/** What distribution consumes (outbox kind `advisory.published`). */
export interface PublishedFact {
  id: string;
  version: number;
  tlp: string;
  path: string;
  /** the packages of the affected products (purls without version) */
  purls: string[];
  cve: string | null;
}

/** The advisory as published: final, its new revision appended to the ones published before. */
export function publishedAdvisory(draft: Advisory, row: { id: string; tlp: string; version: number }, now: string, firstRelease: string | undefined): Advisory {
  const version = row.version + 1;
  // the draft's revision '0' and anything past the last publication are the editor's, not history
  const history = draft.revisions.filter((r) => /^[1-9]\d*$/.test(r.number) && Number(r.number) <= row.version);
  return {
    ...draft,
    id: row.id,
    tlp: row.tlp as Advisory['tlp'],
    status: 'final',
    initialReleaseDate: firstRelease ?? now,
    currentReleaseDate: now,
    revisions: [...history, { number: String(version), date: now, summary: version === 1 ? 'Initial release.' : 'Updated.' }],
  };
}

/** Publishes every advisory that is due. No active signing key: throws before touching any. */
export async function publishDue(ctx: AppContext, now = new Date()): Promise<PublishCounts> {
  const counts: PublishCounts = { published: 0, failed: 0, skipped: 0 };
  const due = await store.dueAdvisories(ctx.conn.db, now);
  if (due.length === 0) return counts;
  if (!(await store.activeSigningKey(ctx.conn.db))) {
    throw new AppError('CONFLICT', `${due.length} advisories are due but no signing key is active: run \`aicc keys generate\` and \`aicc keys activate\``);
  }
  // a key is read and unlocked once per run, not per document
  const signers = new Map<string, Promise<Signer>>();
  const signerOf = (key: { fingerprint: string; private_key: string }): Promise<Signer> => {
    let signer = signers.get(key.fingerprint);
    if (!signer) signers.set(key.fingerprint, (signer = openSigner(key.private_key, ctx.config.advisories.signingPassphrase)));
    return signer;
  };
  for (const id of due) {
    const outcome = await ctx.conn.db.transaction().execute((tx) => publishOne(ctx, tx, id, now, signerOf));
    counts[outcome]++;
    if (outcome === 'published') ctx.log.info({ advisory: id }, 'advisory published');
  }
  return counts;
}

async function publishOne(
  ctx: AppContext, tx: Kysely<Database>, id: string, now: Date, signerOf: (key: { fingerprint: string; private_key: string }) => Promise<Signer>,
): Promise<keyof PublishCounts> {
  const row = await store.lockForPublication(tx, id, now);
  if (!row?.due) return 'skipped';
  const key = await store.activeSigningKey(tx);
  if (!key) throw new AppError('CONFLICT', 'no signing key is active');
  const at = now.toISOString();
  const fail = async (problems: Problem[]): Promise<'failed'> => {
    const details = { advisory: id, problems: problems.slice(0, 50).map(formatProblem) };
    // a run every interval would repeat the same failure: the timeline says it once, until it changes
    const last = await store.lastEventDetails(tx, row.case_id, PUBLISH_FAILED_EVENT);
    if (JSON.stringify(last) !== JSON.stringify(details)) await addCaseEvent(tx, { caseId: row.case_id, actor: 'system', orgId: null, kind: PUBLISH_FAILED_EVENT, details, at: now });
    ctx.log.warn({ advisory: id, problems: details.problems }, 'advisory not published');
    return 'failed';
  };

  const advisory = publishedAdvisory(row.document as Advisory, row, at, await store.firstPublication(tx, id));
  const path = documentPath(advisory);
  if (!path.ok) return fail(path.problems);
  let csaf: unknown;
  try {
    csaf = toCsaf(advisory);
  } catch (err) {
    return fail([{ message: `the advisory cannot be written as CSAF: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const validation = await validateCsaf(csaf);
  if (!validation.isValid) return fail(validation.errors.map((e) => ({ pointer: e.instancePath, message: `${e.message} (${e.test})` })));

  // the exact text served; its hashes and signature are over these bytes
  const text = `${JSON.stringify(csaf, null, 2)}\n`;
  const fileName = path.value.slice(path.value.lastIndexOf('/') + 1);
  const hashes = hashFiles(text, fileName);
  const signature = await (await signerOf(key))(text);
  const version = row.version + 1;
  await store.insertPublication(tx, {
    advisory_id: id, version, tlp: advisory.tlp, path: path.value, title: advisory.title, initial_release_date: advisory.initialReleaseDate,
    current_release_date: at, csaf: text, sha256: hashes.sha256, sha512: hashes.sha512, signature, key_fingerprint: key.fingerprint, published_at: now,
  });
  await store.markPublished(tx, id, { version, at: now, document: advisory });
  await addCaseEvent(tx, { caseId: row.case_id, actor: 'system', orgId: null, kind: PUBLISHED_EVENT, details: { advisory: id, version, tlp: advisory.tlp, path: path.value }, at: now });
  const fact: PublishedFact = {
    id, version, tlp: advisory.tlp, path: path.value, cve: advisory.cve,
    purls: [...new Set(advisory.products.filter((p) => p.status === 'known_affected' && p.purl).map((p) => p.purl as string))].sort(),
  };
  await addOutbox(tx, { kind: PUBLISHED_FACT, subject: id, payload: fact });
  return 'published';
}
