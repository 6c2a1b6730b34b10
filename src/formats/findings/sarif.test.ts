import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { parseFindings } from './index.js';
import { parseSarif } from './sarif.js';

const SDK = join(CORPUS, 'sarif', 'sarif-sdk-validate-inputs');

/**
 * The sarif-sdk validator inputs are named for the *validator rule* they exercise (`_Invalid` means
 * "breaks rule SARIF2001", not "breaks the schema"), so which ones the schema refuses was decided file
 * by file: these are the logs that are not JSON or break the official 2.1.0 schema. Everything else
 * must parse.
 */
const REFUSED: Record<string, { line?: number; pointer?: string }> = {
  'JSON1001.SyntaxError.sarif': { line: 3 },
  'JSON1002.DeserializationError.sarif': { pointer: '/runs/0/results/0/stacks/0' },
  'SARIF1002.UrisMustBeValid_Invalid.sarif': { pointer: '/$schema' },
  'SARIF1004.ExpressUriBaseIdsCorrectly_Invalid.sarif': { pointer: '/runs/0/results/0/fixes/0/artifactChanges/0/replacements/0/deletedRegion' },
  'SARIF1005.UriMustBeAbsolute_Invalid.sarif': { pointer: '/$schema' },
  'SARIF1007.RegionPropertiesMustBeConsistent_Invalid.sarif': { pointer: '/runs/0/results/1/relatedLocations/1/physicalLocation/region' },
  'SARIF2016.FileUrisShouldBeRelative_Invalid.sarif': { pointer: '/runs/0/results/0/locations/2/physicalLocation/artifactLocation/uri' },
  'SARIF2017.SARIFProvideRequiredRegionProperties_Invalid.sarif': { pointer: '/runs/0/results/1/locations/0/physicalLocation/region' },
  // Not a log: an externalized property file (no `runs`).
  'SimpleExample.sarif-external-properties.json': { pointer: '' },
};

const SCHEMA_SHA256 = 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e';
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('SARIF: the official schema kept in the repo', () => {
  it('is unmodified (SCHEMA-SOURCE.md)', () => {
    expect(sha256(fileURLToPath(new URL('./sarif-schema.json', import.meta.url)))).toBe(SCHEMA_SHA256);
  });
  it.skipIf(!hasCorpus)('is the corpus copy', () => {
    expect(sha256(join(CORPUS, 'sarif', 'sarif-schema-2.1.0.json'))).toBe(SCHEMA_SHA256);
  });
});

describe.skipIf(!hasCorpus)('SARIF: the sarif-sdk validator inputs', () => {
  corpusSkipNote('SARIF corpus (sarif-sdk-validate-inputs)');

  it('parses every schema-valid log and refuses the rest with a precise problem', () => {
    const files = readdirSync(SDK).sort();
    let parsed = 0;
    let results = 0;
    const refused: string[] = [];
    for (const name of files) {
      const r = parseFindings(readFileSync(join(SDK, name), 'utf8'), name, 'sarif');
      const expected = REFUSED[name];
      if (expected === undefined) {
        expect(r, name).toMatchObject({ ok: true });
        if (r.ok) results += r.value.length;
        parsed++;
        continue;
      }
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      refused.push(name);
      expect(r.problems.length, name).toBeGreaterThan(0);
      for (const p of r.problems) expect(p.file).toBe(name);
      if (expected.line !== undefined) expect(r.problems[0]).toMatchObject({ code: 'INVALID_JSON', line: expected.line });
      if (expected.pointer !== undefined) expect(r.problems.map((p) => p.pointer)).toContain(expected.pointer);
    }
    process.stdout.write(`SARIF corpus: ${files.length} files, ${parsed} parsed (${results} findings), ${refused.length} refused\n`);
    expect(files).toHaveLength(91);
    expect(parsed).toBe(82);
    expect(refused.sort()).toEqual(Object.keys(REFUSED).sort());
    expect(results).toBe(110);
  });

  it('makes artifact URIs repository-relative and reads rule ids through hierarchical ids', () => {
    const name = 'SARIF2012.ProvideRuleProperties_WithHierarchicalIds.sarif';
    const r = parseFindings(readFileSync(join(SDK, name), 'utf8'), name, 'auto');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => [f.externalId, f.ruleId, f.title, f.repository, f.severity])).toEqual([
      ['0/0', 'TEST0001/variant-a', 'Hierarchical sub-ID with one additional component.', 'https://github.com/microsoft/sarif-sdk', 'medium'],
      ['0/1', 'TEST0001/variant-b', 'Another hierarchical sub-ID for the same base rule.', 'https://github.com/microsoft/sarif-sdk', 'medium'],
      ['0/2', 'TEST0002/SubCategory/variant-c', 'Hierarchical sub-ID on a rule whose id is itself hierarchical.', 'https://github.com/microsoft/sarif-sdk', 'medium'],
    ]);
  });
});

