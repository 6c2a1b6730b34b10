import { describe, expect, it } from 'vitest';
import { ignores, parseIgnoreFile } from './ignore.js';

describe('the scan ignore file', () => {
  it('reads ids, package limits, expiry dates and reasons', () => {
    const r = parseIgnoreFile('# accepted risks\n\nCVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core until=2099-01-01 # patched by config\nGHSA-abcd-efgh-ijkl\n');
    expect(r).toEqual({
      ok: true,
      value: [
        { id: 'CVE-2021-44228', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core', until: '2099-01-01', reason: 'patched by config', line: 3 },
        { id: 'GHSA-abcd-efgh-ijkl', purl: null, until: null, reason: null, line: 4 },
      ],
    });
  });

  it('names every bad line', () => {
    const r = parseIgnoreFile('CVE-2021-1\nnot an id\nCVE-2021-2 until=tomorrow\n', 'ignore.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.file, p.line])).toEqual([['ignore.txt', 2], ['ignore.txt', 3]]);
  });

  it('matches by id or alias, within the package, until the date', () => {
    const finding = { id: 'GHSA-jfh8-c2jp-5v3q', aliases: ['CVE-2021-44228'], purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' };
    const [rule] = (parseIgnoreFile('CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core until=2030-01-01') as { value: Parameters<typeof ignores>[0][] }).value;
    expect(ignores(rule!, finding, '2029-12-31')).toBe(true);
    expect(ignores(rule!, finding, '2030-01-02')).toBe(false);
    expect(ignores(rule!, { ...finding, purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1' }, '2029-12-31')).toBe(false);
  });
});
