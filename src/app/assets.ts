/**
 * Subscribers' assets: an inventory with context — type, public exposure, mission prevalence and
 * public well-being impact (SSVC), sector and federal status (else the organization's), owners, and
 * for assets without a purl (firmware, appliances) vendor/product/version or CPEs. Registered one by
 * one or in bulk from a manifest (all or nothing), each SBOM upload kept as a version.
 */
import { gunzipSync } from 'node:zlib';
import type { Actor } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import { cpeParts } from '../engine/product-match.js';
import * as store from '../store/inventories.js';
import type { AppContext } from './context.js';
import { checkName, prepareSbom, requireInventoryScope, targetOrg, writeAsset, type PreparedSbom } from './inventories.js';
import { reindexAssets } from './matching.js';

export const ASSET_TYPES = ['application', 'host', 'device', 'service'] as const;
export const MISSION_PREVALENCE = ['minimal', 'support', 'essential'] as const;
export const WELL_BEING = ['minimal', 'material', 'irreversible'] as const;

export interface AssetInput {
  type?: string;
  exposed?: boolean;
  missionPrevalence?: string;
  wellBeing?: string;
  sector?: string | null;
  federal?: boolean | null;
  owners?: string[];
  cpes?: string[];
  vendor?: string | null;
  product?: string | null;
  version?: string | null;
  /** the SBOM itself: a JSON document, or the text of any supported serialization */
  sbom?: unknown;
}

export interface AssetView {
  id: string;
  org: string;
  name: string;
  type: string;
  exposed: boolean;
  missionPrevalence: string;
  wellBeing: string;
  sector: string | null;
  federal: boolean | null;
  owners: string[];
  cpes: string[];
  vendor: string | null;
  product: string | null;
  version: string | null;
  sbom: { format: string; specVersion: string; sha256: string; components: number; unmatchable: number; version: number } | null;
  updatedAt: string;
}

export const assetView = (r: store.InventoryRow): AssetView => ({
  id: r.id, org: r.org_slug, name: r.name, type: r.asset_type, exposed: r.exposed, missionPrevalence: r.mission_prevalence, wellBeing: r.well_being,
  sector: r.sector, federal: r.federal, owners: r.owners, cpes: r.cpes, vendor: r.vendor, product: r.product, version: r.product_version,
  sbom: r.format === 'none' ? null : { format: r.format, specVersion: r.spec_version, sha256: r.sha256, components: r.components, unmatchable: r.unmatchable, version: r.sbom_version },
  updatedAt: r.updated_at,
});

const oneOf = <T extends string>(values: readonly T[], v: unknown, pointer: string, problems: Problem[]): T | undefined => {
  if (v === undefined) return undefined;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  problems.push({ pointer, message: `one of ${values.join(', ')}` });
  return undefined;
};

const hasControl = (s: string): boolean => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f');

const text = (v: unknown, max: number, pointer: string, problems: Problem[]): string | null | undefined => {
  if (v === undefined || v === null) return v;
  if (typeof v === 'string' && v.trim().length > 0 && v.length <= max && !hasControl(v)) return v.trim();
  problems.push({ pointer, message: `a string of 1-${max} characters without control characters` });
  return undefined;
};