const RICH = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: {
          name: 'CodeQL',
          version: '2.17.0',
          rules: [
            {
              id: 'js/xss',
              shortDescription: { text: 'Client-side cross-site scripting' },
              properties: { tags: ['security', 'external/cwe/cwe-079', 'external/cwe/cwe-116'], 'security-severity': '6.1' },
            },
            {
              id: 'js/sql-injection',
              messageStrings: { default: { text: 'Query built from {0}. Sanitize it.' } },
              defaultConfiguration: { level: 'error' },
              relationships: [{ target: { id: '89', toolComponent: { name: 'CWE' } } }],
              properties: { tags: ['CWE-943'], purl: 'pkg:npm/%40acme/db@1.2.3' },
            },
          ],
        },
      },
      taxonomies: [{ name: 'CWE', taxa: [{ id: '20' }, { id: '89' }] }],
      automationDetails: { id: 'nightly/2025-06-01' },
      originalUriBaseIds: { SRCROOT: { uri: 'file:///home/ci/work/repo/' }, WEB: { uri: 'web/', uriBaseId: 'SRCROOT' } },
      versionControlProvenance: [{ repositoryUri: 'https://github.com/acme/shop', revisionId: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', branch: 'main' }],
      results: [
        {
          guid: '6a1b3c4d-0000-4000-8000-000000000001',
          ruleId: 'js/xss',
          ruleIndex: 0,
          level: 'error',
          message: { text: 'Cross-site scripting vulnerability due to [user-provided value](1).', markdown: 'XSS due to **user-provided value**.' },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: './src/app/../views/page.js', uriBaseId: 'SRCROOT' }, region: { startLine: 12, startColumn: 5, endLine: 14 } },
              logicalLocations: [{ name: 'render', fullyQualifiedName: 'views/page.render' }],
            },
          ],
          partialFingerprints: { primaryLocationLineHash: 'abc123:1', primaryLocationStartColumnFingerprint: '4' },
          fingerprints: { 'codeql/v1': 'ff00' },
        },
        {
          ruleId: 'js/sql-injection',
          message: { id: 'default', arguments: ['a user-provided value'] },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///home/ci/work/repo/server/db.js' }, region: { startLine: 7 } } }],
          taxa: [{ index: 0, toolComponent: { index: 0 } }],
        },
        {
          ruleId: 'js/other',
          level: 'note',
          message: { text: 'No rule metadata here' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'index.html', uriBaseId: 'WEB' } } }],
          properties: { purl: 'not a purl at all' },
        },
      ],
    },
  ],
};

