/**
 * AICC's native findings JSON: the format a reporter writes when its tool speaks neither SARIF nor OSV.
 *
 * ```json
 * { "findings": [ {
 *     "id": "run-17/finding-3", "title": "…", "description": "… (Markdown)",
 *     "package": { "purl": "pkg:npm/left-pad", "versions": "vers:npm/<1.3.0" } | null,
 *     "repository": { "url": "https://github.com/o/r", "commit": "0123abc" } | null,
 *     "location": { "file": "src/a.c", "startLine": 10, "endLine": 12, "symbol": "parse" },
 *     "cwe": ["CWE-787"], "claimedImpact": "…", "aliases": ["CVE-2025-0001"], "severity": "high",
 *     "provenance": { "tool": "model-x", "toolVersion": "2025-06", "runId": "run-17", "configHash": "sha256:…" },
 *     "attachments": [ { "name": "poc.py", "kind": "poc", "mediaType": "text/x-python", "content": "<base64>" } ]
 * } ] }
 * ```
 *
 * `native-schema.json` (JSON Schema 2020-12) is the reference: every field is described there.
 * Beyond the schema this parser checks what a schema cannot: ids unique within the document,
 * purls valid (kept versionless; a purl's version becomes the affected versions when none are
 * given), endLine not before startLine, attachments' base64 well-formed and, decoded, at most 1 MiB
 * each and 4 MiB per finding. Each attachment gets its SHA-256 and size; its content is kept as
 * canonical base64. Every problem carries the JSON pointer of the offending value.
 */
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Finding, FindingAttachment } from '../../domain/finding.js';
import { fail, ok, type Parsed } from '../result.js';
import { schemaProblems } from '../schema.js';
import { collector, FINDING_LIMITS, findingPurl, isRecord, normalizePath, type Report } from './common.js';
import nativeSchema from './native-schema.json' with { type: 'json' };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => unknown;

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  compiled = ajv.compile(nativeSchema);
  return compiled;
}

/** The schema itself, for documentation endpoints and tests. */
export const NATIVE_FINDINGS_SCHEMA: object = nativeSchema;

interface NativeFinding {
  id: string;
  title: string;
  description: string;
  package?: { purl: string; versions?: string | null } | null;
  repository?: { url: string; commit?: string | null } | null;
  location?: { file?: string | null; startLine?: number | null; endLine?: number | null; symbol?: string | null };
  cwe?: string[];
  claimedImpact?: string | null;
  aliases?: string[];
  severity?: Finding['severity'];
  provenance: { tool: string; toolVersion?: string | null; runId?: string | null; configHash?: string | null };
  attachments?: Array<{ name: string; kind: FindingAttachment['kind']; mediaType: string; content: string }>;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Validates a native findings document against native-schema.json, then normalizes each finding. */
export function parseNative(doc: unknown, file?: string): Parsed<Finding[]> {
  const { problems, report } = collector(file);
  // Refuse an oversized document by count before validating every finding in it.
  if (isRecord(doc) && Array.isArray(doc.findings) && doc.findings.length > FINDING_LIMITS.maxFindings) {
    report(`/findings/${FINDING_LIMITS.maxFindings}`, `a findings document may carry at most ${FINDING_LIMITS.maxFindings} findings; this one has ${doc.findings.length}`, 'PAYLOAD_TOO_LARGE');
    return fail(problems);
  }
  const invalid = schemaProblems(validator(), doc, file);
  if (invalid.length) return fail(invalid);
  const findings = (doc as { findings: NativeFinding[] }).findings;
  const seen = new Map<string, number>();
  const out = findings.map((f, i) => {
    const first = seen.get(f.id);
    if (first !== undefined) report(`/findings/${i}/id`, `id '${f.id}' is also the id of /findings/${first}`, 'DUPLICATE_ID');
    else seen.set(f.id, i);
    return findingOf(f, `/findings/${i}`, report);
  });
  return problems.length ? fail(problems) : ok(out);
}

function findingOf(f: NativeFinding, at: string, report: Report): Finding {
  let purl: string | null = null;
  let affectedVersions = f.package?.versions ?? null;
  if (f.package) {
    const parsed = findingPurl(f.package.purl);
    if (parsed.ok) {
      purl = parsed.purl;
      affectedVersions ??= parsed.version;
    } else report(`${at}/package/purl`, parsed.error, 'INVALID_PURL');
  }
  const location = f.location ?? {};
  const startLine = location.startLine ?? null;
  const endLine = location.endLine ?? startLine;
  if (startLine !== null && endLine !== null && endLine < startLine) report(`${at}/location/endLine`, `endLine ${endLine} is before startLine ${startLine}`);
  return {
    externalId: f.id,
    title: f.title,
    description: f.description,
    purl,
    affectedVersions,
    repository: f.repository?.url ?? null,
    commit: f.repository?.commit?.toLowerCase() ?? null,
    location: {
      file: location.file ? normalizePath(location.file) : null,
      startLine,
      endLine,
      symbol: location.symbol ?? null,
    },
    cwes: f.cwe ?? [],
    claimedImpact: f.claimedImpact ?? null,
    aliases: f.aliases ?? [],
    fingerprints: {},
    ruleId: null,
    severity: f.severity ?? null,
    provenance: {
      tool: f.provenance.tool,
      toolVersion: f.provenance.toolVersion ?? null,
      runId: f.provenance.runId ?? null,
      configHash: f.provenance.configHash ?? null,
    },
    attachments: attachmentsOf(f.attachments ?? [], at, report),
  };
}

function attachmentsOf(list: NonNullable<NativeFinding['attachments']>, at: string, report: Report): FindingAttachment[] {
  let total = 0;
  const out: FindingAttachment[] = [];
  list.forEach((a, j) => {
    const pointer = `${at}/attachments/${j}/content`;
    // Checked on the text first: a hostile document must not make us decode gigabytes to learn they are too many.
    const decodedSize = Math.floor((a.content.length * 3) / 4) - (a.content.endsWith('==') ? 2 : a.content.endsWith('=') ? 1 : 0);
    if (decodedSize > FINDING_LIMITS.attachmentBytes) {
      report(pointer, `attachment '${a.name}' is ${decodedSize} bytes; at most ${FINDING_LIMITS.attachmentBytes} (1 MiB) each`, 'PAYLOAD_TOO_LARGE');
      return;
    }
    if (!BASE64.test(a.content)) {
      report(pointer, `attachment '${a.name}' content is not valid base64 (RFC 4648, padded, no line breaks)`);
      return;
    }
    const bytes = Buffer.from(a.content, 'base64');
    total += bytes.length;
    if (total > FINDING_LIMITS.attachmentBytesPerFinding) {
      report(pointer, `attachments of one finding total ${total} bytes by this one; at most ${FINDING_LIMITS.attachmentBytesPerFinding} (4 MiB)`, 'PAYLOAD_TOO_LARGE');
      return;
    }
    out.push({
      name: a.name,
      kind: a.kind,
      mediaType: a.mediaType,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      content: bytes.toString('base64'),
    });
  });
  return out;
}
