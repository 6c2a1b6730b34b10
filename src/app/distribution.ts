/**
 * Distribution: one vulnerability, every asset it affects (the reverse index), a priority and due
 * date per asset from the loaded SSVC tables, an exposure per asset and one notification per
 * subscriber organization — all in the caller's transaction, so a fact is acted on once.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AffectedComponent, NotificationBody, NotificationKind, NotifiedAsset, PriorityOutcome } from '../domain/notification.js';
import { deriveInputs, prioritize, PRIORITY_TABLES, type AssetContext, type Priority, type PriorityTables, type VulnInputs } from '../domain/priority.js';
import { closestUpgrade, fixedVersions, sortedUnique } from '../domain/ranges.js';
import { schemeForEcosystem } from '../domain/versions/index.js';
import type { Tlp } from '../domain/tlp.js';
import type { AffectedPackage, Vulnerability } from '../domain/vulnerability.js';
import type { AssetProfile, InventoryIndex, InventoryRef } from '../engine/inventory-index.js';
import { matchKey } from '../engine/match-key.js';
import { productAffects, productKeysOf } from '../engine/product-match.js';
import * as store from '../store/distribution.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';
import { decisionTable } from './decision-tables.js';
import { deliveryCounters } from './metrics.js';

export interface Trigger {
  kind: Exclude<NotificationKind, 'digest'>;
  /** a sentence for the subscriber: "advisory AICC-2026-0001 published", "added to KEV on 2026-11-30" */
  detail: string;
}

export interface DistributeOptions {
  tlp?: Tlp;
  link?: string;
  remediation?: string;
  workaround?: string;
  /** only these assets (an SBOM upload re-evaluates its own asset) */
  only?: ReadonlySet<string>;
  /** only these organizations (TLP:AMBER pre-notices reach subscribers that accept them) */
  orgs?: ReadonlySet<string>;
  now?: Date;
}

/**
 * What distribution reads besides the transaction: the reverse index and the SSVC tables, fetched
 * before the transaction opens (on PGlite a query outside an open transaction would wait for it).
 */
export interface DistributionEnv {
  index: InventoryIndex;
  tables: PriorityTables;
}

export async function distributionEnv(ctx: AppContext): Promise<DistributionEnv> {
  const [index, tables] = await Promise.all([ctx.inventories.get(ctx), priorityTables(ctx)]);
  return { index, tables };
}

export interface DistributionResult {
  assets: number;
  organizations: number;
  notifications: number;
  immediate: number;
}

const DEFAULT_PROFILE: AssetProfile = { type: 'application', exposed: false, missionPrevalence: 'support', wellBeing: 'minimal', federal: false, sector: 'unspecified' };

/** The SSVC tables prioritization reads, as loaded now (null where an operator has not loaded one). */
export async function priorityTables(ctx: AppContext): Promise<PriorityTables> {
  const [coordinator, deployer, bod] = await Promise.all([PRIORITY_TABLES.coordinator, PRIORITY_TABLES.deployer, PRIORITY_TABLES.bod].map((id) => decisionTable(ctx, id)));
  return { coordinator, deployer, bod };
}

/**
 * Each affected asset's components, by reverse-index slot: packages by purl and ranges, products by
 * vendor/product. A popular package reaches most assets with one component each: that one is kept
 * as is, and a list is made only for an asset hit twice (no array per asset, no garbage per asset).
 */
export function affectedAssets(index: InventoryIndex, vuln: Vulnerability, only?: ReadonlySet<string>): Map<number, AffectedComponent | AffectedComponent[]> {
  const out = new Map<number, AffectedComponent | AffectedComponent[]>();
  const add = (slot: number, c: AffectedComponent) => {
    if (only && !only.has(index.ref(slot).id)) return;
    const held = out.get(slot);
    if (held === undefined) out.set(slot, c);
    else if (Array.isArray(held)) held.push(c);
    else out.set(slot, [held, c]);
  };
  const entries = new Map<string, AffectedPackage[]>();
  for (const pkg of vuln.affected) {
    if (!pkg.purl) continue;
    const key = matchKey(pkg.purl);
    entries.set(key, [...(entries.get(key) ?? []), pkg]);
  }
  for (const v of index.affectedBy(vuln.affected).versions) {
    const c = { package: v.key, installed: v.version, fixed: upgradesFrom(v.version, entries.get(v.key) ?? []) };
    for (const slot of v.slots) add(slot, c);
  }
  for (const product of vuln.products) {
    const fixed = product.versions.filter((e) => e.status === 'affected' && e.lessThan && e.lessThan !== '*').map((e) => e.lessThan!);
    for (const key of productKeysOf(product)) {
      for (const v of index.versionsOf(key)) {
        if (!productAffects(product, v.version)) continue;
        for (const slot of v.slots) add(slot, { package: `${product.vendor} ${product.product}`, installed: v.version, fixed });
      }
    }
  }
  return out;
}

/**
 * The fixed versions above the installed one, nearest first, in the ecosystem's order: 2.14.1
 * of log4j-core is told 2.15.0, not 2.3.1 (a fix on an older branch). The first one none of the
 * record's ranges still affects leads.
 */
