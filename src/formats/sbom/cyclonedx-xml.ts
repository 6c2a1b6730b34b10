import { assembleSbom, type Sbom } from '../../domain/sbom.js';
import { fail, ok, type Parsed } from '../result.js';
import { isVexOnly, structuralProblems, toRawSbom, type CdxDoc, type Path } from './cyclonedx-model.js';
import { notAnSbom } from './problems.js';
import { parseXml } from './xml.js';

/** 1.1 is accepted too: it spells components the same way and the corpus ships one. */
const VERSIONS = new Set(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
const NAMESPACE = /xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)["']/;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Pointers into the parsed element tree (`/bom/components/component/3/name`): XML elements carry
 * no line numbers once parsed, but the index still names the exact element.
 */
function xmlPointer(path: Path): string {
  const out = ['', 'bom'];
  path.forEach((seg, i) => {
    if (typeof seg === 'number') {
      const parent = path[i - 1];
      out.push(parent === 'components' ? 'component' : 'dependency', String(seg));
    } else if (seg === 'dependsOn') {
      // a dependency's targets are nested <dependency> elements, named by the index that follows
    } else if (seg === 'bom-ref' || seg === 'type' || seg === 'ref') out.push(`@${seg}`);
    else out.push(seg);
  });
  return out.join('/');
}

export function isCyclonedxXml(text: string): boolean {
  return NAMESPACE.test(text.slice(0, 4096));
}

export function parseCyclonedxXml(text: string, file?: string): Parsed<Sbom> {
  const version = NAMESPACE.exec(text.slice(0, 4096))?.[1];
  if (!version || !VERSIONS.has(version)) {
    return fail([{ message: `unsupported CycloneDX XML namespace version ${JSON.stringify(version ?? null)} (1.1 to 1.6)`, line: 1, ...(file ? { file } : {}) }]);
  }
  const xml = parseXml(text, file);
  if (!xml.ok) return xml;
  const bom = xml.value.bom;
  if (!isNode(bom)) return fail([{ message: 'the root element must be a CycloneDX <bom>', pointer: '/bom', ...(file ? { file } : {}) }]);
  const doc = toDoc(bom, version);
  const problems = structuralProblems(doc, xmlPointer, file);
  if (problems.length) return fail(problems);
  const cdx = doc as unknown as CdxDoc;
  if (isVexOnly(cdx)) return fail([notAnSbom('a CycloneDX VEX: it lists vulnerabilities but no components', file)]);
  return ok(assembleSbom(toRawSbom(cdx, xmlPointer), file));
}

/** Converts the element tree to CycloneDX's JSON spelling; anything odd is kept as-is for the structural check to name. */
function toDoc(bom: Node, specVersion: string): Node {
  const doc: Node = { specVersion };
  const metadata = bom.metadata;
  if (isNode(metadata)) {
    const root = first(metadata.component);
    doc.metadata = root === undefined ? {} : { component: component(root) };
  }
  const components = listOf(bom.components, 'component');
  if (components !== undefined) doc.components = Array.isArray(components) ? components.map(component) : components;
  const deps = listOf(bom.dependencies, 'dependency');
  if (deps !== undefined) doc.dependencies = Array.isArray(deps) ? deps.map(dependency) : deps;
  const vulns = listOf(bom.vulnerabilities, 'vulnerability');
  if (Array.isArray(vulns)) doc.vulnerabilities = vulns;
  return doc;
}

function component(c: unknown): unknown {
  if (!isNode(c)) return c;
  const out: Node = {};
  const attrs = { 'bom-ref': c['@_bom-ref'], type: c['@_type'] };
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  for (const k of ['group', 'name', 'version', 'purl', 'cpe']) {
    const v = text(c[k]);
    if (v !== undefined) out[k] = v;
  }
  const nested = listOf(c.components, 'component');
  if (nested !== undefined) out.components = Array.isArray(nested) ? nested.map(component) : nested;
  return out;
}

function dependency(d: unknown): unknown {
  if (!isNode(d)) return d;
  const on = listOf(d, 'dependency');
  return { ref: d['@_ref'], dependsOn: Array.isArray(on) ? (on as unknown[]).map((x) => (isNode(x) ? x['@_ref'] : x)) : [] };
}

/** `<components/>` parses as '' and `<components><component/>…` as { component: [...] }. */
function listOf(container: unknown, child: string): unknown {
  if (container === undefined) return undefined;
  if (container === '') return [];
  if (!isNode(container)) return container;
  return container[child] ?? [];
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? (v as unknown[])[0] : v;
}

/** Leaf text; an element with attributes parses as { '#text': … }. */
function text(v: unknown): unknown {
  if (isNode(v) && '#text' in v) return v['#text'];
  return v;
}
