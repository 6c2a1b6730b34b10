import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/config.js';

const MAIN = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

/** Starts the built server on `dir`, returns ms until it printed ready and answered /ready. */
function startOnce(dir: string, demo: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [MAIN, 'serve', '--data', dir, '--port', '0', ...(demo ? ['--demo'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AICC_LOG_LEVEL: 'warn' },
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('server did not become ready in 60 s'));
    }, 60_000);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (!m?.[1]) return;
      const url = m[1];
      fetch(`${url}/api/v1/ready`)
        .then((res) => {
          const ms = performance.now() - started;
          clearTimeout(timer);
          child.once('exit', () => (res.ok ? resolve(ms) : reject(new Error(`ready answered ${res.status}`))));
          child.kill('SIGTERM');
        })
        .catch(reject);
      out = '';
    });
    child.on('error', reject);
  });
}

/** Cold start of the built CLI on an existing data directory (demo seeded by a first run). */
export async function benchColdStart(runs = 3): Promise<{ firstMs: number; startsMs: number[] } | null> {
  if (!existsSync(MAIN)) {
    process.stderr.write(`  cold start skipped: ${MAIN} not built (npm run build)\n`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'aicc-cold-'));
  try {
    const firstMs = await startOnce(dir, true);
    const startsMs: number[] = [];
    for (let i = 0; i < runs; i++) startsMs.push(await startOnce(dir, false));
    process.stderr.write(`  cold start: first (create + seed) ${Math.round(firstMs)} ms, then ${startsMs.map(Math.round).join(', ')} ms\n`);
    return { firstMs, startsMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
