import type { Advisory, AdvisoryProduct, AdvisoryScore, ProductStatus, Remediation } from '../../domain/advisory.js';
import type { Problem } from '../../domain/errors.js';
import type { AffectedProduct } from '../../domain/vulnerability.js';
import { osvPackageForPurl } from '../../domain/purl.js';
import { ADVISORY_PARTS, advisoryScore, closedObject, versShape } from '../advisory-parts.js';
import { fail, ok, type Parsed } from '../result.js';
import { compileSchema, schemaProblems } from '../schema.js';
import { parseCve5 } from './parse.js';
import type { Cve5Metric, Cve5Product, Cve5PublishedRecord } from './record.js';

/*
 * An Advisory as a PUBLISHED CVE JSON 5.1 record, and back. Standard fields carry the title, the
 * description (the details), dates, products, CWEs, CVSS, references, credits, solutions and
 * workarounds; `containers.cna.x_aiccAdvisory` (the schema allows `x_` properties there) keeps
 * what CVE has no field for, so that fromCve5(toCve5(a)) equals a.
 * - affected[i] is products[i]: vendor, product, cpes, packageURL (plus collectionURL/packageName
 *   for registries the schema lists), versions from the vers range with defaultStatus `unknown`.
 *   x_aiccAdvisory.products[i] keeps its id, status, exact vers and justification. Statuses:
 *   known_affected → affected, fixed and known_not_affected → unaffected, under_investigation → unknown.
 * - references: the advisory's own pages are tagged `x_aicc-self`. A record needs at least one
 *   reference, so an advisory without any gets the publisher's namespace, tagged `x_aicc-publisher`
 *   and dropped on import.
 * - a missing vendor or product name is written as the schema's `N/A` and read back as empty.
 */

const SELF_TAG = 'x_aicc-self';
const STAND_IN_TAG = 'x_aicc-publisher';
const NOT_APPLICABLE = 'N/A';
const DESCRIPTION_MAX = 4096;
const STATUS: Record<ProductStatus, string> = { known_affected: 'affected', fixed: 'unaffected', known_not_affected: 'unaffected', under_investigation: 'unknown' };
const VERSION_TYPE: Readonly<Record<string, string>> = { npm: 'semver', cargo: 'semver', golang: 'semver', pypi: 'python', maven: 'maven', rpm: 'rpm', generic: 'custom' };
const WORKAROUNDS = new Set<Remediation['category']>(['workaround', 'mitigation']);
// Package collections by OSV ecosystem, spelled as the schema's collectionURL examples spell them.
const COLLECTIONS: Readonly<Record<string, string>> = {
  npm: 'https://registry.npmjs.org', PyPI: 'https://pypi.python.org', Maven: 'https://repo.maven.apache.org/maven2',
  'crates.io': 'https://crates.io', RubyGems: 'https://rubygems.org', NuGet: 'https://nuget.org/packages', Go: 'https://golang.org/pkg',
  Packagist: 'https://packagist.org', Hex: 'https://repo.hex.pm', Pub: 'https://pub.dev', CRAN: 'https://cran.r-project.org', Hackage: 'https://hackage.haskell.org',
};

export interface Cve5Options {
  /** the CNA's organization UUID */
  assignerOrgId: string;
  assignerShortName: string;
}

/** Why the advisory cannot be a CVE record, or null when it can. */
export function cve5Refusal(a: Advisory): string | null {
  if (!a.cve) return `advisory ${a.id} has no CVE id, which a CVE record is named by`;
  if (!a.products.length) return `advisory ${a.id} names no product, and a CVE record must`;
  return null;
}

/** The advisory as a CVE record, or null when it cannot be one (cve5Refusal says why). */
export function toCve5(a: Advisory, opts: Cve5Options): object | null {
  if (cve5Refusal(a) !== null || !a.cve) return null;
  const description = a.details || a.summary || a.title;
  const solutions = remedies(a.remediations.filter((r) => !WORKAROUNDS.has(r.category)));
  const workarounds = remedies(a.remediations.filter((r) => WORKAROUNDS.has(r.category)));
  const credits = [...new Set(a.acknowledgments.map((k) => k.name).filter(Boolean))];
  return {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: a.cve,
      assignerOrgId: opts.assignerOrgId,
      assignerShortName: opts.assignerShortName,
      state: 'PUBLISHED',
      datePublished: a.initialReleaseDate,
      dateUpdated: a.currentReleaseDate,
    },
    containers: {
      cna: {
        providerMetadata: { orgId: opts.assignerOrgId, shortName: opts.assignerShortName, dateUpdated: a.currentReleaseDate },
        ...(a.title ? { title: a.title.slice(0, 256) } : {}),
        descriptions: [{ lang: 'en', value: description.slice(0, DESCRIPTION_MAX) }],
        affected: a.products.map(product),
        ...(a.cwes.length
          ? { problemTypes: [{ descriptions: a.cwes.map((c) => ({ lang: 'en', cweId: c.id, description: c.name || c.id, type: 'CWE' })) }] }
          : {}),
        ...(a.scores.length ? { metrics: a.scores.map(metric) } : {}),
        references: a.references.length
          ? a.references.map((r) => ({ url: r.url, ...(r.summary ? { name: r.summary.slice(0, 512) } : {}), ...(r.category === 'self' ? { tags: [SELF_TAG] } : {}) }))
          : [{ url: a.publisher.namespace, name: a.publisher.name, tags: [STAND_IN_TAG] }],
        ...(solutions.length ? { solutions } : {}),
        ...(workarounds.length ? { workarounds } : {}),
        ...(credits.length ? { credits: credits.map((value) => ({ lang: 'en', value, type: 'reporter' })) } : {}),
        x_aiccAdvisory: {
          id: a.id,
          ...(a.title.length > 256 ? { title: a.title } : {}),
          summary: a.summary,
          ...(description !== a.details || a.details.length > DESCRIPTION_MAX ? { details: a.details } : {}),
          tlp: a.tlp,
          status: a.status,
          revisions: a.revisions,
          aliases: a.aliases,
          products: a.products.map(({ id, status, versions, justification }) => ({ id, status, versions, ...(justification ? { justification } : {}) })),
          remediations: a.remediations,
          ...(a.references.some((r) => r.summary.length > 512) ? { referenceSummaries: a.references.map((r) => r.summary) } : {}),
          acknowledgments: a.acknowledgments,
          publisher: a.publisher,
        },
      },
    },
  };
}

