import { seededRandom } from '../random.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { OrderCase } from './contract.testing.js';
import { debianFixture } from './debian.fixture.js';

export const source = 'dpkg --compare-versions (dpkg 1.21.22), recorded in debian.fixture.ts';

export const cases: readonly OrderCase[] = debianFixture;

export const valid: readonly string[] = ['7.88.1-10+deb12u4', '1.0.1e-2+deb7u5', '1:2.36-9+deb12u7', '0', '1.0~rc1', '2:1.0-1ubuntu1', '1.2-3-4', '1:2:3', '0.0~git20230101.abcdef0-1', '2147483647:1'];
// dpkg errors on the first half; it only warns about the second half, which Policy forbids.
export const invalid: readonly string[] = ['', '1.0-', ':1.0', '1:', 'a:1.0', '1.0 1', '2147483648:1', '-1:1.0', 'a1', '1.0_1', '1.0-1_2', '+1', '~1'];

/** Where the live cross-checks look for dpkg; they are skipped when it is absent. */
export const DPKG = '/usr/bin/dpkg';

export const hasDpkg = (): boolean => existsSync(DPKG);


function randomVersion(random: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (): string => pick(['0', '1', '2', '9', '10', '01', '007', '20230101', '99']);
  const piece = (): string => pick([digits(), digits(), 'a', 'b', 'z', 'A', 'Z', 'rc', 'dfsg', 'deb', 'ubuntu', 'bpo', 'git']);
  const separator = (): string => pick(['.', '.', '.', '+', '~', '']);
  let upstream = digits();
  const parts = Math.floor(random() * 5);
  for (let i = 0; i < parts; i++) upstream += separator() + piece();
  if (random() < 0.1) upstream += pick(['~', '+', '.', '~~']);
  const epoch = random() < 0.2 ? `${pick(['0', '1', '2', '10'])}:` : '';
  let revision = '';
  if (random() < 0.7) {
    revision = `-${digits()}`;
    const more = Math.floor(random() * 3);
    for (let i = 0; i < more; i++) revision += pick(['.', '+', '~', '']) + pick([digits(), 'deb12u', 'ubuntu', 'bpo11', 'b', 'build']);
  }
  return epoch + upstream + revision;
}

/** small edits to `v`, so pairs often share a prefix and differ where the rules get subtle */
function mutate(v: string, random: () => number): string {
  const edits = [
    (s: string) => `${s}~`,
    (s: string) => `${s}+b1`,
    (s: string) => `${s}.0`,
    (s: string) => `${s}-0`,
    (s: string) => s.replace(/[0-9]+/, (d) => `0${d}`),
    (s: string) => s.replace(/[0-9]+$/, (d) => String(Number(d) + 1)),
    (s: string) => s.replace('.', '~'),
    (s: string) => s.replace('~', '+'),
    (s: string) => (s.includes(':') ? s.slice(s.indexOf(':') + 1) : `0:${s}`),
  ];
  return edits[Math.floor(random() * edits.length)]!(v);
}

/** `count` random version pairs from a seeded generator: half of them a version and a small edit of it. */
export function randomDebianPairs(count: number, seed = 20240613): [string, string][] {
  const random = seededRandom(seed);
  const pairs: [string, string][] = [];
  while (pairs.length < count) {
    const a = randomVersion(random);
    pairs.push([a, random() < 0.5 ? mutate(a, random) : randomVersion(random)]);
  }
  return pairs;
}

/** `count` seeded random pairs of distinct-or-equal versions drawn from `versions`. */
export function randomPairsOf(versions: readonly string[], count: number, seed: number): [string, string][] {
  const random = seededRandom(seed);
  const pick = (): string => versions[Math.floor(random() * versions.length)]!;
  return Array.from({ length: count }, (): [string, string] => [pick(), pick()]);
}

/** Runs `script` under /bin/sh with `input` on its standard input; resolves to what it printed. */
function shell(script: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` } });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`/bin/sh exited with ${code}`))));
    child.stdin.end(input);
  });
}

/**
 * What `dpkg --compare-versions` says of each pair: -1, 0 or 1, or null when dpkg refuses a version.
 * Spawning dpkg up to three times a pair is the slow part, so a few shells share the pairs.
 */
export async function dpkgCompare(pairs: readonly (readonly [string, string])[], shells = 4): Promise<(-1 | 0 | 1 | null)[]> {
  // Fields are split on the unit separator, not a tab: a whitespace IFS would drop an empty first version.
  const script = [
    'while IFS="$(printf "\\037")" read -r a b; do',
    '  if dpkg --compare-versions "$a" lt "$b" 2>/dev/null; then echo -1',
    '  elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo 0',
    '  elif dpkg --compare-versions "$a" gt "$b" 2>/dev/null; then echo 1',
    '  else echo refused; fi',
    'done',
  ].join('\n');
  const size = Math.ceil(pairs.length / shells);
  const chunks = Array.from({ length: Math.ceil(pairs.length / size) }, (_, i) => pairs.slice(i * size, (i + 1) * size));
  const outs = await Promise.all(chunks.map((chunk) => shell(script, chunk.map(([a, b]) => `${a}\x1f${b}\n`).join(''))));
  const answers = outs.flatMap((out, i) => {
    const lines = out.trim() === '' ? [] : out.trim().split('\n');
    if (lines.length !== chunks[i]!.length) throw new Error(`dpkg answered ${lines.length} of ${chunks[i]!.length} pairs`);
    return lines;
  });
  return answers.map((a) => (a === 'refused' ? null : (Number(a) as -1 | 0 | 1)));
}

/** Cross-checks `compare` against dpkg on `pairs`; pairs dpkg refuses are not counted. */
export async function checkAgainstDpkg(pairs: readonly (readonly [string, string])[], compare: (a: string, b: string) => number): Promise<{ compared: number; wrong: string[] }> {
  const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
  const truths = await dpkgCompare(pairs);
  const wrong: string[] = [];
  let compared = 0;
  pairs.forEach(([a, b], i) => {
    const truth = truths[i];
    if (truth === null || truth === undefined) return;
    compared++;
    const ours = sign(compare(a, b));
    if (ours !== truth) wrong.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: dpkg ${truth}, ours ${ours}`);
  });
  return { compared, wrong };
}