/** The asset's context columns from untrusted input, every problem at its JSON pointer (`base` prefixes them). */
export function assetContext(input: AssetInput, base = ''): { context: Partial<store.AssetContextRow>; problems: Problem[] } {
  const problems: Problem[] = [];
  const c: Partial<store.AssetContextRow> = {};
  const type = oneOf(ASSET_TYPES, input.type, `${base}/type`, problems);
  if (type) c.asset_type = type;
  if (input.exposed !== undefined) {
    if (typeof input.exposed === 'boolean') c.exposed = input.exposed;
    else problems.push({ pointer: `${base}/exposed`, message: 'true or false' });
  }
  const mp = oneOf(MISSION_PREVALENCE, input.missionPrevalence, `${base}/missionPrevalence`, problems);
  if (mp) c.mission_prevalence = mp;
  const wb = oneOf(WELL_BEING, input.wellBeing, `${base}/wellBeing`, problems);
  if (wb) c.well_being = wb;
  const sector = text(input.sector, 63, `${base}/sector`, problems);
  if (sector !== undefined) c.sector = sector?.toLowerCase() ?? null;
  if (input.federal !== undefined) {
    if (input.federal === null || typeof input.federal === 'boolean') c.federal = input.federal;
    else problems.push({ pointer: `${base}/federal`, message: 'true, false or null (the organization’s)' });
  }
  for (const [field, max] of [['owners', 50], ['cpes', 100]] as const) {
    const list = input[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length > max) {
      problems.push({ pointer: `${base}/${field}`, message: `a list of at most ${max} strings` });
      continue;
    }
    const out: string[] = [];
    list.forEach((v, i) => {
      const t = text(v, 300, `${base}/${field}/${i}`, problems);
      if (!t) return;
      if (field === 'cpes' && !cpeParts(t)) problems.push({ pointer: `${base}/cpes/${i}`, message: 'a CPE 2.3 name (cpe:2.3:part:vendor:product:version:…)' });
      else out.push(t);
    });
    c[field] = out;
  }
  for (const [field, column] of [['vendor', 'vendor'], ['product', 'product'], ['version', 'product_version']] as const) {
    const t = text(input[field], 200, `${base}/${field}`, problems);
    if (t !== undefined) c[column] = t;
  }
  return { context: c, problems };
}

function sbomText(sbom: unknown): string | null {
  if (sbom === undefined || sbom === null) return null;
  return typeof sbom === 'string' ? sbom : JSON.stringify(sbom);
}

function rejected(problems: Problem[], what: string): never {
  throw new AppError('VALIDATION_FAILED', `${what}: ${problems[0]!.pointer} ${problems[0]!.message}`, { problems: problems.slice(0, 200) });
}

/** Creates or updates one asset (context, and an SBOM when given). */
export async function putAsset(ctx: AppContext, actor: Actor, name: string, input: AssetInput, slug?: string): Promise<AssetView & { status: 'created' | 'updated' }> {
  const org = await targetOrg(ctx, requireInventoryScope(actor), slug);
  checkName(name);
  const { context, problems } = assetContext(input);
  if (problems.length) rejected(problems, `asset ${name} was rejected`);
  const textOf = sbomText(input.sbom);
  const sbom = textOf === null ? null : prepareSbom(textOf, `${name} (sbom)`);
  const existing = await store.findInventory(ctx.conn.db, org.id, name);
  const unchangedSbom = sbom !== null && existing?.sha256 === sbom.sha256;
  const { row, created } = await ctx.conn.db.transaction().execute((tx) => writeAsset(tx, actor, org, name, unchangedSbom ? null : sbom, context));
  await reindexAssets(ctx, { id: row.id });
  const stored = await store.findInventory(ctx.conn.db, org.id, name);
  return { ...assetView(stored!), status: created ? 'created' : 'updated' };
}

export interface ManifestEntry extends AssetInput {
  name: string;
}

/**
 * Registers many assets in one transaction: every entry is checked first (problems at
 * `/assets/<i>/…`), and one bad entry stores none of them.
 */
