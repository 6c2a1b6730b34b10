import type { RawComponent, RawSbom } from '../../domain/sbom.js';

/** What AICC reads from SPDX 2.x, whether it came as JSON or tag-value. */
export interface SpdxDoc {
  /** '2.2' or '2.3' */
  specVersion: string;
  name: string | null;
  documentId: string;
  packages: SpdxPackage[];
  /** documentDescribes (JSON) */
  describes: string[];
  relationships: SpdxRelationship[];
}

export interface SpdxPackage {
  id: string;
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  purpose: string | null;
  at: RawComponent['at'];
}

export interface SpdxRelationship {
  from: string;
  type: string;
  to: string;
}

export const SPDX_VERSIONS = new Set(['SPDX-2.2', 'SPDX-2.3']);

/** Relationship types that make an edge, and whether the edge points the other way. */
const EDGES: Record<string, 'forward' | 'reverse'> = {
  DEPENDS_ON: 'forward',
  CONTAINS: 'forward',
  DEPENDENCY_OF: 'reverse',
  CONTAINED_BY: 'reverse',
};

/**
 * The described packages are the product, not its components, unless the document describes every
 * package it lists (a flat inventory): then nothing is a root and nothing is dropped.
 */
export function spdxToRaw(doc: SpdxDoc): RawSbom {
  const described = new Set(doc.describes);
  const edges = new Map<string, string[]>();
  for (const r of doc.relationships) {
    if (r.type === 'DESCRIBES' && r.from === doc.documentId) described.add(r.to);
    else if (r.type === 'DESCRIBED_BY' && r.to === doc.documentId) described.add(r.from);
    const direction = EDGES[r.type];
    if (!direction) continue;
    const [from, to] = direction === 'forward' ? [r.from, r.to] : [r.to, r.from];
    edges.set(from, [...(edges.get(from) ?? []), to]);
  }
  const ids = new Set(doc.packages.map((p) => p.id));
  const rootIds = [...described].filter((id) => ids.has(id));
  const roots = rootIds.length < doc.packages.length ? rootIds : [];
  const rootPackage = roots.length === 1 ? doc.packages.find((p) => p.id === roots[0]) : undefined;
  return {
    format: 'spdx',
    specVersion: doc.specVersion,
    name: rootPackage?.name ?? doc.name,
    components: doc.packages.map((p) => ({
      ref: p.id,
      name: p.name,
      group: null,
      version: p.version,
      purl: p.purl,
      cpe: p.cpe,
      type: p.purpose ? p.purpose.toLowerCase() : null,
      at: p.at,
    })),
    roots,
    edges: edges.size ? edges : null,
  };
}

/** Reads an external reference; the category is spelled with '-' in tag-value and '_' in JSON. */
export function applyExternalRef(p: Pick<SpdxPackage, 'purl' | 'cpe'>, type: string, locator: string): void {
  if (type === 'purl') p.purl ??= locator;
  // a CPE 2.3 string wins over a 2.2 URI for the same package
  else if (type === 'cpe23Type') p.cpe = p.cpe?.startsWith('cpe:2.3:') ? p.cpe : locator;
  else if (type === 'cpe22Type') p.cpe ??= locator;
}
