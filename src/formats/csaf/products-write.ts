import type { AdvisoryProduct } from '../../domain/advisory.js';
import { withVersion } from './conventions.js';
import type { CsafBranch, CsafFullProductName, CsafProductTree } from './types.js';

/** A vers range (`vers:npm/<2.0.0`) rather than one plain version. */
export const isRange = (versions: string): boolean => versions.startsWith('vers:');

/**
 * vendor → product_name → product_version_range (a vers string, which CSAF 2.0 allows) or
 * product_version, the product on the last branch. Consecutive products of one vendor (and name)
 * share its branch, so the tree reads back in the advisory's product order. Empty names make
 * no branch (the schema wants at least one character); a product with no name at all is a
 * top-level full_product_name.
 */
export function productTree(products: AdvisoryProduct[]): CsafProductTree | undefined {
  if (products.length === 0) return undefined;
  const branches: CsafBranch[] = [];
  const loose: CsafFullProductName[] = [];
  for (const p of products) {
    const path = branchPath(p);
    if (path.length === 0) {
      loose.push(fullProductName(p));
      continue;
    }
    let siblings = branches;
    path.forEach((step, i) => {
      const last = siblings.at(-1);
      const isLeaf = i === path.length - 1;
      if (!isLeaf && last && !last.product && last.category === step.category && last.name === step.name) {
        siblings = last.branches ??= [];
        return;
      }
      const branch: CsafBranch = isLeaf ? { ...step, product: fullProductName(p) } : { ...step, branches: [] };
      siblings.push(branch);
      siblings = branch.branches ?? [];
    });
  }
  return { ...(branches.length ? { branches } : {}), ...(loose.length ? { full_product_names: loose } : {}) };
}

function branchPath(p: AdvisoryProduct): Array<{ category: string; name: string }> {
  return [
    ...(p.vendor ? [{ category: 'vendor', name: p.vendor }] : []),
    ...(p.name ? [{ category: 'product_name', name: p.name }] : []),
    ...(p.versions ? [{ category: isRange(p.versions) ? 'product_version_range' : 'product_version', name: p.versions }] : []),
  ];
}

function fullProductName(p: AdvisoryProduct): CsafFullProductName {
  // a plain version names one release, so its purl carries it; a range keeps the version-less purl
  const purl = p.purl && (p.versions && !isRange(p.versions) ? withVersion(p.purl, p.versions) : p.purl);
  const helper = { ...(purl ? { purl } : {}), ...(p.cpe ? { cpe: p.cpe } : {}) };
  return {
    product_id: p.id,
    name: [p.vendor, p.name, p.versions].filter(Boolean).join(' ') || p.id,
    ...(Object.keys(helper).length ? { product_identification_helper: helper } : {}),
  };
}
