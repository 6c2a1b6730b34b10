import type { Problem } from '../../domain/errors.js';
import type { RawComponent, RawSbom } from '../../domain/sbom.js';

/** Path segments from the document root, turned into a pointer by the adapter (JSON and XML differ). */
export type Path = Array<string | number>;
export type PointerOf = (path: Path) => string;

/**
 * The parts of a CycloneDX BOM that AICC reads, as JSON spells them; the XML adapter converts into
 * this shape so both share one structural check and one reading.
 */
export interface CdxDoc {
  specVersion: string;
  metadata?: { component?: CdxComponent };
  components?: CdxComponent[];
  dependencies?: Array<{ ref: string; dependsOn?: string[] }>;
  vulnerabilities?: unknown[];
}

export interface CdxComponent {
  'bom-ref'?: string;
  type?: string;
  group?: string;
  name?: string;
  version?: string;
  purl?: string;
  cpe?: string;
  components?: CdxComponent[];
}

type Report = (path: Path, message: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks what the reader relies on. 1.4+ already passed the official schema; 1.2/1.3 (whose JSON
 * schemas the corpus does not ship) and XML get only this, so it names each problem's place.
 */
export function structuralProblems(doc: Record<string, unknown>, pointerOf: PointerOf, file?: string): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) => {
    if (problems.length < 20) problems.push({ message, pointer: pointerOf(path), ...(file ? { file } : {}) });
  };
  const metadata = doc.metadata;
  if (metadata !== undefined) {
    if (!isObject(metadata)) report(['metadata'], 'must be an object');
    else if (metadata.component !== undefined) checkComponent(metadata.component, ['metadata', 'component'], report);
  }
  checkComponents(doc.components, ['components'], report);
  const deps = doc.dependencies;
  if (deps !== undefined) {
    if (!Array.isArray(deps)) report(['dependencies'], 'must be an array');
    else deps.forEach((d: unknown, i) => checkDependency(d, ['dependencies', i], report));
  }
  return problems;
}

function checkComponents(list: unknown, path: Path, report: Report): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) return report(path, 'must be an array');
  list.forEach((c: unknown, i) => checkComponent(c, [...path, i], report));
}

function checkComponent(c: unknown, path: Path, report: Report): void {
  if (!isObject(c)) return report(path, 'must be an object');
  if (typeof c.name !== 'string' || !c.name) report([...path, 'name'], "must have a non-empty 'name'");
  for (const key of ['bom-ref', 'type', 'group', 'version', 'purl', 'cpe'] as const) {
    if (c[key] !== undefined && typeof c[key] !== 'string') report([...path, key], 'must be a string');
  }
  checkComponents(c.components, [...path, 'components'], report);
}

function checkDependency(d: unknown, path: Path, report: Report): void {
  if (!isObject(d)) return report(path, 'must be an object');
  if (typeof d.ref !== 'string' || !d.ref) report([...path, 'ref'], "must have a non-empty 'ref'");
  const on = d.dependsOn;
  if (on === undefined) return;
  if (!Array.isArray(on)) return report([...path, 'dependsOn'], 'must be an array');
  on.forEach((r: unknown, i) => {
    if (typeof r !== 'string') report([...path, 'dependsOn', i], 'must be a string');
  });
}

/** A VEX names vulnerabilities but lists no components: nothing in it can be matched as an inventory. */
export function isVexOnly(doc: CdxDoc): boolean {
  return (doc.vulnerabilities?.length ?? 0) > 0 && (doc.components?.length ?? 0) === 0;
}

/** Flattens nested components (pre-order) and keeps the graph; a component without bom-ref gets its pointer as ref. */
export function toRawSbom(doc: CdxDoc, pointerOf: PointerOf): RawSbom {
  const components: RawComponent[] = [];
  const walk = (list: CdxComponent[] | undefined, path: Path): void => {
    (list ?? []).forEach((c, i) => {
      const at = [...path, i];
      components.push(rawComponent(c, at, pointerOf));
      walk(c.components, [...at, 'components']);
    });
  };
  const root = doc.metadata?.component;
  const rootRef = root ? (root['bom-ref'] ?? pointerOf(['metadata', 'component'])) : null;
  walk(root?.components, ['metadata', 'component', 'components']);
  walk(doc.components, ['components']);

  let edges: Map<string, string[]> | null = null;
  if (doc.dependencies?.length) {
    edges = new Map();
    for (const d of doc.dependencies) edges.set(d.ref, [...(edges.get(d.ref) ?? []), ...(d.dependsOn ?? [])]);
  }
  return {
    format: 'cyclonedx',
    specVersion: doc.specVersion,
    name: root?.name ?? null,
    components,
    roots: rootRef ? [rootRef] : [],
    edges,
  };
}

function rawComponent(c: CdxComponent, path: Path, pointerOf: PointerOf): RawComponent {
  const pointer = pointerOf(path);
  return {
    ref: c['bom-ref'] ?? pointer,
    name: c.name ?? '',
    group: c.group || null,
    version: c.version || null,
    purl: c.purl || null,
    cpe: c.cpe || null,
    type: c.type ?? null,
    at: { pointer },
  };
}
