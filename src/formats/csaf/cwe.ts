/**
 * CWE names as csaf-validator-lib knows them. Mandatory test 6.1.11 compares a vulnerability's
 * cwe.name with the library's own catalogue, so names taken from anywhere else (a finding, a
 * newer CWE release) can fail it; this is that catalogue. The library ships it as untyped
 * JavaScript, so it is imported by a specifier TypeScript does not resolve and checked at run
 * time. About 1,000 entries, loaded once at first import (a few milliseconds, unlike the tests).
 */
const CATALOGUE: string = '@secvisogram/csaf-validator-lib/cwe.js';

function names(mod: unknown): Map<string, string> {
  const list = (mod as { weaknesses?: unknown } | null)?.weaknesses;
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const w of list as unknown[]) {
    const { id, name } = (w ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && typeof name === 'string') out.set(id, name);
  }
  return out;
}

const CWE_NAMES = names(await import(CATALOGUE));

/** The official name of a CWE (`CWE-79`), or null for an id the catalogue does not hold. */
export function cweName(id: string): string | null {
  return CWE_NAMES.get(id) ?? null;
}
