import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchAdvisories } from './advisories.js';
import { benchDistribution } from './distribution.js';
import { benchIntake, benchIntakeBatch } from './intake.js';
import { benchMatch } from './match.js';
import { benchPortfolio, benchReverse } from './reverse.js';
import { benchSsvc } from './ssvc.js';
import { benchWebhooks } from './webhooks.js';

/**
 * The heavy benchmarks, each in a process of its own: their heaps (up to ~1.3 GB) would otherwise
 * add up, and the RSS each reports is its own. `node child.js NAME` prints the result as JSON.
 */
const BENCHES = {
  match: benchMatch,
  reverse: benchReverse,
  portfolio: benchPortfolio,
  'intake-pglite': () => benchIntake('pglite'),
  'intake-postgres': () => benchIntake('postgres'),
  'intake-batch': () => benchIntakeBatch(process.argv[3] ?? ''),
  advisories: () => benchAdvisories(),
  ssvc: benchSsvc,
  distribution: () => benchDistribution(Number(process.argv[3] ?? 100_000)),
  webhooks: () => benchWebhooks(Number(process.argv[3] ?? 60)),
} as const;
type Name = keyof typeof BENCHES;

export function inChild<N extends Name>(name: N, ...args: string[]): Awaited<ReturnType<(typeof BENCHES)[N]>> {
  const out = execFileSync(process.execPath, ['--max-old-space-size=3072', fileURLToPath(import.meta.url), name, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out) as Awaited<ReturnType<(typeof BENCHES)[N]>>;
}

const name = process.argv[2];
if (process.argv[1] === fileURLToPath(import.meta.url) && name) {
  if (!(name in BENCHES)) throw new Error(`no benchmark named ${name}; there are ${Object.keys(BENCHES).join(', ')}`);
  process.stdout.write(JSON.stringify(await BENCHES[name as Name]()));
}
