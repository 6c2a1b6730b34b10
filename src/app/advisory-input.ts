import type { Advisory, AdvisoryProduct, AdvisoryScore } from '../domain/advisory.js';
import { CVE_ID } from '../domain/disclosure.js';
import { AppError, type Problem } from '../domain/errors.js';
import { withoutVersion } from '../domain/purl.js';
import { parsePurl } from '../domain/purl-spec.js';
import { parseAndNormalize, toString } from '../domain/vers/index.js';
import { advisoryScore } from '../formats/advisory-parts.js';
import { cweName } from '../formats/csaf/index.js';

/**
 * An advisory as an editor sends it: the Advisory, except that scores are vectors (a base score or
 * severity sent along is ignored: both are computed) and the publisher may be left out.
 */
export type AdvisoryInput = Omit<Advisory, 'scores' | 'publisher'> & {
  scores: Array<{ vector: string; version?: string | undefined; baseScore?: number | undefined; severity?: string | undefined }>;
  publisher?: Advisory['publisher'] | undefined;
};

/** One version: what `versions` holds when it is not a vers range (no spaces, no comparators). */
export const PLAIN_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+_~:-]{0,127}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const REVISION_NUMBER = /^(0|[1-9][0-9]*)$/;

/** A product's versions in canonical form: a vers that parses (normalized), or one plain version; null otherwise. */
export function canonicalVersions(versions: string): string | null {
  if (versions.startsWith('vers:')) {
    const r = parseAndNormalize(versions);
    return r.ok ? toString(r.vers) : null;
  }
  return PLAIN_VERSION.test(versions) ? versions : null;
}

/**
 * Checks an edited advisory field by field and returns it normalized: scores from their vectors,
 * purls canonical and versionless, vers canonical, CWE names from the catalogue CSAF validators
 * use. The id and the publisher stay the stored ones. Every bad field is a problem at its JSON
 * pointer under `/advisory`; any problem refuses the whole edit (VALIDATION_FAILED).
 */
