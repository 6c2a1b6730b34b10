import { describe, expect, it } from 'vitest';
import { packageAdvisory } from '../../domain/advisory.testing.js';
import type { Parsed } from '../result.js';
import { toCsaf } from './export.js';
import { fromCsaf, fromCsafAll } from './import.js';
import { csafSchemaProblems } from './schema.js';
import type { CsafDocument } from './types.js';

function edited(edit: (doc: CsafDocument) => void): CsafDocument {
  const doc = structuredClone(toCsaf(packageAdvisory()));
  edit(doc);
  return doc;
}

function problems<T>(r: Parsed<T>) {
  if (r.ok) throw new Error('expected problems, got a value');
  return r.problems;
}

function value<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(`expected a value, got ${JSON.stringify(r.problems)}`);
  return r.value;
}

const vuln = (d: CsafDocument) => d.vulnerabilities![0]!;

describe('fromCsaf on input that is not a readable CSAF 2.0 document', () => {
  it.each([null, 'text', 42, [], true])('refuses %j at the root', (input) => {
    expect(problems(fromCsaf(input))).toEqual([{ pointer: '', message: 'a CSAF document is a JSON object' }]);
  });

  it('refuses a document without `document` at /document', () => {
    expect(problems(fromCsaf({ vulnerabilities: [] }))).toEqual([{ pointer: '/document', message: 'a CSAF document has a `document` object' }]);
  });

  it('refuses another CSAF version at /document/csaf_version', () => {
    const r = fromCsaf(edited((d) => { (d.document as { csaf_version: string }).csaf_version = '2.1'; }));
    expect(problems(r)).toEqual([{ pointer: '/document/csaf_version', message: 'expected csaf_version "2.0", found "2.1"' }]);
  });

  it('reports what the official schema refuses at its pointer', () => {
    const r = fromCsaf(edited((d) => { d.document.tracking.status = 'published' as 'final'; }));
    expect(problems(r)).toContainEqual(expect.objectContaining({ pointer: '/document/tracking/status' }));
  });

  it('refuses a product status naming a product the tree does not define, at its pointer', () => {
    const r = fromCsaf(edited((d) => vuln(d).product_status!.fixed!.push('AICC-PID-404')));
    expect(problems(r)).toEqual([{ pointer: '/vulnerabilities/0/product_status/fixed/1', message: "product id 'AICC-PID-404' is not defined in the product tree" }]);
  });

  it('refuses undefined products and groups in remediations, flags and scores too', () => {
    const r = fromCsaf(edited((d) => {
      vuln(d).remediations![0]!.product_ids = ['AICC-PID-1', 'X-1'];
      vuln(d).flags![0]!.group_ids = ['G-404'];
      vuln(d).scores![0]!.products.push('X-2');
    }));
    expect(problems(r).map((p) => p.pointer)).toEqual([
      '/vulnerabilities/0/flags/0/group_ids/0', '/vulnerabilities/0/remediations/0/product_ids/1', '/vulnerabilities/0/scores/0/products/1',
    ]);
  });

  it('refuses a product in two contradicting status groups', () => {
    const r = fromCsaf(edited((d) => vuln(d).product_status!.known_not_affected!.push('AICC-PID-1')));
    expect(problems(r)).toEqual([{ pointer: '/vulnerabilities/0/product_status/known_not_affected/1', message: "product 'AICC-PID-1' is both known_affected and known_not_affected" }]);
  });

  it('refuses a document without a vulnerability and one with several, rather than drop any', () => {
    expect(problems(fromCsaf(edited((d) => { delete d.vulnerabilities; })))).toEqual([
      { pointer: '/vulnerabilities', message: 'the document describes no vulnerability; an advisory describes one' },
    ]);
    expect(problems(fromCsaf(edited((d) => d.vulnerabilities!.push({ cve: 'CVE-2026-99999', notes: [{ category: 'summary', text: 'x' }] }))))).toEqual([
      { pointer: '/vulnerabilities/1', message: 'the document describes 2 vulnerabilities; an advisory describes one (split the document)' },
    ]);
  });

  it('refuses a CVSS vector that does not compute, and a CWE note it cannot read', () => {
    const r = fromCsaf(edited((d) => {
      vuln(d).scores![0]!.cvss_v3!.vectorString = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/AV:L';
      vuln(d).notes!.push({ category: 'other', title: 'CVSS v4.0 vector', text: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
      vuln(d).notes!.push({ category: 'other', title: 'Additional CWE', text: 'cross-site scripting' });
    }));
    expect(problems(r)).toEqual([
      expect.objectContaining({ pointer: '/vulnerabilities/0/scores/0/cvss_v3/vectorString', code: 'INVALID_CVSS' }),
      { pointer: '/vulnerabilities/0/notes/2/text', code: 'INVALID_CVSS', message: 'expected a CVSS 4.0 vector, found CVSS 3.1' },
      { pointer: '/vulnerabilities/0/notes/3/text', message: "expected 'CWE-<number>: <name>' in a note titled 'Additional CWE'" },
    ]);
  });

  it('never throws when any value of a valid export is replaced or removed', () => {
    mutateEverywhere(toCsaf(packageAdvisory()), fromCsaf);
  });
});

describe('fromCsaf on documents others wrote', () => {
  it('reads TLP WHITE as CLEAR, and AMBER as AMBER+STRICT only with the marker text', () => {
    expect(value(fromCsaf(edited((d) => { d.document.distribution = { tlp: { label: 'WHITE' } }; }))).tlp).toBe('CLEAR');
    expect(value(fromCsaf(edited((d) => { d.document.distribution = { text: 'Internal only.', tlp: { label: 'AMBER' } }; }))).tlp).toBe('AMBER');
    expect(value(fromCsaf(edited((d) => { d.document.distribution = { text: 'TLP:AMBER+STRICT', tlp: { label: 'AMBER' } }; }))).tlp).toBe('AMBER+STRICT');
  });

  it('treats a document without a TLP label as AMBER unless told otherwise', () => {
    const unlabelled = edited((d) => { delete d.document.distribution; });
    expect(value(fromCsaf(unlabelled)).tlp).toBe('AMBER');
    expect(value(fromCsaf(unlabelled, { tlpWhenAbsent: 'CLEAR' })).tlp).toBe('CLEAR');
  });

  it('folds first/last affected into known_affected and first_fixed into fixed, ignores recommended, and expands groups', () => {
    const a = value(fromCsaf(edited((d) => {
      d.product_tree!.product_groups = [{ group_id: 'G-1', product_ids: ['AICC-PID-1', 'AICC-PID-2'] }];
      vuln(d).product_status = { first_affected: ['AICC-PID-1'], first_fixed: ['AICC-PID-2'], recommended: ['AICC-PID-3'] };
      delete vuln(d).flags;
      vuln(d).remediations = [{ category: 'vendor_fix', details: 'Upgrade.', group_ids: ['G-1'] }];
    })));
    expect(a.products.map((p) => [p.id, p.status])).toEqual([['AICC-PID-1', 'known_affected'], ['AICC-PID-2', 'fixed']]);
    expect(a.remediations).toEqual([{ category: 'vendor_fix', details: 'Upgrade.', url: null, productIds: ['AICC-PID-1', 'AICC-PID-2'] }]);
  });

  it('recomputes scores rather than trusting them, and leaves CVSS 3.0 out', () => {
    const a = value(fromCsaf(edited((d) => {
      vuln(d).scores!.push({ products: ['AICC-PID-1'], cvss_v3: { version: '3.0', vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, baseSeverity: 'CRITICAL' } });
      vuln(d).scores![0]!.cvss_v3!.baseScore = 1.0;
      vuln(d).scores![0]!.cvss_v3!.baseSeverity = 'LOW';
    })));
    expect(a.scores.map((s) => [s.version, s.baseScore, s.severity])).toEqual([['3.1', 6.1, 'MEDIUM'], ['4.0', 5.3, 'MEDIUM']]);
  });

  it('reads a versioned purl of a product without a version branch as package and version', () => {
    const a = value(fromCsaf(edited((d) => {
      d.product_tree = { full_product_names: [{ product_id: 'F-1', name: 'widgets 1.2', product_identification_helper: { purl: 'pkg:npm/widgets@1.2.0' } }] };
      vuln(d).product_status = { known_affected: ['F-1'] };
      delete vuln(d).flags;
      delete vuln(d).remediations;
      vuln(d).scores![0]!.products = ['F-1'];
    })));
    expect(a.products).toEqual([{ id: 'F-1', vendor: '', name: 'widgets 1.2', purl: 'pkg:npm/widgets', cpe: null, versions: '1.2.0', status: 'known_affected' }]);
  });

  it('takes ids as aliases, but not the CVE or the document\'s own id', () => {
    const a = value(fromCsaf(edited((d) => {
      vuln(d).ids = [{ system_name: 'CVE', text: 'CVE-2026-12345' }, { system_name: 'self', text: 'AICC-2026-0042' }, { system_name: 'Bug', text: 'BUG-1' }];
    })));
    expect(a.aliases).toEqual(['BUG-1']);
  });

  it('credits every name of an acknowledgment and an organization named alone', () => {
    const a = value(fromCsaf(edited((d) => {
      vuln(d).acknowledgments = [{ names: ['A', 'B'], organization: 'Lab' }];
      d.document.acknowledgments = [{ organization: 'Team', summary: 'coordination' }];
    })));
    expect(a.acknowledgments).toEqual([
      { name: 'A', organization: 'Lab', summary: null }, { name: 'B', organization: 'Lab', summary: null },
      { name: 'Team', organization: 'Team', summary: 'coordination' },
    ]);
  });
});

/** The package advisory's document with a second vulnerability: CVE-2026-22222, P-2 fixed, remediated and scored. */
function twoVulnerabilities(edit: (doc: CsafDocument) => void = () => {}): CsafDocument {
  return edited((d) => {
    d.product_tree!.full_product_names = [{ product_id: 'P-2', name: 'Other product 1.0' }];
    d.vulnerabilities!.push({
      cve: 'CVE-2026-22222',
      notes: [{ category: 'description', text: 'The second flaw.' }],
      product_status: { fixed: ['P-2'], recommended: ['AICC-PID-1'] },
      flags: [{ label: 'component_not_present', product_ids: ['AICC-PID-3'] }],
      remediations: [{ category: 'vendor_fix', details: 'Upgrade both.', product_ids: ['P-2', 'AICC-PID-1'] }],
      scores: [{ products: ['P-2', 'AICC-PID-1'], cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, baseSeverity: 'CRITICAL' } }],
    });
    edit(d);
  });
}

describe('fromCsafAll', () => {
  it('reads a one-vulnerability document as fromCsaf does, under the tracking id', () => {
    const doc = toCsaf(packageAdvisory());
    expect(value(fromCsafAll(doc))).toEqual([value(fromCsaf(doc))]);
  });

  it('gives each vulnerability its own advisory with only the products that vulnerability names', () => {
    const [first, second, ...more] = value(fromCsafAll(twoVulnerabilities()));
    expect(more).toEqual([]);
    expect(first?.products.map((p) => p.id)).toEqual(packageAdvisory().products.map((p) => p.id));
    // AICC-PID-1 is only `recommended` for the second: named in its remediation and score, it gets no status there
    expect(second?.products).toEqual([{ id: 'P-2', vendor: '', name: 'Other product 1.0', purl: null, cpe: null, versions: '', status: 'fixed' }]);
    expect(second?.remediations).toEqual([{ category: 'vendor_fix', details: 'Upgrade both.', url: null, productIds: ['P-2'] }]);
    expect(second?.scores.map((s) => s.baseScore)).toEqual([9.8]);
    expect(second).toMatchObject({ cve: 'CVE-2026-22222', cwes: [], aliases: [], details: packageAdvisory().details });
    // the document's part is shared
    expect(second).toMatchObject({ title: first?.title, tlp: first?.tlp, revisions: first?.revisions, references: first?.references, publisher: first?.publisher });
  });

  it('names a split document\'s advisories `<tracking id>/<CVE>`, by position where the CVE is missing or repeated', () => {
    expect(value(fromCsafAll(twoVulnerabilities())).map((a) => a.id)).toEqual(['AICC-2026-0042/CVE-2026-12345', 'AICC-2026-0042/CVE-2026-22222']);
    const repeated = value(fromCsafAll(twoVulnerabilities((d) => {
      d.vulnerabilities![1]!.cve = 'CVE-2026-12345';
      d.vulnerabilities!.push({ notes: [{ category: 'summary', text: 'A third, without CVE.' }] });
    })));
    expect(repeated.map((a) => [a.id, a.cve])).toEqual([['AICC-2026-0042/1', 'CVE-2026-12345'], ['AICC-2026-0042/2', 'CVE-2026-12345'], ['AICC-2026-0042/3', null]]);
  });

  it('re-exports each advisory of a split document to a schema-valid document that reads back equal', () => {
    for (const a of value(fromCsafAll(twoVulnerabilities()))) {
      expect(csafSchemaProblems(toCsaf(a))).toEqual([]);
      expect(value(fromCsafAll(toCsaf(a)))).toEqual([a]);
    }
  });

  it('points a problem into the vulnerability it is found in, and refuses the whole document', () => {
    const r = fromCsafAll(twoVulnerabilities((d) => {
      d.vulnerabilities![1]!.product_status!.fixed!.push('P-404');
      d.vulnerabilities![1]!.threats = [{ category: 'impact', details: 'x', group_ids: ['G-404'] }];
    }));
    expect(problems(r)).toEqual([
      { pointer: '/vulnerabilities/1/product_status/fixed/1', message: "product id 'P-404' is not defined in the product tree" },
      { pointer: '/vulnerabilities/1/threats/0/group_ids/0', message: "product group 'G-404' is not defined in the product tree" },
    ]);
  });

  it('reads a document without vulnerabilities as one advisory without products, and writes it back without a vulnerability', () => {
    const doc = edited((d) => {
      delete d.vulnerabilities;
      delete d.product_tree;
      d.document.category = 'csaf_informational_advisory';
      d.document.acknowledgments = [{ names: ['Ann'], organization: 'Lab' }];
    });
    const [a, ...more] = value(fromCsafAll(doc));
    expect(more).toEqual([]);
    const p = packageAdvisory();
    expect(a).toEqual({
      ...p, cve: null, aliases: [], cwes: [], scores: [], products: [], remediations: [],
      acknowledgments: [{ name: 'Ann', organization: 'Lab', summary: null }],
    });
    const back = toCsaf(a!);
    expect(back.document.category).toBe('csaf_informational_advisory');
    expect(back).not.toHaveProperty('vulnerabilities');
    expect(csafSchemaProblems(back)).toEqual([]);
    expect(value(fromCsafAll(back))).toEqual([a]);
    // without an external reference it is no informational advisory (6.1.27.2): a csaf_base
    const bare = toCsaf({ ...a!, references: [] });
    expect(bare.document.category).toBe('csaf_base');
    expect(csafSchemaProblems(bare)).toEqual([]);
  });

  it.each([null, 'text', 42, [], true])('refuses %j at the root without throwing', (input) => {
    expect(problems(fromCsafAll(input))).toEqual([{ pointer: '', message: 'a CSAF document is a JSON object' }]);
  });

  it('never throws when any value of a two-vulnerability document is replaced or removed', () => {
    mutateEverywhere(twoVulnerabilities(), fromCsafAll);
  });
});

describe('fromCsaf on a product_version_range that is not vers', () => {
  const versionsOf = (range: string) => value(fromCsaf(edited((d) => {
    d.product_tree = { branches: [{ category: 'product_version_range', name: range, product: { product_id: 'AICC-PID-1', name: 'x' } }] };
    vuln(d).product_status = { known_affected: ['AICC-PID-1'] };
    delete vuln(d).flags;
    delete vuln(d).remediations;
    vuln(d).scores![0]!.products = ['AICC-PID-1'];
  }))).products[0]?.versions;

  it('reads comparators (vls) as a generic vers range, and keeps other text as it is', () => {
    expect(versionsOf('<=1.14.0')).toBe('vers:generic/<=1.14.0');
    expect(versionsOf('>= 2.0 | < 2.3')).toBe('vers:generic/>=2.0|<2.3');
    expect(versionsOf('all versions before 2.0')).toBe('all versions before 2.0');
    expect(versionsOf('vers:npm/<1.0.0')).toBe('vers:npm/<1.0.0');
  });
});

/**
 * Replaces (with null, a number, a string, an array, an object) or removes every value of `doc` in
 * turn: `read` never throws, and what it refuses comes with JSON pointers.
 */
function mutateEverywhere(doc: object, read: (doc: unknown) => { ok: true } | { ok: false; problems: Array<{ pointer?: string }> }): void {
  const paths: string[][] = [];
  const walk = (node: unknown, path: string[]) => {
    paths.push(path);
    if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(doc, []);
  let refused = 0;
  for (const path of paths.slice(1)) {
    for (const replacement of [undefined, null, 7, 'x', [], {}]) {
      const copy = structuredClone(doc) as Record<string, unknown>;
      const parent = path.slice(0, -1).reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, copy);
      const key = path.at(-1)!;
      if (replacement === undefined) delete parent[key];
      else parent[key] = replacement;
      const r = read(copy);
      if (!r.ok) {
        refused++;
        for (const p of r.problems) expect(p.pointer).toMatch(/^(\/[^/]+)*$/);
      }
    }
  }
  expect(refused).toBeGreaterThan(paths.length * 3);
}
