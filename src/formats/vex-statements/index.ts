import { parseJson } from '../json.js';
import type { Problem } from '../../domain/errors.js';
import { csafStatements } from './csaf.js';
import { cyclonedxStatements } from './cyclonedx.js';
import { OPENVEX_CONTEXT, openvexStatements } from './openvex.js';
import { DEFAULT_VEX_LIMITS, isObject, Reader, type Json, type VexLimits, type VexStatement } from './statement.js';

export {
  DEFAULT_VEX_LIMITS,
  KNOWN_JUSTIFICATIONS,
  normalizeJustification,
  productLabel,
  VEX_JUSTIFICATIONS,
  type VexLimits,
  type VexProduct,
  type VexStatement,
  type VexStatus,
} from './statement.js';

export type VexFormat = 'cyclonedx' | 'openvex' | 'csaf';

/** A `Parsed<VexStatement[]>` that also says which format the document was in. */
export type ParsedVex = { ok: true; value: VexStatement[]; format: VexFormat } | { ok: false; problems: Problem[] };

/** Which VEX format a parsed JSON document is, by the field each format is recognized by. */
export function sniffVex(doc: Json): VexFormat | null {
  if (doc.bomFormat === 'CycloneDX') return 'cyclonedx';
  const context = doc['@context'];
  if (typeof context === 'string' && context.startsWith(OPENVEX_CONTEXT)) return 'openvex';
  if (isObject(doc.document) && (typeof doc.document.csaf_version === 'string' || typeof doc.document.category === 'string')) return 'csaf';
  return null;
}

const refused = (problems: Problem[]): ParsedVex => ({ ok: false, problems });

const READERS: Record<VexFormat, (doc: Json, r: Reader) => VexStatement[]> = { cyclonedx: cyclonedxStatements, openvex: openvexStatements, csaf: csafStatements };

/**
 * A VEX document — CycloneDX 1.4–1.7 JSON, OpenVEX, or CSAF 2.0 with the VEX profile — as the
 * statements it makes, whichever format it is in. Untrusted: size and nesting are limited, and any
 * problem (with its JSON pointer) refuses the whole document, as a half-read VEX would state less
 * than its author did.
 */
export function parseVexStatements(text: string, file = 'VEX document', limits: VexLimits = DEFAULT_VEX_LIMITS): ParsedVex {
  if (text.length > limits.maxLength) {
    return refused([{ file, code: 'PAYLOAD_TOO_LARGE', message: `${file} is ${text.length} characters; a VEX document may have at most ${limits.maxLength}` }]);
  }
  const json = parseJson(text, file, { maxDepth: limits.maxDepth });
  if (!json.ok) return refused(json.problems);
  if (!isObject(json.value)) return refused([{ file, pointer: '', message: 'a VEX document is a JSON object' }]);
  const format = sniffVex(json.value);
  if (!format) {
    return refused([{
      file, pointer: '', code: 'UNKNOWN_FORMAT',
      message: `not a VEX document: expected CycloneDX (bomFormat), OpenVEX (@context ${OPENVEX_CONTEXT}/v0.2.0) or CSAF (document.category csaf_vex)`,
    }]);
  }
  const reader = new Reader(file, limits);
  const statements = READERS[format](json.value, reader);
  return reader.problems.length ? refused(reader.problems) : { ok: true, value: statements, format };
}
