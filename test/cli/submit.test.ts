import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../src/app/intake.js';
import { readSubmission } from '../../src/cli/submit.js';
import { aicc, aiccServe, closedPort, seedDataDir, show, tempDir, type Serving } from './helpers.js';

/** A SARIF 2.1.0 log of one tool run; a result with a fingerprint is matched to earlier ones by it. */
function sarif(results: Array<{ id: string; text: string; file: string; line: number; fingerprint?: string }>): string {
  return JSON.stringify({
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'frontier-model-x', version: '1.0', rules: [{ id: 'dos', shortDescription: { text: 'denial of service' } }] } },
      versionControlProvenance: [{ repositoryUri: 'https://github.com/example/gateway', revisionId: '0123456789abcdef0123456789abcdef01234567' }],
      results: results.map((r) => ({
        guid: `00000000-0000-4000-8000-${r.id.padStart(12, '0')}`,
        ruleId: 'dos',
        level: 'error',
        message: { text: r.text },
        locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: r.line } } }],
        ...(r.fingerprint ? { partialFingerprints: { primaryLocationLineHash: r.fingerprint } } : {}),
      })),
    }],
  });
}

const RESET = { text: 'Unbounded stream resets let a client exhaust server CPU (HTTP/2 rapid reset).', file: 'internal/http2/server.go', line: 412, fingerprint: 'fp-rapid-reset' };

