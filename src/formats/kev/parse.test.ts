import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { formatProblem } from '../../domain/errors.js';
import { parseJson } from '../json.js';
import { parseKev } from './parse.js';

function entry(cveID: string): Record<string, string> {
  return {
    cveID,
    vendorProject: 'Acme',
    product: 'Widget',
    vulnerabilityName: 'Acme Widget RCE',
    dateAdded: '2025-01-02',
    shortDescription: 'Remote code execution.',
    requiredAction: 'Apply updates.',
    dueDate: '2025-01-23',
  };
}

function catalog(vulnerabilities: unknown[]): Record<string, unknown> {
  return { catalogVersion: '2025.01.02', dateReleased: '2025-01-02T12:00:00.000Z', count: vulnerabilities.length, vulnerabilities };
}

describe('the KEV catalog from the corpus', () => {
  corpusSkipNote('KEV corpus tests');

  it.skipIf(!hasCorpus)('parses all 1,404 entries without a problem', () => {
    const file = join(CORPUS, 'kev', 'known_exploited_vulnerabilities.json');
    const doc = parseJson(readFileSync(file, 'utf8'), file);
    if (!doc.ok) throw new Error(doc.problems.map(formatProblem).join('\n'));
    const r = parseKev(doc.value, file);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.value.catalogVersion).toBe('2025.08.25');
    expect(r.value.entries).toHaveLength(1404);
    expect(r.value.entries[0]).toMatchObject({ cveId: 'CVE-2025-48384', vendorProject: 'Git', product: 'Git' });
  });
});

describe('parsing a KEV catalog', () => {
  it('defaults the optional fields', () => {
    const r = parseKev(catalog([entry('CVE-2025-0001')]));
    expect(r.ok && r.value.entries[0]).toMatchObject({ knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [] });
  });

  it('names both places a CVE is listed twice', () => {
    const r = parseKev(catalog([entry('CVE-2025-0001'), entry('CVE-2025-0002'), entry('CVE-2025-0001')]), 'kev.json');
    expect(r).toEqual({
      ok: false,
      problems: [{ file: 'kev.json', pointer: '/vulnerabilities/2/cveID', message: 'CVE-2025-0001 is listed twice: at /vulnerabilities/0 and /vulnerabilities/2' }],
    });
  });

  it('points at what the schema rejects', () => {
    const bad = { ...entry('CVE-25-1'), dueDate: 'soon' };
    const r = parseKev(catalog([bad]), 'kev.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/vulnerabilities/0/cveID', '/vulnerabilities/0/dueDate']));
      expect(r.problems.every((p) => p.file === 'kev.json')).toBe(true);
    }
  });
});
