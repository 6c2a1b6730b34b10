import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildPurl, formatPurl, parsePurl, type PurlInput } from './purl-spec.js';

/** The purl-spec test suite (package-url/purl-spec tests/, test schema 0.2) and how our parser runs each case. */
export const source = 'package-url/purl-spec tests/spec and tests/types (../shared/corpus/purl-spec)';

export interface SpecCase {
  description: string;
  test_group: 'required' | 'recommended';
  test_type: 'parse' | 'build' | 'validate';
  input: unknown;
  expected_output: unknown;
  expected_failure?: boolean;
}

/** How a case is named in KNOWN_GAPS: file, test type and input. */
export const caseId = (file: string, t: SpecCase): string => `${file} ${t.test_type} ${JSON.stringify(t.input)}`;

// Specification cases we knowingly fail, keyed by file, test type and input, with the reason.
export const KNOWN_GAPS: ReadonlyMap<string, string> = new Map<string, string>([
  [
    'types/maven-test.json parse "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?type=pom&repositorY_url=repo.spring.io/release"',
    // The specification says keys "shall" be lowercase and the required gem and rpm parse cases
    // expect `?Platform=` / `?Arch=` to fail; this required case expects the same mistake to parse.
    // Upstream fixed the identical gem case (package-url/purl-spec#942, #951); no parser can pass both.
    'contradicts the required gem/rpm uppercase-key cases; a corpus bug',
  ],
]);

/** Every case of the suite under `root` (the corpus's purl-spec/tests), file by file in name order. */
export function loadCases(root: string): { file: string; index: number; t: SpecCase }[] {
  return ['spec', 'types'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => (JSON.parse(readFileSync(join(root, dir, f), 'utf8')) as { tests: SpecCase[] }).tests.map((t, index) => ({ file: `${dir}/${f}`, index, t }))),
  );
}

/** JSON with object keys sorted, because qualifiers are a map and their order carries no meaning. */
function stable(v: unknown): string {
  if (v !== null && typeof v === 'object') return JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))));
  return JSON.stringify(v ?? null);
}

/** Runs one case the way the test schema (purl-test.schema-0.2) defines its type; null on success. */
export function runCase(t: SpecCase): string | null {
  const failure = t.expected_failure === true;
  switch (t.test_type) {
    case 'parse': {
      // "required" parse cases check conformance, so they parse strictly (uppercase qualifier keys
      // fail); "recommended" ones show how sloppy input should be repaired, so they parse leniently.
      const r = parsePurl(t.input as string, { mode: t.test_group === 'required' ? 'strict' : 'lenient' });
      if (failure) return r.ok ? `parsed as ${formatPurl(r.purl)}` : null;
      if (!r.ok) return r.error;
      const want = t.expected_output as Record<string, unknown>;
      const got: Record<string, unknown> = { ...r.purl };
      for (const k of Object.keys(want)) if (stable(got[k]) !== stable(want[k])) return `${k}: ${stable(got[k])}, not ${stable(want[k])}`;
      return null;
    }
    case 'build': {
      const r = buildPurl(t.input as PurlInput);
      if (failure) return r.ok ? `built ${r.purl}` : null;
      if (!r.ok) return r.error;
      return r.purl === t.expected_output ? null : r.purl;
    }
    case 'validate': {
      // Validation canonicalizes; "recommended" cases repair sloppy input, so this is lenient.
      const r = parsePurl(t.input as string);
      if (failure) return r.ok ? `parsed as ${formatPurl(r.purl)}` : null;
      if (!r.ok) return r.error;
      const out = formatPurl(r.purl);
      return out === t.expected_output ? null : out;
    }
  }
}
