import { advisoryVersion, PRODUCT_STATUSES, type Advisory, type NotAffectedJustification } from '../../domain/advisory.js';
import { csafTlp, cvssNoteTitle, EXTRA_CWE_TITLE, GENERATOR_ENGINE, TLP_URL } from './conventions.js';
import { productTree } from './products-write.js';
import type { CsafAcknowledgment, CsafDocument, CsafFlag, CsafNote, CsafScore, CsafVulnerability } from './types.js';

/**
 * The advisory as a CSAF 2.0 `csaf_security_advisory`. What CSAF 2.0 has no field for is
 * written as conventions.ts describes, so fromCsaf reads it back to an equal Advisory.
 *
 * An advisory with nothing of a vulnerability (no CVE, alias, CWE, score, product or remediation;
 * fromCsafAll reads one from a document without vulnerabilities) is written without one, as the
 * security advisory profile could not hold it (it wants a product tree and product statuses,
 * 6.1.27.4 and .6): a `csaf_informational_advisory` when it meets that profile (a summary or
 * details note, 6.1.27.1, and an external reference, 6.1.27.2), else a `csaf_base`, with the
 * acknowledgments at document level. fromCsafAll reads either back to an equal Advisory.
 */
export function toCsaf(a: Advisory): CsafDocument {
  const tlp = csafTlp(a.tlp);
  const product_tree = productTree(a.products);
  const notes = [note('summary', 'Summary', a.summary), note('description', 'Details', a.details)].flatMap((n) => (n ? [n] : []));
  const vulnerable = hasVulnerability(a);
  const informational = notes.length > 0 && a.references.some((r) => r.category === 'external');
  const acknowledgments = vulnerable ? [] : csafAcknowledgments(a);
  return {
    document: {
      category: vulnerable ? 'csaf_security_advisory' : informational ? 'csaf_informational_advisory' : 'csaf_base',
      csaf_version: '2.0',
      title: a.title,
      publisher: {
        category: 'coordinator',
        name: a.publisher.name,
        namespace: a.publisher.namespace,
        ...(a.publisher.contactDetails ? { contact_details: a.publisher.contactDetails } : {}),
      },
      distribution: { ...(tlp.text ? { text: tlp.text } : {}), tlp: { label: tlp.label, url: TLP_URL } },
      tracking: {
        id: a.id,
        status: a.status,
        version: advisoryVersion(a),
        initial_release_date: a.initialReleaseDate,
        current_release_date: a.currentReleaseDate,
        revision_history: a.revisions.length
          ? a.revisions.map((r) => ({ number: r.number, date: r.date, summary: r.summary }))
          // the schema wants one entry; an advisory without revisions is at version 1 (advisoryVersion)
          : [{ number: '1', date: a.initialReleaseDate, summary: 'Initial release.' }],
        generator: { engine: { name: GENERATOR_ENGINE } },
      },
      ...(notes.length ? { notes } : {}),
      // one ordered list in the advisory: all of it at document level, so the order survives
      ...(a.references.length ? { references: a.references.map((r) => ({ category: r.category, summary: r.summary || r.url, url: r.url })) } : {}),
      ...(acknowledgments.length ? { acknowledgments } : {}),
    },
    ...(product_tree ? { product_tree } : {}),
    ...(vulnerable ? { vulnerabilities: [vulnerability(a)] } : {}),
  };
}

function hasVulnerability(a: Advisory): boolean {
  return a.cve !== null || [a.aliases, a.cwes, a.scores, a.products, a.remediations].some((list) => list.length > 0);
}

function csafAcknowledgments(a: Advisory): CsafAcknowledgment[] {
  return a.acknowledgments.map(acknowledgment).filter((k) => Object.keys(k).length > 0);
}

function vulnerability(a: Advisory): CsafVulnerability {
  const [cwe, ...moreCwes] = a.cwes;
  const scores = cvssV3Scores(a);
  const unscored = a.scores.filter((s) => !scores.some((c) => c.cvss_v3?.vectorString === s.vector));
  const notes: CsafNote[] = [
    // CSAF's security advisory profile wants vulnerability notes (mandatory test 6.1.27.5)
    // (an empty summary is not stood in for by a summary note, so it reads back empty)
    a.summary ? { category: 'summary', title: 'Summary', text: a.summary } : { category: 'general', title: 'Title', text: a.title },
    ...moreCwes.map((c) => ({ category: 'other', title: EXTRA_CWE_TITLE, text: `${c.id}: ${c.name}` })),
    ...unscored.map((s) => ({ category: 'other', title: cvssNoteTitle(s.version), text: s.vector })),
  ];
  const statuses = Object.fromEntries(PRODUCT_STATUSES.flatMap((status) => {
    const ids = a.products.filter((p) => p.status === status).map((p) => p.id);
    return ids.length ? [[status, ids]] : [];
  }));
  const flags = justificationFlags(a);
  const acknowledgments = csafAcknowledgments(a);
  return {
    ...(a.cve ? { cve: a.cve } : {}),
    ...(cwe ? { cwe: { id: cwe.id, name: cwe.name } } : {}),
    ...(a.aliases.length ? { ids: a.aliases.map((text) => ({ system_name: aliasSystem(text), text })) } : {}),
    notes,
    ...(Object.keys(statuses).length ? { product_status: statuses } : {}),
    ...(flags.length ? { flags } : {}),
    ...(a.remediations.length ? {
      remediations: a.remediations.map((r) => ({
        category: r.category, details: r.details || r.category, ...(r.url ? { url: r.url } : {}), product_ids: r.productIds,
      })),
    } : {}),
    ...(scores.length ? { scores } : {}),
    ...(acknowledgments.length ? { acknowledgments } : {}),
  };
}

/**
 * The first CVSS 3.1 score goes to `scores`, for the affected products (all products when none is
 * affected). Only one: the advisory's scores are not per product, and two 3.1 scores for the same
 * products break mandatory test 6.1.7, so further ones are notes (conventions.ts).
 */
function cvssV3Scores(a: Advisory): CsafScore[] {
  const affected = a.products.filter((p) => p.status === 'known_affected').map((p) => p.id);
  const products = affected.length ? affected : a.products.map((p) => p.id);
  const first = a.scores.find((s) => s.version === '3.1');
  if (!first || products.length === 0) return [];
  return [{ products, cvss_v3: { version: '3.1', vectorString: first.vector, baseScore: first.baseScore, baseSeverity: first.severity } }];
}

function justificationFlags(a: Advisory): CsafFlag[] {
  const byLabel = new Map<NotAffectedJustification, string[]>();
  for (const p of a.products) {
    if (p.status !== 'known_not_affected' || !p.justification) continue;
    const ids = byLabel.get(p.justification) ?? [];
    ids.push(p.id);
    byLabel.set(p.justification, ids);
  }
  return [...byLabel].map(([label, product_ids]) => ({ label, product_ids }));
}

function acknowledgment(k: Advisory['acknowledgments'][number]): CsafAcknowledgment {
  return {
    ...(k.name ? { names: [k.name] } : {}),
    ...(k.organization ? { organization: k.organization } : {}),
    ...(k.summary ? { summary: k.summary } : {}),
  };
}

/** `GHSA-abcd-…` → `GHSA`: the id's own prefix names its system. */
function aliasSystem(alias: string): string {
  return /^([A-Za-z][A-Za-z0-9]*)-/.exec(alias)?.[1] ?? 'other';
}

function note(category: string, title: string, text: string): CsafNote | null {
  return text ? { category, title, text } : null;
}
