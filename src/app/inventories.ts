import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Kysely, Selectable } from 'kysely';
import { actorLabel, hasRole, hasScope, readScope, type Actor, type Member } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { Sbom } from '../domain/sbom.js';
import type { Vulnerability } from '../domain/vulnerability.js';
import { purlParts } from '../engine/match-key.js';
import { matchSbom } from '../engine/match.js';
import { parseSbom } from '../formats/sbom/index.js';
import { appendAudit } from '../store/audit.js';
import { findOrg } from '../store/identity.js';
import * as store from '../store/inventories.js';
import { addOutbox } from '../store/outbox.js';
import type { Database } from '../store/schema.js';
import { getVulnerabilityRow } from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';
import { reindexAssets } from './matching.js';
import { scanResults, type ScanResult } from './scan.js';

export interface InventoryView {
  id: string;
  org: string;
  name: string;
  format: string;
  specVersion: string;
  sha256: string;
  components: number;
  unmatchable: number;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryDetail extends InventoryView {
  results: ScanResult[];
}

export interface AffectedInventoryView {
  inventory: { id: string; org: string; name: string };
  components: Array<{ package: string; version: string }>;
}

const NAME = /^[\w][\w .:/@+-]{0,199}$/;

const view = (r: store.InventoryRow): InventoryView => ({
  id: r.id, org: r.org_slug, name: r.name, format: r.format, specVersion: r.spec_version, sha256: r.sha256,
  components: r.components, unmatchable: r.unmatchable, createdAt: r.created_at, updatedAt: r.updated_at,
});

export function requireInventoryScope(actor: Actor): Member {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasScope(actor, 'inventory')) throw new AppError('FORBIDDEN', 'inventories need the inventory scope');
  return actor;
}

/**
 * The organization whose inventories are meant: the actor's own, or, for operators (who coordinate
 * distribution across organizations), any named one. Another organization's name reads as unknown.
 */
export async function targetOrg(ctx: AppContext, actor: Member, slug: string | undefined): Promise<{ id: string; slug: string }> {
  if (!slug || slug === actor.orgSlug) return { id: actor.orgId, slug: actor.orgSlug };
  const org = hasRole(actor, 'operator') ? await findOrg(ctx.conn.db, slug) : undefined;
  if (!org) throw new AppError('NOT_FOUND', `no organization '${slug}'`);
  return { id: org.id, slug: org.slug };
}

export function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new AppError('VALIDATION_FAILED', 'an inventory name is 1-200 letters, digits, spaces or . : / @ + - _, starting with a letter, digit or _', {
      problems: [{ pointer: '/name', message: `invalid name '${name.slice(0, 60)}'` }],
    });
  }
}

/** An SBOM parsed and reduced to what matching keeps, ready to store (gzip of the text kept as its version). */
export interface PreparedSbom {
  format: string;
  specVersion: string;
  sha256: string;
  components: number;
  unmatchable: number;
  rows: store.InventoryComponentRow[];
  text: string;
}

/** Parses an SBOM (CycloneDX or SPDX, any serialization) for an asset; a bad one is a 422 with its problems. */
export function prepareSbom(text: string, name: string): PreparedSbom {
  const parsed = parseSbom(text, name);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new AppError(first?.code ?? 'VALIDATION_FAILED', `${name} was rejected: ${first?.message ?? 'not an SBOM'}`, { problems: parsed.problems.slice(0, 200) });
  }
  const sbom = parsed.value;
  const components = new Map<string, store.InventoryComponentRow>();
  let unmatchable = 0;
  for (const c of sbom.components) {
    const parts = c.purl ? purlParts(c.purl) : null;
    const version = c.version ?? parts?.version;
    if (!parts || !version) unmatchable++;
    else components.set(`${c.purl}\n${version}`, { purl: c.purl!, match_key: parts.key, version, name: c.name, direct: c.direct });
  }
  return {
    format: sbom.format, specVersion: sbom.specVersion, sha256: createHash('sha256').update(text).digest('hex'),
    components: sbom.components.length, unmatchable, rows: [...components.values()], text,
  };
}

/**
 * Writes an asset in the caller's transaction: its SBOM as a new version (components replaced),
 * its context, or both; audited, with an `asset.changed` fact for distribution to re-match it.
 * An asset registered without an SBOM yet holds no components (format `none`).
 */
export async function writeAsset(
  tx: Kysely<Database>,
  actor: Actor,
  org: { id: string; slug: string },
  name: string,
  sbom: PreparedSbom | null,
  context?: Partial<store.AssetContextRow>,
): Promise<{ row: Selectable<Database['inventories']>; created: boolean }> {
  let put: { row: Selectable<Database['inventories']>; created: boolean };
  const existing = sbom ? undefined : await store.findInventory(tx, org.id, name);
  if (sbom) {
    put = await store.putInventory(tx, { org_id: org.id, name, format: sbom.format, spec_version: sbom.specVersion, sha256: sbom.sha256, components: sbom.components, unmatchable: sbom.unmatchable }, sbom.rows, {
      ...(context ? { context } : {}),
      sbom: { document: gzipSync(sbom.text), uploadedBy: actorLabel(actor) },
    });
  } else if (existing) {
    if (context) await store.setAssetContext(tx, existing.id, context);
    put = { row: existing, created: false };
  } else {
    put = await store.putInventory(tx, { org_id: org.id, name, format: 'none', spec_version: '', sha256: '', components: 0, unmatchable: 0 }, [], context ? { context } : {});
  }
  await appendAudit(tx, {
    actor: actorLabel(actor), action: put.created ? 'asset.create' : sbom ? 'asset.sbom' : 'asset.update', subject: `inventory:${put.row.id}`,
    details: { org: org.slug, name, ...(sbom ? { sha256: sbom.sha256, components: sbom.components } : {}), ...(context ? { context: Object.keys(context) } : {}) },
  });
  await addOutbox(tx, { kind: 'asset.changed', subject: put.row.id, payload: { inventoryId: put.row.id } });
  return put;
}

