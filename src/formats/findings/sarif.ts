import type { ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { severityRating } from '../../domain/cvss.js';
import type { Finding, FindingLocation } from '../../domain/finding.js';
import { fail, ok, type Parsed } from '../result.js';
import { schemaProblems } from '../schema.js';
import { bounded, collector, cweId, FINDING_LIMITS, findingPurl, firstSentence, isRecord, normalizePath, type Report } from './common.js';
import officialSchema from './sarif-schema.json' with { type: 'json' };

// Both packages are CommonJS; under NodeNext their default exports arrive wrapped.
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof Ajv04>) => unknown;

let compiled: ValidateFunction | undefined;
/** The official SARIF 2.1.0 schema is draft-04, which schema.ts's default ajv does not speak. */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  compiled = ajv.compile(officialSchema);
  return compiled;
}

// The subset of SARIF 2.1.0 read here; the schema has checked these shapes before any is read.
interface Message {
  text?: string;
  markdown?: string;
  id?: string;
  arguments?: string[];
}
interface MultiformatMessage {
  text: string;
  markdown?: string;
}
interface PropertyBag {
  tags?: string[];
  [key: string]: unknown;
}
interface ToolComponentReference {
  name?: string;
  index?: number;
  guid?: string;
}
interface DescriptorReference {
  id?: string;
  index?: number;
  guid?: string;
  toolComponent?: ToolComponentReference;
}
interface ReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: MultiformatMessage;
  fullDescription?: MultiformatMessage;
  messageStrings?: Record<string, MultiformatMessage>;
  defaultConfiguration?: { level?: Level };
  relationships?: Array<{ target: DescriptorReference }>;
  properties?: PropertyBag;
}
interface ToolComponent {
  name: string;
  guid?: string;
  version?: string;
  semanticVersion?: string;
  rules?: ReportingDescriptor[];
  taxa?: ReportingDescriptor[];
  globalMessageStrings?: Record<string, MultiformatMessage>;
}
interface ArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
}
interface LogicalLocation {
  name?: string;
  fullyQualifiedName?: string;
  index?: number;
}
interface Location {
  physicalLocation?: {
    artifactLocation?: ArtifactLocation;
    region?: { startLine?: number; endLine?: number };
  };
  logicalLocations?: LogicalLocation[];
}
type Level = 'none' | 'note' | 'warning' | 'error';
interface Result {
  guid?: string;
  ruleId?: string;
  ruleIndex?: number;
  rule?: DescriptorReference;
  kind?: string;
  level?: Level;
  message: Message;
  locations?: Location[];
  fingerprints?: Record<string, string>;
  partialFingerprints?: Record<string, string>;
  taxa?: DescriptorReference[];
  properties?: PropertyBag;
}
interface Run {
  tool: { driver: ToolComponent; extensions?: ToolComponent[] };
  results?: Result[] | null;
  artifacts?: Array<{ location?: ArtifactLocation }>;
  logicalLocations?: LogicalLocation[];
  taxonomies?: ToolComponent[];
  originalUriBaseIds?: Record<string, ArtifactLocation>;
  automationDetails?: { id?: string; guid?: string };
  versionControlProvenance?: Array<{ repositoryUri: string; revisionId?: string }>;
  invocations?: Array<{ workingDirectory?: ArtifactLocation }>;
}
interface Log {
  runs: Run[];
}

const LEVEL_SEVERITY: Record<Level, Finding['severity']> = { error: 'high', warning: 'medium', note: 'low', none: 'none' };

/**
 * Counts results before the schema runs: a log past the bound is refused at the first result too
 * many, without spending validation on the rest.
 */
function tooMany(doc: unknown, report: Report): boolean {
  if (!isRecord(doc) || !Array.isArray(doc.runs)) return false;
  let seen = 0;
  for (const [r, run] of doc.runs.entries()) {
    const results = isRecord(run) && Array.isArray(run.results) ? run.results.length : 0;
    if (seen + results > FINDING_LIMITS.maxFindings) {
      const at = FINDING_LIMITS.maxFindings - seen;
      report(`/runs/${r}/results/${at}`, `a SARIF log may carry at most ${FINDING_LIMITS.maxFindings} results; this one has more`, 'PAYLOAD_TOO_LARGE');
      return true;
    }
    seen += results;
  }
  return false;
}

/**
 * Validates a SARIF 2.1.0 log against the official schema, then maps every result of every run to a
 * Finding. Text derived from the log (title, description) is cut to the intake's bounds, marked `…`.
 */
export function parseSarif(doc: unknown, file?: string): Parsed<Finding[]> {
  const { problems, report } = collector(file);
  if (tooMany(doc, report)) return fail(problems);
  const invalid = schemaProblems(validator(), doc, file);
  if (invalid.length) return fail(invalid);
  const log = doc as Log;
  const findings: Finding[] = [];
  log.runs.forEach((run, r) => {
    const context = runContext(run);
    (run.results ?? []).forEach((result, i) => {
      const finding = mapResult(run, context, result, r, i, report);
      if (finding) findings.push(finding);
    });
  });
  return problems.length ? fail(problems) : ok(findings);
}