export async function importAssets(ctx: AppContext, actor: Actor, manifest: { assets?: unknown }, slug?: string): Promise<{ created: number; updated: number; assets: AssetView[] }> {
  const org = await targetOrg(ctx, requireInventoryScope(actor), slug);
  if (!Array.isArray(manifest.assets) || manifest.assets.length === 0 || manifest.assets.length > 10_000) {
    throw new AppError('VALIDATION_FAILED', 'a manifest is { "assets": [ { "name": …, … }, … ] } with 1-10,000 assets', { problems: [{ pointer: '/assets', message: 'expected 1-10,000 assets' }] });
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const entries: Array<{ name: string; context: Partial<store.AssetContextRow>; sbom: PreparedSbom | null }> = [];
  manifest.assets.forEach((raw: unknown, i) => {
    const e = (raw && typeof raw === 'object' ? raw : {}) as ManifestEntry;
    if (typeof e.name !== 'string') {
      problems.push({ pointer: `/assets/${i}/name`, message: 'required' });
      return;
    }
    try {
      checkName(e.name);
    } catch {
      problems.push({ pointer: `/assets/${i}/name`, message: `invalid name '${e.name.slice(0, 60)}'` });
    }
    if (seen.has(e.name)) problems.push({ pointer: `/assets/${i}/name`, message: `'${e.name}' is listed twice` });
    seen.add(e.name);
    const c = assetContext(e, `/assets/${i}`);
    problems.push(...c.problems);
    let sbom: PreparedSbom | null = null;
    const t = sbomText(e.sbom);
    if (t !== null) {
      try {
        sbom = prepareSbom(t, e.name);
      } catch (err) {
        const inner = err instanceof AppError ? err.problems : [];
        problems.push(...(inner.length ? inner.map((p) => ({ ...p, pointer: `/assets/${i}/sbom${p.pointer ?? ''}` })) : [{ pointer: `/assets/${i}/sbom`, message: String((err as Error).message) }]));
      }
    }
    entries.push({ name: e.name, context: c.context, sbom });
  });
  if (problems.length) rejected(problems, 'the manifest was rejected');
  let created = 0;
  const ids = await ctx.conn.db.transaction().execute(async (tx) => {
    const out: string[] = [];
    for (const e of entries) {
      const existing = await store.findInventory(tx, org.id, e.name);
      const sbom = e.sbom && existing?.sha256 === e.sbom.sha256 ? null : e.sbom;
      const put = await writeAsset(tx, actor, org, e.name, sbom, e.context);
      if (put.created) created++;
      out.push(put.row.id);
    }
    return out;
  });
  await reindexAssets(ctx, { orgId: org.id });
  const rows = await store.listInventories(ctx.conn.db, org.id);
  const wanted = new Set(ids);
  return { created, updated: ids.length - created, assets: rows.filter((r) => wanted.has(r.id)).map(assetView) };
}

export async function listAssets(ctx: AppContext, actor: Actor, slug?: string): Promise<AssetView[]> {
  const org = await targetOrg(ctx, requireInventoryScope(actor), slug);
  return (await store.listInventories(ctx.conn.db, org.id)).map(assetView);
}

export async function getAsset(ctx: AppContext, actor: Actor, name: string, slug?: string) {
  const org = await targetOrg(ctx, requireInventoryScope(actor), slug);
  const row = await store.findInventory(ctx.conn.db, org.id, name);
  if (!row) throw new AppError('NOT_FOUND', `no asset '${name}' in ${org.slug}`);
  const versions = await store.sbomVersions(ctx.conn.db, row.id);
  return {
    ...assetView(row),
    sbomVersions: versions.map((v) => ({ version: v.version, format: v.format, specVersion: v.spec_version, sha256: v.sha256, components: v.components, uploadedBy: v.uploaded_by, uploadedAt: v.uploaded_at })),
  };
}

/** An SBOM exactly as it was uploaded. */
export async function assetSbom(ctx: AppContext, actor: Actor, name: string, version: number, slug?: string): Promise<string> {
  const org = await targetOrg(ctx, requireInventoryScope(actor), slug);
  const row = await store.findInventory(ctx.conn.db, org.id, name);
  const doc = row ? await store.sbomDocument(ctx.conn.db, row.id, version) : null;
  if (!doc) throw new AppError('NOT_FOUND', `no SBOM version ${version} of asset '${name}' in ${org.slug}`);
  return gunzipSync(doc).toString('utf8');
}

