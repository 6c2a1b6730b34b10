import { severityFromVector } from '../../domain/cvss.js';
import type { ErrorCode, Problem } from '../../domain/errors.js';
import { normalizePurl, purlForOsvPackage, withoutVersion } from '../../domain/purl.js';
import type { AffectedPackage, AffectedRange, Severity, Vulnerability } from '../../domain/vulnerability.js';
import { parseJson } from '../json.js';
import { fail, ok, type Parsed } from '../result.js';
import { compileSchema, schemaProblems } from '../schema.js';
import type { OsvAffected, OsvRange, OsvRecord, OsvSeverity } from './record.js';
import officialSchema from './schema.json' with { type: 'json' };
import { parseYaml } from './yaml.js';

const GIT_HASH_RULE = 'GIT ranges must use full-length commit hashes';

/**
 * The official schema, adjusted twice. It declares draft 2020-12, which compileSchema's ajv has no
 * meta-schema for; it uses no keyword whose meaning differs from the default draft, so only the
 * declaration goes. And its full-length-hash rule for GIT ranges would reject published PyPA records
 * (PYSEC-2021-424 names commit `cb35df940a`, PYSEC-2021-371 `<hash>.patch`), so gitCommit checks it instead, leniently.
 */
function adjustedSchema(): object {
  const copy = structuredClone(officialSchema);
  Reflect.deleteProperty(copy, '$schema');
  const range = copy.properties.affected.items.properties.ranges.items;
  const rules = range.allOf.filter((rule) => rule.title !== GIT_HASH_RULE);
  if (rules.length !== range.allOf.length - 1) throw new Error(`OSV schema no longer has the rule '${GIT_HASH_RULE}'`);
  range.allOf = rules;
  return copy;
}

const schema = adjustedSchema();

