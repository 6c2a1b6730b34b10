import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeScheme } from './contract.testing.js';
import { debianScheme } from './debian.js';
import { debianFixture } from './debian.fixture.js';

const DPKG = '/usr/bin/dpkg';

const valid = ['7.88.1-10+deb12u4', '1.0.1e-2+deb7u5', '1:2.36-9+deb12u7', '0', '1.0~rc1', '2:1.0-1ubuntu1', '1.2-3-4', '1:2:3', '0.0~git20230101.abcdef0-1', '2147483647:1'];
// dpkg errors on the first half; it only warns about the second half, which Policy forbids.
const invalid = ['', '1.0-', ':1.0', '1:', 'a:1.0', '1.0 1', '2147483648:1', '-1:1.0', 'a1', '1.0_1', '1.0-1_2', '+1', '~1'];

describeScheme(debianScheme, debianFixture, valid, invalid);

describe('when dpkg would refuse a version', () => {
  it('sorts it before every version dpkg accepts, the blank version included', () => {
    for (const bad of ['1.0-', ':1.0', '1:', 'a:1.0', '1.0 1']) {
      for (const good of ['', '0', '~', '1:0', '7.88.1-10+deb12u4']) {
        expect(debianScheme.compare(bad, good)).toBeLessThan(0);
        expect(debianScheme.compare(good, bad)).toBeGreaterThan(0);
      }
    }
  });

  it('orders refused versions among themselves by their text, never throwing', () => {
    expect(debianScheme.compare('1:', '1.0-')).toBeGreaterThan(0);
    expect(debianScheme.compare('1.0-', '1.0-')).toBe(0);
  });
});

/** mulberry32: a small seeded generator, so a failure names a reproducible pair */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

describe('when dpkg is installed', () => {
  const present = existsSync(DPKG);
  if (!present) console.log(`${DPKG} is absent: skipping the live cross-check against dpkg --compare-versions`);

  it.skipIf(!present)('agrees with dpkg --compare-versions on 500 seeded random pairs', () => {
    const random = seeded(20240613);
    const pairs: [string, string][] = [];
    while (pairs.length < 500) {
      const a = randomVersion(random);
      pairs.push([a, random() < 0.5 ? mutate(a, random) : randomVersion(random)]);
    }
    // One shell for all pairs: spawning dpkg 1,500 times from node is the slow part.
    const script = [
      'while IFS="$(printf "\\t")" read -r a b; do',
      '  if dpkg --compare-versions "$a" lt "$b" 2>/dev/null; then echo -1',
      '  elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo 0',
      '  elif dpkg --compare-versions "$a" gt "$b" 2>/dev/null; then echo 1',
      '  else echo refused; fi',
      'done',
    ].join('\n');
    const out = execFileSync('/bin/sh', ['-c', script], { input: pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n', encoding: 'utf8', env: { ...process.env, PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}` } });
    const answers = out.trim().split('\n');
    expect(answers).toHaveLength(pairs.length);
    const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
    const wrong: string[] = [];
    let compared = 0;
    pairs.forEach(([a, b], i) => {
      const truth = answers[i];
      if (truth === 'refused') return;
      compared++;
      const ours = sign(debianScheme.compare(a, b));
      if (String(ours) !== truth) wrong.push(`${a} vs ${b}: dpkg ${truth}, ours ${ours}`);
    });
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(450);
  }, 60_000);
});
