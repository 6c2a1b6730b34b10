import { describe, expect, it } from 'vitest';
import { apiQuery, asIdentifier, EMPTY_FILTERS, filtersFromParams, filtersToParams } from './searchQuery.js';

describe('asIdentifier', () => {
  it.each([
    ['CVE-2021-44228', 'CVE-2021-44228'],
    ['  cve-2021-44228 ', 'CVE-2021-44228'],
    ['GHSA-JFH8-C2JP-5V3Q', 'GHSA-jfh8-c2jp-5v3q'],
    ['go-2022-0969', 'GO-2022-0969'],
    ['PYSEC-2021-19', 'PYSEC-2021-19'],
    ['RUSTSEC-2021-0078', 'RUSTSEC-2021-0078'],
    ['DLA-3440-1', 'DLA-3440-1'],
    ['aicc-demo-2021-0001', 'AICC-DEMO-2021-0001'],
  ])('treats %j as the identifier %s', (text, id) => {
    expect(asIdentifier(text)).toBe(id);
  });

  it.each(['log4j', 'log4j-core', 'spring-webmvc', 'openssl 3.0', 'CVE-21', 'GHSA-nope', '', 'remote code execution'])('treats %j as text', (text) => {
    expect(asIdentifier(text)).toBeNull();
  });
});

describe('search filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = { q: 'log4j', ecosystem: 'Maven', kev: true, epssMin: 0.5, severity: 'critical' as const, includeWithdrawn: true };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
  });

  it('leaves unset filters out of the URL', () => {
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
  });

  it('ignores values the API would reject', () => {
    expect(filtersFromParams(new URLSearchParams('epssMin=7&severity=dire&kev=yes'))).toEqual(EMPTY_FILTERS);
  });
});

describe('apiQuery', () => {
  it('sends identifiers as id (aliases are found too) and text as q', () => {
    expect(apiQuery({ ...EMPTY_FILTERS, q: 'cve-2021-44228' }).get('id')).toBe('CVE-2021-44228');
    expect(apiQuery({ ...EMPTY_FILTERS, q: 'cve-2021-44228' }).has('q')).toBe(false);
    expect(apiQuery({ ...EMPTY_FILTERS, q: 'log4j' }).get('q')).toBe('log4j');
  });

  it('passes the cursor and the page size', () => {
    const query = apiQuery({ ...EMPTY_FILTERS, kev: true }, 'abc', 25);
    expect(Object.fromEntries(query)).toEqual({ kev: 'true', limit: '25', cursor: 'abc' });
  });
});
