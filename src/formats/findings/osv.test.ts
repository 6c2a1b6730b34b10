import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { parseFindings } from './index.js';
import { parseOsvFinding } from './osv.js';

describe.skipIf(!hasCorpus)('OSV findings: a corpus record', () => {
  corpusSkipNote('OSV finding mapping (RUSTSEC-2023-0090)');

  it('maps RUSTSEC-2023-0090', () => {
    const name = 'RUSTSEC-2023-0090.json';
    const r = parseFindings(readFileSync(join(CORPUS, 'osv', 'crates.io', name), 'utf8'), name, 'auto');
    expect(r).toEqual({
      ok: true,
      value: [
        {
          externalId: 'RUSTSEC-2023-0090',
          title: 'Guest-controlled out-of-bounds read/write on x86\\_64',
          description: expect.stringContaining('Wasmtime security advisory') as unknown,
          purl: 'pkg:cargo/wasmtime',
          affectedVersions: 'SEMVER >=0.0.0-0, <4.0.1, >=5.0.0, <5.0.1, >=6.0.0, <6.0.1',
          repository: null,
          commit: null,
          location: { file: null, startLine: null, endLine: null, symbol: null },
          cwes: [],
          claimedImpact: null,
          aliases: ['CVE-2023-26489', 'GHSA-ff4p-7xrq-q5r8'],
          fingerprints: {},
          ruleId: null,
          severity: 'critical', // CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H scores 9.9
          provenance: { tool: 'osv', toolVersion: null, runId: null, configHash: null },
          attachments: [],
        },
      ],
    });
  });
});

describe('OSV findings', () => {
  const record = {
    schema_version: '1.6.0',
    id: 'GHSA-xxxx-yyyy-zzzz',
    modified: '2025-01-01T00:00:00Z',
    details: 'First line of the details.\nMore.',
    database_specific: { cwe_ids: ['CWE-79', 'cwe-1333', 'NVD-CWE-noinfo'] },
    affected: [
      { package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: '1.2.0' }] }], versions: ['1.0.0', '1.2.0'] },
      { package: { ecosystem: 'PyPI', name: 'other' }, versions: ['9'] },
    ],
  };

  it('takes CWEs as the importer does, the first package, and the details line as a title', () => {
    const r = parseOsvFinding(record, 'ghsa.json');
    expect(r.ok && r.value[0]).toMatchObject({
      externalId: 'GHSA-xxxx-yyyy-zzzz',
      title: 'First line of the details.',
      purl: 'pkg:npm/left-pad',
      affectedVersions: 'SEMVER >=0, <=1.2.0; versions 1.0.0, 1.2.0',
      cwes: ['CWE-79', 'CWE-1333'],
      severity: null,
      aliases: [],
    });
  });

  it('refuses a record that breaks the OSV schema, at the pointer', () => {
    const r = parseFindings(JSON.stringify({ ...record, affected: [{ ranges: [{ type: 'SEMVER' }] }] }), 'ghsa.json', 'osv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual(expect.objectContaining({ file: 'ghsa.json', pointer: '/affected/0/ranges/0' }));
  });
});

describe('parseFindings', () => {
  it('reports the line of a syntax error with the file name', () => {
    expect(parseFindings('{\n  "findings": [\n    {,\n  ]\n}', 'lab.json', 'auto')).toMatchObject({ ok: false, problems: [{ file: 'lab.json', line: 3, code: 'INVALID_JSON' }] });
  });

  it('refuses a document of no known shape', () => {
    expect(parseFindings('{"hello": 1}', 'x.json', 'auto')).toMatchObject({ ok: false, problems: [{ file: 'x.json', pointer: '', code: 'UNKNOWN_FORMAT' }] });
    expect(parseFindings('[]', 'x.json', 'auto')).toMatchObject({ ok: false, problems: [{ code: 'UNKNOWN_FORMAT' }] });
  });

  it('detects each format', () => {
    expect(parseFindings('{"version":"2.1.0","runs":[]}', 'a', 'auto')).toEqual({ ok: true, value: [] });
    expect(parseFindings('{"findings":[]}', 'a', 'auto')).toEqual({ ok: true, value: [] });
    const osv = parseFindings('{"id":"OSV-1","modified":"2025-01-01T00:00:00Z"}', 'a', 'auto');
    expect(osv.ok && osv.value.map((f) => f.externalId)).toEqual(['OSV-1']);
  });

  it('refuses a document too deeply nested before anything reads it', () => {
    expect(parseFindings(`{"findings":${'['.repeat(100)}${']'.repeat(100)}}`, 'deep.json', 'native')).toMatchObject({ ok: false, problems: [{ code: 'TOO_DEEP', file: 'deep.json' }] });
  });
});
