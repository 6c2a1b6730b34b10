import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseFindings } from './index.js';
import { parseNative } from './native.js';

const POC = Buffer.from('#!/usr/bin/env python3\nprint("boom")\n');

function finding(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'run-17/3',
    title: 'Heap overflow in parse_header',
    description: 'A crafted **header** overflows a heap buffer.',
    package: { purl: 'pkg:pypi/Jw.Util@1.4.0' },
    repository: { url: 'https://github.com/acme/jw', commit: 'ABCDEF1234567' },
    location: { file: './src\\parse.c', startLine: 40, symbol: 'parse_header' },
    cwe: ['CWE-787'],
    claimedImpact: 'remote code execution',
    aliases: ['CVE-2025-0001'],
    severity: 'critical',
    provenance: { tool: 'model-x', toolVersion: '2025-06', runId: 'run-17', configHash: 'sha256:00ff' },
    attachments: [{ name: 'poc.py', kind: 'poc', mediaType: 'text/x-python', content: POC.toString('base64') }],
    ...overrides,
  };
}

const doc = (...findings: Array<Record<string, unknown>>) => ({ findings });

describe('native findings', () => {
  it('maps a finding field by field', () => {
    const r = parseFindings(JSON.stringify(doc(finding())), 'lab.json', 'auto');
    expect(r).toEqual({
      ok: true,
      value: [
        {
          externalId: 'run-17/3',
          title: 'Heap overflow in parse_header',
          description: 'A crafted **header** overflows a heap buffer.',
          purl: 'pkg:pypi/jw-util',
          affectedVersions: '1.4.0',
          repository: 'https://github.com/acme/jw',
          commit: 'abcdef1234567',
          location: { file: 'src/parse.c', startLine: 40, endLine: 40, symbol: 'parse_header' },
          cwes: ['CWE-787'],
          claimedImpact: 'remote code execution',
          aliases: ['CVE-2025-0001'],
          fingerprints: {},
          ruleId: null,
          severity: 'critical',
          provenance: { tool: 'model-x', toolVersion: '2025-06', runId: 'run-17', configHash: 'sha256:00ff' },
          attachments: [
            { name: 'poc.py', kind: 'poc', mediaType: 'text/x-python', sha256: createHash('sha256').update(POC).digest('hex'), size: POC.length, content: POC.toString('base64') },
          ],
        },
      ],
    });
  });

  it('fills the optional fields with nulls and empty lists', () => {
    const minimal = { id: 'x', title: 't', description: '', provenance: { tool: 'fuzzer' } };
    const r = parseNative(doc(minimal));
    expect(r).toMatchObject({
      ok: true,
      value: [{ purl: null, affectedVersions: null, repository: null, commit: null, location: { file: null, startLine: null, endLine: null, symbol: null }, cwes: [], aliases: [], attachments: [], severity: null, claimedImpact: null }],
    });
  });

  it('keeps given versions over the purl version', () => {
    const r = parseNative(doc(finding({ package: { purl: 'pkg:npm/left-pad@1.0.0', versions: 'vers:npm/<1.3.0' } })));
    expect(r.ok && r.value[0]).toMatchObject({ purl: 'pkg:npm/left-pad', affectedVersions: 'vers:npm/<1.3.0' });
  });

  it.each([
    ['a missing title', { title: undefined }, '/findings/1', "must have required property 'title'"],
    ['a title over 300 characters', { title: 'x'.repeat(301) }, '/findings/1/title', 'must NOT have more than 300 characters'],
    ['a malformed CWE', { cwe: ['79'] }, '/findings/1/cwe/0', 'must match pattern'],
    ['an unknown severity', { severity: 'severe' }, '/findings/1/severity', 'must be equal to one of the allowed values'],
    ['an unknown attachment kind', { attachments: [{ name: 'a', kind: 'exploit', mediaType: 'text/plain', content: '' }] }, '/findings/1/attachments/0/kind', 'allowed values'],
    ['an unknown property', { reporter: 'me' }, '/findings/1', "must NOT have additional properties: 'reporter'"],
  ])('refuses %s at its pointer', (_name, overrides, pointer, message) => {
    const r = parseFindings(JSON.stringify(doc(finding(), finding({ id: 'other', ...overrides }))), 'lab.json', 'native');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual(expect.objectContaining({ file: 'lab.json', pointer, message: expect.stringContaining(message) as unknown }));
  });

  it('refuses bad base64 at the attachment content', () => {
    const bad = finding({ attachments: [{ name: 'log.txt', kind: 'crash-log', mediaType: 'text/plain', content: 'not*base64!' }] });
    const r = parseNative(doc(bad), 'lab.json');
    expect(r).toEqual({
      ok: false,
      problems: [{ file: 'lab.json', pointer: '/findings/0/attachments/0/content', message: expect.stringContaining('not valid base64') as unknown }],
    });
  });

  it('refuses an attachment over 1 MiB and attachments over 4 MiB per finding', () => {
    const of = (bytes: number, name: string) => ({ name, kind: 'other', mediaType: 'application/octet-stream', content: Buffer.alloc(bytes, 7).toString('base64') });
    const big = parseNative(doc(finding({ attachments: [of(1024 * 1024, 'ok.bin'), of(1024 * 1024 + 1, 'big.bin')] })));
    expect(big).toEqual({
      ok: false,
      problems: [{ pointer: '/findings/0/attachments/1/content', code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining("'big.bin' is 1048577 bytes") as unknown }],
    });
    const MiB = 1024 * 1024;
    const total = parseNative(doc(finding({ attachments: [of(MiB, 'a'), of(MiB, 'b'), of(MiB, 'c'), of(MiB, 'd'), of(1, 'e')] })));
    expect(total).toEqual({
      ok: false,
      problems: [{ pointer: '/findings/0/attachments/4/content', code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('at most 4194304') as unknown }],
    });
    const exactly = parseNative(doc(finding({ attachments: [of(MiB, 'a'), of(MiB, 'b'), of(MiB, 'c'), of(MiB, 'd')] })));
    expect(exactly.ok && exactly.value[0]!.attachments.map((a) => a.size)).toEqual([MiB, MiB, MiB, MiB]);
  });

  it('refuses duplicate ids, bad purls and inverted line ranges at their pointers', () => {
    const r = parseNative(
      doc(finding(), finding({ package: { purl: 'pkg:' } }), finding({ id: 'b', package: { purl: 'pkg:npm/' } }), finding({ id: 'c', location: { startLine: 9, endLine: 3 } })),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/findings/1/package/purl', undefined], // the schema's minLength 5
    ]);
    const r2 = parseNative(doc(finding(), finding(), finding({ id: 'b', package: { purl: 'pkg:npm/' } }), finding({ id: 'c', location: { startLine: 9, endLine: 3 } })));
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/findings/1/id', 'DUPLICATE_ID'],
      ['/findings/2/package/purl', 'INVALID_PURL'],
      ['/findings/3/location/endLine', undefined],
    ]);
  });

  it('refuses more than 100,000 findings by count', () => {
    const many = { findings: Array.from({ length: 100_001 }, () => ({})) };
    expect(parseNative(many)).toMatchObject({ ok: false, problems: [{ pointer: '/findings/100000', code: 'PAYLOAD_TOO_LARGE' }] });
  });
});
