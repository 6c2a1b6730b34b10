import type { Problem } from '../../domain/errors.js';

/** A document that is readable but is no inventory of components (a VEX, an attestation). */
export function notAnSbom(what: string, file?: string): Problem {
  return { message: `not an SBOM: ${what}`, code: 'UNKNOWN_FORMAT', ...(file ? { file } : {}) };
}
