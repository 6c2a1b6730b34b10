import { describe, expect, it } from 'vitest';
import type { VersionScheme } from './scheme.js';

/** `[a, b, expected sign of compare(a, b)]`, each taken from the ecosystem's own tool or its test data. */
export type OrderCase = readonly [string, string, -1 | 0 | 1];

const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);

/**
 * The contract every version scheme meets: it agrees with its tool on every case, and its order
 * is a total preorder (antisymmetric, transitive) over the versions the cases mention.
 */
export function describeScheme(scheme: VersionScheme, cases: readonly OrderCase[], valid: readonly string[] = [], invalid: readonly string[] = []): void {
  describe(`the ${scheme.name} version scheme`, () => {
    it(`orders ${cases.length} pairs as the ecosystem's tool does`, () => {
      const wrong = cases.filter(([a, b, want]) => sign(scheme.compare(a, b)) !== want).map(([a, b, want]) => `${a} vs ${b}: want ${want}, got ${sign(scheme.compare(a, b))}`);
      expect(wrong).toEqual([]);
    });

    it('is antisymmetric and transitive over the versions it was shown', () => {
      const versions = [...new Set(cases.flatMap(([a, b]) => [a, b]))].slice(0, 120);
      const problems: string[] = [];
      for (const a of versions) {
        for (const b of versions) {
          if (sign(scheme.compare(a, b)) !== -sign(scheme.compare(b, a))) problems.push(`${a} / ${b} not antisymmetric`);
        }
      }
      const sorted = [...versions].sort((a, b) => scheme.compare(a, b));
      for (let i = 1; i < sorted.length; i++) {
        if (scheme.compare(sorted[i - 1]!, sorted[i]!) > 0) problems.push(`${sorted[i - 1]} > ${sorted[i]} after sorting`);
      }
      expect(problems).toEqual([]);
    });

    if (valid.length || invalid.length) {
      it('tells valid versions from invalid ones', () => {
        expect(valid.filter((v) => !scheme.isValid(v))).toEqual([]);
        expect(invalid.filter((v) => scheme.isValid(v))).toEqual([]);
      });
    }
  });
}
