import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTarget } from '../../src/app/scanning.js';
import { SYSTEM } from '../../src/app/identity.js';
import { aicc, seedDataDir, show, tempDir } from './helpers.js';
import { openContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import { cliLogger } from '../../src/cli/runtime.js';

describe('aicc targets and aicc coverage', () => {
  const tmp = tempDir('scanning');
  const data = join(tmp.dir, 'db');

  beforeAll(async () => {
    await seedDataDir(data);
    // Targets come in by the API; here through the same use case, on the data directory directly.
    const ctx = await openContext(loadConfig({}, { dataDir: data }), cliLogger('silent'), 'test');
    try {
      await registerTarget(ctx, SYSTEM, { kind: 'repository', url: 'https://github.com/example/pump-firmware.git', weight: 8 });
      await registerTarget(ctx, SYSTEM, { kind: 'package', purl: 'pkg:npm/left-pad@1.0.0' });
    } finally {
      await ctx.conn.close();
    }
  });
  afterAll(() => tmp.remove());

  it('lists targets, most critical first', async () => {
    const r = await aicc(['targets', '--data', data]);
    expect(r.code, show(r)).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^criticality\s+kind\s+target/);
    expect(lines[2]).toMatch(/^24\.0\s+repository\s+https:\/\/github\.com\/example\/pump-firmware/);
    expect(lines[3]).toMatch(/^0\.0\s+package\s+pkg:npm\/left-pad/);
  });

  it('shows coverage: none of them scanned yet', async () => {
    const r = await aicc(['coverage', '--json', '--data', data]);
    expect(r.code, show(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ targets: 2, scanned: 0, neverScanned: 2 });
    const text = await aicc(['coverage', '--data', data]);
    expect(text.stdout).toContain('2 targets: 0 scanned, 2 never scanned');
  });
});
