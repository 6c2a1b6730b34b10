import { describe, expect, it } from 'vitest';
import type { AffectedProduct } from '../domain/vulnerability.js';
import { cpeParts, productAffects, productHoldings, productKey, productKeysOf } from './product-match.js';

const router = (versions: AffectedProduct['versions'], defaultStatus?: string): AffectedProduct => ({
  vendor: 'Acme', product: 'Edge Router', versions, cpes: [], purl: null, ...(defaultStatus ? { defaultStatus } : {}),
});

describe('assets without a purl', () => {
  it('reads vendor, product and version out of a CPE 2.3 name, escaped colons included', () => {
    expect(cpeParts('cpe:2.3:h:acme:edge_router:2.1:*:*:*:*:*:*:*')).toEqual({ vendor: 'acme', product: 'edge_router', version: '2.1' });
    expect(cpeParts('cpe:2.3:a:acme:tool\\:x:1.0:*:*:*:*:*:*:*')).toEqual({ vendor: 'acme', product: 'tool:x', version: '1.0' });
    expect(cpeParts('cpe:2.3:o:acme:fw:*:*:*:*:*:*:*:*')?.version).toBeNull();
    expect(cpeParts('cpe:/h:acme:router:1')).toBeNull();
  });

  it('holds an asset under one key for its vendor/product and its CPEs alike', () => {
    const held = productHoldings({ vendor: 'Acme', product: 'Edge Router', version: '2.1', cpes: ['cpe:2.3:h:acme:edge_router:2.1:*:*:*:*:*:*:*'] });
    expect(held).toEqual([{ key: productKey('acme', 'edge router'), version: '2.1' }]);
    expect(productKeysOf(router([]))).toEqual(['product:acme/edge_router']);
  });

  it('evaluates CVE 5 version entries: ranges, exact versions, unaffected exceptions, default status', () => {
    const ranged = router([{ version: '2.0', lessThan: '2.4', status: 'affected', versionType: 'custom' }, { version: '2.2', status: 'unaffected' }]);
    expect(productAffects(ranged, '2.1')).toBe(true);
    expect(productAffects(ranged, '2.2')).toBe(false);
    expect(productAffects(ranged, '2.4')).toBe(false);
    expect(productAffects(ranged, '1.9')).toBe(false);
    expect(productAffects(router([{ version: '0', lessThanOrEqual: '3.0.1', status: 'affected' }]), '3.0.1')).toBe(true);
    expect(productAffects(router([{ version: '5.1', status: 'affected' }]), '5.1')).toBe(true);
    expect(productAffects(router([{ version: '5.1', status: 'affected' }]), '5.2')).toBe(false);
    expect(productAffects(router([{ version: '6.0', status: 'unaffected' }], 'affected'), '5.0')).toBe(true);
    expect(productAffects(router([{ version: '6.0', status: 'unaffected' }], 'affected'), '6.0')).toBe(false);
  });
});
