import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../db.js';
import { aicc, seedDataDir, show, tempDir } from './helpers.js';

const TABLES = join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables');

describe.skipIf(!hasCorpus)('aicc ssvc load and list', () => {
  const tmp = tempDir('ssvc');
  const data = join(tmp.dir, 'db');
  beforeAll(() => seedDataDir(data));
  afterAll(() => tmp.remove());

  it('loads every table under a directory, reports a broken file precisely, and keeps the rest', async () => {
    const broken = join(tmp.dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ namespace: 'x', key: 'T', version: '1', name: 'Broken', decision_points: {}, outcome: 'x:O:1', mapping: [] }));
    const r = await aicc(['ssvc', 'load', join(TABLES, 'ssvc'), broken, '--data', data]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/^loaded ssvc:DT_COORD_TRIAGE:1\.0\.0 Coordinator Triage \(192 rows\)/m);
    expect(r.stderr).toMatch(/broken\.json is not a complete SSVC decision table/);
    expect(r.stderr).toMatch(/broken\.json#\//);
    const list = await aicc(['ssvc', 'list', '--data', data]);
    expect(list.code, show(list)).toBe(0);
    expect(list.stdout).toMatch(/ssvc:DT_COORD_TRIAGE:1\.0\.0\s+Coordinator Triage/);
    expect(list.stdout).not.toMatch(/Broken/);
  });
});
if (!hasCorpus) corpusSkipNote('aicc ssvc load');
