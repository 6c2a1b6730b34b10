import type { Acknowledgment, Advisory, AdvisoryProduct, AdvisoryReference, AdvisoryScore, NotAffectedJustification, ProductStatus, Remediation, Severity } from '../../domain/advisory.js';
import { scoreCvss, severityRating } from '../../domain/cvss.js';
import type { Problem } from '../../domain/errors.js';
import type { Tlp } from '../../domain/tlp.js';
import { fail, ok, type Parsed } from '../result.js';
import { CVSS_NOTE_TITLE, EXTRA_CWE_TITLE, tlpFromCsaf } from './conventions.js';
import { readProductTree, type ProductIndex } from './products-read.js';
import { csafSchemaProblems } from './schema.js';
import type { CsafAcknowledgment, CsafDocument, CsafNote, CsafProductStatusKey, CsafReference, CsafVulnerability } from './types.js';

export interface FromCsafOptions {
  /**
   * The label of a document without distribution.tlp. CSAF 2.0 makes the TLP optional; nothing
   * says such a document is public, so by default it is treated as AMBER (owner and the
   * organizations it is shared with), which a caller that knows better overrides.
   */
  tlpWhenAbsent?: Tlp;
}

/**
 * Status groups onto the advisory's four; `recommended` says which version to use, not whether
 * one is affected, so it sets no status.
 */
const STATUS_OF: Record<CsafProductStatusKey, ProductStatus | null> = {
  first_affected: 'known_affected', known_affected: 'known_affected', last_affected: 'known_affected',
  first_fixed: 'fixed', fixed: 'fixed',
  known_not_affected: 'known_not_affected',
  under_investigation: 'under_investigation',
  recommended: null,
};

/**
 * Joins a document's tracking id and one of its vulnerabilities (its CVE, else its 1-based
 * position) into the id of that vulnerability's advisory: `RHSA-2021:5186/CVE-2021-4104`. CSAF 2.0
 * tracking ids may hold any character but leading or trailing white space (`^[\S](.*[\S])?$`),
 * so the joined id is a tracking id too, and `/` reads as "part of"; the file name rule (§5.1)
 * turns it into `_`. Web routes must percent-encode it.
 */
export const SPLIT_ID_SEPARATOR = '/';

/**
 * Reads a CSAF 2.0 document (any category) that holds exactly one vulnerability into an Advisory,
 * as fromCsafAll reads it. A document with none or several is refused, rather than a guess made
 * at which vulnerability is meant: our own exports hold one; fromCsafAll reads the others.
 */
export function fromCsaf(input: unknown, options: FromCsafOptions = {}): Parsed<Advisory> {
  const checked = checkedDocument(input);
  if (!checked.ok) return checked;
  const count = checked.value.vulnerabilities?.length ?? 0;
  if (count === 0) return fail([{ pointer: '/vulnerabilities', message: 'the document describes no vulnerability; an advisory describes one' }]);
  if (count > 1) {
    return fail([{ pointer: '/vulnerabilities/1', message: `the document describes ${count} vulnerabilities; an advisory describes one (split the document)` }]);
  }
  const all = advisories(checked.value, options);
  return all.ok ? ok(all.value[0]!) : all;
}

/**
 * Reads a CSAF 2.0 document (any category) into one Advisory per vulnerability, in document order.
 * The document must pass the official schema. Each advisory has only the products its own
 * vulnerability gives a status, and the remediations, flags and scores of that vulnerability;
 * it shares the document's title, publisher, tracking (status, dates, revisions), TLP, notes,
 * references and acknowledgments. Its id is the tracking id when the document has one
 * vulnerability, else `<tracking id>/<CVE>` (`<tracking id>/<n>`, 1-based, for a vulnerability
 * without a CVE or with one another vulnerability of the document also names): see
 * SPLIT_ID_SEPARATOR. A document without vulnerabilities (csaf_informational_advisory, csaf_base)
 * is one advisory with no CVE, products, scores, CWEs or remediations.
 *
 * Read: the product tree (branches, full_product_names, relationships; groups expanded), the four
 * status groups (first_/last_affected → known_affected, first_fixed → fixed), flags as
 * justifications of known_not_affected products, remediations, CVSS 3.1 and the conventions.ts
 * notes (scores recomputed from their vectors), CWEs, ids as aliases, references and
 * acknowledgments of the document and the vulnerability; summary and description notes, the
 * document's first. Not representable, so left out: CVSS 2.0 and 3.0 scores, threats,
 * involvements, remediation dates and restart hints, products with no status, other notes, the
 * document's category and language. A product id that the tree does not define is a problem
 * wherever it is named (6.1.1); problems point into the vulnerability they are found in
 * (`/vulnerabilities/3/...`), and any problem refuses the whole document.
 */
export function fromCsafAll(input: unknown, options: FromCsafOptions = {}): Parsed<Advisory[]> {
  const checked = checkedDocument(input);
  return checked.ok ? advisories(checked.value, options) : checked;
}