/**
 * Stores an SBOM as the organization's inventory `name`, replacing what was there. The same SBOM
 * again changes nothing. Components are kept as matching needs them: purl, package and version.
 */
export async function putInventory(ctx: AppContext, actor: Actor, input: { name: string; org?: string; text: string }): Promise<InventoryView & { status: 'created' | 'replaced' | 'unchanged' }> {
  const member = requireInventoryScope(actor);
  checkName(input.name);
  const org = await targetOrg(ctx, member, input.org);
  const sbom = prepareSbom(input.text, input.name);
  const existing = await store.findInventory(ctx.conn.db, org.id, input.name);
  if (existing?.sha256 === sbom.sha256) return { ...view(existing), status: 'unchanged' };
  const { row, created } = await ctx.conn.db.transaction().execute((tx) => writeAsset(tx, actor, org, input.name, sbom));
  await reindexAssets(ctx, { id: row.id });
  return { ...view({ ...row, org_slug: org.slug }), status: created ? 'created' : 'replaced' };
}

export async function listInventories(ctx: AppContext, actor: Actor, orgSlug?: string): Promise<InventoryView[]> {
  const member = requireInventoryScope(actor);
  const org = await targetOrg(ctx, member, orgSlug);
  return (await store.listInventories(ctx.conn.db, org.id)).map(view);
}

async function found(ctx: AppContext, actor: Actor, name: string, orgSlug: string | undefined): Promise<store.InventoryRow> {
  const org = await targetOrg(ctx, requireInventoryScope(actor), orgSlug);
  const row = await store.findInventory(ctx.conn.db, org.id, name);
  if (!row) throw new AppError('NOT_FOUND', `no inventory '${name}' in ${org.slug}`);
  return row;
}

/** An inventory with what affects it now: its stored components matched as a scan would. */
export async function getInventory(ctx: AppContext, actor: Actor, name: string, orgSlug?: string): Promise<InventoryDetail> {
  const row = await found(ctx, actor, name, orgSlug);
  const stored = await store.inventoryComponents(ctx.conn.db, row.id);
  const sbom: Sbom = {
    format: row.format as Sbom['format'], specVersion: row.spec_version, name: row.name, purlless: 0, problems: [],
    components: stored.map((c, i) => ({
      ref: String(i), refs: [], name: c.name, group: null, version: c.version, purl: c.purl, purlless: false, cpe: null, type: 'library', direct: c.direct, dependsOn: [],
    })),
  };
  const report = matchSbom(await ctx.matching.get(ctx), sbom);
  return { ...view(row), results: await scanResults(ctx, report.findings) };
}

export async function deleteInventory(ctx: AppContext, actor: Actor, name: string, orgSlug?: string): Promise<void> {
  const row = await found(ctx, actor, name, orgSlug);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.deleteInventory(tx, row.id);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'inventory.delete', subject: `inventory:${row.id}`, details: { org: row.org_slug, name: row.name } });
    await addOutbox(tx, { kind: 'asset.deleted', subject: row.id, payload: { inventoryId: row.id } });
  });
  ctx.inventories.update((index) => index.remove(row.id));
}

/**
 * The reverse match: the stored inventories holding a version the vulnerability affects. Members
 * see their own organization's; operators see every organization's (they coordinate distribution).
 */
export async function inventoriesAffectedBy(ctx: AppContext, actor: Actor, vulnId: string): Promise<AffectedInventoryView[]> {
  const member = requireInventoryScope(actor);
  const row = await getVulnerabilityRow(ctx.conn.db, readScope(actor), vulnId);
  if (!row) throw new AppError('NOT_FOUND', `no vulnerability '${vulnId}'`);
  const record = row.record as Vulnerability;
  if (record.withdrawn) return [];
  const all = hasRole(member, 'operator');
  const index = await ctx.inventories.get(ctx);
  const match = index.affectedBy(record.affected);
  const byId = new Map<string, AffectedInventoryView>();
  for (const v of match.versions) {
    for (const slot of v.slots) {
      const inv = index.ref(slot);
      if (!all && inv.orgId !== member.orgId) continue;
      let entry = byId.get(inv.id);
      if (!entry) byId.set(inv.id, (entry = { inventory: { id: inv.id, org: inv.org, name: inv.name }, components: [] }));
      entry.components.push({ package: v.key, version: v.version });
    }
  }
  return [...byId.values()].sort((a, b) => a.inventory.org.localeCompare(b.inventory.org) || a.inventory.name.localeCompare(b.inventory.name));
}
