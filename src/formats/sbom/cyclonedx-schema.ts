import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../schema.js';
import bom14 from './schema/bom-1.4.schema.json' with { type: 'json' };
import bom15 from './schema/bom-1.5.schema.json' with { type: 'json' };
import bom16 from './schema/bom-1.6.schema.json' with { type: 'json' };
import bom17 from './schema/bom-1.7.schema.json' with { type: 'json' };
import jsf from './schema/jsf-0.82.schema.json' with { type: 'json' };
import spdxLicenses from './schema/spdx.schema.json' with { type: 'json' };

const OFFICIAL: Record<string, object> = { '1.4': bom14, '1.5': bom15, '1.6': bom16, '1.7': bom17 };

/** The versions validated against an official schema; 1.2 and 1.3 get structural checks instead. */
export const SCHEMA_VERSIONS = Object.keys(OFFICIAL);

const compiled = new Map<string, ValidateFunction>();

/**
 * The bom schemas reference their siblings by relative URI. compileSchema takes one schema and
 * never fetches, so the siblings are embedded under `definitions` with their own `$id`, where ajv
 * resolves the relative references. 1.7 also references cryptography-defs.schema.json, which the
 * corpus does not ship: its two enums (algorithm families, curve names) are checked as plain strings.
 * ajv-formats knows no `iri-reference` or `idn-email`; ajv would skip them anyway, but log a line
 * per use, so they are dropped here (a bad URL or e-mail in an SBOM does not hide a component).
 */
export function cyclonedxValidator(specVersion: string): ValidateFunction | null {
  const cached = compiled.get(specVersion);
  if (cached) return cached;
  const official = OFFICIAL[specVersion];
  if (!official) return null;
  const copy = structuredClone(official) as { definitions?: Record<string, unknown> };
  copy.definitions = { ...copy.definitions, 'aicc-jsf': jsf, 'aicc-spdx': spdxLicenses };
  const validate = compileSchema(adjust(copy) as object);
  compiled.set(specVersion, validate);
  return validate;
}

const UNCHECKED_FORMATS = new Set(['iri-reference', 'idn-email']);

function adjust(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adjust);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('cryptography-defs.schema.json#')) return { type: 'string' };
  const entries = Object.entries(obj).filter(([k, v]) => !(k === 'format' && typeof v === 'string' && UNCHECKED_FORMATS.has(v)));
  return Object.fromEntries(entries.map(([k, v]) => [k, adjust(v)]));
}