function checkedDocument(input: unknown): Parsed<CsafDocument> {
  const shape = shapeProblems(input);
  if (shape.length) return fail(shape);
  const schema = csafSchemaProblems(input);
  return schema.length ? fail(schema) : ok(input as CsafDocument);
}

function advisories(doc: CsafDocument, options: FromCsafOptions): Parsed<Advisory[]> {
  const index = readProductTree(doc.product_tree);
  const problems = [...index.problems];
  const vulns = doc.vulnerabilities ?? [];
  const trackingId = doc.document.tracking.id;
  const cves = vulns.flatMap((v) => (v.cve ? [v.cve] : []));
  const idOf = (v: CsafVulnerability, i: number) => {
    if (vulns.length === 1) return trackingId;
    const named = v.cve && cves.indexOf(v.cve) === cves.lastIndexOf(v.cve);
    return `${trackingId}${SPLIT_ID_SEPARATOR}${named ? v.cve : i + 1}`;
  };
  // without vulnerabilities, an empty one yields the document's part alone
  const read = vulns.length
    ? vulns.map((v, i) => advisory(doc, v, `/vulnerabilities/${i}`, idOf(v, i), index, problems, options))
    : [advisory(doc, {}, '/vulnerabilities', trackingId, index, problems, options)];
  return problems.length ? fail(problems) : ok(read);
}

/** The advisory of one vulnerability (found at `at`); its problems are added to `problems`. */
function advisory(doc: CsafDocument, v: CsafVulnerability, at: string, id: string, index: ProductIndex, problems: Problem[], options: FromCsafOptions): Advisory {
  const products = readProducts(v, at, index, problems);
  const remediations = readRemediations(v, at, index, products, problems);
  const scores = readScores(v, at, index, problems);
  const cwes = readCwes(v, at, problems);
  v.threats?.forEach((t, i) => namedIds(index, `${at}/threats/${i}`, t.product_ids, t.group_ids, problems));

  const { document: d } = doc;
  const summary = firstNote(d.notes, 'summary') ?? firstNote(v.notes, 'summary') ?? '';
  const details = firstNote(d.notes, 'description') ?? firstNote(d.notes, 'details') ?? firstNote(v.notes, 'description') ?? '';
  const label = d.distribution?.tlp?.label;
  return {
    id,
    title: d.title,
    summary,
    details,
    tlp: label ? tlpFromCsaf(label, d.distribution?.text) : options.tlpWhenAbsent ?? 'AMBER',
    status: d.tracking.status,
    initialReleaseDate: d.tracking.initial_release_date,
    currentReleaseDate: d.tracking.current_release_date,
    revisions: d.tracking.revision_history.map((r) => ({ number: r.number, date: r.date, summary: r.summary })),
    cve: v.cve ?? null,
    // an advisory's aliases are its other names: not its own id, not its CVE, not the document's id
    aliases: unique((v.ids ?? []).map((i) => i.text)).filter((t) => t !== v.cve && t !== d.tracking.id && t !== id),
    cwes,
    scores,
    products: [...products.values()],
    remediations,
    references: readReferences([...(d.references ?? []), ...(v.references ?? [])]),
    acknowledgments: [...(v.acknowledgments ?? []), ...(d.acknowledgments ?? [])].flatMap(acknowledgments),
    publisher: { name: d.publisher.name, namespace: d.publisher.namespace, contactDetails: d.publisher.contact_details ?? null },
  };
}

/** What must hold before the schema's findings are worth reading. */
function shapeProblems(input: unknown): Problem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ pointer: '', message: 'a CSAF document is a JSON object' }];
  const d = (input as { document?: unknown }).document;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return [{ pointer: '/document', message: 'a CSAF document has a `document` object' }];
  const version = (d as { csaf_version?: unknown }).csaf_version;
  if (version !== '2.0') return [{ pointer: '/document/csaf_version', message: `expected csaf_version "2.0", found ${JSON.stringify(version) ?? 'none'}` }];
  return [];
}

/** Product ids named at a place, groups expanded; an id the tree does not define is a problem. */
function namedIds(index: ProductIndex, at: string, productIds: string[] | undefined, groupIds: string[] | undefined, problems: Problem[], productsKey = 'product_ids'): string[] {
  const ids: string[] = [];
  productIds?.forEach((id, i) => {
    if (index.products.has(id)) ids.push(id);
    else problems.push({ pointer: `${at}/${productsKey}/${i}`, message: `product id '${id}' is not defined in the product tree` });
  });
  groupIds?.forEach((g, i) => {
    const members = index.groups.get(g);
    if (members) ids.push(...members.filter((id) => index.products.has(id)));
    else problems.push({ pointer: `${at}/group_ids/${i}`, message: `product group '${g}' is not defined in the product tree` });
  });
  return unique(ids);
}

