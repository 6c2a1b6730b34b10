import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vulnerability } from '../src/domain/vulnerability.js';
import { parseOsvText } from '../src/formats/osv/parse.js';
import { CORPUS } from './db.js';

/** Every OSV record of the corpus (Go, crates.io, PyPI), parsed; the schema files are skipped. */
export function corpusOsvRecords(): Vulnerability[] {
  const out: Vulnerability[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/.test(e.name) && e.name !== 'osv-schema.json' && e.name !== 'ecosystems.json') {
        const r = parseOsvText(readFileSync(p, 'utf8'), p, p.endsWith('.json') ? 'json' : 'yaml');
        if (r.ok) out.push(r.value);
      }
    }
  };
  for (const eco of ['go', 'crates.io', 'pypi']) walk(join(CORPUS, 'osv', eco));
  return out;
}
