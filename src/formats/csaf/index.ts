export { toCsaf } from './export.js';
export { fromCsaf, fromCsafAll, SPLIT_ID_SEPARATOR, type FromCsafOptions } from './import.js';
export { validateCsaf, csafTestNames, EXCLUDED_MANDATORY_TESTS, type CsafValidationError, type CsafValidationResult } from './validate.js';
export { csafSchemaProblems, CSAF_SCHEMA } from './schema.js';
export type { CsafDocument } from './types.js';
export { cweName } from './cwe.js';
