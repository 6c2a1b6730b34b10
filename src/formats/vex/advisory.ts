import type { Advisory, AdvisoryProduct, AdvisoryScore, NotAffectedJustification, ProductStatus, Remediation } from '../../domain/advisory.js';
import type { Problem } from '../../domain/errors.js';
import { formatPurl, parsePurl } from '../../domain/purl-spec.js';
import { ADVISORY_PARTS, advisoryScore } from '../advisory-parts.js';
import { fail, ok, type Parsed } from '../result.js';
import { compileSchema, schemaProblems } from '../schema.js';
import { cyclonedxValidator } from '../sbom/cyclonedx-schema.js';

/*
 * An Advisory as a CycloneDX 1.6 VEX BOM, and back. Each product is a component (bom-ref = product
 * id; a plain version makes it purl@version, a vers range leaves the purl version-less and goes to
 * affects[].versions[].range). CycloneDX gives one analysis per vulnerability entry, so the products
 * are grouped by status (and justification) into entries with the same id, as CycloneDX's VEX
 * examples do; every entry repeats the description and ratings, the first also carries the
 * advisory's `aicc:` properties for what CycloneDX has no field for (title, TLP — 1.6 has no
 * distribution constraints —, status, revisions, CWE names, remediations, acknowledgments,
 * publisher, which references are the advisory's own).
 * - id: the CVE when there is one, else the advisory id; the other ids are `references`.
 * - source: the publisher, with the advisory's own page (or its namespace) as URL.
 * - status → analysis.state: known_affected → exploitable, fixed → resolved, known_not_affected →
 *   not_affected, under_investigation → in_triage; affects version status affected/unaffected/unknown.
 * - CSAF justifications map to CycloneDX's nearest (two share code_not_present), so the exact
 *   one is also the entry's `aicc:justification` property.
 */

export interface VexAdvisoryOptions {
  /** ISO 8601 date-time the BOM is written; passed in so output is reproducible */
  timestamp: string;
}

const STATE: Record<ProductStatus, string> = { known_affected: 'exploitable', fixed: 'resolved', known_not_affected: 'not_affected', under_investigation: 'in_triage' };
const VERSION_STATUS: Record<ProductStatus, string> = { known_affected: 'affected', fixed: 'unaffected', known_not_affected: 'unaffected', under_investigation: 'unknown' };
const JUSTIFICATION: Record<NotAffectedJustification, string> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};
const RESPONSE: Record<Remediation['category'], string> = {
  vendor_fix: 'update', workaround: 'workaround_available', mitigation: 'workaround_available', no_fix_planned: 'will_not_fix', none_available: 'can_not_fix',
};
const METHOD: Record<AdvisoryScore['version'], string> = { '3.1': 'CVSSv31', '4.0': 'CVSSv4' };
const WORKAROUNDS = new Set<Remediation['category']>(['workaround', 'mitigation']);
const P = 'aicc:';

interface Group {
  status: ProductStatus;
  justification: NotAffectedJustification | undefined;
  products: AdvisoryProduct[];
}

export function toCycloneDxVex(a: Advisory, opts: VexAdvisoryOptions): object {
  const groups: Group[] = [];
  for (const p of a.products) {
    const group = groups.find((g) => g.status === p.status && g.justification === p.justification);
    if (group) group.products.push(p);
    else groups.push({ status: p.status, justification: p.justification, products: [p] });
  }
  const shared = sharedFields(a);
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { timestamp: opts.timestamp, tools: { components: [{ type: 'application', name: 'aicc' }] } },
    components: a.products.map(component),
    // An advisory without products still says what the vulnerability is: one entry, no affects.
    vulnerabilities: (groups.length ? groups : [null]).map((g, i) => ({
      ...shared,
      ...(g ? { analysis: analysis(g, a.remediations), affects: g.products.map(affects) } : {}),
      properties: [...(i === 0 ? advisoryProperties(a) : []), ...(g?.justification ? [{ name: `${P}justification`, value: g.justification }] : [])],
    })),
  };
}

function component(p: AdvisoryProduct): object {
  const plain = !p.versions.startsWith('vers:');
  return {
    type: p.purl ? 'library' : 'application',
    'bom-ref': p.id,
    ...(p.vendor ? { supplier: { name: p.vendor } } : {}),
    name: p.name,
    ...(plain ? { version: p.versions } : {}),
    ...(p.purl ? { purl: plain ? withVersion(p.purl, p.versions) : p.purl } : {}),
    ...(p.cpe ? { cpe: p.cpe } : {}),
  };
}

