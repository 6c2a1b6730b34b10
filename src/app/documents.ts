import type { Problem } from '../domain/errors.js';
import type { KevEntry, Vulnerability } from '../domain/vulnerability.js';
import { parseCve5 } from '../formats/cve5/parse.js';
import { parseEpss } from '../formats/epss/parse.js';
import { parseJson } from '../formats/json.js';
import { parseKev } from '../formats/kev/parse.js';
import { parseOsv, parseOsvText } from '../formats/osv/parse.js';
import type { Parsed } from '../formats/result.js';
import { detectFormat } from '../formats/sources.js';
import { epssChunks, type EpssChunks } from '../store/signals.js';
import { vulnRow, type VulnRow } from '../store/vulnerability-row.js';

export const FORMATS = ['osv', 'cve5', 'kev', 'epss'] as const;
export type Format = (typeof FORMATS)[number];

/** Records of one document: a single OSV/CVE object or an array of them (one batch). */
function parseRecords(doc: unknown, file: string, parse: (d: unknown, f: string) => Parsed<Vulnerability>): Parsed<Vulnerability[]> {
  const docs = Array.isArray(doc) ? doc : [doc];
  const problems: Problem[] = [];
  const values: Vulnerability[] = [];
  const seen = new Map<string, number>();
  docs.forEach((d, i) => {
    const r = parse(d, file);
    const prefix = Array.isArray(doc) ? `/${i}` : '';
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, pointer: `${prefix}${p.pointer ?? ''}` })));
      return;
    }
    const first = seen.get(r.value.id);
    if (first !== undefined) {
      problems.push({ file, pointer: `${prefix}/id`, message: `duplicate id '${r.value.id}' (first at /${first}/id)`, code: 'DUPLICATE_ID' });
      return;
    }
    seen.set(r.value.id, i);
    values.push(r.value);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: values };
}

export type Document =
  | { format: 'osv' | 'cve5'; records: VulnRow[] }
  | { format: 'kev'; catalogVersion: string; entries: KevEntry[] }
  | { format: 'epss'; scoreDate: string | null; scores: EpssChunks };


/** Text of one document → its parsed content, or the problems that reject it whole. */
export function parseDocument(name: string, text: string, forced: Format | 'auto' | undefined, maxDepth: number): Parsed<Document> {
  const format = forced && forced !== 'auto' ? forced : detectFormat(name, text);
  if (!format) {
    // Broken JSON deserves its own, more precise message than "unrecognized".
    const looksJson = /^\uFEFF?\s*[[{]/.test(text);
    const json = looksJson ? parseJson(text, name, { maxDepth }) : null;
    if (json && !json.ok) return json;
    return { ok: false, problems: [{ file: name, message: 'unrecognized format: not OSV, CVE 5, KEV or EPSS (use --format to say which)', code: 'UNKNOWN_FORMAT' }] };
  }
  if (format === 'epss') {
    const r = parseEpss(text, name);
    return r.ok ? { ok: true, value: { format, scoreDate: r.value.scoreDate, scores: epssChunks(r.value.rows) } } : r;
  }
  if (format === 'osv' && /\.ya?ml$/i.test(name)) {
    const r = parseOsvText(text, name, 'yaml');
    return r.ok ? { ok: true, value: { format, records: [vulnRow(r.value)] } } : r;
  }
  const json = parseJson(text, name, { maxDepth });
  if (!json.ok) return json;
  if (format === 'kev') {
    const r = parseKev(json.value, name);
    return r.ok ? { ok: true, value: { format, catalogVersion: r.value.catalogVersion, entries: r.value.entries } } : r;
  }
  const r = parseRecords(json.value, name, format === 'osv' ? parseOsv : parseCve5);
  return r.ok ? { ok: true, value: { format, records: r.value.map(vulnRow) } } : r;
}

/** One input document, read and parsed: what the import writes, or why it rejects it. */
export type ParsedSource =
  | { name: string; ok: true; doc: Document }
  | { name: string; ok: false; format: Format | null; problems: Problem[] };

export function parseSource(source: { name: string; text: string } | { name: string; problem: Problem }, format: Format | 'auto', maxDepth: number): ParsedSource {
  if ('problem' in source) return { name: source.name, ok: false, format: null, problems: [source.problem] };
  const parsed = parseDocument(source.name, source.text, format, maxDepth);
  if (parsed.ok) return { name: source.name, ok: true, doc: parsed.value };
  return { name: source.name, ok: false, format: format !== 'auto' ? format : detectFormat(source.name, source.text), problems: parsed.problems };
}
