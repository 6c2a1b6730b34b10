import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxError, SandboxUnavailable } from './errors.js';
import { judge } from './oracle.js';
import { runSandboxed, type SandboxSpec } from './run.js';
import { sandboxAvailability, sandboxSuite, TEST_LIMITS } from './sandbox.testing.js';

const availability = sandboxAvailability();

/** Host pids of processes whose command line is `sleep <tag>`. */
function sandboxedSleepers(tag: string): string[] {
  const pids: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\0${tag}\0`) pids.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

describe.runIf(availability.run)('runSandboxed (real bwrap)', () => {
  const suite = sandboxSuite(availability);

  async function run(script: string, spec: Partial<SandboxSpec> = {}) {
    const workDir = await suite.workDir();
    await writeFile(join(workDir, 'poc.sh'), script);
    return runSandboxed({ workDir, command: ['/bin/sh', 'poc.sh'], env: {}, limits: TEST_LIMITS, ...spec });
  }

  describe('when the PoC is benign', () => {
    it('reports its output and exit code, with only the explicit environment', async () => {
      process.env.AICC_SANDBOX_HOST_SECRET = 'host-only';
      const result = await run('echo MARKER-42; echo oops >&2; env | sort; exit 3', { env: { GREETING: 'hello' } });
      delete process.env.AICC_SANDBOX_HOST_SECRET;
      expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, outputTruncated: false, killedFor: null });
      expect(result.stdout).toContain('MARKER-42');
      expect(result.stdout).toContain('GREETING=hello');
      expect(result.stdout).not.toContain('host-only');
      expect(result.stderr).toBe('oops\n');
      expect(judge(result, { kind: 'marker', text: 'MARKER-42' })).toBe('triggered');
      expect(judge(result, { kind: 'exit-code', expected: 3 })).toBe('triggered');
    });

    it('runs python3 from the read-only /usr, in /work', async () => {
      const workDir = await suite.workDir();
      await writeFile(join(workDir, 'poc.py'), 'import os\nprint("cwd", os.getcwd())\nopen("out.txt", "w").write("written")\n');
      const result = await runSandboxed({ workDir, command: ['python3', 'poc.py'], env: {}, limits: TEST_LIMITS });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('cwd /work\n');
      expect(await readFile(join(workDir, 'out.txt'), 'utf8')).toBe('written');
    });

    it('reports a crash signal of the PoC', async () => {
      const result = await run('kill -SEGV $$');
      expect(result).toMatchObject({ exitCode: 139, signal: 'SIGSEGV', killedFor: null });
      expect(judge(result, { kind: 'crash' })).toBe('triggered');
    });
  });

  describe('when the PoC reaches for the network', () => {
    let server: Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      port = address.port;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('cannot connect to a server listening on the host loopback', async () => {
      const workDir = await suite.workDir();
      const probe = [
        'import socket',
        'for host in ("127.0.0.1", "10.0.2.2", "1.1.1.1"):',
        '    s = socket.socket()',
        '    s.settimeout(1)',
        '    try:',
        `        s.connect((host, ${port}))`,
        '        print("CONNECTED", host)',
        '    except OSError as e:',
        '        print("blocked", host, e.errno)',
      ].join('\n');
      await writeFile(join(workDir, 'poc.py'), probe);
      const result = await runSandboxed({ workDir, command: ['python3', 'poc.py'], env: {}, limits: TEST_LIMITS });
      expect(result.stderr).toBe('');
      expect(result.stdout).not.toContain('CONNECTED');
      expect(result.stdout.match(/^blocked/gm)).toHaveLength(3);
      // the host server is reachable from here, and saw nothing from the sandbox
      expect(connections).toBe(0);
    });
  });

  describe('when the PoC writes outside its work dir', () => {
    let hostDir: string;
    beforeAll(async () => {
      hostDir = await mkdtemp(join(tmpdir(), 'aicc-sandbox-host-'));
      await writeFile(join(hostDir, 'secret.txt'), 'host secret');
    });
    afterAll(async () => {
      await rm(hostDir, { recursive: true, force: true });
    });

    it('fails on every host path, and /usr, /etc and / are read-only', async () => {
      const escape = join(hostDir, 'escaped.txt');
      const script = [
        `cat ${join(hostDir, 'secret.txt')} 2>/dev/null && echo READ-HOST-SECRET`,
        `for p in ${escape} /usr/escaped /etc/escaped /escaped /dev/escaped /proc/escaped; do`,
        '  if echo x > "$p" 2>/dev/null; then echo "WROTE $p"; else echo "refused $p"; fi',
        'done',
        'echo inside > /work/inside.txt && echo "wrote work"',
        'echo tmp > /tmp/t && echo "wrote tmp"',
      ].join('\n');
      const result = await run(script);
      expect(result.stdout).not.toContain('READ-HOST-SECRET');
      expect(result.stdout).not.toContain('WROTE');
      expect(result.stdout.match(/^refused/gm)).toHaveLength(6);
      expect(result.stdout).toContain('wrote work');
      expect(result.stdout).toContain('wrote tmp');
      expect(existsSync(escape)).toBe(false);
      expect(existsSync('/usr/escaped')).toBe(false);
      expect(existsSync('/escaped')).toBe(false);
    });
  });

  describe('when the PoC exceeds a limit', () => {
    it('contains a fork bomb, kills it at the wall clock and leaves the host well', async () => {
      const limits = { ...TEST_LIMITS, wallMs: 2_000, processes: 16 };
      const result = await run('bomb() { bomb | bomb & }; bomb; sleep 30', { limits });
      expect(result.wallMs).toBeLessThan(limits.wallMs + 2_000);
      expect(result.timedOut).toBe(true);
      expect(result.killedFor).toBe('processes');
      expect(judge(result, { kind: 'marker', text: 'x' })).toBe('inconclusive');
      expect(execFileSync('/bin/echo', ['host fine'], { encoding: 'utf8' })).toBe('host fine\n');
    });

    it('contains a python fork bomb that swallows its errors', async () => {
      const workDir = await suite.workDir();
      await writeFile(join(workDir, 'poc.py'), 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n');
      const result = await runSandboxed({ workDir, command: ['python3', 'poc.py'], env: {}, limits: { ...TEST_LIMITS, wallMs: 1_500, processes: 16 } });
      expect(result.wallMs).toBeLessThan(1_500 + 2_000);
      expect(result).toMatchObject({ timedOut: true, killedFor: 'time', exitCode: null, signal: 'SIGKILL' });
    });

    it('cuts infinite output at the cap and kills the PoC', async () => {
      const result = await run('yes AAAAAAAAAAAAAAAA', { limits: { ...TEST_LIMITS, outputBytes: 10_000 } });
      expect(result).toMatchObject({ outputTruncated: true, killedFor: 'output', timedOut: false, exitCode: null, signal: 'SIGKILL' });
      expect(result.stdout).toHaveLength(10_000);
      expect(judge(result, { kind: 'marker', text: 'AAAA' })).toBe('inconclusive');
    });

    it('kills a busy loop at the CPU limit', async () => {
      const result = await runSandboxed({
        workDir: await suite.workDir(),
        command: ['python3', '-c', 'while True: pass'],
        env: {},
        limits: { ...TEST_LIMITS, cpuSeconds: 1, wallMs: 10_000 },
      });
      // ended by RLIMIT_CPU, well before the wall clock (about 1 s; more on a loaded machine)
      expect(result).toMatchObject({ signal: 'SIGXCPU', killedFor: 'time', timedOut: false });
    });

    it('kills a sleeping PoC at the wall clock', async () => {
      const result = await run('(setsid sleep 31.4159 &); (sleep 31.4159 >/dev/null 2>&1 &); echo started; sleep 60', { limits: { ...TEST_LIMITS, wallMs: 500 } });
      expect(result).toMatchObject({ timedOut: true, killedFor: 'time', stdout: 'started\n' });
      expect(result.wallMs).toBeLessThan(500 + 2_000);
      // detached descendants die with the pid namespace
      await expect.poll(() => sandboxedSleepers('31.4159'), { timeout: 2_000 }).toEqual([]);
    });

    it('takes the sandbox down when the Node process driving it dies', async () => {
      const dir = await suite.workDir();
      await chmod(dir, 0o755); // the sandbox's unprivileged uid must reach the work dir below it
      const workDir = join(dir, 'work');
      await mkdir(workDir);
      const driver = join(dir, 'driver.mts');
      const limits = { ...TEST_LIMITS, wallMs: 60_000, cpuSeconds: 60 };
      await writeFile(driver, [
        `import { runSandboxed } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'run.ts')).href)};`,
        `await runSandboxed({ workDir: ${JSON.stringify(workDir)}, command: ['/bin/sh', '-c', 'sleep 27.1828'], env: {}, limits: ${JSON.stringify(limits)} });`,
      ].join('\n'));
      const node = spawn(process.execPath, ['--import', 'tsx', driver], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      node.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise((resolve) => node.once('exit', resolve));
      try {
        await expect.poll(() => sandboxedSleepers('27.1828'), { timeout: 10_000, message: `driver stderr: ${stderr}` }).toHaveLength(1);
      } finally {
        node.kill('SIGKILL');
      }
      await exited;
      await expect.poll(() => sandboxedSleepers('27.1828'), { timeout: 2_000 }).toEqual([]);
    });

    it('stops a memory hog at the address-space limit', async () => {
      const result = await runSandboxed({
        workDir: await suite.workDir(),
        command: ['python3', '-c', 'chunks = []\nwhile True: chunks.append(bytearray(16 * 1024 * 1024))'],
        env: {},
        limits: { ...TEST_LIMITS, memoryBytes: 128 * 1024 * 1024 },
      });
      expect(result.killedFor).toBe('memory');
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain('MemoryError');
      expect(result.timedOut).toBe(false);
    });

    it('keeps /tmp to its size', async () => {
      const result = await run('head -c 2000000 /dev/zero > /tmp/big || echo full', { limits: { ...TEST_LIMITS, tmpBytes: 1024 * 1024 } });
      expect(result.stdout).toBe('full\n');
    });
  });

  describe('when the sandbox cannot be had', () => {
    it('throws SandboxUnavailable instead of running unsandboxed', async () => {
      const workDir = await suite.workDir();
      await writeFile(join(workDir, 'poc.sh'), 'touch ran');
      await expect(
        runSandboxed({ workDir, command: ['/bin/sh', 'poc.sh'], env: {}, limits: TEST_LIMITS }, { bwrap: '/nonexistent/bwrap' }),
      ).rejects.toBeInstanceOf(SandboxUnavailable);
      expect(existsSync(join(workDir, 'ran'))).toBe(false);
    });

    it('refuses a relative work dir, an empty command and a missing limit', async () => {
      const workDir = await suite.workDir();
      await expect(runSandboxed({ workDir: 'relative', command: ['true'], env: {}, limits: TEST_LIMITS })).rejects.toThrow(SandboxError);
      await expect(runSandboxed({ workDir, command: [], env: {}, limits: TEST_LIMITS })).rejects.toThrow(/empty/);
      await expect(runSandboxed({ workDir, command: ['true'], env: {}, limits: { ...TEST_LIMITS, processes: 0 } })).rejects.toThrow(/processes/);
      await expect(runSandboxed({ workDir, command: ['true'], env: { 'A=B': 'x' }, limits: TEST_LIMITS })).rejects.toThrow(/environment/);
    });
  });
});
