import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const files = {
  'provider-schema.json': { size: 7365, sha256: '0270d0cfadf5202ff83a63502012a407e0e8ec3194a07296f13641c9f5630aba' },
};

describe('the official CSAF 2.0 provider schema kept as data', () => {
  it.each(Object.entries(files))('%s is the file SCHEMA-SOURCE.md names, unmodified', (name, { size, sha256 }) => {
    const bytes = readFileSync(new URL(`./${name}`, import.meta.url));
    expect(bytes.length).toBe(size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });
});