function withVersion(purl: string, version: string): string {
  const r = parsePurl(purl);
  return r.ok ? formatPurl({ ...r.purl, version }) : purl;
}

function sharedFields(a: Advisory): object {
  const self = a.references.find((r) => r.category === 'self')?.url ?? a.publisher.namespace;
  const source = { name: a.publisher.name, url: self };
  const others = [...(a.cve ? [a.id] : []), ...a.aliases];
  const fixes = a.remediations.filter((r) => !WORKAROUNDS.has(r.category));
  const workarounds = a.remediations.filter((r) => WORKAROUNDS.has(r.category));
  const orgs = a.acknowledgments.filter((k) => k.organization !== null);
  const people = a.acknowledgments.filter((k) => k.organization === null);
  return {
    id: a.cve ?? a.id,
    source,
    ...(others.length ? { references: others.map((id) => ({ id, source: id === a.id ? source : sourceOf(id) })) } : {}),
    ...(a.scores.length
      ? { ratings: a.scores.map((s) => ({ source: { name: a.publisher.name }, score: s.baseScore, severity: s.severity.toLowerCase(), method: METHOD[s.version], vector: s.vector })) }
      : {}),
    ...(a.cwes.length ? { cwes: a.cwes.map((c) => Number(c.id.slice(4))) } : {}),
    description: a.summary,
    detail: a.details,
    ...(fixes.length ? { recommendation: remedyText(fixes) } : {}),
    ...(workarounds.length ? { workaround: remedyText(workarounds) } : {}),
    ...(a.references.length ? { advisories: a.references.map((r) => ({ title: r.summary, url: r.url })) } : {}),
    published: a.initialReleaseDate,
    updated: a.currentReleaseDate,
    ...(a.acknowledgments.length
      ? {
          credits: {
            ...(orgs.length ? { organizations: orgs.map((k) => ({ name: k.organization, contact: [{ name: k.name }] })) } : {}),
            ...(people.length ? { individuals: people.map((k) => ({ name: k.name })) } : {}),
          },
        }
      : {}),
  };
}

function sourceOf(id: string): object {
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub Advisories', url: `https://github.com/advisories/${id}` };
  return {};
}

function remedyText(list: readonly Remediation[]): string {
  return list.map((r) => [r.details, r.url].filter(Boolean).join(' ')).join('\n');
}

function analysis(g: Group, remediations: readonly Remediation[]): object {
  const ids = new Set(g.products.map((p) => p.id));
  const responses = [...new Set(remediations.filter((r) => r.productIds.some((id) => ids.has(id))).map((r) => RESPONSE[r.category]))];
  return {
    state: STATE[g.status],
    ...(g.justification ? { justification: JUSTIFICATION[g.justification] } : {}),
    ...(responses.length && g.status !== 'fixed' ? { response: responses } : {}),
  };
}

function affects(p: AdvisoryProduct): object {
  const status = VERSION_STATUS[p.status];
  const version = p.versions.startsWith('vers:') ? { range: p.versions, status } : { version: p.versions, status };
  return { ref: p.id, versions: [version] };
}

function advisoryProperties(a: Advisory): Array<{ name: string; value: string }> {
  return [
    { name: `${P}id`, value: a.id },
    { name: `${P}title`, value: a.title },
    { name: `${P}tlp`, value: a.tlp },
    { name: `${P}status`, value: a.status },
    { name: `${P}revisions`, value: JSON.stringify(a.revisions) },
    ...a.cwes.map((c) => ({ name: `${P}cwe:${c.id}`, value: c.name })),
    { name: `${P}remediations`, value: JSON.stringify(a.remediations) },
    { name: `${P}acknowledgments`, value: JSON.stringify(a.acknowledgments) },
    { name: `${P}publisher`, value: JSON.stringify(a.publisher) },
    ...a.references.filter((r) => r.category === 'self').map((r) => ({ name: `${P}self-reference`, value: r.url })),
  ];
}

// ---- import ----

interface Property {
  name: string;
  value?: string;
}

interface VexVulnerability {
  id?: string;
  references?: Array<{ id: string }>;
  ratings?: Array<{ method?: string; vector?: string }>;
  cwes?: number[];
  description?: string;
  detail?: string;
  advisories?: Array<{ title?: string; url: string }>;
  published?: string;
  updated?: string;
  analysis?: { state?: string; justification?: string };
  affects?: Array<{ ref: string; versions?: Array<{ version?: string; range?: string; status?: string }> }>;
  properties?: Property[];
}