function upgradesFrom(installed: string, pkgs: AffectedPackage[]): string[] {
  if (!pkgs.length) return [];
  const scheme = schemeForEcosystem(pkgs[0]!.ecosystem);
  const above = sortedUnique(pkgs.flatMap((p) => fixedVersions(p, scheme)), scheme).filter((f) => scheme.compare(f, installed) > 0);
  const clean = closestUpgrade(installed, pkgs, scheme);
  return clean ? [clean, ...above.filter((f) => f !== clean)] : above;
}

/** The vulnerability's SSVC inputs from the store's signals (KEV, EPSS, the case's exploitation flag) and its record. */
export async function vulnInputs(db: Kysely<Database>, vuln: Vulnerability): Promise<VulnInputs> {
  const s = await store.signalsOf(db, [vuln.id, ...vuln.aliases]);
  return deriveInputs({
    kev: s.kevAdded ? { dateAdded: s.kevAdded } : null,
    ...(s.exploited ? { exploitation: 'active' as const } : {}),
    ssvc: vuln.ssvc,
    severities: vuln.severities,
    epss: s.epss,
  });
}

const asContext = (p: AssetProfile): AssetContext => ({ exposed: p.exposed, missionPrevalence: p.missionPrevalence, wellBeing: p.wellBeing, federal: p.federal });

/** Most urgent first: the smaller rank. */
const moreUrgent = (a: Priority, b: Priority): Priority => (a.rank <= b.rank ? a : b);

const outcome = (p: Priority): PriorityOutcome => ({ cisa: p.cisa, deployer: p.deployer, bod: p.bod, due: p.due, binding: p.binding });

/**
 * Tells every subscriber whose assets the vulnerability affects: exposures created or refreshed,
 * one notification per organization unless it was told this very fact before (`fact` is a hash
 * of what it says). Immediate for Act or a ≤ 3-day timeline, within the organization's daily cap;
 * the rest waits for its digest.
 */
