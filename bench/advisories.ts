import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Advisory } from '../src/domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../src/domain/advisory.testing.js';
import { fromCsaf, toCsaf, validateCsaf } from '../src/formats/csaf/index.js';
import { documentPath, hashFiles, neighbours, providerFiles, type PublishedDocument } from '../src/formats/csaf-provider/index.js';
import { generateSigningKey, signDetached } from '../src/formats/openpgp/index.js';
import { CORPUS, hasCorpus } from '../test/db.js';

export interface AdvisoryBench {
  advisories: number;
  /** toCsaf + csaf-validator-lib's schema test and all mandatory tests, per document */
  valid: number;
  validateMs: number;
  /** the OASIS CSAF 2.0 examples that import, re-exported and validated the same way */
  oasis: { imported: number; valid: number; total: number } | null;
  /** JSON, OpenPGP detached signature, .sha256/.sha512, written to disk; then the feeds, index.txt, changes.csv */
  publishMs: number;
  signMs: number;
  files: number;
  targetMs: number;
}

/** `n` distinct advisories, alternating the two samples' shapes, in 2025 and 2026 and across TLPs. */
function advisories(n: number): Advisory[] {
  return Array.from({ length: n }, (_, i) => {
    const a = i % 2 ? firmwareAdvisory() : packageAdvisory();
    const year = 2025 + (i % 2);
    const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00.000Z`;
    return {
      ...a,
      id: `AICC-${year}-${String(i + 1).padStart(4, '0')}`,
      title: `${a.title} (${i + 1})`,
      tlp: (['CLEAR', 'GREEN', 'AMBER', 'RED'] as const)[i % 4]!,
      initialReleaseDate: date,
      currentReleaseDate: date,
      revisions: [{ number: '1', date, summary: 'Initial release.' }],
      cve: a.cve ? `CVE-${year}-${String(10_000 + i)}` : null,
    };
  });
}

const SETTINGS = {
  canonicalUrl: 'https://aicc.example.org/.well-known/csaf/provider-metadata.json',
  baseUrl: 'https://aicc.example.org/.well-known/csaf',
  publisher: { category: 'coordinator' as const, name: 'AI Cybersecurity Clearinghouse', namespace: 'https://aicc.example.org' },
  listOnAggregators: true,
  mirrorOnAggregators: false,
};

/**
 * 1,000 advisories through the CSAF pipeline: every document validated (schema + mandatory tests),
 * then published as a provider publishes them — signed, hashed, written, feeds rebuilt.
 * Not yet the store's publication job (embargo lift → queue), which will wrap this path.
 */
export async function benchAdvisories(n = 1000): Promise<AdvisoryBench> {
  const list = advisories(n);
  let t = performance.now();
  let valid = 0;
  const documents = list.map(toCsaf);
  for (const doc of documents) if ((await validateCsaf(doc)).isValid) valid++;
  const validateMs = performance.now() - t;

  const key = await generateSigningKey({ name: 'AICC bench', email: 'bench@aicc.example.org' });
  const settings = { ...SETTINGS, publicKeys: [{ fingerprint: key.fingerprint, url: `${SETTINGS.baseUrl}/openpgp/${key.fingerprint}.asc` }] };
  const dir = mkdtempSync(join(tmpdir(), 'aicc-bench-csaf-'));
  let files = 0;
  let signMs = 0;
  try {
    t = performance.now();
    const published: PublishedDocument[] = [];
    for (const [i, doc] of documents.entries()) {
      const a = list[i]!;
      const p: PublishedDocument = { id: a.id, tlp: a.tlp, initialReleaseDate: a.initialReleaseDate, currentReleaseDate: a.currentReleaseDate, title: a.title };
      const path = documentPath(p);
      if (!path.ok) throw new Error(JSON.stringify(path.problems));
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      const s = performance.now();
      const signature = await signDetached(text, key.privateKeyArmored);
      signMs += performance.now() - s;
      const name = path.value.slice(path.value.lastIndexOf('/') + 1);
      const hashes = hashFiles(text, name);
      const next = neighbours(path.value);
      const out = join(dir, path.value);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
      writeFileSync(join(dir, next.sha256), hashes.sha256);
      writeFileSync(join(dir, next.sha512), hashes.sha512);
      writeFileSync(join(dir, next.asc), signature);
      files += 4;
      published.push(p);
    }
    const index = providerFiles(settings, published, new Date().toISOString());
    if (!index.ok) throw new Error(JSON.stringify(index.problems.slice(0, 3)));
    for (const f of index.value) {
      const out = join(dir, f.url.slice(SETTINGS.baseUrl.length + 1));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, f.content);
      files++;
    }
    const publishMs = performance.now() - t;
    return { advisories: n, valid, validateMs, oasis: await oasisExamples(), publishMs, signMs, files, targetMs: 10_000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The OASIS CSAF 2.0 examples (read in place): those with one vulnerability import; each re-export is validated. */
async function oasisExamples(): Promise<AdvisoryBench['oasis']> {
  if (!hasCorpus) return null;
  const dir = join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'csaf');
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  let imported = 0;
  let valid = 0;
  for (const name of names) {
    const a = fromCsaf(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    if (!a.ok) continue;
    imported++;
    if ((await validateCsaf(toCsaf(a.value))).isValid) valid++;
  }
  return { imported, valid, total: names.length };
}
