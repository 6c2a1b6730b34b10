import type { ValidateFunction } from 'ajv';
import type { Problem } from '../../domain/errors.js';
import { csafAjv } from '../csaf/schema.js';
import { schemaProblems } from '../schema.js';
import providerSchema from './provider-schema.json' with { type: 'json' };

/** The official CSAF 2.0 provider metadata schema (draft 2020-12), unmodified. */
export const PROVIDER_METADATA_SCHEMA: object = providerSchema;

let compiled: ValidateFunction | undefined;
// `publisher` is taken from the CSAF document schema by absolute URL: csafAjv holds that schema.
const validator = (): ValidateFunction => (compiled ??= csafAjv().compile(providerSchema));

/** Schema findings for a provider-metadata.json, each at its JSON pointer; empty when it is valid. */
export function validateProviderMetadata(doc: unknown): Problem[] {
  return schemaProblems(validator(), doc);
}
