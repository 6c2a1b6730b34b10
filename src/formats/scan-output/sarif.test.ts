import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { CLEAN, SCAN } from './fixture.testing.js';
import { toSarif } from './sarif.js';

// Both packages are CommonJS; under NodeNext their default exports arrive wrapped.
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof Ajv04>) => unknown;

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; properties: Record<string, unknown> }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName: string }> }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

const OPTIONS = { toolVersion: '0.1.0', sbomUri: 'deploy/sbom.cdx.json' };
const sarif = (scan = SCAN, options = OPTIONS) => toSarif(scan, options) as SarifLog;

let compiled: ValidateFunction | undefined;
function officialValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(join(CORPUS, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

describe('toSarif', () => {
  describe.skipIf(!hasCorpus)('against the official SARIF 2.1.0 schema', () => {
    corpusSkipNote('SARIF schema validation');
    it.each([
      ['a scan with findings', SCAN],
      ['a scan without findings', CLEAN],
    ])('validates %s', (_name, scan) => {
      const validate = officialValidator();
      const valid = validate(toSarif(scan, OPTIONS));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('rejects a log that breaks the schema, so the check has teeth', () => {
      const validate = officialValidator();
      const log = sarif();
      (log.runs[0]!.results[0] as { level: string }).level = 'fatal';
      expect(validate(log)).toBe(false);
    });
  });

  it('has one rule per vulnerability and one result per affected component', () => {
    const run = sarif().runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'aicc', version: '0.1.0' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['GO-2023-2102', 'GO-2023-1988', 'PYSEC-2024-0001', 'CVE-2023-45133']);
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['GO-2023-2102', 0],
      ['GO-2023-1988', 1],
      ['GO-2023-2102', 0],
      ['PYSEC-2024-0001', 2],
      ['CVE-2023-45133', 3],
    ]);
  });

  it('describes rules with the summary, advisory link, aliases and a string CVSS score', () => {
    const [rapidReset, textNodes, unscored, cve] = sarif().runs[0]!.tool.driver.rules;
    expect(rapidReset).toMatchObject({
      shortDescription: { text: 'HTTP/2 rapid reset can cause excessive work in net/http' },
      helpUri: 'https://osv.dev/vulnerability/GO-2023-2102',
      properties: { 'security-severity': '7.5', tags: ['security'], aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'] },
    });
    expect(textNodes?.properties.tags).toEqual(['security', 'external/cwe/cwe-79']);
    expect(cve?.helpUri).toBe('https://nvd.nist.gov/vuln/detail/CVE-2023-45133');
    expect(cve?.properties['security-severity']).toBe('0.0');
    // No CVSS: no score rather than a made-up one, and the id stands in for the missing summary.
    expect(unscored?.properties).not.toHaveProperty('security-severity');
    expect(unscored?.shortDescription.text).toBe('PYSEC-2024-0001');
  });

  it('sets the level from severity, raising known-exploited findings to error', () => {
    expect(sarif().runs[0]!.results.map((r) => r.level)).toEqual(['error', 'warning', 'error', 'note', 'note']);
    const notKev = structuredClone(SCAN);
    const first = notKev.results[0]!.vulnerabilities[0]!;
    Object.assign(first, { kev: false, severity: 'low' });
    expect(sarif(notKev).runs[0]!.results[0]!.level).toBe('note');
  });

  it('names the component, vulnerability, fixes and upgrade in the message', () => {
    const [first, , , unscored] = sarif().runs[0]!.results;
    expect(first?.message.text).toBe(
      'golang.org/x/net@v0.10.0 is affected by GO-2023-2102 (CVE-2023-39325, GHSA-4374-p667-p6c8): HTTP/2 rapid reset can cause excessive work in net/http. ' +
        'It is known to be exploited (CISA KEV). Fixed in 0.17.0. Upgrade golang.org/x/net to 0.17.0.',
    );
    expect(unscored?.message.text).toContain('No fixed version is known.');
  });

  it('locates every result in the SBOM file, with the component purl as a logical location', () => {
    const results = sarif().runs[0]!.results;
    expect(results.every((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === 'deploy/sbom.cdx.json')).toBe(true);
    expect(results[0]?.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe('pkg:golang/golang.org/x/net@v0.10.0');
  });

  it('keeps fingerprints stable across runs and version bumps, distinct across packages and vulnerabilities', () => {
    const print = (log: SarifLog, i: number) => log.runs[0]!.results[i]!.partialFingerprints['aiccFinding/v1'];
    const bumped = structuredClone(SCAN);
    bumped.results[0]!.component = { ...bumped.results[0]!.component, purl: 'pkg:golang/golang.org/x/net@v0.11.0', version: 'v0.11.0' };
    const a = sarif();
    expect(print(a, 0)).toMatch(/^[0-9a-f]{64}$/);
    expect(print(sarif(), 0)).toBe(print(a, 0));
    expect(print(sarif(bumped), 0)).toBe(print(a, 0));
    expect(new Set([0, 1, 2, 3, 4].map((i) => print(a, i))).size).toBe(5);
  });

  it('warns of advisories it could not evaluate (affected commits only)', () => {
    const [invocation] = sarif().runs[0]!.invocations;
    expect(invocation?.toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: expect.stringContaining('Not evaluated: OSV-GITONLY-0001 name affected commits (GIT ranges) of commit-pad') as unknown } },
    ]);
    expect(sarif(CLEAN).runs[0]!.invocations[0]?.toolExecutionNotifications).toEqual([]);
  });

  it('writes an empty run when nothing was found', () => {
    const log = sarif(CLEAN);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
  });
});
