import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, signIn, storeFingerprint, type Inject } from './helpers.js';

interface Receipt {
  submission: { id: string; findings: number };
  status: string;
  findings: Array<{ externalId: string; caseId: string; status: string; reason: string; explanation: string }>;
}

/** A SARIF log from one tool run over one repository; each result may carry a fingerprint. */
function sarif(tool: string, results: Array<{ id: string; rule: string; text: string; file: string; line: number; fingerprint?: string }>): string {
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: tool, version: '1.0', rules: [...new Set(results.map((r) => r.rule))].map((id) => ({ id, shortDescription: { text: id }, properties: { tags: ['security', 'external/cwe/cwe-400'] } })) } },
      versionControlProvenance: [{ repositoryUri: 'https://github.com/example/gateway', revisionId: '0123456789abcdef0123456789abcdef01234567' }],
      results: results.map((r) => ({
        guid: guid(r.id),
        ruleId: r.rule,
        level: 'error',
        message: { text: r.text },
        locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: r.line } } }],
        ...(r.fingerprint ? { partialFingerprints: { primaryLocationLineHash: r.fingerprint } } : {}),
      })),
    }],
  });
}

const guid = (n: string) => `00000000-0000-4000-8000-${n.padStart(12, '0')}`;
const RAPID_RESET = { rule: 'http2-stream-reset', text: 'Unbounded stream resets let a client exhaust server CPU (HTTP/2 rapid reset).', file: 'internal/http2/server.go', line: 412 };

describe.each(backends())('finding intake over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let lab: Record<string, string>;
  let operator: Record<string, string>;
  let subscriber: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
  });
  afterAll(() => server.close());

  const submit = (who: Record<string, string>, key: string, body: string) =>
    inject({ method: 'POST', url: '/api/v1/submissions?name=run.sarif', headers: { ...who, 'content-type': 'application/sarif+json', 'idempotency-key': key }, payload: body });

  let first: Receipt;

  it('takes a SARIF log and gives a receipt per finding, each opening a case', async () => {
    const res = await submit(lab, 'lab-run-1', sarif('frontier-model-x', [
      { id: '1', ...RAPID_RESET, fingerprint: 'fp-rapid-reset' },
      { id: '2', rule: 'path-traversal', text: 'A crafted archive entry escapes the extraction directory.', file: 'internal/archive/unzip.go', line: 88 },
    ]));
    expect(res.statusCode, res.body).toBe(201);
    first = res.json<Receipt>();
    expect(first).toMatchObject({ status: 'accepted', submission: { findings: 2 } });
    expect(first.findings.map((f) => [f.externalId, f.status])).toEqual([[guid('1'), 'new-case'], [guid('2'), 'new-case']]);
    expect(first.findings[0]!.caseId).not.toBe(first.findings[1]!.caseId);
  });

  it("puts another reporter's finding of the same root cause in the same case, and says why", async () => {
    const res = await submit(operator, 'ops-run-1', sarif('codeql', [{ id: '3', ...RAPID_RESET, text: 'HTTP/2 RST_STREAM flood: resets are not rate limited.', fingerprint: 'fp-rapid-reset' }]));
    expect(res.statusCode, res.body).toBe(201);
    const [dup] = res.json<Receipt>().findings;
    expect(dup).toMatchObject({ status: 'duplicate', reason: 'fingerprint', caseId: first.findings[0]!.caseId });
    expect(dup!.explanation).toMatch(/primaryLocationLineHash/);
  });

  it('keeps every case after a restart: the index is rebuilt from the store with the cases it gave', async () => {
    server.ctx.dedup.invalidate();
    const res = await submit(operator, 'ops-run-2', sarif('semgrep', [{ id: '4', ...RAPID_RESET, text: 'Rapid reset of HTTP/2 streams.', fingerprint: 'fp-rapid-reset' }]));
    expect(res.json<Receipt>().findings[0]).toMatchObject({ status: 'duplicate', caseId: first.findings[0]!.caseId });
    const fresh = await submit(operator, 'ops-run-3', sarif('semgrep', [{ id: '5', rule: 'ssrf', text: 'Webhook URLs reach internal addresses.', file: 'internal/hooks/send.go', line: 20 }]));
    // New cases continue the numbering rather than reuse an id.
    expect(res.json<Receipt>().findings[0]!.caseId).not.toBe(fresh.json<Receipt>().findings[0]!.caseId);
    expect(first.findings.map((f) => f.caseId)).not.toContain(fresh.json<Receipt>().findings[0]!.caseId);
  });

  it('answers a retry with the first receipt and refuses the key for other content', async () => {
    const again = await submit(lab, 'lab-run-1', sarif('frontier-model-x', [
      { id: '1', ...RAPID_RESET, fingerprint: 'fp-rapid-reset' },
      { id: '2', rule: 'path-traversal', text: 'A crafted archive entry escapes the extraction directory.', file: 'internal/archive/unzip.go', line: 88 },
    ]));
    expect(again.statusCode).toBe(200);
    expect(again.json<Receipt>()).toMatchObject({ status: 'unchanged', submission: { id: first.submission.id } });
    expect(again.json<Receipt>().findings.map((f) => f.caseId)).toEqual(first.findings.map((f) => f.caseId));
    expect((await submit(lab, 'lab-run-1', sarif('frontier-model-x', []))).statusCode).toBe(409);
    const byId = await inject({ url: `/api/v1/submissions/${first.submission.id}`, headers: lab });
    expect(byId.json<Receipt>().findings).toHaveLength(2);
  });

  it('stores text with tabs, line breaks, backslashes and quotes exactly as sent', async () => {
    const text = 'Path C:\\temp\\x\ty "quoted"\r\nline two \\N\\t ends \\';
    const res = await submit(lab, 'lab-run-odd', sarif('odd-tool', [{ id: '9', rule: 'odd\\rule', text, file: 'src/odd.c', line: 3 }]));
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json<Receipt>().findings[0]!.caseId;
    const view = await inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: operator });
    const f = view.json<{ findings: Array<{ description: string; ruleId: string }> }>().findings[0]!;
    expect(f).toMatchObject({ description: text, ruleId: 'odd\\rule' });
  });

  it('rejects what is not a valid findings document, and members who do not report, storing nothing', async () => {
    const before = await storeFingerprint(server);
    const broken = await submit(lab, 'lab-run-2', JSON.stringify({ version: '2.1.0', runs: [{ tool: {} }] }));
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ error: { details: Array<{ pointer?: string }> } }>().error.details[0]?.pointer).toMatch(/^\/runs\/0/);
    const syntax = await submit(lab, 'lab-run-3', '{"version": "2.1.0", ');
    expect(syntax.statusCode).toBe(400);
    expect((await submit(subscriber, 'sub-1', sarif('x', []))).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url: '/api/v1/submissions', headers: { ...lab, 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(400);
    expect(await storeFingerprint(server)).toBe(before);
  });
});
