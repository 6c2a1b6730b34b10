import { Worker } from 'node:worker_threads';
import type { SourceLimits } from '../formats/sources.js';
import type { Format, ParsedSource } from './documents.js';
import type { WorkerInput, WorkerMessage } from './import-worker.js';

// Run from source (tests, tsx) the worker is TypeScript: it registers tsx before loading itself.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(`./import-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);

/**
 * Parsed documents under `paths`, produced by a worker thread in file order. The worker stops
 * when the consumer stops (break, error), so an abandoned import leaves no thread behind.
 */
export async function* parsedSources(paths: string[], limits: SourceLimits, format: Format | 'auto', maxDepth: number): AsyncGenerator<ParsedSource> {
  const workerData: WorkerInput = { paths, limits, format, maxDepth };
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); })`, { eval: true, workerData })
    : new Worker(WORKER, { workerData });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) failure = new Error(`import worker exited with code ${code}`);
    wake?.();
  });
  try {
    for (;;) {
      while (!queue.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const m = queue.shift();
      if (!m) throw failure ?? new Error('import worker stopped');
      if (m.kind === 'done') return;
      if (m.kind === 'failed') throw new Error(`reading the import failed: ${m.message}`);
      worker.postMessage(1);
      yield m.doc;
    }
  } finally {
    await worker.terminate();
  }
}
