import type { AdvisoryScore, Severity } from '../domain/advisory.js';
import { PRODUCT_STATUSES } from '../domain/advisory.js';
import { scoreCvss, severityRating } from '../domain/cvss.js';
import { TLP_LABELS } from '../domain/tlp.js';
import { parseAndNormalize } from '../domain/vers/index.js';

/** What the advisory exporters (osv/, cve5/, vex/) share: schemas of the parts they keep in extension fields, vers as intervals, scores. */

const text = { type: 'string' } as const;
export const nullableText = { type: ['string', 'null'] } as const;
/** A JSON schema object with exactly these properties, all required but the optional ones. */
export const closedObject = (properties: Record<string, object>, optional: readonly string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

export const PACKAGE_PRODUCT_PROPERTIES = {
  id: { type: 'string', minLength: 1 },
  vendor: text,
  name: text,
  cpe: nullableText,
  versions: { type: 'string', minLength: 1 },
  status: { enum: PRODUCT_STATUSES },
  justification: {
    enum: ['component_not_present', 'vulnerable_code_not_present', 'vulnerable_code_cannot_be_controlled_by_adversary', 'vulnerable_code_not_in_execute_path', 'inline_mitigations_already_exist'],
  },
};
const PRODUCT_PROPERTIES = { ...PACKAGE_PRODUCT_PROPERTIES, purl: nullableText };

/** JSON schemas of the advisory's parts, for checking what an adapter keeps in its extension fields. */
export const ADVISORY_PARTS = {
  title: text,
  summary: text,
  tlp: { enum: TLP_LABELS },
  status: { enum: ['draft', 'interim', 'final'] },
  revisions: { type: 'array', items: closedObject({ number: text, date: text, summary: text }) },
  cwes: { type: 'array', items: closedObject({ id: { type: 'string', pattern: '^CWE-[1-9][0-9]*$' }, name: text }) },
  remediations: {
    type: 'array',
    items: closedObject({
      category: { enum: ['vendor_fix', 'workaround', 'mitigation', 'no_fix_planned', 'none_available'] },
      details: text,
      url: nullableText,
      productIds: { type: 'array', minItems: 1, items: text },
    }),
  },
  publisher: closedObject({ name: text, namespace: text, contactDetails: nullableText }),
  acknowledgment: closedObject({ name: text, organization: nullableText, summary: nullableText }),
  product: closedObject(PRODUCT_PROPERTIES, ['justification']),
  productStatus: PRODUCT_PROPERTIES.status,
  justification: PRODUCT_PROPERTIES.justification,
  strings: { type: 'array', items: text },
} as const;

export interface VersInterval {
  introduced: string;
  fixed?: string;
  lastAffected?: string;
}

/**
 * A product's versions as start/end intervals and single versions; a plain version is one point.
 * Null for a vers that does not parse or uses what start/end lists cannot say (`>`, `!=`).
 */
export function versShape(versions: string): { scheme: string | null; intervals: VersInterval[]; points: string[] } | null {
  if (!versions.startsWith('vers:')) return { scheme: null, intervals: [], points: [versions] };
  const r = parseAndNormalize(versions);
  if (!r.ok) return null;
  const intervals: VersInterval[] = [];
  const points: string[] = [];
  let open: string | null = null;
  for (const { comparator, version } of r.vers.constraints) {
    if (comparator === '*') return { scheme: r.vers.scheme, intervals: [{ introduced: '0' }], points: [] };
    if (comparator === '=') points.push(version);
    else if (comparator === '>=') open = version;
    else if (comparator === '<') intervals.push({ introduced: open ?? '0', fixed: version });
    else if (comparator === '<=') intervals.push({ introduced: open ?? '0', lastAffected: version });
    else return null;
    if (comparator === '<' || comparator === '<=') open = null;
  }
  if (open !== null) intervals.push({ introduced: open });
  return { scheme: r.vers.scheme, intervals, points };
}

/** An advisory score from a vector: the base score and rating are computed, never read. */
export function advisoryScore(vector: string): { ok: true; score: AdvisoryScore } | { ok: false; error: string } {
  const r = scoreCvss(vector);
  if (!r.ok) return r;
  if (r.version !== '3.1' && r.version !== '4.0') return { ok: false, error: `CVSS ${r.version} is not an advisory score (3.1 and 4.0 are)` };
  const severity = severityRating(r.baseScore).toUpperCase() as Severity;
  return { ok: true, score: { version: r.version, vector: r.vector, baseScore: r.baseScore, severity } };
}

