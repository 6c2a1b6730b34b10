import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../routes.js';
import { canMarkReady, cvssVersionOf, exportHref, newProduct, nextProductId, orNull, parseIds, withStatus, withVector, type AdvisoryProduct } from './advisoryModel.js';

const product = (id: string, over: Partial<AdvisoryProduct> = {}): AdvisoryProduct => ({ id, vendor: 'Acme', name: 'acme-lens', purl: 'pkg:npm/acme-lens', cpe: null, versions: 'vers:npm/<2.1.0', status: 'known_affected', ...over });

describe('the advisory route', () => {
  it('opens /advisories/:id and links back to it, encoded', () => {
    expect(matchRoute('/advisories/AICC-2027-0001')).toEqual({ page: 'advisory', id: 'AICC-2027-0001' });
    expect(paths.advisory('a/b')).toBe('/advisories/a%2Fb');
    expect(matchRoute(paths.advisory('a/b'))).toEqual({ page: 'advisory', id: 'a/b' });
    expect(matchRoute('/advisories/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});

describe('products', () => {
  it('numbers a new product after the highest AICC-PID, ignoring other ids', () => {
    expect(nextProductId([])).toBe('AICC-PID-1');
    expect(nextProductId([product('AICC-PID-1'), product('AICC-PID-7'), product('vendor-x')])).toBe('AICC-PID-8');
  });

  it('starts a new product as a fixed version of the first one’s package', () => {
    expect(newProduct([product('AICC-PID-1')])).toEqual({ id: 'AICC-PID-2', vendor: 'Acme', name: 'acme-lens', purl: 'pkg:npm/acme-lens', cpe: null, versions: '', status: 'fixed' });
  });

  it('keeps a justification only on known_not_affected, giving one when it becomes so', () => {
    const notAffected = withStatus(product('AICC-PID-1'), 'known_not_affected');
    expect(notAffected.justification).toBe('vulnerable_code_not_present');
    expect(withStatus({ ...notAffected, justification: 'component_not_present' }, 'known_not_affected').justification).toBe('component_not_present');
    expect(withStatus(notAffected, 'fixed')).not.toHaveProperty('justification');
  });
});

describe('editing helpers', () => {
  it('drops the server’s score when the vector changes', () => {
    expect(withVector('CVSS:3.1/AV:N')).toEqual({ vector: 'CVSS:3.1/AV:N' });
    expect(cvssVersionOf(' CVSS:4.0/AV:N/AC:L')).toBe('4.0');
    expect(cvssVersionOf('AV:N/AC:L')).toBeNull();
  });

  it('reads product ids and optional fields', () => {
    expect(parseIds(' AICC-PID-1,AICC-PID-2  AICC-PID-3 ,')).toEqual(['AICC-PID-1', 'AICC-PID-2', 'AICC-PID-3']);
    expect(orNull('  ')).toBeNull();
    expect(orNull(' CVE-2027-1234 ')).toBe('CVE-2027-1234');
  });

  it('allows "Mark ready" only for a saved draft without problems', () => {
    const problem = { source: 'aicc' as const, test: 'score', pointer: '/scores', message: 'a CVSS score' };
    expect(canMarkReady({ status: 'draft', problems: [] }, false)).toBe(true);
    expect(canMarkReady({ status: 'draft', problems: [] }, true)).toBe(false);
    expect(canMarkReady({ status: 'draft', problems: [problem] }, false)).toBe(false);
    expect(canMarkReady({ status: 'ready', problems: [] }, false)).toBe(false);
  });

  it('links each export by format', () => {
    expect(exportHref('AICC-2027-0001', 'csaf')).toBe('/api/v1/advisories/AICC-2027-0001/export?format=csaf');
  });
});