interface RunContext {
  provenance: Finding['provenance'];
  repository: string | null;
  commit: string | null;
  /** absolute base URIs a result path is made relative to (uriBaseIds, working directory) */
  bases: Map<string, ArtifactLocation>;
  roots: string[];
}

function runContext(run: Run): RunContext {
  const driver = run.tool.driver;
  const vcs = run.versionControlProvenance?.[0];
  const bases = new Map(Object.entries(run.originalUriBaseIds ?? {}));
  const roots = [...[...bases.values()].flatMap((b) => (b.uri !== undefined ? [b.uri] : [])), ...(run.invocations ?? []).flatMap((i) => (i.workingDirectory?.uri !== undefined ? [i.workingDirectory.uri] : []))]
    .map((u) => pathOfUri(u))
    .filter((p): p is string => p !== null && isAbsolutePath(p))
    .map((p) => normalizePath(p))
    .sort((a, b) => b.length - a.length);
  return {
    provenance: {
      tool: driver.name,
      toolVersion: driver.version ?? driver.semanticVersion ?? null,
      runId: run.automationDetails?.id ?? run.automationDetails?.guid ?? null,
      configHash: null,
    },
    repository: vcs?.repositoryUri ?? null,
    commit: vcs?.revisionId ?? null,
    bases,
    roots,
  };
}

function mapResult(run: Run, context: RunContext, result: Result, r: number, i: number, report: Report): Finding | null {
  const rule = ruleOf(run, result);
  const text = messageText(result.message, rule, run.tool.driver);
  const ruleId = result.ruleId ?? result.rule?.id ?? rule?.id ?? null;
  const title = rule?.shortDescription?.text.trim() || firstSentence(text.plain) || ruleId || 'SARIF result';

  const purlValue = stringProperty(result.properties, 'purl') ?? stringProperty(rule?.properties, 'purl');
  let purl: string | null = null;
  let affectedVersions: string | null = null;
  if (purlValue !== null) {
    const parsed = findingPurl(purlValue);
    if (!parsed.ok) {
      const where = stringProperty(result.properties, 'purl') !== null ? `/runs/${r}/results/${i}/properties/purl` : `/runs/${r}/results/${i}`;
      report(where, parsed.error, 'INVALID_PURL');
      return null;
    }
    purl = parsed.purl;
    affectedVersions = parsed.version;
  }

  return {
    externalId: result.guid ?? `${r}/${i}`,
    title: bounded(title, FINDING_LIMITS.titleChars),
    description: bounded(text.markdown, FINDING_LIMITS.descriptionChars),
    purl,
    affectedVersions,
    repository: context.repository,
    commit: context.commit,
    location: locationOf(run, context, result.locations?.[0]),
    cwes: cwesOf(run, result, rule),
    claimedImpact: null,
    aliases: [],
    fingerprints: { ...result.partialFingerprints, ...result.fingerprints },
    ruleId,
    severity: severityOf(result, rule),
    provenance: { ...context.provenance },
    attachments: [],
  };
}

/** The rule a result names: by index (in the driver or the extension its reference names), else by id. */
function ruleOf(run: Run, result: Result): ReportingDescriptor | undefined {
  const component = componentOf(run, result.rule?.toolComponent) ?? run.tool.driver;
  const index = result.rule?.index ?? result.ruleIndex;
  if (index !== undefined && index >= 0) {
    const byIndex = component.rules?.[index];
    if (byIndex) return byIndex;
  }
  const id = result.rule?.id ?? result.ruleId;
  if (id === undefined) return undefined;
  // Hierarchical ids (`RULE/sub`) fall back to their base rule.
  return component.rules?.find((rule) => rule.id === id) ?? component.rules?.find((rule) => id.startsWith(`${rule.id}/`));
}

function componentOf(run: Run, ref: ToolComponentReference | undefined): ToolComponent | undefined {
  if (!ref) return undefined;
  const all = [run.tool.driver, ...(run.tool.extensions ?? [])];
  if (ref.index !== undefined) return run.tool.extensions?.[ref.index];
  return all.find((c) => (ref.guid !== undefined && c.guid === ref.guid) || (ref.name !== undefined && c.name === ref.name));
}

/** The message as text and as markdown, with `{0}`-style placeholders filled from its arguments. */
function messageText(message: Message, rule: ReportingDescriptor | undefined, driver: ToolComponent): { plain: string; markdown: string } {
  let plain = message.text;
  let markdown = message.markdown;
  if (plain === undefined && message.id !== undefined) {
    const template = rule?.messageStrings?.[message.id] ?? driver.globalMessageStrings?.[message.id];
    plain = template?.text;
    markdown ??= template?.markdown;
  }
  const args = message.arguments ?? [];
  const fill = (s: string): string => s.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole);
  const filledPlain = fill(plain ?? '');
  return { plain: filledPlain, markdown: markdown !== undefined ? fill(markdown) : filledPlain };
}

