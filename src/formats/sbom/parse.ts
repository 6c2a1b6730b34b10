import type { Sbom } from '../../domain/sbom.js';
import { parseJson } from '../json.js';
import { fail, type Parsed } from '../result.js';
import { parseCyclonedxJson } from './cyclonedx-json.js';
import { isCyclonedxXml, parseCyclonedxXml } from './cyclonedx-xml.js';
import { notAnSbom } from './problems.js';
import { parseSpdxJson } from './spdx-json.js';
import { isSpdxTagValue, parseSpdxTagValue } from './spdx-tag-value.js';

/**
 * Any supported SBOM, recognized by content rather than by file name: CycloneDX JSON (1.2–1.7) or
 * XML (1.1–1.6), SPDX 2.2/2.3 JSON or tag-value. Never throws; problems carry a line or pointer.
 */
export function parseSbom(text: string, file?: string): Parsed<Sbom> {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  if (start.startsWith('{')) return parseSbomJson(body, file);
  if (start.startsWith('<')) {
    if (isCyclonedxXml(body)) return parseCyclonedxXml(body, file);
    return fail([{ message: 'XML that is not a CycloneDX BOM (no http://cyclonedx.org/schema/bom/ namespace)', code: 'UNKNOWN_FORMAT', line: 1, ...(file ? { file } : {}) }]);
  }
  if (isSpdxTagValue(body)) return parseSpdxTagValue(body, file);
  return fail([{ message: 'not a recognized SBOM: expected CycloneDX JSON or XML, or SPDX JSON or tag-value', code: 'UNKNOWN_FORMAT', ...(file ? { file } : {}) }]);
}

function parseSbomJson(text: string, file?: string): Parsed<Sbom> {
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  const doc = parsed.value as Record<string, unknown>;
  if (doc.bomFormat === 'CycloneDX') return parseCyclonedxJson(doc, file);
  if (typeof doc.spdxVersion === 'string') return parseSpdxJson(doc, file);
  if (typeof doc._type === 'string' && doc._type.startsWith('https://in-toto.io/')) {
    return fail([notAnSbom('an in-toto attestation statement; parse its predicate instead', file)]);
  }
  if (typeof doc.payloadType === 'string' && 'payload' in doc) return fail([notAnSbom('a DSSE envelope (signed attestation)', file)]);
  return fail([{ message: "JSON that is neither CycloneDX (bomFormat) nor SPDX (spdxVersion)", code: 'UNKNOWN_FORMAT', pointer: '', ...(file ? { file } : {}) }]);
}
