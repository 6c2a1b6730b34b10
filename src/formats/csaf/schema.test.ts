import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus } from '../../../test/db.js';
import { firmwareAdvisory } from '../../domain/advisory.testing.js';
import { toCsaf } from './export.js';
import { csafSchemaProblems } from './schema.js';

const KEPT = fileURLToPath(new URL('./schema.json', import.meta.url));

describe('the CSAF 2.0 schema kept in the repo', () => {
  it('is the file SCHEMA-SOURCE.md describes, unmodified', () => {
    expect(createHash('sha256').update(readFileSync(KEPT)).digest('hex')).toBe('29c114b35b0a30831f1674f2ab8b3ed9b2890cfeaa63b924ac6ed9d70ef44262');
  });

  it.skipIf(!hasCorpus)('equals the OASIS schema in the corpus byte for byte', () => {
    expect(readFileSync(KEPT)).toEqual(readFileSync(join(CORPUS, 'csaf', 'csaf_2.0', 'json_schema', 'csaf_json_schema.json')));
  });

  it('accepts an export and names what it refuses at its pointer, CVSS sub-schemas included', () => {
    const doc = toCsaf(firmwareAdvisory());
    expect(csafSchemaProblems(doc)).toEqual([]);
    const bad = structuredClone(doc);
    bad.document.tracking.initial_release_date = 'yesterday';
    const cvss = bad.vulnerabilities?.[0]?.scores?.[0]?.cvss_v3;
    if (cvss) cvss.baseSeverity = 'SEVERE';
    const pointers = csafSchemaProblems(bad).map((p) => p.pointer ?? '');
    expect(pointers).toContain('/document/tracking/initial_release_date');
    expect(pointers.some((p) => p.startsWith('/vulnerabilities/0/scores/0/cvss_v3'))).toBe(true);
  });
});
