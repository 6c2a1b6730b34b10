import type { CsafDocumentTest, CsafTestResult } from '@secvisogram/csaf-validator-lib/validate.js';

export interface CsafValidationError {
  instancePath: string;
  message: string;
  /** the validator library's test that found it: `csaf_2_0` (the schema) or `mandatoryTest_6_1_…` */
  test: string;
}

export interface CsafValidationResult {
  isValid: boolean;
  errors: CsafValidationError[];
}

/**
 * Mandatory tests left out, with the reason. None: every mandatory test of csaf-validator-lib
 * 2.0.10 runs offline (6.1.11 reads the CWE catalogue the library ships). The tests that need the
 * network (6.3.6 and 6.3.7 fetch URLs) or hunspell (6.3.8) are informative, and not run. 6.1.8
 * (CVSS objects against FIRST's schemas) repeats part of the schema test but stays, so its
 * findings are named.
 */
export const EXCLUDED_MANDATORY_TESTS: Readonly<Record<string, string>> = {};

interface Suite {
  validate: (tests: CsafDocumentTest[], doc: unknown) => Promise<{ isValid: boolean; tests: Array<{ name: string; isValid: boolean; errors: Array<{ instancePath: string; message: string }> }> }>;
  tests: CsafDocumentTest[];
}

let suite: Promise<Suite> | undefined;

/**
 * The library is imported on first use: its mandatory tests take about two seconds to load
 * (the CWE catalogues), which nobody who only exports or imports should pay. `validate.js` (not the
 * strict entry, which loads every optional and informative test too) runs the tests we pass; they
 * are the library's own functions, never anything from input.
 */
function loadSuite(): Promise<Suite> {
  suite ??= (async () => {
    const [{ default: validate }, { csaf_2_0 }, mandatory] = await Promise.all([
      import('@secvisogram/csaf-validator-lib/validate.js'),
      import('@secvisogram/csaf-validator-lib/schemaTests.js'),
      import('@secvisogram/csaf-validator-lib/mandatoryTests.js'),
    ]);
    // the namespace also carries interop keys (`default`): the tests are the mandatoryTest_ functions
    const mandatoryTests = Object.entries(mandatory).flatMap(([name, test]) =>
      name.startsWith('mandatoryTest_') && typeof test === 'function' && !(name in EXCLUDED_MANDATORY_TESTS) ? [test] : []);
    return { validate, tests: [csaf_2_0, ...mandatoryTests].map(guarded) };
  })();
  return suite;
}

/**
 * A test that throws (the library's tests assume an object) becomes a failed test under the same
 * name, so untrusted input yields findings rather than an exception.
 */
function guarded(test: CsafDocumentTest): CsafDocumentTest {
  const run = async (doc: unknown): Promise<CsafTestResult> => {
    try {
      return await test(doc);
    } catch (err) {
      return { isValid: false, errors: [{ instancePath: '', message: `the test could not run on this document: ${err instanceof Error ? err.message : String(err)}` }] };
    }
  };
  Object.defineProperty(run, 'name', { value: test.name });
  return run;
}

/** The names of the tests validateCsaf runs, in order. */
export async function csafTestNames(): Promise<string[]> {
  return (await loadSuite()).tests.map((t) => t.name);
}

/**
 * A CSAF 2.0 document against the official schema (the library's `csaf_2_0` test) and every
 * mandatory test (CSAF 2.0 §6.1). Warnings are not errors and are not returned.
 */
export async function validateCsaf(doc: unknown): Promise<CsafValidationResult> {
  const { validate, tests } = await loadSuite();
  // the mandatory tests read properties of the document: on anything but an object the schema's
  // one finding says it all (and the guard would add a "could not run" for most of them)
  const isObject = typeof doc === 'object' && doc !== null;
  const result = await validate(isObject ? tests : tests.slice(0, 1), doc);
  return {
    isValid: result.isValid,
    errors: result.tests.flatMap((t) => t.errors.map((e) => ({ instancePath: e.instancePath, message: e.message, test: t.name }))),
  };
}
