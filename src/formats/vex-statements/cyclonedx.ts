import { at, CYCLONEDX_JUSTIFICATIONS, FALSE_POSITIVE, isObject, text, uniqueProducts, VEX_JUSTIFICATIONS, type Json, type Reader, type VexProduct, type VexStatement, type VexStatus } from './statement.js';

/*
 * CycloneDX 1.4+ JSON as VEX: each `vulnerabilities[]` entry with an `analysis` is one statement
 * about the components its `affects[].ref` name. A ref is a bom-ref of this BOM (metadata.component
 * or any component, nested ones too) or a BOM-Link (`urn:cdx:serial/version#bom-ref`) into another
 * BOM, whose fragment is resolved here when this BOM holds it, else kept: a purl as the purl, anything
 * else as the product's name. `affects[].versions` are not evaluated: the statement is about the
 * component as referenced.
 */

const VERSIONS = new Set(['1.4', '1.5', '1.6', '1.7']);

const STATE: Readonly<Record<string, VexStatus>> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
  false_positive: 'not_affected',
  not_affected: 'not_affected',
};

const RESPONSES = new Set(['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available']);
/** formats/vex/advisory.ts keeps the exact CSAF justification here, as CycloneDX's are coarser */
const AICC_JUSTIFICATION = 'aicc:justification';

interface Component {
  raw: Json;
  pointer: string;
  /** the BOM's subject: named by its name even when it has a purl */
  subject: boolean;
}

export function cyclonedxStatements(doc: Json, r: Reader): VexStatement[] {
  const spec = doc.specVersion;
  if (typeof spec !== 'string' || !VERSIONS.has(spec)) {
    r.problem('/specVersion', `CycloneDX ${typeof spec === 'string' ? spec : '(no specVersion)'} has no VEX; 1.4 to 1.7 do`);
    return [];
  }
  const components = indexComponents(doc, r);
  const products = new Map<string, VexProduct | null>();
  const productOf = (c: Component): VexProduct | null => {
    const key = c.pointer;
    if (!products.has(key)) products.set(key, componentProduct(c, r));
    return products.get(key)!;
  };

  if (!Array.isArray(doc.vulnerabilities)) {
    r.problem('/vulnerabilities', 'a CycloneDX VEX document lists vulnerabilities');
    return [];
  }
  const out: VexStatement[] = [];
  doc.vulnerabilities.forEach((v: unknown, i) => {
    const here = at('/vulnerabilities', i);
    if (!isObject(v)) return r.problem(here, 'a vulnerability is an object');
    const id = text(v.id);
    if (!id) r.problem(at(here, 'id'), 'a vulnerability needs an id');
    const analysis = v.analysis;
    if (!isObject(analysis) || typeof analysis.state !== 'string') return r.problem(at(here, 'analysis', 'state'), 'a VEX statement needs analysis.state');
    const status = STATE[analysis.state];
    if (!status) return r.problem(at(here, 'analysis', 'state'), `unknown analysis state '${analysis.state.slice(0, 60)}'`);

    const justification = status === 'not_affected' ? justificationOf(v, analysis, here, r) : null;
    const responses = r.strings(analysis.response, at(here, 'analysis', 'response'), 'response');
    responses.forEach((resp, j) => {
      if (!RESPONSES.has(resp)) r.problem(at(here, 'analysis', 'response', j), `unknown response '${resp.slice(0, 60)}'`);
    });
    const action = [text(v.recommendation), text(v.workaround), responses.length ? `response: ${responses.join(', ')}` : undefined].filter(Boolean).join('\n');

    // without affects the statement names no product (CycloneDX's "all products" example): kept, it matches nothing
    const affects = r.array(v.affects, at(here, 'affects'), 'affects');
    if (!r.countRefs(affects.length, at(here, 'affects'))) return;
    const named: VexProduct[] = [];
    affects.forEach((a, j) => {
      const where = at(here, 'affects', j, 'ref');
      const ref = isObject(a) ? text(a.ref) : undefined;
      if (!ref) return r.problem(where, 'an affects entry needs a ref');
      const p = resolveRef(ref, components, productOf, where, r);
      if (p) named.push(p);
    });
    if (!id) return;
    out.push({
      vulnerability: id,
      aliases: aliasesOf(v, id, here, r),
      products: uniqueProducts(named),
      status,
      justification,
      statement: text(analysis.detail) ?? '',
      action,
    });
  });
  return out;
}

