import type { Advisory, AdvisoryProduct, AdvisoryReference } from '../../domain/advisory.js';
import type { Problem } from '../../domain/errors.js';
import { osvPackageForPurl, type OsvPackage } from '../../domain/purl.js';
import { ADVISORY_PARTS, advisoryScore, closedObject, nullableText, PACKAGE_PRODUCT_PROPERTIES, versShape, type VersInterval } from '../advisory-parts.js';
import { fail, ok, type Parsed } from '../result.js';
import { compileSchema, schemaProblems } from '../schema.js';
import { parseOsv } from './parse.js';
import officialSchema from './schema.json' with { type: 'json' };

/*
 * An Advisory as an OSV record, and back. What OSV has a field for goes there; the rest sits in
 * `database_specific` so that fromOsv(toOsv(a)) equals a:
 * - id: OSV ids must start with a registered database prefix, which the clearinghouse's is not; an
 *   unregistered id takes the schema's private prefix `x_` (`x_AICC-2026-0042`) and loses it on import.
 * - summary = the title (OSV's one-line summary); the advisory's own summary is database_specific.
 * - affected[]: one entry per package (purl) that has known_affected products with a range OSV can
 *   express; their fixed products add `fixed` events. Each entry's database_specific.products keeps
 *   those products exactly (vers string, vendor, name, id). Every other product (no purl, a purl
 *   OSV has no ecosystem for, not_affected, under investigation) is in database_specific.products.
 * - references: ADVISORY for the advisory's own pages; FIX for commit, pull-request and patch links;
 *   WEB otherwise. Import reads ADVISORY as `self`, anything else as `external`.
 * - credits: every acknowledgment is a REPORTER (the model credits the case's reporters, who
 *   reported to the clearinghouse); organization and summary are database_specific.
 * - dates: OSV wants UTC ending in Z; a date with another offset is converted (and so comes back
 *   converted).
 */

const SCHEMA_VERSION = '1.6.0';
const REGISTERED_PREFIX = new RegExp(officialSchema.$defs.prefix.pattern);
const OSV_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const FIX_LINK = /\/(commit|commits|pull|merge_requests)\/|\.(patch|diff)$/;

// ---- export ----

export function toOsv(a: Advisory): object {
  const { affected, others } = packages(a.products);
  const aliases = [...(a.cve ? [a.cve] : []), ...a.aliases];
  return {
    schema_version: SCHEMA_VERSION,
    id: REGISTERED_PREFIX.test(a.id) && !a.id.startsWith('x_') ? a.id : `x_${a.id}`,
    modified: utc(a.currentReleaseDate),
    published: utc(a.initialReleaseDate),
    ...(aliases.length ? { aliases } : {}),
    summary: a.title,
    details: a.details,
    ...(a.scores.length ? { severity: a.scores.map((s) => ({ type: s.version === '4.0' ? 'CVSS_V4' : 'CVSS_V3', score: s.vector })) } : {}),
    ...(affected.length ? { affected } : {}),
    ...(a.references.length ? { references: a.references.map((r) => ({ type: referenceType(r), url: r.url })) } : {}),
    ...(a.acknowledgments.length ? { credits: a.acknowledgments.map((k) => ({ name: k.name, type: 'REPORTER' })) } : {}),
    database_specific: {
      summary: a.summary,
      tlp: a.tlp,
      status: a.status,
      revisions: a.revisions,
      cwes: a.cwes,
      // GitHub's spelling, which the knowledge-base importer (parse.ts) reads
      cwe_ids: a.cwes.map((c) => c.id),
      remediations: a.remediations,
      publisher: a.publisher,
      products: others,
      product_order: a.products.map((p) => p.id),
      reference_summaries: a.references.map((r) => r.summary),
      credit_details: a.acknowledgments.map(({ organization, summary }) => ({ organization, summary })),
    },
  };
}

function utc(date: string): string {
  if (OSV_TIMESTAMP.test(date)) return date;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? date : new Date(ms).toISOString();
}

function referenceType(r: AdvisoryReference): string {
  if (r.category === 'self') return 'ADVISORY';
  return FIX_LINK.test(r.url) ? 'FIX' : 'WEB';
}

