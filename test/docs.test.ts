import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../src/domain/errors.js';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the docs', () => {
  it('list every error code with the status the server answers', () => {
    const api = read('docs/API.md');
    const documented = new Map([...api.matchAll(/^\| ([A-Z_]+) \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));
    expect(Object.fromEntries(documented)).toEqual(ERROR_STATUS);
  });

  it('name every source folder in docs/ARCHITECTURE.md', () => {
    const arch = read('docs/ARCHITECTURE.md');
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${d.name}/`);
    expect(folders.filter((f) => !arch.includes(f))).toEqual([]);
  });

  it('start the README with the two commands', () => {
    const readme = read('README.md');
    const blocks = [...readme.matchAll(/```(?:sh|bash)?\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(blocks.slice(0, 2)).toEqual(['npm install && npm start', 'npm install && npm test']);
    expect(read('.ci/run')).toContain('npm install && npm test');
  });
});
