import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import cliProgress from 'cli-progress';

const DATA = new Set(['.json', '.yaml', '.yml', '.csv', '.zip', '.gz']);

/** A quick count of the files an import will read, for the progress bar's total. */
export function countFiles(paths: string[]): number {
  let n = 0;
  const walk = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (!e.startsWith('.')) walk(join(p, e));
    } else if (DATA.has(extname(p).toLowerCase())) n++;
  };
  paths.forEach(walk);
  return n;
}

/** A progress bar on a terminal; silent otherwise (CI logs stay clean). */
export function progressBar(total: number, label: string): { tick(done: number): void; stop(): void } {
  if (!process.stderr.isTTY || total < 2) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} files | {eta_formatted} left`, stream: process.stderr, hideCursor: true, etaBuffer: 200 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  };
}
