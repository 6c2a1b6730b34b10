import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAndNormalize, parseCanonicalVers, toString } from './canonical.js';
import { versContains } from './contains.js';
import { versFromNative } from './native.js';
import { parseVers } from './parse.js';
import { schemeFor } from './schemes.js';

/** The vers spec's test suite (package-url/vers-spec tests/) and how our implementation runs each case. */
export const source = 'package-url/vers-spec tests/*.json (../shared/corpus/vers-spec)';

/** One case of the vers spec's test suite (schemas/vers-test.schema-0.2.json), as the runner needs it. */
export interface CorpusCase {
  readonly id: string;
  readonly file: string;
  readonly index: number;
  readonly testType: string;
  readonly description: string;
  readonly input: unknown;
  readonly expected: unknown;
  readonly expectedFailure: boolean;
}

interface RawCase {
  description: string;
  test_type: string;
  input: unknown;
  expected_output?: unknown;
  expected_failure?: boolean;
}

export function loadCorpus(dir: string): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) =>
      (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { tests: RawCase[] }).tests.map((t, index) => ({
        id: `${file}#${index}`, file, index, testType: t.test_type, description: t.description,
        input: t.input, expected: t.expected_output ?? null, expectedFailure: t.expected_failure ?? false,
      })),
    );
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether our implementation gives the case's expected answer. */
export function passes(c: CorpusCase): boolean {
  switch (c.testType) {
    case 'parse': {
      const r = parseCanonicalVers(c.input as string);
      if (c.expectedFailure) return !r.ok;
      const want = c.expected as { scheme: string; version_constraints: [string, string][] };
      return r.ok && sameJson([r.vers.scheme, r.vers.constraints.map((k) => [k.comparator, k.version])], [want.scheme, want.version_constraints]);
    }
    case 'validate': {
      const r = parseAndNormalize(c.input as string);
      return c.expectedFailure ? !r.ok : r.ok && toString(r.vers) === c.expected;
    }
    case 'containment': {
      const { vers, version } = c.input as { vers: string; version: string };
      const r = parseVers(vers);
      return r.ok && versContains(r.vers, version) === c.expected;
    }
    case 'from_native': {
      const { scheme, native_range } = c.input as { scheme: string; native_range: string };
      const r = versFromNative(scheme, native_range);
      return c.expectedFailure ? !r.ok : r.ok && toString(r.vers) === c.expected;
    }
    case 'comparison': {
      const { input_scheme, versions } = c.input as { input_scheme: string; versions: string[] };
      const scheme = schemeFor(input_scheme);
      const compare = (a: string, b: string): number => scheme.compare(a, b);
      return sameJson([...versions].sort(compare), c.expected);
    }
    case 'equality': {
      const { input_scheme, versions } = c.input as { input_scheme: string; versions: [string, string] };
      return (schemeFor(input_scheme).compare(versions[0], versions[1]) === 0) === c.expected;
    }
    default:
      return false;
  }
}