export async function distribute(ctx: AppContext, tx: Kysely<Database>, env: DistributionEnv, vuln: Vulnerability, trigger: Trigger, opts: DistributeOptions = {}): Promise<DistributionResult> {
  const { index, tables } = env;
  const affected = affectedAssets(index, vuln, opts.only);
  if (!affected.size) return { assets: 0, organizations: 0, notifications: 0, immediate: 0 };
  const now = opts.now ?? new Date();
  const inputs = await vulnInputs(tx, vuln);
  const known = await store.exposuresOf(tx, vuln.id);
  const zone = ctx.config.disclosure.embargo.timeZone;

  const candidates: Array<[InventoryRef, AffectedComponent[]]> = [];
  for (const [slot, held] of affected) {
    const ref = index.ref(slot);
    if (!opts.orgs || opts.orgs.has(ref.orgId)) candidates.push([ref, Array.isArray(held) ? held : [held]]);
  }
  const settings = await store.deliverySettings(tx, [...new Set(candidates.map(([ref]) => ref.orgId))]);
  // Under embargo only subscribers that accept pre-notices learn of it: not even an exposure is made for the others.
  const reached = trigger.kind === 'pre-notice' ? candidates.filter(([ref]) => settings.get(ref.orgId)?.preNotify) : candidates;
  if (!reached.length) return { assets: 0, organizations: 0, notifications: 0, immediate: 0 };

  // Assets of one profile detected on one day share a priority and its explanation: compute and store them once.
  const memo = new Map<string, { priority: Priority; explanationId: string }>();
  const explanations = new Map<string, unknown>();
  const byOrg = new Map<string, Array<{ ref: InventoryRef; priority: Priority; components: AffectedComponent[]; detectedAt: string }>>();
  const writes: store.ExposureWrite[] = [];
  for (const [ref, components] of reached) {
    const profile = ref.profile ?? DEFAULT_PROFILE;
    const detectedAt = known.get(ref.id)?.detectedAt ?? now.toISOString();
    const key = `${profile.exposed}|${profile.missionPrevalence}|${profile.wellBeing}|${profile.federal}|${detectedAt.slice(0, 13)}`;
    let shared = memo.get(key);
    if (!shared) {
      const p = prioritize(inputs, asContext(profile), tables, { detectedAt: new Date(detectedAt), zone });
      const explanationId = createHash('sha256').update(JSON.stringify(p.explanation)).digest('base64url').slice(0, 22);
      explanations.set(explanationId, p.explanation);
      memo.set(key, (shared = { priority: p, explanationId }));
    }
    const { priority } = shared;
    writes.push({
      org_id: ref.orgId, inventory_id: ref.id, detected_at: detectedAt, kev_added: inputs.kev?.dateAdded ?? null,
      clock_start: priority.clockStart, due_date: priority.due, binding: priority.binding, cisa: priority.cisa, deployer: priority.deployer, bod: priority.bod,
      priority: { missing: priority.missing, timelineDays: priority.timelineDays, forensic: priority.forensic, urgency: priority.urgency },
      explanation_id: shared.explanationId,
      components,
    });
    const list = byOrg.get(ref.orgId);
    const entry = { ref, priority, components, detectedAt };
    if (list) list.push(entry);
    else byOrg.set(ref.orgId, [entry]);
  }
  await store.putExplanations(tx, explanations);
  const exposureIds = await store.upsertExposures(tx, vuln.id, writes);
  const tlp = opts.tlp ?? vuln.tlp;
  const cvss = [...vuln.severities].sort((a, b) => Number(b.version) - Number(a.version))[0] ?? null;
  const notifications: store.NotificationWrite[] = [];
  const told = await store.toldFacts(tx, vuln.id);
  let immediate = 0;
  for (const [orgId, assets] of byOrg) {
    assets.sort((a, b) => a.priority.rank - b.priority.rank || a.ref.name.localeCompare(b.ref.name));
    const top = assets.map((a) => a.priority).reduce(moreUrgent);
    const notified: NotifiedAsset[] = assets.map((a) => ({
      id: a.ref.id, name: a.ref.name, type: (a.ref.profile ?? DEFAULT_PROFILE).type, exposed: (a.ref.profile ?? DEFAULT_PROFILE).exposed,
      exposureId: exposureIds.get(a.ref.id) ?? known.get(a.ref.id)?.id ?? '', components: a.components, ...outcome(a.priority),
    }));
    const body: NotificationBody = {
      vulnerability: {
        id: vuln.id, aliases: vuln.aliases, summary: vuln.summary || vuln.details.slice(0, 300),
        cvss: cvss ? { version: cvss.version, score: cvss.baseScore, vector: cvss.vector } : null, epss: inputs.epss, kev: inputs.kev,
      },
      trigger: { kind: trigger.kind, detail: trigger.detail },
      priority: outcome(top),
      assets: notified,
      remediation: opts.remediation ?? remediationOf(notified),
      workaround: opts.workaround ?? '',
      link: opts.link ?? `${ctx.config.advisories.publicUrl}/vulns/${encodeURIComponent(vuln.id)}`,
    };
    const fact = factOf(trigger, vuln, body);
    // told before (a re-run, a revision that changes nothing for this subscriber): nothing to write, nothing against the cap
    if (told.has(`${orgId}|${fact}`)) continue;
    const s = settings.get(orgId) ?? { cap: 20, immediateToday: 0, preNotify: false };
    let urgency: 'immediate' | 'digest-item' = top.urgency;
    if (urgency === 'immediate' && s.immediateToday >= s.cap) {
      urgency = 'digest-item';
      body.capped = true;
    }
    if (urgency === 'immediate') {
      immediate++;
      s.immediateToday++;
    }
    notifications.push({
      org_id: orgId, fact, kind: trigger.kind, vuln_id: vuln.id, tlp: trigger.kind === 'pre-notice' ? 'AMBER' : tlp,
      urgency, title: titleOf(vuln, notified, top), body,
    });
  }
  const made = await store.insertNotifications(tx, notifications);
  // counted when written (a rolled-back transaction overcounts; Prometheus counters are rates, not ledgers)
  const madeOrgs = new Set(made.map((m) => m.org_id));
  const byUrgency = new Map<string, number>();
  for (const n of notifications) if (madeOrgs.has(n.org_id)) byUrgency.set(n.urgency, (byUrgency.get(n.urgency) ?? 0) + 1);
  for (const [urgency, count] of byUrgency) deliveryCounters.notifications.inc({ urgency }, count);
  return { assets: writes.length, organizations: byOrg.size, notifications: made.length, immediate };
}

/**
 * What the notification says, hashed: the same assets, versions, outcomes, due dates and signals
 * make the same fact, so a re-run, a retried job or an advisory revision that changes nothing for
 * this subscriber tells it nothing new. An EPSS rise is its own fact (the score is the news).
 */
function factOf(trigger: Trigger, vuln: Vulnerability, body: NotificationBody): string {
  const said = {
    kev: body.vulnerability.kev, remediation: body.remediation, workaround: body.workaround, pre: trigger.kind === 'pre-notice',
    assets: body.assets.map((a) => [a.id, a.components.map((c) => `${c.package}@${c.installed}>${c.fixed.join(',')}`).sort(), a.cisa, a.bod, a.due, a.binding]),
    ...(trigger.kind === 'epss' ? { epss: body.vulnerability.epss } : {}),
  };
  return `${vuln.id}:${createHash('sha256').update(JSON.stringify(said)).digest('base64url').slice(0, 22)}`;
}

function titleOf(vuln: Vulnerability, assets: readonly NotifiedAsset[], top: Priority): string {
  const what = assets.length === 1 ? assets[0]!.name : `${assets.length} assets`;
  const when = top.due ? ` · due ${top.due}` : '';
  return `${vuln.id} affects ${what}${top.cisa ? ` · ${top.cisa}` : ''}${when}`;
}

function remediationOf(assets: readonly NotifiedAsset[]): string {
  const lines = new Set<string>();
  for (const a of assets) {
    for (const c of a.components) lines.add(c.fixed.length ? `upgrade ${c.package} from ${c.installed} to ${c.fixed[0]} or later` : `no fixed version of ${c.package} is known yet`);
  }
  return [...lines].join('; ');
}
