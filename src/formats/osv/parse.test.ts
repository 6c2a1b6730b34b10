import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { formatProblem } from '../../domain/errors.js';
import type { Vulnerability } from '../../domain/vulnerability.js';
import type { Parsed } from '../result.js';
import { parseOsv, parseOsvText } from './parse.js';

const OSV = join(CORPUS, 'osv');

function record(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2024-01-02T03:04:05Z',
    affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }],
    ...extra,
  };
}

function value(r: Parsed<Vulnerability>): Vulnerability {
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

function problems(r: Parsed<Vulnerability>): Array<{ pointer?: string; line?: number; message: string; file?: string }> {
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => join(dir, f));
}

describe('OSV records from the corpus', () => {
  corpusSkipNote('OSV corpus tests');

  it.skipIf(!hasCorpus).each([
    ['go', /\.json$/, 'json', 4291],
    ['crates.io', /\.json$/, 'json', 1206],
    ['pypi', /\.ya?ml$/, 'yaml', 2661],
  ] as const)('every %s record parses without a problem', (folder, ext, kind, count) => {
    const files = filesUnder(join(OSV, folder), ext);
    const failures: string[] = [];
    for (const file of files) {
      const r = parseOsvText(readFileSync(file, 'utf8'), file, kind);
      if (!r.ok) failures.push(...r.problems.map(formatProblem));
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
    expect(files).toHaveLength(count);
  });

  it.skipIf(!hasCorpus)('derives a Go module purl, since Go records carry none', () => {
    const v = value(parseOsvText(readFileSync(join(OSV, 'go', 'GO-2020-0001.json'), 'utf8'), 'GO-2020-0001.json', 'json'));
    expect(v.source).toBe('osv');
    expect(v.affected[0]).toMatchObject({ ecosystem: 'Go', name: 'github.com/gin-gonic/gin', purl: 'pkg:golang/github.com/gin-gonic/gin' });
    expect(v.affected[0]?.ranges[0]?.events).toEqual([{ introduced: '0' }, { fixed: '1.6.0' }]);
    expect(v.credits).toEqual(['@thinkerou <thinkerou@gmail.com>']);
    expect(v.aliases).toEqual(['CVE-2020-36567', 'GHSA-6vm3-jj99-7229']);
  });

  it.skipIf(!hasCorpus)('scores a RustSec CVSS vector itself', () => {
    const v = value(parseOsvText(readFileSync(join(OSV, 'crates.io', 'RUSTSEC-2020-0125.json'), 'utf8'), undefined, 'json'));
    expect(v.severities).toEqual([{ type: 'CVSS_V3', version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 8.1, source: 'osv' }]);
    expect(v.affected[0]?.purl).toBe('pkg:cargo/convec');
  });

  it.skipIf(!hasCorpus)('falls back to the details for a PyPA summary and normalizes its purl', () => {
    const v = value(parseOsvText(readFileSync(join(OSV, 'pypi', 'jw.util', 'PYSEC-2020-341.yaml'), 'utf8'), undefined, 'yaml'));
    expect(v.summary).toMatch(/^An exploitable vulnerability exists in the configuration-loading/);
    expect(v.summary.length).toBeLessThanOrEqual(200);
    expect(v.affected[0]?.purl).toBe('pkg:pypi/jw-util');
  });

  it.skipIf(!hasCorpus)('accepts the abbreviated and suffixed commits PyPA published in GIT ranges', () => {
    const abbreviated = value(parseOsvText(readFileSync(join(OSV, 'pypi', 'matrix-synapse', 'PYSEC-2021-424.yaml'), 'utf8'), undefined, 'yaml'));
    expect(abbreviated.affected[0]?.ranges[0]?.events).toContainEqual({ fixed: 'cb35df940a' });
    const suffixed = value(parseOsvText(readFileSync(join(OSV, 'pypi', 'binderhub', 'PYSEC-2021-371.yaml'), 'utf8'), undefined, 'yaml'));
    expect(suffixed.affected[0]?.ranges[0]?.events).toContainEqual({ fixed: '195caac172690456dcdc8cc7a6ca50e05abf8182' });
  });
});

describe('normalizing an OSV record', () => {
  it('fills the fields OSV does not have with neutral values', () => {
    const v = value(parseOsv(record()));
    expect(v).toMatchObject({
      id: 'GHSA-aaaa-bbbb-cccc', published: null, withdrawn: null, aliases: [], related: [], summary: '', details: '',
      products: [], severities: [], cwes: [], references: [], credits: [], ssvc: null, kevHint: false, tlp: 'CLEAR', source: 'osv',
    });
    expect(v.affected[0]).toEqual({
      ecosystem: 'npm', name: 'left-pad', purl: 'pkg:npm/left-pad', versions: [],
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
    });
  });

  it('keeps the withdrawal date, so the record can be retracted', () => {
    expect(value(parseOsv(record({ withdrawn: '2024-02-01T00:00:00Z' }))).withdrawn).toBe('2024-02-01T00:00:00Z');
  });

  it('cuts a summary taken from long details to 200 characters', () => {
    const v = value(parseOsv(record({ details: `\n  ${'x'.repeat(300)}\nsecond line` })));
    expect(v.summary).toHaveLength(200);
    expect(v.summary.endsWith('…')).toBe(true);
  });

  it('prefers the record purl, without its version', () => {
    const v = value(parseOsv(record({ affected: [{ package: { ecosystem: 'PyPI', name: 'Foo_Bar', purl: 'pkg:pypi/Foo_Bar@1.0' } }] })));
    expect(v.affected[0]?.purl).toBe('pkg:pypi/foo-bar');
  });

  it('carries ecosystem- and database-specific data', () => {
    const v = value(parseOsv(record({
      affected: [{ package: { ecosystem: 'Go', name: 'example.com/m' }, ecosystem_specific: { imports: [] }, database_specific: { source: 'x' } }],
    })));
    expect(v.affected[0]).toMatchObject({ ecosystemSpecific: { imports: [] }, databaseSpecific: { source: 'x' } });
  });

  it('reads CWEs from database_specific.cwe_ids', () => {
    expect(value(parseOsv(record({ database_specific: { cwe_ids: ['CWE-79', 'cwe-89', 'NVD-CWE-noinfo', 7] } }))).cwes).toEqual(['CWE-79', 'CWE-89']);
  });

  it('collects severities from the record and its packages, ignoring ratings that are not CVSS', () => {
    const v = value(parseOsv(record({
      affected: [
        { package: { ecosystem: 'Ubuntu:22.04:LTS', name: 'openssl' }, severity: [{ type: 'Ubuntu', score: 'high' }] },
        { package: { ecosystem: 'npm', name: 'a' }, severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] },
      ],
    })));
    expect(v.severities).toEqual([expect.objectContaining({ type: 'CVSS_V4', version: '4.0', baseScore: 9.3, source: 'osv' })]);
  });

  it('keeps an unquoted YAML version as written', () => {
    const yaml = 'id: PYSEC-2099-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n- package: {ecosystem: PyPI, name: x}\n  versions: [1.10, 2.0]\n';
    expect(value(parseOsvText(yaml, 'x.yaml', 'yaml')).affected[0]?.versions).toEqual(['1.10', '2.0']);
  });
});