describe('aicc submit and aicc receipt against a running server', () => {
  const tmp = tempDir('submit');
  const data = join(tmp.dir, 'db');
  const file = (name: string, text: string) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, text);
    return path;
  };
  let server: Serving;
  let token = '';
  let readOnly = '';
  const as = (t: string | undefined, ...args: string[]) => aicc(args, { env: { AICC_SERVER: server.url, AICC_TOKEN: t } });

  beforeAll(async () => {
    await seedDataDir(data);
    for (const args of [
      ['org', 'create', '--data', data, '--slug', 'lab', '--name', 'Frontier Lab', '--roles', 'reporter'],
      ['org', 'create', '--data', data, '--slug', 'hospital', '--name', 'Hospital', '--roles', 'subscriber'],
    ]) {
      const r = await aicc(args);
      expect(r.code, show(r)).toBe(0);
    }
    const created = await aicc(['token', 'create', '--data', data, '--org', 'lab', '--name', 'ci', '--scopes', 'submit']);
    expect(created.code, show(created)).toBe(0);
    token = (JSON.parse(created.stdout) as { token: string }).token;
    const other = await aicc(['token', 'create', '--data', data, '--org', 'hospital', '--name', 'feeds', '--scopes', 'vulns:read']);
    readOnly = (JSON.parse(other.stdout) as { token: string }).token;
    server = await aiccServe(['--data', data, '--port', '0']);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    tmp.remove();
  });

  describe('when a reporter submits a SARIF log', () => {
    let first: Receipt;
    const run = () => file('run.sarif', sarif([
      { id: '1', ...RESET },
      { id: '2', text: 'A crafted archive entry escapes the extraction directory.', file: 'internal/archive/unzip.go', line: 88 },
    ]));

    it('prints the receipt summary and a table of findings, and exits 0', async () => {
      const r = await aicc(['submit', run(), '--server', server.url, '--token', token]);
      expect(r.code, show(r)).toBe(0);
      const id = /^submission (\S+) \(run\.sarif, auto, key sha256:[0-9a-f]{64}\): accepted$/m.exec(r.stdout)?.[1];
      expect(id, r.stdout).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.stdout).toContain('2 findings: 2 new cases, 0 duplicates\n');
      expect(r.stdout).toMatch(/^external id\s+case\s+status\s+reason\s+score$/m);
      expect(r.stdout).toMatch(/^00000000-0000-4000-8000-000000000001\s+C-\d+\s+new-case\s+new\s+\d\.\d\d$/m);
      expect(r.stdout + r.stderr).not.toContain(token);
      const json = await as(token, 'receipt', id!, '--json');
      expect(json.code, show(json)).toBe(0);
      first = JSON.parse(json.stdout) as Receipt;
      expect(first.findings.map((f) => f.status)).toEqual(['new-case', 'new-case']);
    });

    it('the same file again is unchanged: the default key is the content, so a re-run is harmless', async () => {
      const r = await as(token, 'submit', run());
      expect(r.code, show(r)).toBe(0);
      expect(r.stdout).toContain(`submission ${first.submission.id} `);
      expect(r.stdout).toMatch(/: unchanged — the same content was submitted with this key at /);
      expect(r.stdout).toContain('2 findings: 2 new cases, 0 duplicates');
    });

    it('--json prints the raw receipt, and a new finding of the same root cause is a duplicate by fingerprint', async () => {
      const again = file('again.json', sarif([{ id: '3', ...RESET, text: 'HTTP/2 RST_STREAM flood: resets are not rate limited.' }]));
      const r = await as(token, 'submit', again, '--format', 'sarif', '--key', 'ci-run-42', '--json');
      expect(r.code, show(r)).toBe(0);
      const receipt = JSON.parse(r.stdout) as Receipt;
      expect(receipt).toMatchObject({ status: 'accepted', submission: { clientKey: 'ci-run-42', format: 'sarif', name: 'again.json', findings: 1 } });
      expect(receipt.findings[0]).toMatchObject({ status: 'duplicate', reason: 'fingerprint', caseId: first.findings[0]!.caseId });
      const table = await as(token, 'receipt', receipt.submission.id);
      expect(table.stdout).toContain('1 finding: 0 new cases, 1 duplicate (fingerprint 1)\n');
    });

    it('shows the first 50 findings of a large submission and says how many more there are', async () => {
      const many = file('many.sarif', sarif(Array.from({ length: 53 }, (_, i) => ({ id: String(100 + i), text: `Finding number ${i} of a long run with distinct text ${i * 7919}.`, file: `pkg/m${i}/f.go`, line: i + 1, fingerprint: `fp-many-${i}` }))));
      const r = await as(token, 'submit', many);
      expect(r.code, show(r)).toBe(0);
      expect(r.stdout).toContain('53 findings: ');
      expect(r.stdout.split('\n').filter((l) => l.startsWith('00000000-0000-4000-8000-'))).toHaveLength(50);
      expect(r.stdout).toContain('… and 3 more findings; --json prints them all');
    });
  });

  it.concurrent('a document that does not validate exits 1 with the server message and the JSON pointer', async ({ expect }) => {
    const bad = file('bad.sarif', JSON.stringify({ version: '2.1.0', runs: [{ tool: {} }] }));
    const r = await as(token, 'submit', bad);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`aicc: ${server.url} refused ${bad}: 422 Unprocessable Entity: bad.sarif was rejected`);
    expect(r.stderr).toMatch(/^ {2}bad\.sarif#\/runs\/0\/tool: must have required property 'driver'$/m);
    expect(r.stderr).not.toContain(token);
  });

  it.concurrent('a JSON syntax error exits 1 with its line', async ({ expect }) => {
    const r = await as(token, 'submit', file('broken.json', '{\n  "version": "2.1.0",\n  "runs": [,]\n}'));
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/400 Bad Request: broken\.json was rejected: invalid JSON/);
    expect(r.stderr).toMatch(/^ {2}broken\.json:line 3: invalid JSON/m);
  });

  it.concurrent('the same key for other content is a conflict, exit 1', async ({ expect }) => {
    const used = await as(token, 'submit', file('keyed.sarif', sarif([{ id: '10', text: 'Open redirect in the login page.', file: 'login.go', line: 5 }])), '--key', 'nightly-7');
    expect(used.code, show(used)).toBe(0);
    const r = await as(token, 'submit', file('other.sarif', sarif([{ id: '9', text: 'SSRF via webhook URLs.', file: 'hooks.go', line: 1 }])), '--key', 'nightly-7');
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/409 Conflict: client key 'nightly-7' was used for other content/);
  });

  it.concurrent('without a token the server refuses with 401, and the message says how to give one', async ({ expect }) => {
    const r = await as(undefined, 'submit', file('anon.sarif', sarif([{ id: '5', ...RESET }])));
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toBe(`aicc: ${server.url} refused ${join(tmp.dir, 'anon.sarif')}: 401 Unauthorized: sign in or present an API token (no API token given: --token or AICC_TOKEN)\n`);
  });

  it.concurrent('a bad token or one without the submit scope is refused, and never printed', async ({ expect }) => {
    const path = file('scoped.sarif', sarif([{ id: '6', ...RESET }]));
    const bogus = await as('aicc_not-a-real-token', 'submit', path);
    expect(bogus.code, show(bogus)).toBe(1);
    expect(bogus.stderr).toMatch(/401 Unauthorized: invalid, expired or revoked API token\n$/);
    expect(bogus.stderr).not.toContain('aicc_not-a-real-token');
    const subscriber = await as(readOnly, 'submit', path);
    expect(subscriber.code, show(subscriber)).toBe(1);
    expect(subscriber.stderr).toMatch(/403 Forbidden: submitting findings needs a reporter organization and the submit scope/);
    expect(subscriber.stderr).not.toContain(readOnly);
  });

  it.concurrent('another organization cannot read the receipt', async ({ expect }) => {
    const sub = JSON.parse((await as(token, 'submit', file('mine.sarif', sarif([{ id: '7', ...RESET }])), '--json')).stdout) as Receipt;
    const r = await as(readOnly, 'receipt', sub.submission.id);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain(`404 Not Found: no submission '${sub.submission.id}'`);
  });

  it.concurrent('usage errors exit 2 before anything is sent', async ({ expect }) => {
    const path = file('usage.sarif', sarif([]));
    for (const args of [
      ['submit', path, '--key', 'has spaces'],
      ['submit', path, '--format', 'csaf'],
      ['submit', join(tmp.dir, 'missing.sarif')],
      ['submit', path, '--server', 'ftp://example.invalid'],
      ['receipt', 'not-a-uuid'],
    ]) {
      const r = await as(token, ...args);
      expect(r.code, `${args.join(' ')}\n${show(r)}`).toBe(2);
      expect(r.stdout).toBe('');
    }
  });

  it.concurrent('a server that is down is retried a bounded number of times, then a clear error', async ({ expect }) => {
    const port = await closedPort();
    const started = Date.now();
    const r = await aicc(['submit', file('down.sarif', sarif([{ id: '8', ...RESET }])), '--server', `http://127.0.0.1:${port}`], { env: { AICC_TOKEN: token } });
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr.match(/^aicc: attempt \d failed \(connect ECONNREFUSED [\d.:]+\); trying again in \d+\.\d s$/gm)).toHaveLength(4);
    expect(r.stderr).toMatch(new RegExp(`aicc: cannot reach the AICC server at http://127\\.0\\.0\\.1:${port} \\(5 attempts\\): connect ECONNREFUSED`));
    expect(r.stderr).not.toContain(token);
    // Four waits of at most 0.5 + 1 + 2 + 4 s, plus starting the CLI.
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 40_000);
});

describe('reading the file to submit', () => {
  it('refuses a file over the limit before reading it', async () => {
    const tmp = tempDir('submit-limit');
    try {
      const path = join(tmp.dir, 'big.json');
      writeFileSync(path, 'x'.repeat(3 * 1024 * 1024));
      await expect(readSubmission(path, 1024 * 1024)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: `${path} is 3.0 MiB; a submission may be at most 1.0 MiB (split the findings into several files)` });
      expect((await readSubmission(path)).length).toBe(3 * 1024 * 1024);
      await expect(readSubmission(tmp.dir)).rejects.toThrow(`${tmp.dir} is not a file`);
    } finally {
      tmp.remove();
    }
  });
});
