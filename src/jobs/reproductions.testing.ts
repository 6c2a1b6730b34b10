import { setTimeout as delay } from 'node:timers/promises';
import type { ReproductionView } from '../app/reproductions.js';

/** The subset of test/api's inject these helpers need. */
type Inject = (opts: { method?: string; url: string; payload?: unknown; headers?: Record<string, string> }) => Promise<{ statusCode: number; body: string; json<T>(): T }>;

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A tiny JS parser library: 1.0.0 overruns on deep nesting (prints PARSER-OVERFLOW), 1.0.1 refuses such input. */
export const DEMO_PARSER = {
  affected: 'pkg:npm/demo-parser@1.0.0',
  fixed: 'pkg:npm/demo-parser@1.0.1',
  files: (version: '1.0.0' | '1.0.1') => ({
    files: [
      { path: 'package.json', content: b64(JSON.stringify({ name: 'demo-parser', version, main: 'index.js' })) },
      {
        path: 'index.js',
        content: b64([
          "'use strict';",
          'exports.parse = function parse(input) {',
          "  const depth = (input.match(/\\[/g) || []).length;",
          version === '1.0.0'
            ? "  if (depth > 64) throw new Error('PARSER-OVERFLOW: nesting depth ' + depth + ' overran the frame buffer');"
            : '  if (depth > 64) return null;',
          "  return input.split(';');",
          '};',
        ].join('\n')),
      },
    ],
  }),
  /** the reporter's PoC: deep nesting into parse() */
  poc: "const { parse } = require('./target/index.js');\nconsole.log('parsed', JSON.stringify(parse('['.repeat(1000))));\n",
};

/** A native findings document with one finding carrying `pocs` (name → text) as PoC attachments, in order. */
export function findingWithPocs(id: string, pocs: Record<string, string>): string {
  const attachments = Object.entries(pocs).map(([name, text]) => ({
    name, kind: 'poc', mediaType: name.endsWith('.js') ? 'text/javascript' : 'text/x-shellscript', content: b64(text),
  }));
  return JSON.stringify({
    findings: [{
      id,
      title: `demo-parser overruns its frame buffer on deep nesting (${id})`,
      description: 'parse() trusts the nesting depth of its input.',
      package: { purl: DEMO_PARSER.affected },
      provenance: { tool: 'model-x' },
      attachments,
    }],
  });
}

/** Polls a reproduction until it is done or failed; fails the test past `timeoutMs`. */
export async function settled(inject: Inject, headers: Record<string, string>, id: string, timeoutMs = 30_000): Promise<ReproductionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await inject({ url: `/api/v1/reproductions/${id}`, headers });
    if (res.statusCode !== 200) throw new Error(`GET reproduction ${id}: ${res.statusCode} ${res.body}`);
    const view = res.json<ReproductionView>();
    if (view.status === 'done' || view.status === 'error') return view;
    if (Date.now() > deadline) throw new Error(`reproduction ${id} still ${view.status} after ${timeoutMs} ms`);
    await delay(100);
  }
}
