import { withoutVersion } from '../../domain/purl.js';
import type { AffectedProduct } from '../../domain/vulnerability.js';
import type { Report } from './containers.js';
import type { Cve5Product, Cve5Version } from './record.js';

type ProductVersion = AffectedProduct['versions'][number];

function versionOf(v: Cve5Version): ProductVersion {
  const out: ProductVersion = { version: v.version, status: v.status };
  if (v.lessThan !== undefined) out.lessThan = v.lessThan;
  if (v.lessThanOrEqual !== undefined) out.lessThanOrEqual = v.lessThanOrEqual;
  if (v.versionType !== undefined) out.versionType = v.versionType;
  return out;
}

function purlOf(p: Cve5Product, pointer: string, report: Report): string | null {
  if (p.packageURL === undefined) return null;
  const purl = typeof p.packageURL === 'string' ? withoutVersion(p.packageURL) : null;
  if (purl === null) report(`${pointer}/packageURL`, `not a valid package URL: ${JSON.stringify(p.packageURL)}`, 'INVALID_PURL');
  return purl;
}

/**
 * The CNA's affected products as given; version ranges are kept for the matching engine to
 * interpret. The schema lets a product be named by collection and package instead of vendor and
 * product, so the package name stands in for a missing product name.
 */
export function productsOf(affected: readonly Cve5Product[] | undefined, report: Report): AffectedProduct[] {
  return (affected ?? []).map((p, i) => {
    const product: AffectedProduct = {
      vendor: p.vendor ?? '',
      product: p.product ?? p.packageName ?? '',
      versions: (p.versions ?? []).map(versionOf),
      cpes: p.cpes ?? [],
      purl: purlOf(p, `/containers/cna/affected/${i}`, report),
    };
    if (p.defaultStatus !== undefined) product.defaultStatus = p.defaultStatus;
    return product;
  });
}