function readProducts(v: CsafVulnerability, at: string, index: ProductIndex, problems: Problem[]): Map<string, AdvisoryProduct> {
  const status = new Map<string, ProductStatus>();
  for (const [key, ids] of Object.entries(v.product_status ?? {}) as Array<[CsafProductStatusKey, string[]]>) {
    const mapped = STATUS_OF[key];
    ids.forEach((id, i) => {
      const here = `${at}/product_status/${key}/${i}`;
      if (!index.products.has(id)) problems.push({ pointer: here, message: `product id '${id}' is not defined in the product tree` });
      else if (!mapped) return;
      else if (status.has(id) && status.get(id) !== mapped) problems.push({ pointer: here, message: `product '${id}' is both ${status.get(id)} and ${mapped}` });
      else status.set(id, mapped);
    });
  }
  const justification = new Map<string, NotAffectedJustification>();
  v.flags?.forEach((f, i) => {
    for (const id of namedIds(index, `${at}/flags/${i}`, f.product_ids, f.group_ids, problems)) {
      if (status.get(id) !== 'known_not_affected') continue;
      const before = justification.get(id);
      if (before && before !== f.label) problems.push({ pointer: `${at}/flags/${i}`, message: `product '${id}' has two justifications: ${before} and ${f.label}` });
      justification.set(id, f.label);
    }
  });
  const products = new Map<string, AdvisoryProduct>();
  for (const [id, p] of index.products) {
    const s = status.get(id);
    if (!s) continue;
    const j = justification.get(id);
    products.set(id, { id, vendor: p.vendor, name: p.name, purl: p.purl, cpe: p.cpe, versions: p.versions, status: s, ...(j ? { justification: j } : {}) });
  }
  return products;
}

/** Remediations keep the products the advisory has; one left with none (all without status) is dropped. */
function readRemediations(v: CsafVulnerability, at: string, index: ProductIndex, products: Map<string, AdvisoryProduct>, problems: Problem[]): Remediation[] {
  return (v.remediations ?? []).flatMap((r, i) => {
    const productIds = namedIds(index, `${at}/remediations/${i}`, r.product_ids, r.group_ids, problems).filter((id) => products.has(id));
    return productIds.length ? [{ category: r.category, details: r.details, url: r.url ?? null, productIds }] : [];
  });
}

function readScores(v: CsafVulnerability, at: string, index: ProductIndex, problems: Problem[]): AdvisoryScore[] {
  const scores: AdvisoryScore[] = [];
  const add = (vector: string, pointer: string, version: '3.1' | '4.0') => {
    const r = scoreCvss(vector);
    if (!r.ok) problems.push({ pointer, code: 'INVALID_CVSS', message: r.error });
    else if (r.version !== version) problems.push({ pointer, code: 'INVALID_CVSS', message: `expected a CVSS ${version} vector, found CVSS ${r.version}` });
    else if (!scores.some((s) => s.vector === r.vector)) {
      scores.push({ version, vector: r.vector, baseScore: r.baseScore, severity: severityRating(r.baseScore).toUpperCase() as Severity });
    }
  };
  v.scores?.forEach((s, i) => {
    namedIds(index, `${at}/scores/${i}`, s.products, undefined, problems, 'products');
    // CVSS 3.0 (and 2.0) have no place in an advisory's scores
    if (s.cvss_v3?.version === '3.1') add(s.cvss_v3.vectorString, `${at}/scores/${i}/cvss_v3/vectorString`, '3.1');
  });
  v.notes?.forEach((n, i) => {
    const version = n.title && CVSS_NOTE_TITLE.exec(n.title)?.[1];
    if (version === '3.1' || version === '4.0') add(n.text.trim(), `${at}/notes/${i}/text`, version);
  });
  return scores;
}

function readCwes(v: CsafVulnerability, at: string, problems: Problem[]): Advisory['cwes'] {
  const cwes = v.cwe ? [{ id: v.cwe.id, name: v.cwe.name }] : [];
  v.notes?.forEach((n, i) => {
    if (n.title !== EXTRA_CWE_TITLE) return;
    const m = /^(CWE-[1-9]\d*): (.+)$/s.exec(n.text);
    if (m?.[1] && m[2]) cwes.push({ id: m[1], name: m[2] });
    else problems.push({ pointer: `${at}/notes/${i}/text`, message: `expected 'CWE-<number>: <name>' in a note titled '${EXTRA_CWE_TITLE}'` });
  });
  return cwes;
}

function readReferences(refs: CsafReference[]): AdvisoryReference[] {
  const seen = new Set<string>();
  return refs.flatMap((r) => {
    const category = r.category ?? 'external';
    const key = `${category} ${r.url}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ url: r.url, summary: r.summary, category }];
  });
}

/** One acknowledgment per name; an organization alone is credited by its name. */
function acknowledgments(k: CsafAcknowledgment): Acknowledgment[] {
  const names = k.names?.length ? k.names : k.organization ? [k.organization] : [];
  return names.map((name) => ({ name, organization: k.organization ?? null, summary: k.summary ?? null }));
}

function firstNote(notes: CsafNote[] | undefined, category: string): string | undefined {
  return notes?.find((n) => n.category === category)?.text;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