function product(p: AdvisoryProduct): object {
  const pkg = p.purl ? osvPackageForPurl(p.purl) : null;
  const collection = pkg ? COLLECTIONS[pkg.ecosystem.split(':')[0] ?? ''] : undefined;
  const versions = productVersions(p);
  return {
    vendor: p.vendor || NOT_APPLICABLE,
    product: p.name || NOT_APPLICABLE,
    ...(pkg && collection ? { collectionURL: collection, packageName: pkg.name } : {}),
    ...(p.purl ? { packageURL: p.purl } : {}),
    ...(p.cpe ? { cpes: [p.cpe] } : {}),
    ...(versions.length ? { versions } : {}),
    defaultStatus: 'unknown',
  };
}

/**
 * The advisory's products without a purl (firmware, appliances) as the knowledge base's CVE 5
 * style products, so that assets registered by vendor/product/version or CPE match them.
 */
export function purllessProducts(a: Advisory): AffectedProduct[] {
  return a.products
    .filter((p) => !p.purl)
    .map((p) => ({
      vendor: p.vendor || NOT_APPLICABLE, product: p.name || NOT_APPLICABLE, cpes: p.cpe ? [p.cpe] : [], purl: null, defaultStatus: 'unknown',
      versions: productVersions(p) as AffectedProduct['versions'],
    }));
}

/** The vers range as CVE version entries; a range CVE cannot say leaves only defaultStatus. */
function productVersions(p: AdvisoryProduct): object[] {
  const shape = versShape(p.versions);
  if (!shape) return [];
  const status = STATUS[p.status];
  const versionType = shape.scheme ? (VERSION_TYPE[shape.scheme] ?? shape.scheme) : undefined;
  const ranges = shape.intervals.map((i) => ({
    version: i.introduced,
    status,
    versionType: versionType ?? 'custom',
    ...(i.lastAffected !== undefined ? { lessThanOrEqual: i.lastAffected } : { lessThan: i.fixed ?? '*' }),
  }));
  return [...ranges, ...shape.points.map((version) => ({ version, status }))];
}

function metric(s: AdvisoryScore): Cve5Metric {
  const cvss = { version: s.version, vectorString: s.vector, baseScore: s.baseScore, baseSeverity: s.severity };
  return s.version === '4.0' ? { cvssV4_0: cvss } : { cvssV3_1: cvss };
}

function remedies(list: readonly Remediation[]): object[] {
  const texts = list.map((r) => [r.details, r.url].filter(Boolean).join(' ').slice(0, DESCRIPTION_MAX)).filter(Boolean);
  return [...new Set(texts)].map((value) => ({ lang: 'en', value }));
}

// ---- import ----

const parts = ADVISORY_PARTS;
const productState = closedObject(
  { id: { type: 'string', minLength: 1 }, status: ADVISORY_PARTS.productStatus, versions: { type: 'string', minLength: 1 }, justification: ADVISORY_PARTS.justification },
  ['justification'],
);

/** What fromCve5 needs beyond the official schema: both dates and the x_aiccAdvisory toCve5 writes. */
const EXTENSION = {
  type: 'object',
  properties: {
    cveMetadata: { type: 'object', required: ['datePublished', 'dateUpdated'] },
    containers: {
      type: 'object',
      properties: {
        cna: {
          type: 'object',
          required: ['x_aiccAdvisory'],
          properties: {
            x_aiccAdvisory: closedObject(
              {
                id: { type: 'string', minLength: 1 },
                title: parts.title,
                summary: parts.summary,
                details: parts.summary,
                tlp: parts.tlp,
                status: parts.status,
                revisions: parts.revisions,
                aliases: parts.strings,
                products: { type: 'array', items: productState },
                remediations: parts.remediations,
                referenceSummaries: parts.strings,
                acknowledgments: { type: 'array', items: parts.acknowledgment },
                publisher: parts.publisher,
              },
              ['title', 'details', 'referenceSummaries'],
            ),
          },
        },
      },
    },
  },
};

