import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import type { SandboxLimitsInput } from './limits.js';

const REQUIRED = ['/usr/bin/bwrap', '/usr/bin/prlimit'];

function missingTools(): string[] {
  return REQUIRED.filter((path) => {
    try {
      accessSync(path, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Whether the sandbox suites run: with Debian's bubblewrap, always; without it, CI fails the suite
 * (it must run there) and a developer machine skips it with a clear message.
 */
export function sandboxAvailability(): { run: boolean; missing: boolean } {
  const missing = missingTools();
  if (missing.length > 0 && !process.env.CI) {
    console.log(`SKIPPED sandbox tests: ${missing.join(', ')} not found (apt-get install -y bubblewrap)`);
    return { run: false, missing: true };
  }
  return { run: true, missing: missing.length > 0 };
}

/** Registers the check that fails the suite in CI when bwrap is missing, and fresh work dirs removed after each test. */
export function sandboxSuite(availability: { missing: boolean }): { workDir: () => Promise<string> } {
  const dirs: string[] = [];
  beforeAll(() => {
    if (availability.missing) throw new Error(`${missingTools().join(', ')} not found: CI must run the sandbox tests (apt-get install -y bubblewrap)`);
  });
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    workDir: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'aicc-sandbox-test-'));
      dirs.push(dir);
      return dir;
    },
  };
}

/** Small limits that keep every test to a few seconds. */
export const TEST_LIMITS: SandboxLimitsInput = {
  wallMs: 5_000,
  cpuSeconds: 2,
  memoryBytes: 256 * 1024 * 1024,
  outputBytes: 64 * 1024,
  processes: 32,
};
