import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '../domain/errors.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const cache = new Map<AnySchema, ValidateFunction>();

/**
 * Compiles an official JSON schema kept in the repo. Remote references are never fetched:
 * a schema that needs one fails to compile here, loudly, at first use.
 */
export function compileSchema(schema: AnySchema, options: { strict?: boolean } = {}): ValidateFunction {
  const cached = cache.get(schema);
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: options.strict ?? false, validateFormats: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  cache.set(schema, validate);
  return validate;
}

/** Validation findings as data: one problem per schema error, at its JSON pointer. */
export function schemaProblems(validate: ValidateFunction, data: unknown, file?: string, limit = 20): Problem[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, limit).map((e: ErrorObject) => ({
    pointer: e.instancePath || '',
    message: describe(e),
    ...(file ? { file } : {}),
  }));
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    return `${e.message ?? 'invalid'}: '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`;
  }
  if (e.keyword === 'enum') {
    return `${e.message ?? 'invalid'}: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`;
  }
  return e.message ?? e.keyword;
}
