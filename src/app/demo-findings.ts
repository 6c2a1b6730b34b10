/**
 * The demo's intake: Acme's `acme-markdown` (a made-up npm package) in a vulnerable and a fixed
 * version, found by two reporters — the lab's model by SARIF, a researcher by native JSON with a
 * proof of concept — so the queue holds a case with two reporters, a PoC to reproduce and an
 * overstated report to decline.
 */
const escape = `function escape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}`;

const markdown = (title: string) => `'use strict';
// acme-markdown: renders [label](href "title") links.
${escape}
function render(text) {
  return text.replace(/\\[([^\\]]*)\\]\\(([^ )]+)(?: "(.*)")?\\)/g, (_, label, href, title) =>
    \`<a href="\${escape(href)}"\${title ? \` title="\${${title}}"\` : ''}>\${escape(label)}</a>\`);
}
module.exports = { render };
`;

export const DEMO_TARGETS = [
  { name: 'pkg:npm/acme-markdown@2.3.0', files: [{ path: 'index.js', content: markdown('title') }, { path: 'package.json', content: '{"name":"acme-markdown","version":"2.3.0"}\n' }] },
  { name: 'pkg:npm/acme-markdown@2.3.1', files: [{ path: 'index.js', content: markdown('escape(title)') }, { path: 'package.json', content: '{"name":"acme-markdown","version":"2.3.1"}\n' }] },
];

/** Prints the marker only when the title broke out of its attribute into a new one. */
export const DEMO_POC = `const { render } = require('./target/index.js');
const html = render('[docs](https://example.org "x" onmouseover="alert(1)")');
console.log(html);
if (/<a [^>]*"\\s+onmouseover=/.test(html)) console.log('AICC-POC-TRIGGERED');
`;

export const DEMO_ORACLE = { kind: 'marker', text: 'AICC-POC-TRIGGERED' } as const;

const rule = (id: string, text: string, cwe: number) => ({ id, shortDescription: { text }, properties: { tags: ['security', `external/cwe/cwe-${cwe}`] } });
const result = (guid: string, ruleId: string, text: string, purl: string, uri: string, line: number, severity: string, fingerprint: string) => ({
  guid, ruleId, level: 'error', message: { text },
  locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
  partialFingerprints: { primaryLocationLineHash: fingerprint },
  properties: { purl, 'security-severity': severity },
});

/** The lab's model run over Acme's packages, as SARIF 2.1.0. */
export const DEMO_SARIF = {
  version: '2.1.0',
  runs: [{
    tool: {
      driver: {
        name: 'frontier-model-x', version: '2026.11',
        rules: [rule('html-attribute-injection', 'Untrusted text placed in an HTML attribute without escaping', 79), rule('path-traversal', 'File path built from request input', 22), rule('stack-trace-exposure', 'Stack trace returned to the client', 209)],
      },
    },
    results: [
      result('6f1c2a4e-0000-4000-8000-000000000001', 'html-attribute-injection', 'The link title of [label](href "title") is copied into the title attribute unescaped: a quote ends the attribute and the rest becomes new attributes (event handlers).', 'pkg:npm/acme-markdown@2.3.0', 'index.js', 8, '6.1', 'acme-markdown-title-attr'),
      result('6f1c2a4e-0000-4000-8000-000000000002', 'path-traversal', 'serveFile joins the request path to the root without normalizing it: GET /..%2f..%2fetc/passwd reads files outside the root.', 'pkg:npm/acme-static@1.4.0', 'lib/serve.js', 57, '7.5', 'acme-static-serve-join'),
      result('6f1c2a4e-0000-4000-8000-000000000003', 'stack-trace-exposure', 'Stack trace returned to the client', 'pkg:npm/acme-static@1.4.0', 'lib/errors.js', 12, '9.8', 'acme-static-error-stack'),
    ],
  }],
};

/** The researcher's report of the same title bug, with a proof of concept. */
export const DEMO_NATIVE = {
  findings: [{
    id: 'OSR-2026-0042',
    title: 'acme-markdown: link title breaks out of the title attribute (XSS)',
    description: 'render() inserts the link title into title="…" without escaping quotes, so a title containing a double quote adds attributes such as onmouseover to the generated <a>. Any application rendering untrusted Markdown is exposed to stored XSS.',
    package: { purl: 'pkg:npm/acme-markdown', versions: '>=2.0.0 <2.3.1' },
    location: { file: 'index.js', startLine: 8, symbol: 'render' },
    cwe: ['CWE-79'],
    claimedImpact: 'Stored cross-site scripting in applications that render untrusted Markdown (comments, tickets).',
    severity: 'medium',
    provenance: { tool: 'manual review', toolVersion: null, runId: 'osr-2026-11', configHash: null },
    attachments: [{ name: 'poc.js', kind: 'poc', mediaType: 'text/javascript', content: Buffer.from(DEMO_POC).toString('base64') }],
  }],
};
