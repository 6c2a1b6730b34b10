/**
 * Assets without a purl (firmware, appliances) are held under a product key made from vendor and
 * product — given directly or read from a CPE 2.3 name — and matched against the knowledge base's
 * CVE 5 `affected` products (vendor, product, version entries) with the generic version order.
 */
import { genericScheme } from '../domain/versions/generic.js';
import type { AffectedProduct } from '../domain/vulnerability.js';

const norm = (s: string): string => s.trim().toLowerCase().replace(/[\s_]+/g, '_');

/** `product:vendor/product`, never colliding with a purl's `pkg:` key. */
export const productKey = (vendor: string, product: string): string => `product:${norm(vendor)}/${norm(product)}`;

/** vendor, product and version of a CPE 2.3 formatted string (`cpe:2.3:h:acme:router:1.2:*:…`); null otherwise. */
export function cpeParts(cpe: string): { vendor: string; product: string; version: string | null } | null {
  if (!cpe.startsWith('cpe:2.3:')) return null;
  // Fields are separated by unescaped colons; `\:` is a colon inside a field.
  const fields = cpe.slice(8).split(/(?<!\\):/).map((f) => f.replace(/\\(.)/g, '$1'));
  const [part, vendor, product, version] = fields;
  if (!part || !vendor || !product || vendor === '*' || product === '*') return null;
  return { vendor, product, version: version && version !== '*' && version !== '-' ? version : null };
}

/** The product keys and versions an asset is held under: its vendor/product/version and each CPE naming a version. */
export function productHoldings(asset: { vendor: string | null; product: string | null; version: string | null; cpes: readonly string[] }): Array<{ key: string; version: string }> {
  const out = new Map<string, { key: string; version: string }>();
  if (asset.vendor && asset.product && asset.version) {
    const h = { key: productKey(asset.vendor, asset.product), version: asset.version };
    out.set(`${h.key}@${h.version}`, h);
  }
  for (const cpe of asset.cpes) {
    const p = cpeParts(cpe);
    if (!p?.version) continue;
    const h = { key: productKey(p.vendor, p.product), version: p.version };
    out.set(`${h.key}@${h.version}`, h);
  }
  return [...out.values()];
}

/** The product keys a knowledge-base product entry names (its vendor/product and its CPEs'). */
export function productKeysOf(product: AffectedProduct): string[] {
  const keys = new Set<string>();
  if (product.vendor && product.product && product.vendor !== 'n/a' && product.product !== 'n/a') keys.add(productKey(product.vendor, product.product));
  for (const cpe of product.cpes) {
    const p = cpeParts(cpe);
    if (p) keys.add(productKey(p.vendor, p.product));
  }
  return [...keys];
}

const cmp = (a: string, b: string): number => genericScheme.compare(a, b);
const open = (v: string): boolean => v === '0' || v === '*' || v === '' || v === 'n/a';

/** Whether `version` of the product is affected per the CVE 5 version entries (`lessThan`, `lessThanOrEqual`, exact). */
export function productAffects(product: AffectedProduct, version: string): boolean {
  let verdict: boolean | null = null;
  for (const e of product.versions) {
    const inside = e.lessThan !== undefined || e.lessThanOrEqual !== undefined
      ? (open(e.version) || cmp(version, e.version) >= 0) &&
        (e.lessThan !== undefined ? e.lessThan === '*' || cmp(version, e.lessThan) < 0 : e.lessThanOrEqual === '*' || cmp(version, e.lessThanOrEqual!) <= 0)
      : cmp(version, e.version) === 0;
    if (!inside) continue;
    // An exact `unaffected` entry wins over a range that covers it.
    if (e.status === 'unaffected') return false;
    if (e.status === 'affected') verdict = true;
  }
  return verdict ?? product.defaultStatus === 'affected';
}