/** Products grouped by purl into OSV affected entries; the ones OSV cannot express stay aside. */
function packages(products: readonly AdvisoryProduct[]): { affected: object[]; others: AdvisoryProduct[] } {
  const groups = new Map<string, { pkg: OsvPackage; products: AdvisoryProduct[] }>();
  for (const p of products) {
    if (!p.purl || (p.status !== 'known_affected' && p.status !== 'fixed')) continue;
    const pkg = osvPackageForPurl(p.purl);
    if (!pkg) continue;
    const group = groups.get(p.purl) ?? { pkg, products: [] };
    group.products.push(p);
    groups.set(p.purl, group);
  }
  const affected: object[] = [];
  const placed = new Set<AdvisoryProduct>();
  for (const [purl, group] of groups) {
    const entry = affectedEntry(purl, group.pkg, group.products);
    if (!entry) continue;
    affected.push(entry);
    group.products.forEach((p) => placed.add(p));
  }
  return { affected, others: products.filter((p) => !placed.has(p)) };
}

function affectedEntry(purl: string, pkg: OsvPackage, products: readonly AdvisoryProduct[]): object | null {
  const shapes = products.filter((p) => p.status === 'known_affected').map((p) => versShape(p.versions));
  const intervals = shapes.flatMap((s) => s?.intervals ?? []);
  // Go's OSV versions carry no leading `v`, which its purl/vers versions do.
  const clean = pkg.ecosystem === 'Go' ? (v: string) => v.replace(/^v(?=\d)/, '') : (v: string) => v;
  const points = [...new Set(shapes.flatMap((s) => s?.points ?? []).map(clean))];
  const fixes = products.filter((p) => p.status === 'fixed').flatMap((p) => fixedVersion(p.versions) ?? []);
  const type = ['npm', 'crates.io', 'Go'].includes(pkg.ecosystem) ? 'SEMVER' : 'ECOSYSTEM';
  // OSV forbids fixed and last_affected events in one range.
  const bounded = intervals.filter((i) => i.lastAffected === undefined);
  const inclusive = intervals.filter((i) => i.lastAffected !== undefined);
  const ranges = [
    ...(bounded.length ? [{ type, events: events(bounded, fixes, clean) }] : []),
    ...(inclusive.length ? [{ type, events: events(inclusive, [], clean) }] : []),
  ];
  if (!ranges.length && !points.length) return null;
  return {
    package: { ...pkg, purl },
    ...(ranges.length ? { ranges } : {}),
    ...(points.length ? { versions: points } : {}),
    database_specific: { products: products.map(({ purl: _purl, ...rest }) => rest) },
  };
}

/** A fixed product names its first fixed version plainly or as `>=version`. */
function fixedVersion(versions: string): string | null {
  const shape = versShape(versions);
  if (shape?.points.length === 1 && !shape.intervals.length) return shape.points[0] ?? null;
  const only = shape?.intervals.length === 1 && !shape.points.length ? shape.intervals[0] : undefined;
  return only && only.fixed === undefined && only.lastAffected === undefined && only.introduced !== '0' ? only.introduced : null;
}

function events(intervals: readonly VersInterval[], fixes: readonly string[], clean: (v: string) => string): object[] {
  const out: object[] = [];
  const seen = new Set<string>();
  const add = (kind: string, version: string | undefined): void => {
    if (version === undefined) return;
    const value = version === '0' ? version : clean(version);
    if (seen.has(`${kind}\u0000${value}`)) return;
    seen.add(`${kind}\u0000${value}`);
    out.push({ [kind]: value });
  };
  for (const i of intervals) {
    add('introduced', i.introduced);
    add('fixed', i.fixed);
    add('last_affected', i.lastAffected);
  }
  fixes.forEach((f) => add('fixed', f));
  return out;
}

// ---- import ----

const { product, ...parts } = ADVISORY_PARTS;

/** What fromOsv needs beyond the official schema: the fields toOsv keeps in database_specific. */
const EXTENSION = {
  type: 'object',
  required: ['published', 'summary', 'database_specific'],
  properties: {
    affected: {
      type: 'array',
      items: {
        type: 'object',
        required: ['package', 'database_specific'],
        properties: {
          package: { type: 'object', required: ['purl'] },
          database_specific: { type: 'object', required: ['products'], properties: { products: { type: 'array', items: closedObject(PACKAGE_PRODUCT_PROPERTIES, ['justification']) } } },
        },
      },
    },
    database_specific: {
      type: 'object',
      required: ['summary', 'tlp', 'status', 'revisions', 'cwes', 'remediations', 'publisher', 'products', 'product_order', 'reference_summaries', 'credit_details'],
      properties: {
        summary: parts.summary,
        tlp: parts.tlp,
        status: parts.status,
        revisions: parts.revisions,
        cwes: parts.cwes,
        remediations: parts.remediations,
        publisher: parts.publisher,
        products: { type: 'array', items: product },
        product_order: parts.strings,
        reference_summaries: parts.strings,
        credit_details: { type: 'array', items: closedObject({ organization: nullableText, summary: nullableText }) },
      },
    },
  },
};