interface VexComponent {
  'bom-ref'?: string;
  supplier?: { name?: string };
  name: string;
  purl?: string;
  cpe?: string;
}

const JSON_PROPERTIES = {
  revisions: ADVISORY_PARTS.revisions,
  remediations: ADVISORY_PARTS.remediations,
  acknowledgments: { type: 'array', items: ADVISORY_PARTS.acknowledgment },
  publisher: ADVISORY_PARTS.publisher,
} as const;

const TEXT_PROPERTIES = { id: { type: 'string', minLength: 1 }, title: ADVISORY_PARTS.title, tlp: ADVISORY_PARTS.tlp, status: ADVISORY_PARTS.status } as const;

const STATUS_OF = Object.fromEntries(Object.entries(STATE).map(([status, state]) => [state, status])) as Record<string, ProductStatus>;

/**
 * Reads an advisory back from a CycloneDX VEX toCycloneDxVex wrote: it must validate against the
 * official 1.6 schema, every vulnerability entry must carry one id, and the first the `aicc:` properties.
 */
export function fromCycloneDxVex(doc: unknown): Parsed<Advisory> {
  const validate = cyclonedxValidator('1.6');
  if (!validate) return fail([{ pointer: '', message: 'no CycloneDX 1.6 schema' }]);
  const invalid = schemaProblems(validate, doc);
  if (invalid.length) return fail(invalid);
  const bom = doc as { specVersion?: string; components?: VexComponent[]; vulnerabilities?: VexVulnerability[] };
  const problems: Problem[] = [];
  const report = (pointer: string, message: string): void => void problems.push({ pointer, message });
  if (bom.specVersion !== '1.6') report('/specVersion', `expected CycloneDX 1.6, not ${String(bom.specVersion)}`);
  const [first, ...rest] = bom.vulnerabilities ?? [];
  if (!first) return fail([...problems, { pointer: '/vulnerabilities', message: 'a VEX advisory needs at least one vulnerability' }]);
  rest.forEach((v, i) => {
    if (v.id !== first.id) report(`/vulnerabilities/${i + 1}/id`, `every entry must describe ${String(first.id)}, not ${String(v.id)}`);
  });

  const props = readProperties(first.properties ?? [], report);
  const scores = (first.ratings ?? []).flatMap((rating, i) => {
    const pointer = `/vulnerabilities/0/ratings/${i}`;
    if (rating.method !== 'CVSSv31' && rating.method !== 'CVSSv4') return report(`${pointer}/method`, `'${String(rating.method)}' is not an advisory score (CVSSv31 and CVSSv4 are)`), [];
    const score = advisoryScore(rating.vector ?? '');
    return score.ok ? [score.score] : (report(`${pointer}/vector`, score.error), []);
  });
  const products = (bom.components ?? []).flatMap((c, i) => productOf(c, i, bom.vulnerabilities ?? [], report));
  const refs = new Set(products.map((p) => p.id));
  bom.vulnerabilities?.forEach((v, i) => v.affects?.forEach((a, j) => {
    if (!refs.has(a.ref)) report(`/vulnerabilities/${i}/affects/${j}/ref`, `no product component has the bom-ref '${a.ref}'`);
  }));
  if (!first.published) report('/vulnerabilities/0', "must have required property 'published'");
  if (!first.updated) report('/vulnerabilities/0', "must have required property 'updated'");
  if (!props || problems.length) return fail(problems);

  const own = new Set(props.selfReferences);
  const cve = first.id !== props.id ? (first.id ?? null) : null;
  return ok({
    id: props.id,
    title: props.title,
    summary: first.description ?? '',
    details: first.detail ?? '',
    tlp: props.tlp,
    status: props.status,
    initialReleaseDate: first.published ?? '',
    currentReleaseDate: first.updated ?? '',
    revisions: props.revisions,
    cve,
    aliases: (first.references ?? []).map((r) => r.id).filter((id) => id !== props.id),
    cwes: (first.cwes ?? []).map((n) => ({ id: `CWE-${n}`, name: props.cweNames.get(`CWE-${n}`) ?? '' })),
    scores,
    products,
    remediations: props.remediations,
    references: (first.advisories ?? []).map((r) => ({ url: r.url, summary: r.title ?? '', category: own.has(r.url) ? 'self' : 'external' })),
    acknowledgments: props.acknowledgments,
    publisher: props.publisher,
  });
}

