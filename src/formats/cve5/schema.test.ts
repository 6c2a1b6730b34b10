import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../schema.js';
import { CVE5_SCHEMA } from './validate.js';

const SHA256 = 'aacc07fff0c7c8a5b606a8516dc2f412d5fcf8d23a47afa051dd18fe84c14fd0';

function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else refsOf(value, out);
    }
  }
  return out;
}

describe('the official CVE record schema kept as data', () => {
  it('is the file SCHEMA-SOURCE.md names, unmodified', () => {
    const bytes = readFileSync(new URL('./schema.json', import.meta.url));
    expect(bytes.length).toBe(128_556);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SHA256);
  });

  it('refers only to itself, so nothing remote is ever fetched', () => {
    const refs = refsOf(CVE5_SCHEMA);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => !r.startsWith('#/definitions/'))).toEqual([]);
  });

  it('compiles with the default (draft-07) ajv class', () => {
    expect(typeof compileSchema(CVE5_SCHEMA)).toBe('function');
  });
});
