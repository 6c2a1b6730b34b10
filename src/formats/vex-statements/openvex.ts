import { at, isObject, text, uniqueProducts, VEX_JUSTIFICATIONS, type Json, type Reader, type VexProduct, type VexStatement, type VexStatus } from './statement.js';

/*
 * OpenVEX (https://github.com/openvex/spec, v0.2.0): `statements[]`, each with a vulnerability
 * (name, @id, aliases), products (an @id that is usually a purl, `identifiers` purl/cpe23/cpe22,
 * and `subcomponents` — the packages inside the product the statement is really about), a status,
 * and the statement's texts. The spec's MUSTs that decide what a statement means are enforced: a
 * not_affected statement carries a justification or an impact statement, an affected one an action
 * statement. The older drafts' string forms (a vulnerability or product given as a bare string) are
 * read too.
 */

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns';

const STATUSES = new Set<string>(['not_affected', 'affected', 'fixed', 'under_investigation']);

export function openvexStatements(doc: Json, r: Reader): VexStatement[] {
  if (!Array.isArray(doc.statements)) {
    r.problem('/statements', 'an OpenVEX document has a statements array');
    return [];
  }
  const out: VexStatement[] = [];
  doc.statements.forEach((s: unknown, i) => {
    const here = at('/statements', i);
    if (!isObject(s)) return r.problem(here, 'a statement is an object');
    const vuln = vulnerability(s.vulnerability, at(here, 'vulnerability'), r);
    const status = typeof s.status === 'string' && STATUSES.has(s.status) ? (s.status as VexStatus) : undefined;
    if (!status) r.problem(at(here, 'status'), `status is one of ${[...STATUSES].join(', ')}`);

    let justification: string | null = null;
    if (s.justification !== undefined) {
      if (typeof s.justification === 'string' && (VEX_JUSTIFICATIONS as readonly string[]).includes(s.justification)) justification = s.justification;
      else r.problem(at(here, 'justification'), `justification is one of ${VEX_JUSTIFICATIONS.join(', ')}`);
    }
    const impact = text(s.impact_statement);
    const action = text(s.action_statement) ?? '';
    if (status === 'not_affected' && !justification && !impact && s.justification === undefined) {
      r.problem(here, 'a not_affected statement needs a justification or an impact_statement');
    }
    if (status === 'affected' && !action) r.problem(at(here, 'action_statement'), 'an affected statement needs an action_statement');

    const products: VexProduct[] = [];
    const list = r.array(s.products, at(here, 'products'), 'products');
    if (!r.countRefs(list.length, at(here, 'products'))) return;
    list.forEach((p, j) => products.push(...product(p, at(here, 'products', j), r, true)));

    if (!vuln || !status) return;
    out.push({
      vulnerability: vuln.name,
      aliases: vuln.aliases,
      products: uniqueProducts(products),
      status,
      justification: status === 'not_affected' ? justification : null,
      statement: impact ?? text(s.status_notes) ?? '',
      action,
    });
  });
  return out;
}

function vulnerability(v: unknown, pointer: string, r: Reader): { name: string; aliases: string[] } | undefined {
  if (typeof v === 'string') {
    const name = text(v);
    if (!name) r.problem(pointer, 'the vulnerability has no name');
    return name ? { name, aliases: [] } : undefined;
  }
  if (!isObject(v)) {
    r.problem(pointer, 'a statement names its vulnerability');
    return undefined;
  }
  const name = text(v.name) ?? text(v['@id']);
  if (!name) r.problem(at(pointer, 'name'), 'the vulnerability has no name');
  const aliases = r.strings(v.aliases, at(pointer, 'aliases'), 'aliases');
  const id = text(v['@id']);
  // an @id that is an identifier rather than a URL is one more name for the same vulnerability
  if (id && id !== name && !/^https?:\/\//.test(id)) aliases.push(id);
  return name ? { name, aliases: [...new Set(aliases.filter((a) => a !== name))] } : undefined;
}

/** The product itself and, where given, each subcomponent: a statement on a subcomponent is about that package. */
function product(p: unknown, pointer: string, r: Reader, top: boolean): VexProduct[] {
  const own = identify(p, pointer, r);
  const out = own ? [own] : [];
  if (top && isObject(p) && p.subcomponents !== undefined) {
    const subs = r.array(p.subcomponents, at(pointer, 'subcomponents'), 'subcomponents');
    if (r.countRefs(subs.length, at(pointer, 'subcomponents'))) subs.forEach((s, k) => out.push(...product(s, at(pointer, 'subcomponents', k), r, false)));
  }
  return out;
}

function identify(p: unknown, pointer: string, r: Reader): VexProduct | undefined {
  const raw = typeof p === 'string' ? { '@id': p } : p;
  if (!isObject(raw)) {
    r.problem(pointer, 'a product is an object');
    return undefined;
  }
  const ids = isObject(raw.identifiers) ? raw.identifiers : {};
  const id = text(raw['@id']);
  const purlText = text(ids.purl) ?? (id?.startsWith('pkg:') ? id : undefined);
  const cpe = text(ids.cpe23) ?? text(ids.cpe22) ?? (id?.startsWith('cpe:') ? id : undefined);
  const purl = purlText === undefined ? undefined : r.purl(purlText, text(ids.purl) ? at(pointer, 'identifiers', 'purl') : at(pointer, '@id'));
  if (purlText !== undefined && purl === undefined) return undefined;
  const name = id && id !== purlText && id !== cpe ? id : undefined;
  if (!purl && !cpe && !name) {
    r.problem(pointer, 'the product has no @id, purl or CPE');
    return undefined;
  }
  return { ...(purl ? { purl } : {}), ...(cpe ? { cpe } : {}), ...(name && !purl ? { name } : {}) };
}