interface Extension extends Pick<Advisory, 'id' | 'summary' | 'tlp' | 'status' | 'revisions' | 'aliases' | 'remediations' | 'acknowledgments' | 'publisher'> {
  title?: string;
  details?: string;
  products: Array<Pick<AdvisoryProduct, 'id' | 'status' | 'versions' | 'justification'>>;
  referenceSummaries?: string[];
}

type Record5 = Cve5PublishedRecord & {
  cveMetadata: { datePublished: string; dateUpdated: string };
  containers: { cna: { x_aiccAdvisory: Extension } };
};

const CNA = '/containers/cna';

/**
 * Reads an advisory back from a CVE record toCve5 wrote. The record must pass the knowledge-base
 * importer (the official schema, scored vectors, valid package URLs), be PUBLISHED, and carry
 * x_aiccAdvisory.
 */
export function fromCve5(doc: unknown): Parsed<Advisory> {
  const accepted = parseCve5(doc);
  if (!accepted.ok) return accepted;
  if ((doc as { cveMetadata: { state: string } }).cveMetadata.state !== 'PUBLISHED') {
    return fail([{ pointer: '/cveMetadata/state', message: 'only a PUBLISHED record describes an advisory' }]);
  }
  const invalid = schemaProblems(compileSchema(EXTENSION), doc);
  if (invalid.length) return fail(invalid);
  const r = doc as Record5;
  const { cna } = r.containers;
  const x = cna.x_aiccAdvisory;
  const problems: Problem[] = [];
  const report = (pointer: string, message: string): void => void problems.push({ pointer, message });

  if (x.products.length !== cna.affected?.length) report(`${CNA}/x_aiccAdvisory/products`, `has ${x.products.length} entries for ${cna.affected?.length ?? 0} affected products`);
  const scores = (cna.metrics ?? []).flatMap((m, i) => metricScores(m, `${CNA}/metrics/${i}`, report));
  const references = (cna.references ?? []).filter((ref) => !ref.tags?.includes(STAND_IN_TAG));
  if (x.referenceSummaries && x.referenceSummaries.length !== references.length) {
    report(`${CNA}/x_aiccAdvisory/referenceSummaries`, `has ${x.referenceSummaries.length} entries for ${references.length} references`);
  }
  if (problems.length) return fail(problems);

  return ok({
    id: x.id,
    title: x.title ?? cna.title ?? '',
    summary: x.summary,
    details: x.details ?? cna.descriptions?.find((d) => d.lang.startsWith('en'))?.value ?? '',
    tlp: x.tlp,
    status: x.status,
    initialReleaseDate: r.cveMetadata.datePublished,
    currentReleaseDate: r.cveMetadata.dateUpdated,
    revisions: x.revisions,
    cve: r.cveMetadata.cveId,
    aliases: x.aliases,
    cwes: (cna.problemTypes ?? []).flatMap((t) => t.descriptions.flatMap((d) => (d.cweId ? [{ id: d.cweId, name: d.description === d.cweId ? '' : d.description }] : []))),
    scores,
    products: x.products.map((state, i) => productOf(state, cna.affected?.[i] ?? {})),
    remediations: x.remediations,
    references: references.map((ref, i) => ({
      url: ref.url,
      summary: x.referenceSummaries?.[i] ?? (ref as { name?: string }).name ?? '',
      category: ref.tags?.includes(SELF_TAG) ? 'self' : 'external',
    })),
    acknowledgments: x.acknowledgments,
    publisher: x.publisher,
  });
}

function productOf(state: Extension['products'][number], p: Cve5Product): AdvisoryProduct {
  const named = (value: string | undefined): string => (value === undefined || value === NOT_APPLICABLE ? '' : value);
  return {
    id: state.id,
    vendor: named(p.vendor),
    name: named(p.product ?? p.packageName),
    purl: typeof p.packageURL === 'string' ? p.packageURL : null,
    cpe: p.cpes?.[0] ?? null,
    versions: state.versions,
    status: state.status,
    ...(state.justification ? { justification: state.justification } : {}),
  };
}

/** CVSS 3.1 and 4.0 scores, computed from their vectors; other CVSS versions are no advisory score. */
function metricScores(m: Cve5Metric, pointer: string, report: (pointer: string, message: string) => void): AdvisoryScore[] {
  const out: AdvisoryScore[] = [];
  for (const key of ['cvssV3_1', 'cvssV4_0', 'cvssV3_0', 'cvssV2_0'] as const) {
    const cvss = m[key];
    if (!cvss) continue;
    const score = advisoryScore(cvss.vectorString);
    if (score.ok) out.push(score.score);
    else report(`${pointer}/${key}/vectorString`, score.error);
  }
  return out;
}
