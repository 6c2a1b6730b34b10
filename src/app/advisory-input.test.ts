import { describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisory.js';
import { packageAdvisory } from '../domain/advisory.testing.js';
import { AppError } from '../domain/errors.js';
import { normalizeAdvisory, ownProblems } from './advisory-input.js';

const pointers = (a: Advisory, stored = packageAdvisory()): string[] => {
  try {
    normalizeAdvisory(a, stored);
    return [];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err.problems.map((p) => p.pointer ?? '');
  }
};

describe('an edited advisory', () => {
  it('is accepted as it is when every field is valid', () => {
    expect(normalizeAdvisory(packageAdvisory(), packageAdvisory())).toEqual(packageAdvisory());
  });

  it('gets canonical purls and vers, and catalogue CWE names', () => {
    const a = packageAdvisory();
    a.products[0] = { ...a.products[0]!, purl: 'pkg:NPM/acme-widgets', versions: 'vers:npm/<2.3.1|>=2.0.0' };
    a.cwes = [{ id: 'CWE-79', name: 'xss' }];
    const n = normalizeAdvisory(a, packageAdvisory());
    expect(n.products[0]).toEqual(packageAdvisory().products[0]);
    expect(n.cwes).toEqual(packageAdvisory().cwes);
  });

  it('names each bad field by its pointer', () => {
    const a = packageAdvisory();
    a.id = 'AICC-2026-9999';
    a.cve = 'CVE-26-1';
    a.cwes = [{ id: 'CWE-424242', name: 'x' }];
    a.products[1] = { ...a.products[1]!, purl: 'pkg:npm/acme-widgets@2.3.1' };
    a.products[2] = { ...a.products[2]!, id: 'AICC-PID-1' };
    a.remediations[0] = { ...a.remediations[0]!, productIds: ['AICC-PID-9'] };
    a.scores = [{ ...a.scores[0]!, vector: 'CVSS:3.1/AV:X' }];
    expect(pointers(a)).toEqual([
      '/advisory/id', '/advisory/cve', '/advisory/scores/0/vector', '/advisory/cwes/0/id',
      '/advisory/products/1/purl', '/advisory/products/2/id', '/advisory/remediations/0/productIds/0',
    ]);
  });

  it('keeps the publisher the clearinghouse\'s', () => {
    expect(pointers({ ...packageAdvisory(), publisher: { name: 'Someone else', namespace: 'https://else.example', contactDetails: null } })).toEqual(['/advisory/publisher']);
  });

  it('still wants a summary, details, a product and a score before it is ready', () => {
    expect(ownProblems(packageAdvisory())).toEqual([]);
    expect(ownProblems({ ...packageAdvisory(), summary: ' ', details: '', products: [], remediations: [], scores: [] }).map((p) => p.pointer)).toEqual(['/summary', '/details', '/products', '/scores']);
  });
});