function justificationOf(v: Json, analysis: Json, here: string, r: Reader): string | null {
  // our own export carries the exact CSAF justification beside CycloneDX's coarser one
  const exact = Array.isArray(v.properties)
    ? v.properties.find((p): p is Json => isObject(p) && p.name === AICC_JUSTIFICATION && typeof p.value === 'string')?.value
    : undefined;
  if (typeof exact === 'string' && (VEX_JUSTIFICATIONS as readonly string[]).includes(exact)) return exact;
  if (analysis.justification === undefined) return analysis.state === 'false_positive' ? FALSE_POSITIVE : null;
  const code = typeof analysis.justification === 'string' ? CYCLONEDX_JUSTIFICATIONS[analysis.justification] : undefined;
  if (!code) r.problem(at(here, 'analysis', 'justification'), `unknown justification ${JSON.stringify(analysis.justification).slice(0, 60)}`);
  return code ?? null;
}

/** CycloneDX's `references` are the same vulnerability under other ids (GHSA, SNYK, …). */
function aliasesOf(v: Json, id: string, here: string, r: Reader): string[] {
  const aliases = new Set<string>();
  r.array(v.references, at(here, 'references'), 'references').forEach((ref) => {
    const alias = isObject(ref) ? text(ref.id) : undefined;
    if (alias && alias !== id) aliases.add(alias);
  });
  return [...aliases];
}

function indexComponents(doc: Json, r: Reader): Map<string, Component> {
  const byRef = new Map<string, Component>();
  const add = (c: unknown, pointer: string, subject: boolean, depth: number) => {
    if (!isObject(c)) return;
    const ref = text(c['bom-ref']);
    if (ref && !byRef.has(ref)) byRef.set(ref, { raw: c, pointer, subject });
    if (depth < 32) r.array(c.components, at(pointer, 'components'), 'components').forEach((child, i) => add(child, at(pointer, 'components', i), false, depth + 1));
  };
  if (isObject(doc.metadata)) add(doc.metadata.component, '/metadata/component', true, 0);
  r.array(doc.components, '/components', 'components').forEach((c, i) => add(c, at('/components', i), false, 0));
  return byRef;
}

function componentProduct(c: Component, r: Reader): VexProduct | null {
  const raw = text(c.raw.purl);
  const purl = raw === undefined ? undefined : r.purl(raw, at(c.pointer, 'purl'));
  if (raw !== undefined && purl === undefined) return null;
  const cpe = text(c.raw.cpe);
  const name = text(c.raw.name);
  const product: VexProduct = {
    ...(purl ? { purl } : {}),
    ...(cpe ? { cpe } : {}),
    ...(name && (c.subject || !purl) ? { name } : {}),
  };
  if (!product.purl && !product.cpe && !product.name) {
    r.problem(c.pointer, 'the component names no product: no purl, cpe or name');
    return null;
  }
  return product;
}

const BOM_LINK = /^urn:cdx:[^#/]+\/\d+#(.+)$/;

function resolveRef(ref: string, components: Map<string, Component>, productOf: (c: Component) => VexProduct | null, where: string, r: Reader): VexProduct | null {
  const local = components.get(ref);
  if (local) return productOf(local);
  const fragment = BOM_LINK.exec(ref)?.[1];
  if (fragment !== undefined) {
    const target = decodeFragment(fragment);
    const known = components.get(target);
    if (known) return productOf(known);
    if (target.startsWith('pkg:')) {
      const purl = r.purl(target, where);
      return purl ? { purl } : null;
    }
    return { name: target };
  }
  if (ref.startsWith('pkg:')) {
    // tools often use the purl as the bom-ref and leave the component out of a VEX-only BOM
    const purl = r.purl(ref, where);
    return purl ? { purl } : null;
  }
  r.problem(where, `'${ref.slice(0, 200)}' is no bom-ref of this BOM`);
  return null;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