describe('SARIF: mapping', () => {
  it('maps a result field by field', () => {
    const log = structuredClone(RICH);
    log.runs[0]!.results.pop(); // the bad purl is tested below
    const r = parseSarif(log, 'codeql.sarif');
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.value[0]).toEqual({
      externalId: '6a1b3c4d-0000-4000-8000-000000000001',
      title: 'Client-side cross-site scripting',
      description: 'XSS due to **user-provided value**.',
      purl: null,
      affectedVersions: null,
      repository: 'https://github.com/acme/shop',
      commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      location: { file: 'src/views/page.js', startLine: 12, endLine: 14, symbol: 'views/page.render' },
      cwes: ['CWE-79', 'CWE-116'],
      claimedImpact: null,
      aliases: [],
      fingerprints: { primaryLocationLineHash: 'abc123:1', primaryLocationStartColumnFingerprint: '4', 'codeql/v1': 'ff00' },
      ruleId: 'js/xss',
      severity: 'medium', // security-severity 6.1 wins over level error
      provenance: { tool: 'CodeQL', toolVersion: '2.17.0', runId: 'nightly/2025-06-01', configHash: null },
      attachments: [],
    });
    expect(r.value[1]).toMatchObject({
      externalId: '0/1',
      title: 'Query built from a user-provided value.',
      description: 'Query built from a user-provided value. Sanitize it.',
      purl: 'pkg:npm/%40acme/db',
      affectedVersions: '1.2.3',
      location: { file: 'server/db.js', startLine: 7, endLine: 7, symbol: null },
      cwes: ['CWE-20', 'CWE-89', 'CWE-943'],
      ruleId: 'js/sql-injection',
      severity: 'high', // the rule's default level: error
    });
  });

  it('resolves a relative uriBaseId chain and takes the level when there is no score', () => {
    const log = structuredClone(RICH);
    Reflect.deleteProperty(log.runs[0]!.results[2]!, 'properties');
    const r = parseSarif(log);
    expect(r.ok && r.value[2]).toMatchObject({ title: 'No rule metadata here', location: { file: 'web/index.html', startLine: null }, severity: 'low', cwes: [] });
  });

  it('refuses a result whose purl property is not a purl, at its pointer', () => {
    const r = parseSarif(RICH, 'codeql.sarif');
    expect(r).toEqual({
      ok: false,
      problems: [{ file: 'codeql.sarif', pointer: '/runs/0/results/2/properties/purl', code: 'INVALID_PURL', message: expect.stringContaining('not a purl') as unknown }],
    });
  });

  it('bounds the title and description it derives', () => {
    const log = structuredClone(RICH);
    log.runs[0]!.results = [{ ruleId: 'x', level: 'note', message: { text: 'a'.repeat(30_000) }, locations: [], properties: { purl: 'pkg:npm/x' } }];
    const r = parseSarif(log);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value[0]!.title).toHaveLength(300);
    expect(r.value[0]!.title.endsWith('…')).toBe(true);
    expect(r.value[0]!.description).toHaveLength(20_000);
  });

  it('refuses a log that breaks the schema, at the pointer', () => {
    const log = structuredClone(RICH);
    (log.runs[0]!.results[0] as { level: string }).level = 'fatal';
    const r = parseFindings(JSON.stringify(log), 'bad.sarif', 'auto');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual(expect.objectContaining({ file: 'bad.sarif', pointer: '/runs/0/results/0/level' }));
  });
});

function bigLog(count: number): string {
  const results = Array.from({ length: count }, (_, i) => ({
    ruleId: `R${i % 50}`,
    level: 'warning',
    message: { text: `Possible issue number ${i}. More detail follows.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: `src/file${i % 1000}.c` }, region: { startLine: (i % 500) + 1 } } }],
    partialFingerprints: { primaryLocationLineHash: `${i.toString(16)}:1` },
  }));
  const rules = Array.from({ length: 50 }, (_, i) => ({ id: `R${i}`, properties: { tags: [`CWE-${i + 1}`], 'security-severity': String((i % 10) + 0.5) } }));
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'big', rules } }, results }] });
}

describe('SARIF: size bounds', () => {
  it('parses a 100,000-result log within a few seconds', () => {
    // First use compiles the official schema; done apart so the bound is about parsing.
    let started = performance.now();
    expect(parseSarif({ version: '2.1.0', runs: [] }).ok).toBe(true);
    const compile = performance.now() - started;
    const text = bigLog(100_000);
    started = performance.now();
    const r = parseFindings(text, 'big.sarif', 'auto');
    const elapsed = performance.now() - started;
    process.stdout.write(`SARIF 100,000 results (${(text.length / 1e6).toFixed(1)} MB): parsed in ${elapsed.toFixed(0)} ms (excluding schema compilation: ${compile.toFixed(0)} ms here, 0 if an earlier test compiled it)\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(100_000);
    expect(r.value[99_999]).toMatchObject({ externalId: '0/99999', ruleId: 'R49', severity: 'critical', cwes: ['CWE-50'], title: 'Possible issue number 99999.' });
    expect(elapsed).toBeLessThan(15_000);
  });

  it('refuses 100,001 results at the first one too many', () => {
    const started = performance.now();
    const r = parseFindings(bigLog(100_001), 'big.sarif', 'sarif');
    process.stdout.write(`SARIF 100,001 results: refused in ${(performance.now() - started).toFixed(0)} ms (including building the text)\n`);
    expect(r).toEqual({
      ok: false,
      problems: [{ file: 'big.sarif', pointer: '/runs/0/results/100000', code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('at most 100000 results') as unknown }],
    });
  });

  it('counts results across runs', () => {
    const one = JSON.parse(bigLog(60_000)) as { runs: unknown[] };
    const r = parseSarif({ version: '2.1.0', runs: [one.runs[0], one.runs[0]] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.pointer).toBe('/runs/1/results/40000');
  });
});
