import { cpus, freemem, totalmem } from 'node:os';

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}`;
}

export function rate(n: number, ms: number): string {
  return `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;
}

export async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await body();
  return { value, ms: performance.now() - t };
}