type Extension = Pick<Advisory, 'summary' | 'tlp' | 'status' | 'revisions' | 'cwes' | 'remediations' | 'publisher'> & {
  products: AdvisoryProduct[];
  product_order: string[];
  reference_summaries: string[];
  credit_details: Array<{ organization: string | null; summary: string | null }>;
};

interface AdvisoryRecord {
  id: string;
  modified: string;
  published: string;
  aliases?: string[] | null;
  summary: string;
  details?: string;
  severity?: Array<{ type: string; score: string }> | null;
  affected?: Array<{ package: { purl: string }; database_specific: { products: Array<Omit<AdvisoryProduct, 'purl'>> } }> | null;
  references?: Array<{ type: string; url: string }> | null;
  credits?: Array<{ name: string }>;
  database_specific: Extension;
}

/**
 * Reads an advisory back from an OSV record toOsv wrote. The record must pass the knowledge-base
 * importer (the official schema, scored vectors) and carry the database_specific fields toOsv writes.
 */
export function fromOsv(doc: unknown): Parsed<Advisory> {
  const accepted = parseOsv(doc);
  if (!accepted.ok) return accepted;
  const invalid = schemaProblems(compileSchema(EXTENSION), doc);
  if (invalid.length) return fail(invalid);
  const r = doc as AdvisoryRecord;
  const ds = r.database_specific;
  const problems: Problem[] = [];
  const report = (pointer: string, message: string): void => void problems.push({ pointer, message });

  const scores = (r.severity ?? []).flatMap((s, i) => {
    const score = advisoryScore(s.score);
    if (!score.ok) report(`/severity/${i}/score`, score.error);
    return score.ok ? [score.score] : [];
  });
  const references = r.references ?? [];
  const credits = r.credits ?? [];
  if (ds.reference_summaries.length !== references.length) report('/database_specific/reference_summaries', `has ${ds.reference_summaries.length} entries for ${references.length} references`);
  if (ds.credit_details.length !== credits.length) report('/database_specific/credit_details', `has ${ds.credit_details.length} entries for ${credits.length} credits`);
  const products = orderedProducts(r, report);
  const ids = new Set(products?.map((p) => p.id));
  if (products) {
    ds.remediations.forEach((m, i) => m.productIds.forEach((id, j) => {
      if (!ids.has(id)) report(`/database_specific/remediations/${i}/productIds/${j}`, `no product has the id '${id}'`);
    }));
  }
  if (!products || problems.length) return fail(problems);

  const [first, ...rest] = r.aliases ?? [];
  const cve = first !== undefined && CVE_ID.test(first) ? first : null;
  return ok({
    id: r.id.startsWith('x_') ? r.id.slice(2) : r.id,
    title: r.summary,
    summary: ds.summary,
    details: r.details ?? '',
    tlp: ds.tlp,
    status: ds.status,
    initialReleaseDate: r.published,
    currentReleaseDate: r.modified,
    revisions: ds.revisions,
    cve,
    aliases: cve ? rest : (r.aliases ?? []),
    cwes: ds.cwes,
    scores,
    products,
    remediations: ds.remediations,
    references: references.map((ref, i) => ({ url: ref.url, summary: ds.reference_summaries[i] ?? '', category: ref.type === 'ADVISORY' ? 'self' : 'external' })),
    acknowledgments: credits.map((c, i) => ({ name: c.name, organization: ds.credit_details[i]?.organization ?? null, summary: ds.credit_details[i]?.summary ?? null })),
    publisher: ds.publisher,
  });
}

/** The products of the affected entries and of database_specific, in product_order. */
function orderedProducts(r: AdvisoryRecord, report: (pointer: string, message: string) => void): AdvisoryProduct[] | null {
  const all = [
    ...(r.affected ?? []).flatMap((a) => a.database_specific.products.map((p) => ({ ...p, purl: a.package.purl }))),
    ...r.database_specific.products,
  ].map(({ id, vendor, name, purl, cpe, versions, status, justification }): AdvisoryProduct => ({
    id, vendor, name, purl, cpe, versions, status, ...(justification ? { justification } : {}),
  }));
  const byId = new Map(all.map((p) => [p.id, p]));
  const order = r.database_specific.product_order;
  if (byId.size !== all.length || new Set(order).size !== all.length || order.length !== all.length || !order.every((id) => byId.has(id))) {
    report('/database_specific/product_order', `must name each of the ${all.length} products once (ids: ${[...byId.keys()].join(', ')})`);
    return null;
  }
  return order.map((id) => byId.get(id) as AdvisoryProduct);
}
