import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aicc, ROOT, show, tempDir } from './helpers.js';

// Each case starts its own process and none shares state: they run side by side.
describe.concurrent('aicc help', () => {
  it('aicc --help lists the commands and exits 0', async ({ expect }) => {
    const r = await aicc(['--help']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^Usage: aicc \[options\] \[command\]/);
    for (const command of ['serve', 'import', 'sync', 'vuln', 'org', 'user', 'token', 'audit']) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
    expect(r.stderr).toBe('');
  });

  it('aicc import --help describes the arguments and options and exits 0', async ({ expect }) => {
    const r = await aicc(['import', '--help']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^Usage: aicc import \[options\] <paths\.\.\.>/);
    for (const option of ['--format <format>', '--data <dir>', '--server <url>', '--token <token>']) expect(r.stdout).toContain(option);
    expect(r.stdout).toContain('auto, osv, cve5, kev, epss');
  });

  it('runs when started through a link in a folder whose name a file URL escapes', async ({ expect }) => {
    const tmp = tempDir('link');
    try {
      mkdirSync(join(tmp.dir, 'my tools'));
      const link = join(tmp.dir, 'my tools', 'aicc-dev.ts');
      symlinkSync(join(ROOT, 'src', 'cli', 'main.ts'), link);
      const r = await aicc(['--version'], { script: link });
      expect(r.code, show(r)).toBe(0);
      expect(r.stdout).toBe('0.1.0\n');
    } finally {
      tmp.remove();
    }
  });
});

describe.concurrent('aicc usage errors exit 2 before touching any data', () => {
  const tmp = tempDir('usage');
  const data = join(tmp.dir, 'db');
  afterAll(() => tmp.remove());

  it('import --format nonsense names the accepted formats', async ({ expect }) => {
    const r = await aicc(['import', '--data', data, '--format', 'nonsense', 'whatever.json']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("--format must be auto, osv, cve5, kev, epss; got 'nonsense'");
    expect(r.stdout).toBe('');
    expect(existsSync(data), 'no data directory was created').toBe(false);
  });

  it('an unknown command, a missing argument and a missing required option', async ({ expect }) => {
    const [unknown, noPaths, noSlug] = await Promise.all([
      aicc(['frobnicate']),
      aicc(['import', '--data', data]),
      aicc(['org', 'create', '--data', data, '--name', 'X', '--roles', 'vendor']),
    ]);
    expect(unknown.code, show(unknown)).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);

    expect(noPaths.code, show(noPaths)).toBe(2);
    expect(noPaths.stderr).toMatch(/missing required argument 'paths'/);

    expect(noSlug.code, show(noSlug)).toBe(2);
    expect(noSlug.stderr).toMatch(/required option '--slug <slug>' not specified/);
    expect(existsSync(data)).toBe(false);
  });

  it('sync of an unknown feed and serve with a bad port', async ({ expect }) => {
    const [feed, port] = await Promise.all([aicc(['sync', 'everything', '--data', data]), aicc(['serve', '--data', data, '--port', 'eighty'])]);
    expect(feed.code, show(feed)).toBe(2);
    expect(feed.stderr).toContain("unknown feed 'everything' (osv, kev, epss)");

    expect(port.code, show(port)).toBe(2);
    expect(port.stderr).toContain("--port must be an integer of at least 0, got 'eighty'");
    expect(existsSync(data)).toBe(false);
  });

  it('token create --expires-days 0 is refused rather than making a token that never expires', async ({ expect }) => {
    const r = await aicc(['token', 'create', '--data', data, '--org', 'x', '--name', 'n', '--scopes', 'vulns:read', '--expires-days', '0']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("--expires-days must be an integer of at least 1, got '0'");
    expect(existsSync(data)).toBe(false);
  });

  it('import --server without a token says where to put one', async ({ expect }) => {
    const r = await aicc(['import', '--server', 'http://127.0.0.1:9', 'x.json'], { env: { AICC_TOKEN: undefined } });
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain('--server needs an API token with the import scope: --token or AICC_TOKEN');
  });
});

describe.concurrent('read-only commands on a data directory that holds no database', () => {
  const tmp = tempDir('missing');
  const data = join(tmp.dir, 'typo');
  afterAll(() => tmp.remove());

  it.each([['vuln', 'show', 'CVE-2021-44228'], ['org', 'list'], ['user', 'list'], ['token', 'list'], ['audit', 'verify']])(
    '%s %s refuses instead of creating an empty one',
    async (...args) => {
      const r = await aicc([...args, '--data', data]);
      expect(r.code, show(r)).toBe(1);
      expect(r.stderr).toContain(`no AICC database in ${data}`);
      expect(existsSync(join(data, 'PG_VERSION'))).toBe(false);
    },
  );
});
