import cvss20 from '@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js';
import cvss30 from '@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js';
import cvss31 from '@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '../../domain/errors.js';
import { schemaProblems } from '../schema.js';
import officialSchema from './schema.json' with { type: 'json' };

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * An ajv for CSAF 2.0's schemas (draft 2020-12, which the shared draft-07 compileSchema cannot
 * read), holding the official document schema. Its CVSS references are served from the copies the
 * validator library ships, registered under the URLs the schema names, so nothing is ever fetched;
 * the provider metadata schema (formats/csaf-provider) resolves its `publisher` reference here too.
 */
export function csafAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(cvss20, 'https://www.first.org/cvss/cvss-v2.0.json');
  ajv.addSchema(cvss30, 'https://www.first.org/cvss/cvss-v3.0.json');
  ajv.addSchema(cvss31, 'https://www.first.org/cvss/cvss-v3.1.json');
  ajv.addSchema(officialSchema);
  return ajv;
}

let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction => (compiled ??= csafAjv().getSchema(officialSchema.$id)!);

/** Schema findings for a CSAF 2.0 document, at JSON pointers; empty when it is valid. */
export function csafSchemaProblems(doc: unknown, limit = 20): Problem[] {
  return schemaProblems(validator(), doc, undefined, limit);
}

/** The unmodified official schema. */
export const CSAF_SCHEMA: object = officialSchema;
