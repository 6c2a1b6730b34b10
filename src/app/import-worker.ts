/**
 * Reads and parses import documents off the main thread, so parsing overlaps with writing
 * (PGlite runs its queries on the main thread). Flow control: the worker runs ahead by at most
 * MAX_DOCS documents or MAX_BYTES of source text that the main thread has not acknowledged.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSources, type SourceLimits } from '../formats/sources.js';
import { parseSource, type ParsedSource } from './documents.js';
import type { Format } from './documents.js';

export interface WorkerInput {
  paths: string[];
  limits: SourceLimits;
  format: Format | 'auto';
  maxDepth: number;
}

export type WorkerMessage = { kind: 'document'; doc: ParsedSource } | { kind: 'done' } | { kind: 'failed'; message: string };

const MAX_DOCS = 4000;
const MAX_BYTES = 64 * 1024 * 1024;

const port = parentPort;
if (port) {
  const input = workerData as WorkerInput;
  const inFlight: number[] = [];
  let bytes = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    bytes -= inFlight.shift() ?? 0;
    wake?.();
  });
  const run = async () => {
    for await (const source of readSources(input.paths, input.limits)) {
      while (inFlight.length >= MAX_DOCS || (bytes >= MAX_BYTES && inFlight.length)) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const size = 'text' in source ? source.text.length : 0;
      inFlight.push(size);
      bytes += size;
      port.postMessage({ kind: 'document', doc: parseSource(source, input.format, input.maxDepth) } satisfies WorkerMessage);
    }
    port.postMessage({ kind: 'done' } satisfies WorkerMessage);
  };
  run().catch((err: unknown) => port.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage));
}
