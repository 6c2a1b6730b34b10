import type { Problem } from '../../domain/errors.js';
import type { KevEntry } from '../../domain/vulnerability.js';
import { fail, ok, type Parsed } from '../result.js';
import { compileSchema, schemaProblems } from '../schema.js';
import schema from './schema.json' with { type: 'json' };

export interface KevCatalog {
  catalogVersion: string;
  dateReleased: string;
  entries: KevEntry[];
}

/** The catalog as the official schema guarantees it. */
interface KevDocument {
  catalogVersion: string;
  dateReleased: string;
  count: number;
  vulnerabilities: Array<{
    cveID: string;
    vendorProject: string;
    product: string;
    vulnerabilityName: string;
    dateAdded: string;
    shortDescription: string;
    requiredAction: string;
    dueDate: string;
    knownRansomwareCampaignUse?: string;
    notes?: string;
    cwes?: string[];
  }>;
}

/** Validates CISA's KEV catalog against its schema; a CVE listed twice is a problem, not a silent overwrite. */
export function parseKev(doc: unknown, file?: string): Parsed<KevCatalog> {
  const invalid = schemaProblems(compileSchema(schema), doc, file);
  if (invalid.length) return fail(invalid);
  const catalog = doc as KevDocument;
  const problems: Problem[] = [];
  const firstAt = new Map<string, number>();
  catalog.vulnerabilities.forEach((v, i) => {
    const earlier = firstAt.get(v.cveID);
    if (earlier === undefined) firstAt.set(v.cveID, i);
    else {
      problems.push({
        message: `${v.cveID} is listed twice: at /vulnerabilities/${earlier} and /vulnerabilities/${i}`,
        pointer: `/vulnerabilities/${i}/cveID`,
        ...(file ? { file } : {}),
      });
    }
  });
  if (problems.length) return fail(problems);
  return ok({
    catalogVersion: catalog.catalogVersion,
    dateReleased: catalog.dateReleased,
    entries: catalog.vulnerabilities.map((v) => ({
      cveId: v.cveID,
      vendorProject: v.vendorProject,
      product: v.product,
      vulnerabilityName: v.vulnerabilityName,
      dateAdded: v.dateAdded,
      shortDescription: v.shortDescription,
      requiredAction: v.requiredAction,
      dueDate: v.dueDate,
      // CISA's own wording for "no confirmed ransomware use"; older catalogs omit the field.
      knownRansomwareCampaignUse: v.knownRansomwareCampaignUse ?? 'Unknown',
      notes: v.notes ?? '',
      cwes: v.cwes ?? [],
    })),
  });
}
