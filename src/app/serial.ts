let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs work that changes the deduplication index (submissions, merges, splits) one at a time in
 * this process: the index is shared state, and its decisions must be stored in the order made.
 */
export function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}
