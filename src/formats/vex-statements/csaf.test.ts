import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { problems, value } from '../result.testing.js';
import { parseVexStatements, type VexStatement } from './index.js';

const CSAF = join(CORPUS, 'csaf', 'csaf_2.0');
const EXAMPLES = join(CSAF, 'examples', 'csaf', 'csaf_vex');
const MANDATORY = join(CSAF, 'test', 'validator', 'data', 'mandatory');
corpusSkipNote('CSAF VEX examples (src/formats/vex-statements/csaf.test.ts)');

const read = (path: string) => readFileSync(path, 'utf8');
const examples = () => (hasCorpus ? readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort() : []);
const STATUS: Record<string, VexStatement['status']> = { fixed: 'fixed', known_affected: 'affected', known_not_affected: 'not_affected', under_investigation: 'under_investigation' };

interface RawCsaf {
  product_tree: { branches?: unknown[] };
  vulnerabilities: Array<{ cve?: string; product_status: Record<string, string[]> }>;
}

/** product id → full name, walked independently of the reader */
function names(tree: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.product_id === 'string' && typeof o.name === 'string') out.set(o.product_id, o.name);
      Object.values(o).forEach(walk);
    }
  };
  walk(tree);
  return out;
}

describe.skipIf(!hasCorpus)('CSAF VEX: the OASIS examples', () => {
  it('finds the thirteen csaf_vex examples', () => {
    expect(examples()).toHaveLength(13);
  });

  it.each(examples())('%s: every product of every VEX status is in a statement with that status', (file) => {
    const text = read(join(EXAMPLES, file));
    const raw = JSON.parse(text) as RawCsaf;
    const statements = value(parseVexStatements(text, file));
    const productNames = names(raw.product_tree);
    for (const v of raw.vulnerabilities) {
      const mine = statements.filter((s) => s.vulnerability === v.cve);
      for (const [category, status] of Object.entries(STATUS)) {
        const expected = (v.product_status[category] ?? []).map((id) => productNames.get(id)).sort();
        const got = mine.filter((s) => s.status === status).flatMap((s) => s.products.map((p) => p.name)).sort();
        expect(got, `${v.cve} ${category}`).toEqual(expected);
      }
    }
  });

  it('reads a not-affected product with only an impact statement: no justification, the impact as the statement', () => {
    const [s, ...rest] = value(parseVexStatements(read(join(EXAMPLES, '2022-evd-uc-01-na-001.json'))));
    expect(rest).toEqual([]);
    expect(s).toEqual({
      vulnerability: 'CVE-2021-44228', aliases: [], status: 'not_affected', justification: null,
      products: [{ name: 'Example Company ABC 4.2' }], statement: 'Class with vulnerable code was removed before shipping.', action: '',
    });
  });

  it('takes justifications from flag labels', () => {
    const statements = value(parseVexStatements(read(join(EXAMPLES, 'sec-vex-2022-0001.json'))));
    expect(statements.map((s) => [s.vulnerability, s.status, s.justification])).toEqual([
      ['CVE-2021-44228', 'not_affected', 'component_not_present'],
      ['CVE-2021-45046', 'not_affected', 'component_not_present'],
      ['CVE-2021-45105', 'not_affected', 'component_not_present'],
    ]);
  });

  it('groups products by status and texts, and takes remediations as the action', () => {
    const statements = value(parseVexStatements(read(join(EXAMPLES, '2022-evd-uc-07-001.json'))));
    const affected = statements.filter((s) => s.status === 'affected');
    expect(affected.map((s) => [s.products.map((p) => p.name), s.action])).toEqual([
      [['Example Company ABC 2.4', 'Example Company ABC 2.6', 'Example Company ABC >=2.9|<=4.1'], 'vendor_fix: Update to version 4.2 or later.'],
      [['Example Company JKL >=4.5|<=5.0'], 'vendor_fix: Update to the new version 5.1 or later.'],
    ]);
    const notAffected = statements.filter((s) => s.status === 'not_affected');
    expect(notAffected.map((s) => s.statement)).toEqual(['Class with vulnerable code was removed before shipping.', 'Log4j was not included in those versions at all.']);
  });
});

