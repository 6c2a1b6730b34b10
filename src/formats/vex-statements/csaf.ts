import { at, isObject, text, VEX_JUSTIFICATIONS, type Json, type Reader, type VexProduct, type VexStatement, type VexStatus } from './statement.js';

/*
 * CSAF 2.0's VEX profile (document.category csaf_vex, §4.5): per vulnerability, product_status
 * lists product ids by status; flags (justification labels), impact threats and remediations say
 * why and what to do, each for product ids or product groups. Ids resolve through the product tree
 * (branches, full_product_names, relationships) to the product's purl and CPE
 * (product_identification_helper) and its full name. The profile's own mandatory tests that decide
 * what a statement means are enforced: a VEX status present (6.1.27.7), a CVE or id (6.1.27.8), an
 * impact statement for each not-affected product (6.1.27.9), an action statement for each affected
 * one (6.1.27.10); and a product stated twice is contradicting (6.1.6). Products with the same status,
 * justification and texts make one statement.
 */

const STATUS: Readonly<Record<string, VexStatus>> = {
  fixed: 'fixed',
  first_fixed: 'fixed',
  known_affected: 'affected',
  first_affected: 'affected',
  last_affected: 'affected',
  known_not_affected: 'not_affected',
  under_investigation: 'under_investigation',
};
/** 6.1.27.7: at least one of these makes a vulnerability a VEX statement */
const VEX_STATUSES = ['fixed', 'known_affected', 'known_not_affected', 'under_investigation'];

interface ProductTree {
  products: Map<string, VexProduct>;
  groups: Map<string, string[]>;
}

export function csafStatements(doc: Json, r: Reader): VexStatement[] {
  const document = isObject(doc.document) ? doc.document : {};
  if (document.category !== 'csaf_vex') {
    r.problem('/document/category', `a CSAF document of category '${String(document.category).slice(0, 60)}' is not VEX: csaf_vex is`);
    return [];
  }
  if (document.csaf_version !== '2.0') r.problem('/document/csaf_version', 'CSAF 2.0 is read');
  const tree = readTree(doc.product_tree, r);
  const out: VexStatement[] = [];
  r.array(doc.vulnerabilities, '/vulnerabilities', 'vulnerabilities').forEach((v, i) => {
    const here = at('/vulnerabilities', i);
    if (!isObject(v)) return r.problem(here, 'a vulnerability is an object');
    out.push(...vulnerabilityStatements(v, here, tree, r));
  });
  if (!Array.isArray(doc.vulnerabilities) || doc.vulnerabilities.length === 0) r.problem('/vulnerabilities', 'a CSAF VEX document states at least one vulnerability');
  return out;
}

interface PerProduct {
  status: VexStatus;
  pointer: string;
  justification: string | null;
  impacts: string[];
  actions: string[];
}

function vulnerabilityStatements(v: Json, here: string, tree: ProductTree, r: Reader): VexStatement[] {
  const ids = r.array(v.ids, at(here, 'ids'), 'ids').flatMap((x) => (isObject(x) && text(x.text) ? [text(x.text)!] : []));
  const cve = text(v.cve);
  const id = cve ?? ids[0];
  if (!id) r.problem(here, 'the vulnerability has neither a cve nor ids (6.1.27.8)');

  const status = isObject(v.product_status) ? v.product_status : {};
  if (!VEX_STATUSES.some((s) => Array.isArray(status[s]) && status[s].length > 0)) {
    r.problem(at(here, 'product_status'), `a VEX vulnerability lists products under ${VEX_STATUSES.join(', ')} (6.1.27.7)`);
  }
  const byProduct = new Map<string, PerProduct>();
  for (const [category, vexStatus] of Object.entries(STATUS)) {
    const list = r.strings(status[category], at(here, 'product_status', category), category);
    if (!r.countRefs(list.length, at(here, 'product_status', category))) return [];
    list.forEach((pid, j) => {
      const pointer = at(here, 'product_status', category, j);
      if (!tree.products.has(pid)) return r.problem(pointer, `product id '${pid.slice(0, 100)}' is not defined in the product tree`);
      const seen = byProduct.get(pid);
      if (seen && seen.status !== vexStatus) return r.problem(pointer, `product '${pid.slice(0, 100)}' is also ${seen.status} (contradicting product status, 6.1.6)`);
      if (!seen) byProduct.set(pid, { status: vexStatus, pointer, justification: null, impacts: [], actions: [] });
    });
  }

  const each = (x: Json, pointer: string, use: (p: PerProduct) => void) => {
    const pids = r.strings(x.product_ids, at(pointer, 'product_ids'), 'product_ids');
    r.strings(x.group_ids, at(pointer, 'group_ids'), 'group_ids').forEach((g, k) => {
      const members = tree.groups.get(g);
      if (!members) r.problem(at(pointer, 'group_ids', k), `product group '${g.slice(0, 100)}' is not defined in the product tree`);
      else if (r.countRefs(members.length, at(pointer, 'group_ids', k))) pids.push(...members);
    });
    for (const pid of new Set(pids)) {
      const p = byProduct.get(pid);
      if (p) use(p);
    }
  };
  r.array(v.flags, at(here, 'flags'), 'flags').forEach((f, k) => {
    const pointer = at(here, 'flags', k);
    if (!isObject(f)) return;
    const label = typeof f.label === 'string' && (VEX_JUSTIFICATIONS as readonly string[]).includes(f.label) ? f.label : undefined;
    if (!label) return r.problem(at(pointer, 'label'), `a flag's label is one of ${VEX_JUSTIFICATIONS.join(', ')}`);
    each(f, pointer, (p) => (p.justification ??= label));
  });
  r.array(v.threats, at(here, 'threats'), 'threats').forEach((t, k) => {
    const details = isObject(t) && t.category === 'impact' ? text(t.details) : undefined;
    if (details) each(t as Json, at(here, 'threats', k), (p) => p.impacts.push(details));
  });
  r.array(v.remediations, at(here, 'remediations'), 'remediations').forEach((m, k) => {
    if (!isObject(m)) return;
    const details = text(m.details);
    const category = text(m.category);
    const line = [category, details].filter(Boolean).join(': ');
    if (line) each(m, at(here, 'remediations', k), (p) => p.actions.push(line));
  });

  for (const [pid, p] of byProduct) {
    if (p.status === 'not_affected' && !p.justification && !p.impacts.length) r.problem(p.pointer, `not-affected product '${pid.slice(0, 100)}' has no impact statement: a flag or an impact threat (6.1.27.9)`);
    if (p.status === 'affected' && !p.actions.length) r.problem(p.pointer, `affected product '${pid.slice(0, 100)}' has no action statement: a remediation (6.1.27.10)`);
  }
  if (!id) return [];

  const aliases = [...new Set([cve, ...ids].filter((a): a is string => !!a && a !== id))];
  const grouped = new Map<string, VexStatement>();
  for (const [pid, p] of byProduct) {
    const justification = p.status === 'not_affected' ? p.justification : null;
    const statement = p.impacts.join('\n');
    const action = p.actions.join('\n');
    const key = JSON.stringify([p.status, justification, statement, action]);
    let s = grouped.get(key);
    if (!s) grouped.set(key, (s = { vulnerability: id, aliases, products: [], status: p.status, justification, statement, action }));
    s.products.push(tree.products.get(pid)!);
  }
  return [...grouped.values()];
}

