import type { Problem } from '../../domain/errors.js';
import { compileSchema, schemaProblems } from '../schema.js';
import officialSchema from './schema.json' with { type: 'json' };

type Branch = 'Published' | 'Rejected';

/**
 * The official schema is `oneOf: [Published, Rejected]`, told apart only by cveMetadata.state.
 * Validating against the whole of it reports every failure twice over (once per branch) plus a
 * bare "must match exactly one schema". Since the state enums exclude each other, validating the
 * branch the record claims is equivalent and yields only the findings that matter.
 */
function branchSchema(title: Branch): object {
  const { oneOf, ...shared } = officialSchema;
  const branch = oneOf.find((b) => b.title === title);
  if (!branch) throw new Error(`CVE schema no longer has a '${title}' branch`);
  return { ...shared, ...branch };
}

const schemas = {
  Published: branchSchema('Published'),
  Rejected: branchSchema('Rejected'),
  Any: officialSchema,
} as const;

function claimedBranch(doc: unknown): keyof typeof schemas {
  if (typeof doc !== 'object' || doc === null) return 'Any';
  const meta = (doc as { cveMetadata?: unknown }).cveMetadata;
  const state = typeof meta === 'object' && meta !== null ? (meta as { state?: unknown }).state : undefined;
  if (state === 'PUBLISHED') return 'Published';
  if (state === 'REJECTED') return 'Rejected';
  return 'Any';
}

/** Schema findings for a CVE JSON 5.x record, at JSON pointers; empty when it is valid. */
export function cve5SchemaProblems(doc: unknown, file?: string): Problem[] {
  return schemaProblems(compileSchema(schemas[claimedBranch(doc)]), doc, file);
}

/** The unmodified official schema, for callers that want the reference validator. */
export const CVE5_SCHEMA: object = officialSchema;