describe.skipIf(!hasCorpus)("CSAF VEX: the profile's mandatory tests (csaf_2.0/test/validator)", () => {
  const mandatory = (name: string) => read(join(MANDATORY, `oasis_csaf_tc-csaf_2_0-2021-${name}.json`));

  it.each(['6-1-27-09-01', '6-1-27-09-02', '6-1-27-09-03', '6-1-27-09-04', '6-1-27-09-05', '6-1-27-09-06'])(
    'refuses %s: a not-affected product without an impact statement (6.1.27.9)',
    (name) => {
      const found = problems(parseVexStatements(mandatory(name), name));
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) {
        expect(p.message).toContain('6.1.27.9');
        expect(p.pointer).toMatch(/^\/vulnerabilities\/\d+\/product_status\/known_not_affected\/\d+$/);
      }
    },
  );

  it.each(['6-1-27-09-11', '6-1-27-09-12', '6-1-27-09-13', '6-1-27-09-14', '6-1-27-09-15', '6-1-27-09-16'])(
    'reads %s, where every not-affected product has a flag or an impact threat',
    (name) => {
      const statements = value(parseVexStatements(mandatory(name), name));
      const notAffected = statements.filter((s) => s.status === 'not_affected');
      expect(notAffected.length).toBeGreaterThan(0);
      for (const s of notAffected) expect(s.justification !== null || s.statement !== '').toBe(true);
    },
  );

  it('refuses a vulnerability without a VEX status (6.1.27.7)', () => {
    expect(problems(parseVexStatements(mandatory('6-1-27-07-01')))).toContainEqual(expect.objectContaining({ pointer: '/vulnerabilities/0/product_status', message: expect.stringContaining('6.1.27.7') as unknown }));
  });

  it('refuses a vulnerability without a CVE or id (6.1.27.8)', () => {
    const found = problems(parseVexStatements(mandatory('6-1-27-08-01')));
    expect(found.map((p) => p.pointer)).toContain('/vulnerabilities/0');
    expect(found.some((p) => p.message.includes('6.1.27.8'))).toBe(true);
  });

  it('refuses an affected product without an action statement (6.1.27.10)', () => {
    const found = problems(parseVexStatements(mandatory('6-1-27-10-01')));
    expect(found.map((p) => p.pointer)).toEqual(['/vulnerabilities/0/product_status/known_affected/2']);
  });

  it('refuses a CSAF security advisory: it is not VEX', () => {
    const advisory = read(join(CSAF, 'examples', 'csaf', 'rhsa-2021_5217.json'));
    expect(problems(parseVexStatements(advisory))).toEqual([expect.objectContaining({ pointer: '/document/category' })]);
  });
});

describe('CSAF VEX: products through the product tree', () => {
  const doc = (vulnerability: object, extraTree: object = {}) => JSON.stringify({
    document: { category: 'csaf_vex', csaf_version: '2.0', title: 't', publisher: { category: 'user', name: 'Valley', namespace: 'https://valley.example' }, tracking: {} },
    product_tree: {
      branches: [{ category: 'vendor', name: 'Valley', branches: [{ category: 'product_name', name: 'portal', product: { product_id: 'APP', name: 'clinic-portal' } }] }],
      full_product_names: [
        { product_id: 'LODASH', name: 'lodash 4.17.20', product_identification_helper: { purl: 'pkg:npm/lodash@4.17.20' } },
        { product_id: 'FW', name: 'Pump firmware 2.1', product_identification_helper: { cpe: 'cpe:2.3:o:acme:pump_firmware:2.1:*:*:*:*:*:*:*' } },
      ],
      relationships: [{ category: 'default_component_of', product_reference: 'LODASH', relative_to_product_reference: 'APP', full_product_name: { product_id: 'APP:LODASH', name: 'lodash 4.17.20 in clinic-portal' } }],
      product_groups: [{ group_id: 'ALL', product_ids: ['APP:LODASH', 'FW'] }],
      ...extraTree,
    },
    vulnerabilities: [vulnerability],
  });

  it('resolves helpers, relationships and groups to purls, CPEs and names', () => {
    const statements = value(parseVexStatements(doc({
      cve: 'CVE-2021-23337', ids: [{ system_name: 'GitHub', text: 'GHSA-35jh-r3h4-6jhm' }],
      product_status: { known_not_affected: ['APP:LODASH', 'FW'], fixed: ['APP'] },
      flags: [{ label: 'vulnerable_code_not_in_execute_path', group_ids: ['ALL'] }],
    })));
    expect(statements).toEqual([
      {
        vulnerability: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'], status: 'fixed', justification: null, statement: '', action: '',
        products: [{ name: 'clinic-portal' }],
      },
      {
        vulnerability: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', statement: '', action: '',
        products: [
          { purl: 'pkg:npm/lodash@4.17.20', name: 'lodash 4.17.20 in clinic-portal' },
          { cpe: 'cpe:2.3:o:acme:pump_firmware:2.1:*:*:*:*:*:*:*', name: 'Pump firmware 2.1' },
        ],
      },
    ]);
  });

  it('names an unknown product id, a contradicting status and a bad purl by pointer', () => {
    const found = problems(parseVexStatements(doc(
      { cve: 'CVE-2021-23337', product_status: { fixed: ['APP', 'NOPE'], under_investigation: ['APP'] } },
      { full_product_names: [{ product_id: 'BAD', name: 'bad', product_identification_helper: { purl: 'pkg:' } }] },
    )));
    expect(found.map((p) => p.pointer).sort()).toEqual([
      '/product_tree/full_product_names/0/product_identification_helper/purl',
      '/product_tree/relationships/0/product_reference',
      '/vulnerabilities/0/product_status/fixed/1',
      '/vulnerabilities/0/product_status/under_investigation/0',
    ]);
  });
});