export function normalizeAdvisory(input: AdvisoryInput, stored: Advisory): Advisory {
  const problems: Problem[] = [];
  const bad = (pointer: string, message: string): void => void problems.push({ pointer: `/advisory${pointer}`, message });
  if (input.id !== stored.id) bad('/id', `the advisory's id is ${stored.id} and does not change`);
  const p = input.publisher;
  if (p && (p.name !== stored.publisher.name || p.namespace !== stored.publisher.namespace || p.contactDetails !== stored.publisher.contactDetails)) {
    bad('/publisher', 'the publisher is the clearinghouse (configuration), not edited per advisory');
  }
  if (input.cve !== null && !CVE_ID.test(input.cve)) bad('/cve', 'CVE-YYYY-NNNN (four or more digits), or null');
  for (const k of ['initialReleaseDate', 'currentReleaseDate'] as const) {
    if (!ISO_INSTANT.test(input[k]) || Number.isNaN(Date.parse(input[k]))) bad(`/${k}`, 'an ISO 8601 date-time with Z or an offset');
  }
  if (!input.revisions.length) bad('/revisions', 'at least one revision (a draft has number 0)');
  input.revisions.forEach((r, i) => {
    if (!REVISION_NUMBER.test(r.number)) bad(`/revisions/${i}/number`, 'an integer version: 0, 1, 2, …');
    if (!ISO_INSTANT.test(r.date) || Number.isNaN(Date.parse(r.date))) bad(`/revisions/${i}/date`, 'an ISO 8601 date-time with Z or an offset');
  });

  const scores: AdvisoryScore[] = [];
  input.scores.forEach((s, i) => {
    const r = advisoryScore(s.vector);
    if (!r.ok) bad(`/scores/${i}/vector`, r.error);
    else if (scores.some((x) => x.version === r.score.version)) bad(`/scores/${i}/vector`, `a second CVSS ${r.score.version} score; an advisory has one per version`);
    else scores.push(r.score);
  });

  const cwes = input.cwes.map((c, i) => {
    const name = /^CWE-[1-9][0-9]*$/.test(c.id) ? cweName(c.id) : null;
    if (name === null) bad(`/cwes/${i}/id`, `${c.id} is not in the CWE catalogue CSAF validators check names against`);
    return { id: c.id, name: name ?? c.name };
  });
  if (new Set(cwes.map((c) => c.id)).size !== cwes.length) bad('/cwes', 'each CWE once');

  const ids = new Set<string>();
  const products = input.products.map((prod, i): AdvisoryProduct => {
    const at = `/products/${i}`;
    if (ids.has(prod.id)) bad(`${at}/id`, `product id ${prod.id} is used twice`);
    ids.add(prod.id);
    let purl = prod.purl;
    if (purl !== null) {
      const parsed = parsePurl(purl.trim());
      const versionless = withoutVersion(purl);
      if (!parsed.ok || versionless === null) bad(`${at}/purl`, `'${purl}' is not a package URL${parsed.ok ? '' : `: ${parsed.error}`}`);
      else if (parsed.purl.version !== null) bad(`${at}/purl`, 'a product\'s purl names no version: the versions go in `versions`');
      else purl = versionless;
    }
    const versions = canonicalVersions(prod.versions);
    if (versions === null) bad(`${at}/versions`, prod.versions.startsWith('vers:') ? `'${prod.versions}' is not a valid vers` : `'${prod.versions}' is neither a vers (vers:<scheme>/…) nor one plain version`);
    if (prod.justification !== undefined && prod.status !== 'known_not_affected') bad(`${at}/justification`, 'a justification says why a known_not_affected product is not affected');
    if (!prod.name.trim()) bad(`${at}/name`, 'required');
    return { ...prod, purl, versions: versions ?? prod.versions };
  });
  input.remediations.forEach((r, i) => {
    if (!r.productIds.length) bad(`/remediations/${i}/productIds`, 'a remediation applies to at least one product');
    r.productIds.forEach((id, j) => {
      if (!ids.has(id)) bad(`/remediations/${i}/productIds/${j}`, `no product ${id} in this advisory`);
    });
  });
  input.references.forEach((r, i) => {
    if (!URL.canParse(r.url) || !/^https?:$/.test(new URL(r.url).protocol)) bad(`/references/${i}/url`, 'an http(s) URL');
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems.length} field(s) of the advisory are not valid; nothing was saved`, { problems });
  return {
    id: stored.id, title: input.title, summary: input.summary, details: input.details, tlp: input.tlp, status: input.status,
    initialReleaseDate: input.initialReleaseDate, currentReleaseDate: input.currentReleaseDate, revisions: input.revisions,
    cve: input.cve, aliases: input.aliases, cwes, scores, products, remediations: input.remediations, references: input.references,
    acknowledgments: input.acknowledgments, publisher: stored.publisher,
  };
}

export interface AdvisoryProblem {
  /** `csaf`: CSAF 2.0 validation of the exported document (pointer into it); `aicc`: ours (pointer into the advisory) */
  source: 'csaf' | 'aicc';
  test: string;
  pointer: string;
  message: string;
}

/** What the clearinghouse wants of an advisory beyond CSAF: what OSV and CVE records need, and a severity. */
export function ownProblems(a: Advisory): AdvisoryProblem[] {
  const out: AdvisoryProblem[] = [];
  const add = (pointer: string, message: string): void => void out.push({ source: 'aicc', test: 'aicc', pointer, message });
  if (!a.summary.trim()) add('/summary', 'a summary (a sentence or two)');
  if (!a.details.trim()) add('/details', 'the full description');
  if (!a.products.length) add('/products', 'at least one product');
  if (!a.scores.length) add('/scores', 'a CVSS 3.1 or 4.0 vector: an advisory states its severity');
  return out;
}
