import type { Problem } from '../../domain/errors.js';
import { parseVers } from '../../domain/vers/index.js';
import { purlVersion } from './conventions.js';
import type { CsafBranch, CsafFullProductName, CsafProductTree } from './types.js';

/** What a product tree says about one product id, before any status is known. */
export interface TreeProduct {
  vendor: string;
  name: string;
  versions: string;
  purl: string | null;
  cpe: string | null;
}

export interface ProductIndex {
  /** in document order: branches depth first, then full_product_names, then relationships */
  products: Map<string, TreeProduct>;
  groups: Map<string, string[]>;
  problems: Problem[];
}

const VERSION_CATEGORIES = new Set(['product_version', 'product_version_range']);

/**
 * Reads every product the tree defines. A product takes its vendor from the nearest vendor
 * branch above it, its name from the nearest product_name (else product_family) branch, else its
 * full name, and its versions from the nearest version branch; a plain version's purl loses
 * its version (the advisory names packages without one). Defining an id twice is a problem
 * (mandatory test 6.1.2): which definition holds would be a guess.
 */
export function readProductTree(tree: CsafProductTree | undefined): ProductIndex {
  const index: ProductIndex = { products: new Map(), groups: new Map(), problems: [] };
  const define = (fpn: CsafFullProductName, pointer: string, product: TreeProduct) => {
    if (index.products.has(fpn.product_id)) {
      index.problems.push({ pointer: `${pointer}/product_id`, message: `product id '${fpn.product_id}' is defined more than once` });
      return;
    }
    index.products.set(fpn.product_id, product);
  };

  const walk = (branches: CsafBranch[], pointer: string, above: CsafBranch[]) => {
    branches.forEach((b, i) => {
      const here = `${pointer}/${i}`;
      const path = [...above, b];
      if (b.product) define(b.product, `${here}/product`, fromPath(path, b.product));
      if (b.branches) walk(b.branches, `${here}/branches`, path);
    });
  };
  walk(tree?.branches ?? [], '/product_tree/branches', []);

  tree?.full_product_names?.forEach((fpn, i) => define(fpn, `/product_tree/full_product_names/${i}`, fromPath([], fpn)));
  tree?.relationships?.forEach((r, i) => {
    const base = fromPath([], r.full_product_name);
    // the combination is its own product; its vendor is the referenced component's
    const vendor = index.products.get(r.product_reference)?.vendor ?? '';
    define(r.full_product_name, `/product_tree/relationships/${i}/full_product_name`, { ...base, vendor });
  });
  for (const g of tree?.product_groups ?? []) index.groups.set(g.group_id, g.product_ids);
  return index;
}

function fromPath(path: CsafBranch[], fpn: CsafFullProductName): TreeProduct {
  const nearest = (...categories: string[]) => path.findLast((b) => categories.includes(b.category))?.name;
  const helper = fpn.product_identification_helper;
  const versionBranch = path.findLast((b) => VERSION_CATEGORIES.has(b.category));
  const rangeBranch = versionBranch?.category === 'product_version_range';
  let versions = (rangeBranch ? versFromRange(versionBranch.name) : versionBranch?.name) ?? '';
  let purl = helper?.purl ?? null;
  if (purl) {
    const split = purlVersion(purl);
    // a range's purl names the package alone; a plain version (or none) may sit in the purl
    if (!rangeBranch && split.version !== null) {
      purl = split.purl;
      versions ||= split.version;
    }
  }
  return {
    vendor: nearest('vendor') ?? '',
    name: nearest('product_name') ?? nearest('product_family') ?? fpn.name,
    versions,
    purl,
    cpe: helper?.cpe ?? null,
  };
}

const VLS_CONSTRAINT = /^\s*(?:<=|>=|<|>|!=|=)\s*[^\s<>=!|]+\s*$/;

/**
 * A product_version_range as the vers an advisory holds. CSAF 2.0 (§3.1.2.3.5) wants vers or the
 * "vls" form; a vls of explicit comparators (`<=1.14.0`, `>=2.0|<2.3`) is the same range under the
 * `generic` scheme (no ecosystem is named), so it stays a range when written back (a plain
 * `product_version` holding a range breaks mandatory test 6.1.31). Any other text is kept as it is.
 */
function versFromRange(name: string): string {
  if (name.startsWith('vers:')) return name;
  const parts = name.split('|');
  if (!parts.every((p) => VLS_CONSTRAINT.test(p))) return name;
  const vers = `vers:generic/${parts.map((p) => p.replace(/\s+/g, '')).join('|')}`;
  return parseVers(vers).ok ? vers : name;
}
