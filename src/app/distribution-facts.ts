/**
 * The outbox consumer that drives distribution: each fact (an advisory published or revised, a
 * KEV addition, an EPSS rise, an asset's SBOM or context changed) is acted on in one transaction
 * with the consumer's cursor, so it takes effect exactly once however often workers run or die.
 */
import type { Kysely } from 'kysely';
import type { Advisory } from '../domain/advisory.js';
import type { Vulnerability } from '../domain/vulnerability.js';
import { matchSbom } from '../engine/match.js';
import { purllessProducts } from '../formats/cve5/advisory.js';
import { toOsv } from '../formats/osv/advisory.js';
import { parseOsv } from '../formats/osv/parse.js';
import { getAdvisory } from '../store/advisories.js';
import { participants } from '../store/disclosure.js';
import * as dist from '../store/distribution.js';
import { inventoryComponents } from '../store/inventories.js';
import { advanceOutbox, factsWaiting, nextOutbox, outboxCursor, type OutboxRow } from '../store/outbox.js';
import type { Database } from '../store/schema.js';
import { upsertVulnerabilities } from '../store/vulnerabilities.js';
import { vulnRow, type VulnRow } from '../store/vulnerability-row.js';
import type { AppContext } from './context.js';
import { distribute, distributionEnv, type DistributionEnv, type DistributionResult } from './distribution.js';
import { indexRows, reindexAssets } from './matching.js';
import type { PublishedFact } from './publication.js';

export const CONSUMER = 'distribution';
export const FACT_KINDS = ['advisory.published', 'advisory.pre-notice', 'kev.added', 'epss.jump', 'asset.changed', 'asset.deleted'] as const;

export interface FactsRun {
  facts: number;
  notifications: number;
  failed: number;
}

/**
 * Acts on outbox facts in order until none is left or `limit` is reached. A fact whose handling
 * throws is logged and retried on the next run (the cursor does not pass it), so a bug or an outage
 * delays distribution but never skips a fact.
 */
export async function consumeFacts(ctx: AppContext, limit = 500): Promise<FactsRun> {
  await outboxCursor(ctx.conn.db, CONSUMER);
  const run: FactsRun = { facts: 0, notifications: 0, failed: 0 };
  // most turns find nothing: no tables parsed, no index built for them
  if (!(await factsWaiting(ctx.conn.db, CONSUMER, FACT_KINDS))) return run;
  const env = await distributionEnv(ctx);
  // the forward index too, for SBOM facts; built now, outside the facts' transactions
  await ctx.matching.get(ctx);
  while (run.facts < limit) {
    let handled: Handled | null;
    try {
      handled = await ctx.conn.db.transaction().execute(async (tx) => {
        const fact = await nextOutbox(tx, CONSUMER, FACT_KINDS);
        if (!fact) return null;
        const r = await handle(ctx, tx, env, fact);
        await advanceOutbox(tx, CONSUMER, fact.id);
        return r;
      });
    } catch (err) {
      run.failed++;
      ctx.log.error({ err }, 'distribution: a fact failed; it is retried on the next run');
      return run;
    }
    if (!handled) return run;
    run.facts++;
    run.notifications += handled.notifications;
    handled.after?.();
  }
  return run;
}

interface Handled {
  notifications: number;
  /** what to do once the transaction committed (in-memory indexes) */
  after: (() => void) | null;
}

const none: Handled = { notifications: 0, after: null };
const total = (rs: readonly DistributionResult[]): number => rs.reduce((n, r) => n + r.notifications, 0);

async function handle(ctx: AppContext, tx: Kysely<Database>, env: DistributionEnv, fact: OutboxRow): Promise<Handled> {
  switch (fact.kind) {
    case 'advisory.published':
      return advisoryPublished(ctx, tx, env, fact.payload as PublishedFact);
    case 'advisory.pre-notice':
      return preNotice(ctx, tx, env, (fact.payload as { advisoryId: string }).advisoryId);
    case 'kev.added': {
      const p = fact.payload as { cveId: string; dateAdded: string };
      const rs = [];
      for (const v of await dist.recordsKnownAs(tx, p.cveId)) rs.push(await distribute(ctx, tx, env, v, { kind: 'kev', detail: `${p.cveId} was added to CISA's KEV catalog on ${p.dateAdded}` }));
      return { notifications: total(rs), after: null };
    }
    case 'epss.jump': {
      const p = fact.payload as { cveId: string; from: number; to: number };
      const rs = [];
      const detail = `the EPSS score of ${p.cveId} rose from ${p.from.toFixed(3)} to ${p.to.toFixed(3)}`;
      for (const v of await dist.recordsKnownAs(tx, p.cveId)) rs.push(await distribute(ctx, tx, env, v, { kind: 'epss', detail }));
      return { notifications: total(rs), after: null };
    }
    case 'asset.changed':
      return assetChanged(ctx, tx, env, (fact.payload as { inventoryId: string }).inventoryId);
    case 'asset.deleted': {
      const id = (fact.payload as { inventoryId: string }).inventoryId;
      ctx.inventories.update((index) => index.remove(id));
      return none;
    }
    default:
      return none;
  }
}

