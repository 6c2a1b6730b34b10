import { describe, expect, it } from 'vitest';
import { credibilityIndicators, suggestedCredibility } from './credibility.js';
import type { Finding } from './finding.js';

function finding(over: Partial<Finding>): Finding {
  return {
    externalId: 'f1', title: 'Use of weak hash', description: 'Use of weak hash', purl: 'pkg:npm/x', affectedVersions: null, repository: null, commit: null,
    location: { file: 'a.js', startLine: 1, endLine: null, symbol: null }, cwes: [], claimedImpact: null, aliases: [], fingerprints: {}, ruleId: 'weak-hash',
    severity: 'medium', provenance: { tool: 'scanner', toolVersion: null, runId: null, configHash: null }, attachments: [], ...over,
  };
}
const keys = (fs: Finding[], extra: Partial<Parameters<typeof credibilityIndicators>[0]> = {}) =>
  credibilityIndicators({ findings: fs, reporters: 1, reproduction: null, precision: null, ...extra }).map((i) => i.key);

describe('report credibility indicators', () => {
  it('flags raw tool output with no attack scenario, and suggests not credible', () => {
    const found = credibilityIndicators({ findings: [finding({})], reporters: 1, reproduction: null, precision: null });
    expect(found.map((i) => i.key)).toEqual(['raw-tool-output', 'no-attack-scenario']);
    expect(suggestedCredibility(found)).toBe('NC');
  });

  it('flags a critical or code-execution claim on a disclosure-class weakness as exaggerated', () => {
    expect(keys([finding({ description: 'Stack trace shown', cwes: ['CWE-209'], severity: 'critical' })])).toContain('exaggerated-impact');
    expect(keys([finding({ description: 'Cookie without HttpOnly', cwes: ['CWE-1004'], claimedImpact: 'leads to remote code execution' })])).toContain('exaggerated-impact');
    expect(keys([finding({ description: 'SQL injection in search', cwes: ['CWE-89'], severity: 'critical' })])).not.toContain('exaggerated-impact');
  });

  it('counts a PoC, independent reporters, a reproduction and a good track record for the report', () => {
    const poc = finding({ description: 'Crafted input overflows the buffer', claimedImpact: 'RCE', attachments: [{ name: 'poc.py', kind: 'poc', mediaType: 'text/x-python', sha256: 'x', size: 1, content: '' }] });
    const found = credibilityIndicators({ findings: [poc], reporters: 3, reproduction: 'fixed-version-clean', precision: { value: 0.8, decided: 10 } });
    expect(found.map((i) => i.key)).toEqual(['has-poc', 'several-reporters', 'reproduced', 'reporter-track-record']);
    expect(found.every((i) => i.direction === 'for')).toBe(true);
    expect(suggestedCredibility(found)).toBe('C');
  });

  it('weighs a poor track record only once it rests on enough decisions', () => {
    const f = finding({ description: 'details', claimedImpact: 'DoS' });
    expect(keys([f], { precision: { value: 0.1, decided: 2 } })).not.toContain('reporter-track-record');
    const found = credibilityIndicators({ findings: [f], reporters: 1, reproduction: null, precision: { value: 0.1, decided: 8 } });
    expect(found.find((i) => i.key === 'reporter-track-record')?.direction).toBe('against');
  });

  it('flags a report naming no package or repository', () => {
    expect(keys([finding({ purl: null, description: 'x', claimedImpact: 'y' })])).toEqual(['no-affected-target']);
  });
});
