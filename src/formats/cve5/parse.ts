import type { Problem } from '../../domain/errors.js';
import type { Vulnerability } from '../../domain/vulnerability.js';
import { parseJson } from '../json.js';
import { fail, ok, type Parsed } from '../result.js';
import { containersOf, type Report } from './containers.js';
import { cwesOf } from './cwes.js';
import { utcTimestamp } from './dates.js';
import { kevHintOf, ssvcOf } from './enrichment.js';
import { productsOf } from './products.js';
import type { Cve5Metadata, Cve5PublishedRecord, Cve5Record, Cve5RejectedRecord } from './record.js';
import { referencesOf } from './references.js';
import { severitiesOf } from './severities.js';
import { clip, englishText, firstSentence, summaryOf, unique } from './text.js';
import { cve5SchemaProblems } from './validate.js';

type Common = Pick<Vulnerability, 'id' | 'source' | 'modified' | 'published' | 'aliases' | 'tlp'>;

/** Parses CVE JSON 5.x text (depth-limited) into a normalized vulnerability. */
export function parseCve5Text(text: string, file?: string): Parsed<Vulnerability> {
  const doc = parseJson(text, file);
  return doc.ok ? parseCve5(doc.value, file) : doc;
}

/** Validates a document against the official CVE JSON 5.x schema, then normalizes it. */
export function parseCve5(doc: unknown, file?: string): Parsed<Vulnerability> {
  const invalid = cve5SchemaProblems(doc, file);
  if (invalid.length) return fail(invalid);
  const record = doc as Cve5Record;
  const problems: Problem[] = [];
  const report: Report = (pointer, message, code) => {
    problems.push({ message, pointer, ...(code ? { code } : {}), ...(file ? { file } : {}) });
  };

  const common = commonFields(record, report);
  const value = common && (isRejected(record) ? rejected(record, common) : published(record, common, report));
  return value && !problems.length ? ok(value) : fail(problems);
}

function isRejected(record: Cve5Record): record is Cve5RejectedRecord {
  return record.cveMetadata.state === 'REJECTED';
}

function timestamp(text: string | undefined): string | null {
  return text === undefined ? null : utcTimestamp(text);
}

/** `modified` falls back through the record's dates; the schema requires none of them. */
function commonFields(record: Cve5Record, report: Report): Common | null {
  const meta: Cve5Metadata = record.cveMetadata;
  const modified = timestamp(meta.dateUpdated ?? meta.datePublished ?? meta.dateReserved ?? record.containers.cna.providerMetadata.dateUpdated);
  if (!modified) {
    report('/cveMetadata', 'record carries no dateUpdated, datePublished or dateReserved to date it by');
    return null;
  }
  return { id: meta.cveId, source: 'cve5', modified, published: timestamp(meta.datePublished), aliases: [], tlp: 'CLEAR' };
}

function published(record: Cve5PublishedRecord, common: Common, report: Report): Vulnerability {
  const { cna } = record.containers;
  const containers = containersOf(record);
  return {
    ...common,
    withdrawn: null,
    related: [],
    summary: summaryOf(cna.title, cna.descriptions),
    details: englishText(cna.descriptions),
    affected: [],
    products: productsOf(cna.affected, report),
    severities: severitiesOf(containers, report),
    cwes: cwesOf(containers),
    references: referencesOf(containers),
    ssvc: ssvcOf(containers, report),
    kevHint: kevHintOf(containers),
    credits: unique((cna.credits ?? []).map((c) => c.value.trim())),
  };
}

/** A rejected record keeps only why it was rejected and, where named, the CVEs that replace it. */
function rejected(record: Cve5RejectedRecord, common: Common): Vulnerability {
  const { cna } = record.containers;
  const reason = englishText(cna.rejectedReasons);
  return {
    ...common,
    withdrawn: timestamp(record.cveMetadata.dateRejected) ?? common.modified,
    related: cna.replacedBy ?? [],
    summary: clip(firstSentence(reason)),
    details: reason,
    affected: [],
    products: [],
    severities: [],
    cwes: [],
    references: [],
    ssvc: null,
    kevHint: false,
    credits: [],
  };
}