type AdvisoryProperties = Pick<Advisory, 'id' | 'title' | 'tlp' | 'status' | 'revisions' | 'remediations' | 'acknowledgments' | 'publisher'> & {
  cweNames: Map<string, string>;
  selfReferences: string[];
};

/** The first entry's `aicc:` properties, each checked against its part of the advisory. */
function readProperties(list: readonly Property[], report: (pointer: string, message: string) => void): AdvisoryProperties | null {
  const at = (name: string): { value: unknown; pointer: string } | null => {
    const i = list.findIndex((p) => p.name === `${P}${name}`);
    if (i === -1) {
      report('/vulnerabilities/0/properties', `needs the property '${P}${name}'`);
      return null;
    }
    return { value: list[i]?.value, pointer: `/vulnerabilities/0/properties/${i}/value` };
  };
  const out: Record<string, unknown> = {};
  let sound = true;
  const check = (name: string, schema: object, decode: (v: unknown, pointer: string) => unknown): void => {
    const found = at(name);
    const value = found && decode(found.value, found.pointer);
    const invalid = found && value !== undefined ? schemaProblems(compileSchema(schema), value) : [];
    invalid.forEach((p) => report(`${found?.pointer ?? ''}${p.pointer ?? ''}`, p.message));
    if (!found || value === undefined || invalid.length) sound = false;
    out[name] = value;
  };
  for (const [name, schema] of Object.entries(TEXT_PROPERTIES)) check(name, schema, (v) => v ?? '');
  for (const [name, schema] of Object.entries(JSON_PROPERTIES)) check(name, schema, (v, pointer) => parseJsonValue(v, pointer, report));
  if (!sound) return null;
  const cweNames = new Map(list.filter((p) => p.name.startsWith(`${P}cwe:`)).map((p) => [p.name.slice(P.length + 4), p.value ?? '']));
  const selfReferences = list.filter((p) => p.name === `${P}self-reference`).map((p) => p.value ?? '');
  return { ...(out as Omit<AdvisoryProperties, 'cweNames' | 'selfReferences'>), cweNames, selfReferences };
}

function parseJsonValue(v: unknown, pointer: string, report: (pointer: string, message: string) => void): unknown {
  try {
    return JSON.parse(String(v)) as unknown;
  } catch (e) {
    report(pointer, `not JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** A component is a product: its status, justification and versions come from the one entry that affects it. */
function productOf(c: VexComponent, index: number, entries: readonly VexVulnerability[], report: (pointer: string, message: string) => void): AdvisoryProduct[] {
  const pointer = `/components/${index}`;
  const id = c['bom-ref'];
  if (!id) return report(pointer, "needs a 'bom-ref', the product id"), [];
  const hits = entries.flatMap((v, i) => (v.affects ?? []).flatMap((a, j) => (a.ref === id ? [{ v, at: `/vulnerabilities/${i}/affects/${j}`, a }] : [])));
  const hit = hits[0];
  if (!hit || hits.length > 1) return report(pointer, `'${id}' must be affected by exactly one vulnerability entry (found ${hits.length})`), [];
  const status = STATUS_OF[hit.v.analysis?.state ?? ''];
  const version = hit.a.versions?.length === 1 ? hit.a.versions[0] : undefined;
  const versions = version?.range ?? version?.version;
  if (!status) report(`${hit.at.replace(/\/affects\/\d+$/, '')}/analysis/state`, `'${String(hit.v.analysis?.state)}' names no advisory status`);
  if (!versions) report(`${hit.at}/versions`, 'needs exactly one version or range');
  const justification = hit.v.properties?.find((p) => p.name === `${P}justification`)?.value as NotAffectedJustification | undefined;
  if (justification !== undefined && !Object.hasOwn(JUSTIFICATION, justification)) report(hit.at.replace(/\/affects\/\d+$/, '/properties'), `'${justification}' is no CSAF justification`);
  if (!status || !versions) return [];
  return [{
    id,
    vendor: c.supplier?.name ?? '',
    name: c.name,
    purl: c.purl ? versionless(c.purl) : null,
    cpe: c.cpe ?? null,
    versions,
    status,
    ...(justification ? { justification } : {}),
  }];
}

function versionless(purl: string): string {
  const r = parsePurl(purl);
  return r.ok ? formatPurl({ ...r.purl, version: null }) : purl;
}