describe('when an OSV document is bad', () => {
  it('names the line of malformed JSON', () => {
    const [p] = problems(parseOsvText('{\n  "id": "GO-2020-0001",\n  "modified" "x"\n}', 'bad.json', 'json'));
    expect(p).toMatchObject({ file: 'bad.json', line: 3, message: expect.stringMatching(/^invalid JSON/) as unknown });
  });

  it('names the line of malformed YAML', () => {
    const [p] = problems(parseOsvText('id: PYSEC-1\nmodified: [\n', 'bad.yaml', 'yaml'));
    expect(p).toMatchObject({ file: 'bad.yaml', message: expect.stringMatching(/^invalid YAML/) as unknown });
    expect(p?.line).toBeGreaterThanOrEqual(2);
  });

  it('points at what the schema rejects', () => {
    const ps = problems(parseOsv(record({ affected: [{ package: { ecosystem: 'NotAnEcosystem', name: 'x' } }] }), 'r.json'));
    expect(ps).toContainEqual(expect.objectContaining({ pointer: '/affected/0/package/ecosystem', file: 'r.json' }));
    expect(problems(parseOsv({ id: 'GHSA-x' }))).toContainEqual(expect.objectContaining({ pointer: '', message: "must have required property 'modified'" }));
  });

  it('points at a CVSS vector with an unknown metric', () => {
    const ps = problems(parseOsv(record({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q' }] })));
    expect(ps.map((p) => p.pointer)).toContain('/severity/0/score');
  });

  it('points at a CVSS vector the schema lets through but that cannot be scored', () => {
    const ps = problems(parseOsv(record({
      affected: [{ package: { ecosystem: 'npm', name: 'a' }, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L' }] }],
    })));
    expect(ps).toEqual([{ pointer: '/affected/0/severity/0/score', message: expect.stringMatching(/lacks base metric/) as unknown, code: 'INVALID_CVSS' }]);
  });

  it('points at a purl that is not one', () => {
    const ps = problems(parseOsv(record({ affected: [{ package: { ecosystem: 'npm', name: 'a', purl: 'npm/a' } }] })));
    expect(ps).toEqual([expect.objectContaining({ pointer: '/affected/0/package/purl' })]);
  });

  it('points at a GIT event that is not a commit', () => {
    const ps = problems(parseOsv(record({
      affected: [{ package: { ecosystem: 'PyPI', name: 'a' }, ranges: [{ type: 'GIT', repo: 'https://g/a', events: [{ introduced: '0' }, { fixed: 'v1.2.3' }] }] }],
    })));
    expect(ps).toEqual([expect.objectContaining({ pointer: '/affected/0/ranges/0/events/1/fixed' })]);
  });

  it('refuses nesting deeper than the limit, in JSON and in YAML', () => {
    const deep = `{"id":"GO-1","modified":"2024-01-01T00:00:00Z","database_specific":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`;
    expect(problems(parseOsvText(deep, 'deep.json', 'json'))[0]?.message).toMatch(/nested deeper than 64/);
    const deepYaml = `id: GO-1\nmodified: 2024-01-01T00:00:00Z\ndatabase_specific: {x: ${'['.repeat(100)}${']'.repeat(100)}}\n`;
    expect(problems(parseOsvText(deepYaml, 'deep.yaml', 'yaml'))[0]?.message).toMatch(/nested deeper than 64/);
    const hostile = `x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    expect(problems(parseOsvText(hostile, 'hostile.yaml', 'yaml'))[0]?.message).toMatch(/nested deeper than 64/);
  });

  it('refuses YAML alias bombs', () => {
    const levels = 'abcdefgh'.split('');
    const bomb = levels.map((l, i) => (i === 0 ? `${l}: &${l} [x, x, x, x, x, x, x, x]` : `${l}: &${l} [${Array(8).fill(`*${levels[i - 1]}`).join(', ')}]`)).join('\n');
    expect(problems(parseOsvText(bomb, 'bomb.yaml', 'yaml'))[0]?.message).toMatch(/alias/);
  });
});
