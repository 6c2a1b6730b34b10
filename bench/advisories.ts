import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerIndexFiles } from '../src/app/csaf-provider.js';
import { SYSTEM } from '../src/app/identity.js';
import { publishDue } from '../src/app/publication.js';
import { ensureActiveKey } from '../src/app/signing-keys.js';
import type { Advisory } from '../src/domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../src/domain/advisory.testing.js';
import { fromCsafAll, toCsaf, validateCsaf } from '../src/formats/csaf/index.js';
import { insertAdvisory } from '../src/store/advisories.js';
import { CORPUS, hasCorpus } from '../test/db.js';
import { benchContext, database } from './intake.js';

export interface AdvisoryBench {
  advisories: number;
  /** toCsaf + csaf-validator-lib's schema test and all mandatory tests, per document */
  valid: number;
  validateMs: number;
  /** the OASIS CSAF 2.0 examples imported (one advisory per vulnerability), re-exported and validated the same way */
  oasis: { imported: number; advisories: number; valid: number; total: number } | null;
  /** publishDue on file-backed PGlite: per advisory, CSAF validated, signed, hashed, stored in its own transaction */
  publishMs: number;
  published: number;
  /** the provider's index files rebuilt for an operator (every label): feeds, index.txt, changes.csv, metadata */
  feedsMs: number;
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

/**
 * 1,000 advisories: every document validated (schema + mandatory tests), then published the way the
 * `publish-due` job publishes them (publishDue on a file-backed PGlite database: validated again,
 * signed, hashed, stored, timeline and outbox), then the provider's feeds and indexes rebuilt.
 */
export async function benchAdvisories(n = 1000): Promise<AdvisoryBench> {
  const list = advisories(n);
  let t = performance.now();
  let valid = 0;
  for (const a of list) if ((await validateCsaf(toCsaf(a))).isValid) valid++;
  const validateMs = performance.now() - t;

  const db = await database('pglite');
  try {
    const ctx = benchContext(db.conn);
    await ensureActiveKey(ctx, SYSTEM, { name: 'AICC bench', email: 'bench@aicc.example.org' });
    const due = new Date(Date.now() - 60_000);
    await db.conn.db.insertInto('cases').values(list.map((a) => ({ id: a.id, title: a.title }))).execute();
    for (const a of list) await insertAdvisory(db.conn.db, { id: a.id, caseId: a.id, status: 'ready', tlp: a.tlp, document: a, publishAt: due, by: 'bench' });
    t = performance.now();
    const counts = await publishDue(ctx);
    const publishMs = performance.now() - t;
    if (counts.published !== n) throw new Error(`published ${counts.published} of ${n} (${counts.failed} failed)`);
    t = performance.now();
    const files = await providerIndexFiles(ctx, SYSTEM);
    const feedsMs = performance.now() - t;
    return { advisories: n, valid, validateMs, oasis: await oasisExamples(), publishMs, published: counts.published, feedsMs, files: files.size, targetMs: 10_000 };
  } finally {
    await db.dispose();
  }
}

/** The OASIS CSAF 2.0 examples (read in place), one advisory per vulnerability; each re-export is validated. */
async function oasisExamples(): Promise<AdvisoryBench['oasis']> {
  if (!hasCorpus) return null;
  const dir = join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'csaf');
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  let imported = 0;
  let advisories = 0;
  let valid = 0;
  for (const name of names) {
    const list = fromCsafAll(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    if (!list.ok) continue;
    imported++;
    for (const a of list.value) {
      advisories++;
      if ((await validateCsaf(toCsaf(a))).isValid) valid++;
    }
  }
  return { imported, advisories, valid, total: names.length };
}
