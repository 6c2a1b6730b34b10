import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import { fromCsaf } from './import.js';
import { toCsaf } from './export.js';
import { csafVariants } from './variants.testing.js';

function roundTrip(a: Advisory): Advisory {
  // through JSON text, as a document travels
  const r = fromCsaf(JSON.parse(JSON.stringify(toCsaf(a))));
  if (!r.ok) throw new Error(`own export did not import: ${JSON.stringify(r.problems)}`);
  return r.value;
}

describe('fromCsaf(toCsaf(advisory))', () => {
  it('gives back the package advisory unchanged', () => {
    expect(roundTrip(packageAdvisory())).toEqual(packageAdvisory());
  });

  it('gives back the firmware advisory unchanged', () => {
    expect(roundTrip(firmwareAdvisory())).toEqual(firmwareAdvisory());
  });

  it.each(Object.entries(csafVariants()))('gives back the advisory with %s unchanged', (_, a) => {
    expect(roundTrip(a)).toEqual(a);
  });

  it('gives back a draft at version 0', () => {
    const draft: Advisory = { ...firmwareAdvisory(), status: 'draft', revisions: [{ number: '0', date: '2026-10-19T08:00:00.000Z', summary: 'Draft.' }] };
    expect(roundTrip(draft)).toEqual(draft);
  });

  it('reads a CVSS 4.0 score listed before the first 3.1 one back after it (scores are read before notes)', () => {
    const [v31, v40] = packageAdvisory().scores;
    const a: Advisory = { ...packageAdvisory(), scores: [v40!, v31!] };
    expect(roundTrip(a).scores).toEqual([v31, v40]);
  });
});