function readTree(raw: unknown, r: Reader): ProductTree {
  const tree: ProductTree = { products: new Map(), groups: new Map() };
  if (raw === undefined) return tree;
  if (!isObject(raw)) {
    r.problem('/product_tree', 'the product tree is an object');
    return tree;
  }
  const define = (fpn: unknown, pointer: string, inherited: VexProduct = {}) => {
    if (!isObject(fpn) || !text(fpn.product_id)) return r.problem(pointer, 'a full product name has a product_id');
    const pid = text(fpn.product_id)!;
    if (tree.products.has(pid)) return r.problem(at(pointer, 'product_id'), `product id '${pid.slice(0, 100)}' is defined more than once`);
    const helper = isObject(fpn.product_identification_helper) ? fpn.product_identification_helper : {};
    const rawPurl = text(helper.purl);
    const purl = rawPurl === undefined ? inherited.purl : r.purl(rawPurl, at(pointer, 'product_identification_helper', 'purl'));
    const cpe = text(helper.cpe) ?? inherited.cpe;
    const name = text(fpn.name) ?? pid;
    tree.products.set(pid, { ...(purl ? { purl } : {}), ...(cpe ? { cpe } : {}), name });
  };
  const walk = (branches: unknown, pointer: string, depth: number) => {
    r.array(branches, pointer, 'branches').forEach((b, i) => {
      const here = at(pointer, i);
      if (!isObject(b)) return r.problem(here, 'a branch is an object');
      if (b.product !== undefined) define(b.product, at(here, 'product'));
      if (b.branches !== undefined && depth < 32) walk(b.branches, at(here, 'branches'), depth + 1);
    });
  };
  walk(raw.branches, '/product_tree/branches', 0);
  r.array(raw.full_product_names, '/product_tree/full_product_names', 'full_product_names').forEach((f, i) => define(f, at('/product_tree/full_product_names', i)));
  // a relationship's product is the combination; without a helper of its own it is identified as
  // the component it names (the package an exposure lists), under the combination's name
  const relationships = r.array(raw.relationships, '/product_tree/relationships', 'relationships');
  const pending = relationships.map((rel, i) => ({ rel, pointer: at('/product_tree/relationships', i) }));
  for (const { rel, pointer } of pending) {
    if (!isObject(rel)) {
      r.problem(pointer, 'a relationship is an object');
      continue;
    }
    const ref = text(rel.product_reference);
    const component = ref ? tree.products.get(ref) : undefined;
    if (ref && !component && !relationships.some((o) => isObject(o) && isObject(o.full_product_name) && o.full_product_name.product_id === ref)) {
      r.problem(at(pointer, 'product_reference'), `product id '${ref.slice(0, 100)}' is not defined in the product tree`);
    }
    const inherited: VexProduct = { ...(component?.purl ? { purl: component.purl } : {}), ...(component?.cpe ? { cpe: component.cpe } : {}) };
    define(rel.full_product_name, at(pointer, 'full_product_name'), inherited);
  }
  r.array(raw.product_groups, '/product_tree/product_groups', 'product_groups').forEach((g, i) => {
    const gid = isObject(g) ? text(g.group_id) : undefined;
    if (!gid || !isObject(g)) return r.problem(at('/product_tree/product_groups', i), 'a product group has a group_id');
    tree.groups.set(gid, r.strings(g.product_ids, at('/product_tree/product_groups', i, 'product_ids'), 'product_ids'));
  });
  return tree;
}