function locationOf(run: Run, context: RunContext, location: Location | undefined): FindingLocation {
  const physical = location?.physicalLocation;
  let artifact = physical?.artifactLocation;
  if (artifact && artifact.uri === undefined && artifact.index !== undefined) {
    artifact = { ...run.artifacts?.[artifact.index]?.location, ...artifact };
  }
  const startLine = physical?.region?.startLine ?? null;
  const logical = location?.logicalLocations?.[0];
  const named = logical && logical.fullyQualifiedName === undefined && logical.name === undefined && logical.index !== undefined ? run.logicalLocations?.[logical.index] : logical;
  return {
    file: artifact?.uri !== undefined ? repoPath(artifact.uri, artifact.uriBaseId, context) : null,
    startLine,
    // SARIF: an absent endLine means the region ends on its start line.
    endLine: physical?.region?.endLine ?? startLine,
    symbol: named?.fullyQualifiedName ?? named?.name ?? null,
  };
}

/**
 * An artifact URI as a repository-relative path: percent-decoded, a `file:` URI or absolute path
 * made relative to the run's base URIs or working directory when it lies under one. Paths outside
 * every known root stay absolute; URIs of other schemes (https:) are kept as given.
 */
function repoPath(uri: string, baseId: string | undefined, context: RunContext): string {
  let path = pathOfUri(uri);
  if (path === null) return uri;
  // A relative base (`SRC` → `src/`, itself under `REPOROOT`) is part of the repository path.
  for (let hops = 0, id = baseId; id !== undefined && hops < 8 && !isAbsolutePath(path); hops++) {
    const base = context.bases.get(id);
    const basePath = base?.uri !== undefined ? pathOfUri(base.uri) : null;
    if (basePath === null || isAbsolutePath(basePath)) break;
    path = `${basePath.replace(/\/+$/, '')}/${path}`;
    id = base?.uriBaseId;
  }
  if (!isAbsolutePath(path)) return normalizePath(path);
  const normalized = normalizePath(path);
  const lower = normalized.toLowerCase();
  const root = context.roots.find((base) => lower.startsWith(`${base.toLowerCase()}/`));
  return root !== undefined ? normalized.slice(root.length + 1) : normalized;
}

/** The path of a relative reference or `file:` URI (decoded), or null for URIs of other schemes. */
function pathOfUri(uri: string): string | null {
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  // A Windows drive letter (`C:/src`) is not a scheme.
  if (scheme === undefined || /^[a-z]:[\\/]/i.test(uri)) return decode(uri.replace(/[?#].*$/, ''));
  if (scheme.toLowerCase() !== 'file') return null;
  const rest = uri.slice(scheme.length + 1).replace(/[?#].*$/, '');
  const withoutAuthority = rest.startsWith('//') ? rest.slice(2).replace(/^[^/]*/, '') : rest;
  // file:///C:/src → C:/src
  return decode(withoutAuthority.replace(/^\/([a-z]:)/i, '$1'));
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[a-z]:[\\/]/i.test(path);
}

/** CWEs from rule and result tags, the result's taxa and the rule's relationships into a CWE taxonomy. */
function cwesOf(run: Run, result: Result, rule: ReportingDescriptor | undefined): string[] {
  const found = new Set<string>();
  for (const tag of [...(rule?.properties?.tags ?? []), ...(result.properties?.tags ?? [])]) {
    const id = cweId(tag);
    if (id) found.add(id);
  }
  const references = [...(result.taxa ?? []), ...(rule?.relationships ?? []).map((rel) => rel.target)];
  for (const ref of references) {
    const taxonomy = taxonomyOf(run, ref.toolComponent);
    if (!taxonomy || !/cwe/i.test(taxonomy.name)) continue;
    const id = ref.id ?? (ref.index !== undefined ? taxonomy.taxa?.[ref.index]?.id : undefined);
    const cwe = id !== undefined ? cweId(id, true) : null;
    if (cwe) found.add(cwe);
  }
  return [...found].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

function taxonomyOf(run: Run, ref: ToolComponentReference | undefined): ToolComponent | undefined {
  if (!ref) return undefined;
  if (ref.index !== undefined) return run.taxonomies?.[ref.index];
  return run.taxonomies?.find((t) => (ref.guid !== undefined && t.guid === ref.guid) || (ref.name !== undefined && t.name === ref.name));
}

/**
 * `security-severity` (GitHub's convention: a CVSS-like score as a string or number) on the result or
 * its rule; else the result's level, its rule's default level, or SARIF's default `warning`. Results
 * whose kind is not `fail` (pass, informational, …) have level `none` by the SARIF rules.
 */
function severityOf(result: Result, rule: ReportingDescriptor | undefined): Finding['severity'] {
  const score = securitySeverity(result.properties) ?? securitySeverity(rule?.properties);
  if (score !== null) return severityRating(score);
  if (result.kind !== undefined && result.kind !== 'fail') return LEVEL_SEVERITY[result.level ?? 'none'];
  return LEVEL_SEVERITY[result.level ?? rule?.defaultConfiguration?.level ?? 'warning'];
}

function securitySeverity(properties: PropertyBag | undefined): number | null {
  const value = properties?.['security-severity'];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : null;
}

function stringProperty(properties: PropertyBag | undefined, key: string): string | null {
  const value = properties?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