/** The advisory as a knowledge-base record (its OSV form), so that it is browsed, scanned for and distributed alike. */
export function advisoryRecord(advisory: Advisory): Vulnerability | null {
  const parsed = parseOsv(toOsv(advisory));
  if (!parsed.ok) return null;
  // OSV carries packages; products without a purl ride along as CVE 5 style products. The id is the
  // advisory's own (OSV writes an unregistered prefix as x_AICC-…, which the knowledge base would keep).
  const v = parsed.value;
  return { ...v, id: advisory.id, aliases: v.aliases.filter((a) => a !== advisory.id), tlp: advisory.tlp, products: [...v.products, ...purllessProducts(advisory)] };
}

async function advisoryPublished(ctx: AppContext, tx: Kysely<Database>, env: DistributionEnv, fact: PublishedFact): Promise<Handled> {
  const row = await getAdvisory(tx, fact.id);
  if (!row) return none;
  const advisory = row.document as Advisory;
  const vuln = advisoryRecord(advisory);
  if (!vuln) {
    ctx.log.error({ advisory: fact.id }, 'distribution: a published advisory does not read back as OSV; not distributed');
    return none;
  }
  const shared = vuln.tlp === 'CLEAR' || vuln.tlp === 'GREEN';
  let written: VulnRow | null = null;
  if (shared) {
    written = vulnRow(vuln);
    await upsertVulnerabilities(tx, [written]);
  }
  // AMBER and RED advisories reach only organizations taking part in the case.
  const orgs = shared ? undefined : new Set((await participants(tx, row.case_id)).map((p) => p.org_id));
  const fixes = advisory.remediations.filter((r) => r.category === 'vendor_fix').map((r) => r.details);
  const workarounds = advisory.remediations.filter((r) => r.category === 'workaround' || r.category === 'mitigation').map((r) => r.details);
  const r = await distribute(ctx, tx, env, vuln, {
    kind: fact.version > 1 ? 'updated' : 'published',
    detail: fact.version > 1 ? `advisory ${fact.id} was revised (version ${fact.version})` : `advisory ${fact.id} was published`,
  }, {
    tlp: vuln.tlp,
    link: `${ctx.config.advisories.publicUrl}/.well-known/csaf/${fact.path}`,
    ...(fixes.length ? { remediation: fixes.join(' ') } : {}),
    workaround: workarounds.join(' '),
    ...(orgs ? { orgs } : {}),
  });
  return {
    notifications: r.notifications,
    after: written
      ? () => {
          indexRows(ctx, [written]);
          ctx.details.clear();
        }
      : null,
  };
}

/** A TLP:AMBER notice of an advisory not yet public, to subscribers that accept pre-notices (distribute filters them). */
async function preNotice(ctx: AppContext, tx: Kysely<Database>, env: DistributionEnv, advisoryId: string): Promise<Handled> {
  const row = await getAdvisory(tx, advisoryId);
  // published meanwhile: the publication told everyone
  if (!row || row.status === 'published') return none;
  const vuln = advisoryRecord(row.document as Advisory);
  if (!vuln) return none;
  const r = await distribute(ctx, tx, env, vuln, { kind: 'pre-notice', detail: `advisory ${advisoryId} is under embargo: TLP:AMBER, share only within your organization on a need-to-know basis` }, {
    tlp: 'AMBER',
    link: `${ctx.config.advisories.publicUrl}/subscriber`,
  });
  return { notifications: r.notifications, after: null };
}

/**
 * An asset's SBOM or context changed: it is read into this process's reverse index again (facts
 * come in order, so every worker's index follows every change), matched against the knowledge base,
 * and told of each vulnerability now affecting it; what no longer affects it is resolved.
 */
async function assetChanged(ctx: AppContext, tx: Kysely<Database>, env: DistributionEnv, inventoryId: string): Promise<Handled> {
  await reindexAssets(ctx, { id: inventoryId }, tx, env.index);
  const components = await inventoryComponents(tx, inventoryId);
  const vulns = await ctx.matching.get(ctx);
  const report = matchSbom(vulns, {
    format: 'cyclonedx', specVersion: '', name: inventoryId, purlless: 0, problems: [],
    components: components.map((c, i) => ({ ref: String(i), refs: [], name: c.name, group: null, version: c.version, purl: c.purl, purlless: false, cpe: null, type: 'library', direct: c.direct, dependsOn: [] })),
  });
  const ids = [...new Set(report.findings.flatMap((f) => f.vulnerabilities.map((m) => m.vuln.id)))];
  const only = new Set([inventoryId]);
  let notifications = 0;
  for (const id of ids) {
    const vuln = await dist.recordById(tx, id);
    if (!vuln || vuln.withdrawn || (vuln.tlp !== 'CLEAR' && vuln.tlp !== 'GREEN')) continue;
    notifications += (await distribute(ctx, tx, env, vuln, { kind: 'sbom', detail: 'an SBOM or the context of this asset changed' }, { only })).notifications;
  }
  await dist.resolveExposures(tx, inventoryId, ids);
  return { notifications, after: null };
}
