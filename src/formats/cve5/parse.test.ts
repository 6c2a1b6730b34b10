import { describe, expect, it } from 'vitest';
import type { Problem } from '../../domain/errors.js';
import type { Vulnerability } from '../../domain/vulnerability.js';
import type { Parsed } from '../result.js';
import { parseCve5, parseCve5Text } from './parse.js';

const CNA_ORG = 'af854a3a-2127-422b-91ae-364da2661108';
const CISA_ORG = '134c704f-9b21-4f2e-91b3-4a467353bcc0';
const FILE = 'CVE-2024-0001.json';

type Json = Record<string, unknown>;

const cvss31 = (vectorString: string, baseScore = 9.8, baseSeverity = 'CRITICAL'): Json => ({
  cvssV3_1: { version: '3.1', vectorString, baseScore, baseSeverity },
});

const cisaAdp = (metrics: Json[]): Json => ({
  title: 'CISA ADP Vulnrichment',
  metrics,
  providerMetadata: { orgId: CISA_ORG, shortName: 'CISA-ADP', dateUpdated: '2024-09-26T14:50:22.239Z' },
});

const ssvc = (options: Json[]): Json => ({
  other: { type: 'ssvc', content: { id: 'CVE-2024-0001', role: 'CISA Coordinator', options, version: '2.0.3', timestamp: '2024-09-26T14:50:13.947404Z' } },
});

/** A minimal valid published record; parts override the metadata, the CNA container, and add ADPs. */
function cveRecord(parts: { meta?: Json; cna?: Json; adp?: Json[] } = {}): Json {
  return {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: 'CVE-2024-0001',
      assignerOrgId: CNA_ORG,
      assignerShortName: 'Example',
      state: 'PUBLISHED',
      dateReserved: '2024-01-01T00:00:00.000Z',
      datePublished: '2024-01-02T00:00:00.000Z',
      dateUpdated: '2024-01-03T00:00:00.000Z',
      ...parts.meta,
    },
    containers: {
      cna: {
        providerMetadata: { orgId: CNA_ORG, shortName: 'Example' },
        descriptions: [{ lang: 'en', value: 'Path traversal in Example Widget 1.2.3 lets remote attackers read files. Fixed in 1.2.4.' }],
        affected: [{ vendor: 'Example', product: 'Widget', versions: [{ version: '1.0', status: 'affected', lessThan: '1.2.4', versionType: 'semver' }], defaultStatus: 'unaffected' }],
        references: [{ url: 'https://example.com/advisory', tags: ['vendor-advisory'] }],
        ...parts.cna,
      },
      ...(parts.adp ? { adp: parts.adp } : {}),
    },
  };
}

function rejectedRecord(meta: Json = {}, cna: Json = {}): Json {
  return {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: 'CVE-2024-0002', assignerOrgId: CNA_ORG, state: 'REJECTED',
      dateReserved: '2024-02-01T00:00:00.000Z', datePublished: '2024-02-02T00:00:00.000Z', dateUpdated: '2024-03-08T21:46:42.875Z',
      ...meta,
    },
    containers: {
      cna: {
        providerMetadata: { orgId: CNA_ORG },
        rejectedReasons: [{ lang: 'en', value: 'This candidate is a duplicate of CVE-2024-0001. Do not use it.' }],
        ...cna,
      },
    },
  };
}

function value(r: Parsed<Vulnerability>): Vulnerability {
  if (!r.ok) throw new Error(`expected a record, got ${JSON.stringify(r.problems)}`);
  return r.value;
}

function problems(r: Parsed<Vulnerability>): Problem[] {
  if (r.ok) throw new Error('expected problems, got a record');
  return r.problems;
}

