import type { Problem } from './errors.js';
import { normalizePurl } from './purl.js';

/** One package an SBOM lists, after duplicates were merged. */
export interface SbomComponent {
  /** the document's own identifier (CycloneDX bom-ref, SPDX SPDXID) of the first occurrence */
  ref: string;
  /** every identifier merged into this component, `ref` first; dependency edges may name any of them */
  refs: string[];
  name: string;
  /** CycloneDX `group` (Maven groupId, npm scope); kept apart so `core@1.0` of two groups never merge */
  group: string | null;
  version: string | null;
  /** canonical purl, version included, or null when absent or invalid */
  purl: string | null;
  /** true when there is no usable purl: such a component can only be matched by CPE or by name */
  purlless: boolean;
  cpe: string | null;
  type: string | null;
  /** one step from the root; null when the document has no dependency graph from its root */
  direct: boolean | null;
  /** canonical refs (see `ref`) of the components this one depends on or contains */
  dependsOn: string[];
}

export interface Sbom {
  format: 'cyclonedx' | 'spdx';
  specVersion: string;
  /** the product the SBOM describes (CycloneDX metadata.component, SPDX described package or document name) */
  name: string | null;
  components: SbomComponent[];
  /** how many components have no usable purl */
  purlless: number;
  /** findings that did not reject the document: missing or invalid purls (capped per document) */
  problems: Problem[];
}

/** A component as a format adapter read it, before normalization and merging. */
export interface RawComponent {
  ref: string;
  name: string;
  group: string | null;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  type: string | null;
  /** where the component sits in its document, for problems */
  at: Pick<Problem, 'pointer' | 'line'>;
}

export interface RawSbom {
  format: Sbom['format'];
  specVersion: string;
  name: string | null;
  components: RawComponent[];
  /** refs of the product(s) the document describes; they are not components themselves */
  roots: string[];
  /** dependency edges by source ref, or null when the document carries no graph */
  edges: Map<string, string[]> | null;
}

/** Per-document cap on warnings, so a 10,000-package SBOM without purls stays readable. */
const MAX_WARNINGS = 50;

/**
 * Normalizes purls, merges duplicates (same purl; else same group, name and version) and derives
 * direct vs transitive from the graph. Pure: adapters do all reading.
 */
export function assembleSbom(raw: RawSbom, file?: string): Sbom {
  const warnings: Problem[] = [];
  let suppressed = 0;
  const warn = (at: RawComponent['at'], message: string): void => {
    if (warnings.length >= MAX_WARNINGS) suppressed++;
    else warnings.push({ message, ...at, ...(file ? { file } : {}) });
  };

  const byKey = new Map<string, SbomComponent>();
  const canonical = new Map<string, SbomComponent>();
  const roots = new Set(raw.roots);
  for (const rc of raw.components) {
    if (roots.has(rc.ref)) continue;
    const purl = purlOf(rc, warn);
    const key = purl ? `purl:${purl}` : `nv:${rc.group ?? ''}/${rc.name}@${rc.version ?? ''}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.refs.includes(rc.ref)) existing.refs.push(rc.ref);
      existing.cpe ??= rc.cpe;
      existing.type ??= rc.type;
      canonical.set(rc.ref, existing);
      continue;
    }
    if (!purl) warn(rc.at, `component '${label(rc)}' has no purl${rc.cpe ? ' (kept with its CPE)' : ''}`);
    const component: SbomComponent = {
      ref: rc.ref,
      refs: [rc.ref],
      name: rc.name,
      group: rc.group,
      version: rc.version,
      purl,
      purlless: purl === null,
      cpe: rc.cpe,
      type: rc.type,
      direct: null,
      dependsOn: [],
    };
    byKey.set(key, component);
    canonical.set(rc.ref, component);
  }

  const components = [...byKey.values()];
  if (raw.edges) linkGraph(raw.edges, roots, canonical, components);
  if (suppressed) warnings.push({ message: `${suppressed} more warnings not shown`, ...(file ? { file } : {}) });
  return {
    format: raw.format,
    specVersion: raw.specVersion,
    name: raw.name,
    components,
    purlless: components.filter((c) => c.purlless).length,
    problems: warnings,
  };
}

function purlOf(rc: RawComponent, warn: (at: RawComponent['at'], message: string) => void): string | null {
  if (!rc.purl) return null;
  const r = normalizePurl(rc.purl);
  if (r.ok) return r.purl;
  warn(rc.at, `component '${label(rc)}' has an invalid purl: ${r.error}`);
  return null;
}

function label(rc: RawComponent): string {
  return `${rc.group ? `${rc.group}/` : ''}${rc.name}${rc.version ? `@${rc.version}` : ''}`;
}

/**
 * Edges are rewritten to canonical refs so consumers can look components up by `ref`. A graph
 * only tells direct from transitive when it says what a root depends on; otherwise `direct` stays null.
 */
function linkGraph(edges: Map<string, string[]>, roots: Set<string>, canonical: Map<string, SbomComponent>, components: SbomComponent[]): void {
  const directRefs = new Set<string>();
  let rootHasEdges = false;
  for (const [from, targets] of edges) {
    const targetRefs = targets.map((t) => canonical.get(t)?.ref).filter((t): t is string => t !== undefined);
    if (roots.has(from)) {
      rootHasEdges = true;
      for (const t of targetRefs) directRefs.add(t);
      continue;
    }
    const source = canonical.get(from);
    if (!source) continue;
    for (const t of targetRefs) if (t !== source.ref && !source.dependsOn.includes(t)) source.dependsOn.push(t);
  }
  if (!rootHasEdges) return;
  for (const c of components) c.direct = directRefs.has(c.ref);
}