const SUMMARY_MAX = 200;
const CVSS_TYPES = new Set<OsvSeverity['type']>(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

/** Parses OSV JSON or YAML text (both depth-limited) into a normalized vulnerability. */
export function parseOsvText(text: string, file: string | undefined, kind: 'json' | 'yaml'): Parsed<Vulnerability> {
  const doc = kind === 'json' ? parseJson(text, file) : parseYaml(text, file);
  return doc.ok ? parseOsv(doc.value, file) : doc;
}

/** Validates a document against the official OSV schema, then normalizes it. */
export function parseOsv(doc: unknown, file?: string): Parsed<Vulnerability> {
  const invalid = schemaProblems(compileSchema(schema), doc, file);
  if (invalid.length) return fail(invalid);
  const record = doc as OsvRecord;
  const problems: Problem[] = [];
  const report = (pointer: string, message: string, code?: ErrorCode): void => {
    problems.push({ message, pointer, ...(code ? { code } : {}), ...(file ? { file } : {}) });
  };

  const severities = new Map<string, Severity>();
  collectSeverities(record.severity, '/severity', severities, report);
  const affected = (record.affected ?? []).map((a, i) => {
    collectSeverities(a.severity, `/affected/${i}/severity`, severities, report);
    return affectedPackage(a, i, report);
  });
  if (problems.length) return fail(problems);

  return ok({
    id: record.id,
    source: 'osv',
    modified: record.modified,
    published: record.published ?? null,
    withdrawn: record.withdrawn ?? null,
    aliases: record.aliases ?? [],
    related: record.related ?? [],
    summary: summaryOf(record),
    details: record.details ?? '',
    affected,
    products: [],
    severities: [...severities.values()],
    cwes: cwesOf(record.database_specific),
    references: (record.references ?? []).map(({ type, url }) => ({ type, url })),
    ssvc: null,
    kevHint: false,
    credits: (record.credits ?? []).map((c) => c.name),
    tlp: 'CLEAR',
  });
}

type Report = (pointer: string, message: string, code?: ErrorCode) => void;

/** Scores every CVSS vector ourselves; ratings that are not CVSS (Ubuntu's) carry no vector to keep. */
function collectSeverities(list: OsvSeverity[] | null | undefined, base: string, into: Map<string, Severity>, report: Report): void {
  (list ?? []).forEach((s, i) => {
    if (!CVSS_TYPES.has(s.type)) return;
    const r = severityFromVector(s.score, 'osv');
    if (!r.ok) report(`${base}/${i}/score`, r.error, 'INVALID_CVSS');
    else if (!into.has(r.severity.vector)) into.set(r.severity.vector, r.severity);
  });
}

function affectedPackage(a: OsvAffected, index: number, report: Report): AffectedPackage {
  const ranges = (a.ranges ?? []).map((r, j) => rangeOf(r, `/affected/${index}/ranges/${j}`, report));
  // An entry without a package describes a repository: OSV names those by URL in the GIT ecosystem.
  const ecosystem = a.package?.ecosystem ?? 'GIT';
  const name = a.package?.name ?? ranges.find((r) => r.repo)?.repo ?? '';
  let purl: string | null = null;
  if (a.package?.purl !== undefined) {
    const normalized = normalizePurl(a.package.purl);
    if (normalized.ok) purl = withoutVersion(normalized.purl);
    else report(`/affected/${index}/package/purl`, normalized.error, 'INVALID_PURL');
  } else if (a.package) {
    purl = purlForOsvPackage(ecosystem, name);
  }
  return {
    ecosystem,
    name,
    purl,
    ranges,
    versions: a.versions ?? [],
    ...(a.ecosystem_specific !== undefined ? { ecosystemSpecific: a.ecosystem_specific } : {}),
    ...(a.database_specific !== undefined ? { databaseSpecific: a.database_specific } : {}),
  };
}

function rangeOf(r: OsvRange, pointer: string, report: Report): AffectedRange {
  const events = r.events.map((e, k): AffectedRange['events'][number] => {
    // The schema's oneOf lets exactly one of these through per event; other keys mean nothing to matching.
    const key = e.introduced !== undefined ? 'introduced' : e.fixed !== undefined ? 'fixed' : e.last_affected !== undefined ? 'last_affected' : 'limit';
    const value = e[key] ?? '';
    if (r.type !== 'GIT') return { [key]: value };
    const commit = gitCommit(value);
    if (commit === null) report(`${pointer}/events/${k}/${key}`, `'${value}' is not a git commit hash`);
    return { [key]: commit ?? value };
  });
  return {
    type: r.type,
    ...(r.repo !== undefined ? { repo: r.repo } : {}),
    events,
    ...(r.database_specific !== undefined ? { databaseSpecific: r.database_specific } : {}),
  };
}

/**
 * A GIT event is `0` or a commit. Abbreviated hashes are accepted (git resolves them), and the `.patch`
 * or stray `.` left over from a commit URL is cut off; anything else is not a commit.
 */
function gitCommit(value: string): string | null {
  if (value === '0') return value;
  const hash = value.replace(/(\.patch|\.diff|\.)$/, '');
  return /^[0-9a-f]{7,64}$/.test(hash) ? hash : null;
}

/** PyPA and Go records often lack a summary; the first line of the details stands in. */
function summaryOf(record: OsvRecord): string {
  const given = record.summary?.trim();
  if (given) return given;
  const line = (record.details ?? '').split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  if (line.length <= SUMMARY_MAX) return line;
  let cut = SUMMARY_MAX - 1;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(line.charAt(cut - 1))) cut--;
  return `${line.slice(0, cut)}…`;
}

/** GitHub-sourced records list CWEs in database_specific.cwe_ids; it is free-form, so keep only real ids. */
function cwesOf(databaseSpecific: Record<string, unknown> | undefined): string[] {
  const ids = databaseSpecific?.cwe_ids;
  if (!Array.isArray(ids)) return [];
  return ids.filter((id): id is string => typeof id === 'string' && /^CWE-\d+$/i.test(id)).map((id) => id.toUpperCase());
}