describe('a valid published record', () => {
  const v = value(parseCve5(cveRecord({
    cna: {
      credits: [{ lang: 'en', value: 'Alice' }, { lang: 'de', value: 'Alice' }, { lang: 'en', value: 'Bob' }],
      problemTypes: [{ descriptions: [{ lang: 'en', description: 'CWE-22 Path Traversal' }, { lang: 'en', description: 'Path traversal', cweId: 'CWE-22' }] }],
      metrics: [cvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 9.8)],
    },
  }), FILE));

  it('is identified, dated in UTC and cleared for sharing', () => {
    expect(v).toMatchObject({
      id: 'CVE-2024-0001', source: 'cve5', tlp: 'CLEAR', aliases: [], related: [], affected: [], withdrawn: null,
      modified: '2024-01-03T00:00:00.000Z', published: '2024-01-02T00:00:00.000Z',
    });
  });

  it('summarizes by the first sentence of the description and keeps the description whole', () => {
    expect(v.summary).toBe('Path traversal in Example Widget 1.2.3 lets remote attackers read files.');
    expect(v.details).toBe('Path traversal in Example Widget 1.2.3 lets remote attackers read files. Fixed in 1.2.4.');
  });

  it('keeps the CNA products with their version ranges', () => {
    expect(v.products).toEqual([{
      vendor: 'Example', product: 'Widget', defaultStatus: 'unaffected', cpes: [], purl: null,
      versions: [{ version: '1.0', status: 'affected', lessThan: '1.2.4', versionType: 'semver' }],
    }]);
  });

  it('scores the vector itself rather than trusting the stated score', () => {
    expect(v.severities).toEqual([{ type: 'CVSS_V3', version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', baseScore: 7.5, source: 'Example' }]);
  });

  it('lists each CWE and credit once', () => {
    expect(v.cwes).toEqual(['CWE-22']);
    expect(v.credits).toEqual(['Alice', 'Bob']);
  });

  it('types references by their tags', () => {
    expect(v.references).toEqual([{ type: 'ADVISORY', url: 'https://example.com/advisory' }]);
  });

  it('has no SSVC or KEV hint without a CISA ADP container', () => {
    expect(v.ssvc).toBeNull();
    expect(v.kevHint).toBe(false);
  });
});

describe('when the record breaks the official schema', () => {
  it('reports the offending field by JSON pointer, with the file', () => {
    const p = problems(parseCve5(cveRecord({ meta: { cveId: 'CVE-24-1' } }), FILE));
    expect(p).toContainEqual(expect.objectContaining({ pointer: '/cveMetadata/cveId', file: FILE }));
  });

  it('reports a missing required property at its parent', () => {
    const record = cveRecord();
    const cna = (record.containers as { cna: Json }).cna;
    delete cna.descriptions;
    const p = problems(parseCve5(record, FILE));
    expect(p).toEqual([expect.objectContaining({ pointer: '/containers/cna', message: "must have required property 'descriptions'" })]);
  });

  it('names the allowed value when dataType is wrong', () => {
    const p = problems(parseCve5({ ...cveRecord(), dataType: 'CVE_RECORD_V4' }, FILE));
    expect(p).toEqual([{ pointer: '/dataType', message: 'must be equal to one of the allowed values: ["CVE_RECORD"]', file: FILE }]);
  });

  it('refuses a document that is not an object at all', () => {
    expect(problems(parseCve5(null))[0]).toMatchObject({ pointer: '' });
    expect(problems(parseCve5([cveRecord()]))[0]).toMatchObject({ pointer: '' });
  });

  it('refuses an ADP container on a rejected record', () => {
    const record = rejectedRecord();
    (record.containers as Json).adp = [cisaAdp([ssvc([{ Exploitation: 'none' }])])];
    expect(problems(parseCve5(record, FILE))).toContainEqual(expect.objectContaining({ pointer: '/containers' }));
  });
});

describe('when a CVSS vector passes the schema but not strict validation', () => {
  it('points at the vector of the container and metric that carry it', () => {
    const record = cveRecord({
      adp: [cisaAdp([ssvc([{ Exploitation: 'none' }, { Automatable: 'no' }, { 'Technical Impact': 'partial' }]), cvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')])],
    });
    const p = problems(parseCve5(record, FILE));
    expect(p).toEqual([{ pointer: '/containers/adp/0/metrics/1/cvssV3_1/vectorString', message: 'CVSS 3.1 vector lacks base metric(s) A', file: FILE, code: 'INVALID_CVSS' }]);
  });

  it('rejects a metric given twice', () => {
    const record = cveRecord({ cna: { metrics: [cvss31('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')] } });
    expect(problems(parseCve5(record))).toEqual([expect.objectContaining({ pointer: '/containers/cna/metrics/0/cvssV3_1/vectorString', message: 'CVSS 3.1 metric AV appears twice' })]);
  });
});

describe('when a record is rejected', () => {
  it('is withdrawn at its rejection date and summarized by the reason', () => {
    const v = value(parseCve5(rejectedRecord({ dateRejected: '2024-03-08T21:46:42.875Z' }, { replacedBy: ['CVE-2024-0001'] }), FILE));
    expect(v).toMatchObject({
      id: 'CVE-2024-0002', withdrawn: '2024-03-08T21:46:42.875Z', modified: '2024-03-08T21:46:42.875Z',
      summary: 'This candidate is a duplicate of CVE-2024-0001.', related: ['CVE-2024-0001'],
      products: [], severities: [], references: [], ssvc: null, kevHint: false,
    });
    expect(v.details).toBe('This candidate is a duplicate of CVE-2024-0001. Do not use it.');
  });

  it('is withdrawn when last modified if it gives no rejection date', () => {
    const v = value(parseCve5(rejectedRecord({ dateUpdated: '2024-03-09T00:00:00' })));
    expect(v.withdrawn).toBe('2024-03-09T00:00:00.000Z');
  });
});

describe('dates', () => {
  it('fall back from dateUpdated to datePublished to dateReserved, read as UTC when zone-less', () => {
    const meta = { dateUpdated: undefined, datePublished: undefined, dateReserved: '2024-01-01T10:00:00' };
    const record = cveRecord({ meta });
    const v = value(parseCve5(JSON.parse(JSON.stringify(record)) as unknown));
    expect(v.modified).toBe('2024-01-01T10:00:00.000Z');
    expect(v.published).toBeNull();
  });
});

describe('text', () => {
  it('prefers an English description over one listed first in another language', () => {
    const v = value(parseCve5(cveRecord({ cna: { descriptions: [{ lang: 'de', value: 'Deutsch.' }, { lang: 'en', value: 'English. More.' }] } })));
    expect(v.details).toBe('English. More.');
    expect(v.summary).toBe('English.');
  });

  it('clips a long title to 200 characters', () => {
    const v = value(parseCve5(cveRecord({ cna: { title: 'T'.repeat(10) + ' word'.repeat(45) } })));
    expect(v.summary.length).toBeLessThanOrEqual(200);
    expect(v.summary.endsWith('…')).toBe(true);
  });
});

describe('products', () => {
  it('may be named by package collection instead of vendor and product', () => {
    const v = value(parseCve5(cveRecord({ cna: { affected: [{ collectionURL: 'https://registry.npmjs.org', packageName: 'left-pad', defaultStatus: 'affected' }] } })));
    expect(v.products).toEqual([{ vendor: '', product: 'left-pad', versions: [], defaultStatus: 'affected', cpes: [], purl: null }]);
  });

  it('carry a packageURL as a versionless purl', () => {
    const affected = [{ vendor: 'n/a', product: 'lodash', packageURL: 'pkg:npm/lodash@4.17.20', versions: [{ version: '4.17.20', status: 'affected' }] }];
    expect(value(parseCve5(cveRecord({ cna: { affected } }))).products[0]?.purl).toBe('pkg:npm/lodash');
  });

  it('report a packageURL that is no package URL', () => {
    const affected = [{ vendor: 'n/a', product: 'x', packageURL: 'npm:lodash', defaultStatus: 'affected' }];
    expect(problems(parseCve5(cveRecord({ cna: { affected } }))))
      .toEqual([expect.objectContaining({ pointer: '/containers/cna/affected/0/packageURL' })]);
  });
});

describe('CISA ADP enrichment', () => {
  const record = cveRecord({
    cna: {
      metrics: [
        cvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
        { ...cvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), format: 'CVSS', scenarios: [{ lang: 'en', value: 'On Windows' }] },
      ],
    },
    adp: [
      {
        title: 'CVE Program Container',
        references: [{ url: 'https://example.com/advisory', tags: ['x_transferred'] }, { url: 'https://example.com/poc', tags: ['exploit', 'x_transferred'] }],
        providerMetadata: { orgId: 'af854a3a-2127-422b-91ae-364da2661108', shortName: 'CVE' },
      },
      cisaAdp([
        ssvc([{ Exploitation: 'Active' }, { Automatable: 'YES' }, { 'Technical Impact': 'total' }]),
        { other: { type: 'kev', content: { dateAdded: '2024-02-06', reference: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog' } } },
        cvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
      ]),
    ],
  });
  const v = value(parseCve5(record));

  it('reads SSVC decision points, lowercased', () => {
    expect(v.ssvc).toEqual({ exploitation: 'active', automatable: 'yes', technicalImpact: 'total', timestamp: '2024-09-26T14:50:13.947Z' });
  });

  it('takes a kev metric as a hint', () => {
    expect(v.kevHint).toBe(true);
  });

  it('counts a vector once per source', () => {
    expect(v.severities.map((s) => s.source)).toEqual(['Example', 'CISA-ADP']);
  });

  it('adds only the references the CNA did not already give', () => {
    expect(v.references).toEqual([{ type: 'ADVISORY', url: 'https://example.com/advisory' }, { type: 'EVIDENCE', url: 'https://example.com/poc' }]);
  });

  it('reports SSVC options it cannot read', () => {
    const bad = cveRecord({ adp: [cisaAdp([ssvc([{ Exploitation: 'sometimes' }, { Automatable: 'no' }])])] });
    expect(problems(parseCve5(bad))).toEqual([expect.objectContaining({ pointer: '/containers/adp/0/metrics/0/other/content/options' })]);
  });
});

describe('text input', () => {
  it('reports malformed JSON with its line', () => {
    expect(problems(parseCve5Text('{\n  "dataType": "CVE_RECORD",\n  oops\n}', FILE))[0]).toMatchObject({ file: FILE, line: 3 });
  });

  it('parses a serialized record', () => {
    expect(value(parseCve5Text(JSON.stringify(cveRecord()), FILE)).id).toBe('CVE-2024-0001');
  });
});
