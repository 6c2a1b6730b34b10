import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus } from '../../../test/db.js';
import { problems } from '../result.testing.js';
import { DEFAULT_VEX_LIMITS, KNOWN_JUSTIFICATIONS, normalizeJustification, parseVexStatements } from './index.js';

const openvex = JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [{ vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/a@1.0.0' }], status: 'fixed' }] });

describe('parseVexStatements: which format, and what it refuses', () => {
  it('tells the three formats apart', () => {
    const cdx = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', vulnerabilities: [] });
    const csaf = JSON.stringify({ document: { category: 'csaf_vex', csaf_version: '2.0' }, vulnerabilities: [{ cve: 'CVE-1', product_status: { fixed: ['A'] } }], product_tree: { full_product_names: [{ product_id: 'A', name: 'a' }] } });
    const format = (text: string) => {
      const r = parseVexStatements(text);
      return r.ok ? r.format : r.problems;
    };
    expect(format(cdx)).toBe('cyclonedx');
    expect(format(openvex)).toBe('openvex');
    expect(format(csaf)).toBe('csaf');
  });

  it('refuses what is not VEX, not JSON, too deep or too large, naming the file', () => {
    expect(problems(parseVexStatements('{"hello":"world"}', 'x.json'))).toEqual([expect.objectContaining({ code: 'UNKNOWN_FORMAT', file: 'x.json', pointer: '' })]);
    expect(problems(parseVexStatements('[1]', 'x.json'))).toEqual([expect.objectContaining({ pointer: '', message: 'a VEX document is a JSON object' })]);
    expect(problems(parseVexStatements('{\n"statements": [\n}', 'x.json'))).toEqual([expect.objectContaining({ code: 'INVALID_JSON', file: 'x.json', line: 3 })]);
    expect(problems(parseVexStatements(`${'['.repeat(100)}${']'.repeat(100)}`))).toEqual([expect.objectContaining({ code: 'TOO_DEEP' })]);
    expect(problems(parseVexStatements(openvex, 'x.json', { ...DEFAULT_VEX_LIMITS, maxLength: 100 }))).toEqual([expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' })]);
  });

  it('refuses a document naming more products than the limit, once', () => {
    const many = JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: Array.from({ length: 5 }, (_, i) => ({
      vulnerability: { name: `CVE-${i}` }, status: 'fixed', products: Array.from({ length: 3 }, (__, j) => ({ '@id': `pkg:npm/p${j}@1.0.0` })),
    })) });
    const found = problems(parseVexStatements(many, 'many.json', { ...DEFAULT_VEX_LIMITS, maxProductRefs: 10 }));
    expect(found).toEqual([expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', pointer: '/statements/3/products' })]);
  });

  it('never throws on a corpus document with any one value replaced by a wrong type', () => {
    const sources = [openvex];
    if (hasCorpus) {
      sources.push(readFileSync(join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'csaf', 'csaf_vex', '2022-evd-uc-07-001.json'), 'utf8'));
      sources.push(readFileSync(join(CORPUS, 'cyclonedx', 'examples', 'VEX', 'vex.json'), 'utf8'));
    }
    const replacements: unknown[] = [null, 7, 'x', [], {}, [null], [{}], true];
    let tried = 0;
    for (const source of sources) {
      const doc = JSON.parse(source) as unknown;
      for (const path of paths(doc)) {
        for (const replacement of replacements) {
          const mutated = replaceAt(doc, path, replacement);
          const r = parseVexStatements(JSON.stringify(mutated));
          if (!r.ok) for (const p of r.problems) expect(typeof p.message).toBe('string');
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
  });
});

describe('justifications', () => {
  it('normalizes CycloneDX codes to CISA\u2019s where the claim is the same, keeps the rest, refuses the unknown', () => {
    expect(normalizeJustification('code_not_reachable')).toBe('vulnerable_code_not_in_execute_path');
    expect(normalizeJustification('protected_by_compiler')).toBe('inline_mitigations_already_exist');
    expect(normalizeJustification('protected_at_perimeter')).toBe('protected_at_perimeter');
    expect(normalizeJustification('component_not_present')).toBe('component_not_present');
    expect(normalizeJustification('because')).toBeNull();
    for (const j of KNOWN_JUSTIFICATIONS) expect(normalizeJustification(j)).toBe(j);
  });
});

type Path = Array<string | number>;

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 3).forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const o = value as Record<string, unknown>;
  return { ...o, [head!]: replaceAt(o[head!], rest, replacement) };
}
