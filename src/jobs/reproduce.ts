import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.js';
import { claimReproductionWork, recordReproduction, TARGET_DIR, type ReproductionWork } from '../app/reproductions.js';
import { reproduce, SandboxError, type Reproduction } from '../sandbox/index.js';

export const REPRODUCE_QUEUE = 'reproduce';

export interface ReproduceJob {
  reproductionId: string;
}

/**
 * One job: claim the row (a done or failed row is skipped, so a repeated job changes nothing; a
 * running row is run again, as its worker died), run the PoC in the sandbox, record the outcome.
 * A sandbox that cannot be had or a spec it refuses ends the row in `error` for good; anything else
 * (the database went away) fails the job for pg-boss to retry, and the last try records the error.
 */
export async function runReproductionJob(ctx: AppContext, job: PgBoss.JobWithMetadata<ReproduceJob>): Promise<void> {
  const id = job.data.reproductionId;
  const work = await claimReproductionWork(ctx, id);
  if (!work) return;
  let outcome: Reproduction | { error: string };
  try {
    outcome = await runInSandbox(work);
  } catch (err) {
    if (!(err instanceof SandboxError) && job.retryCount < job.retryLimit) throw err;
    outcome = { error: err instanceof SandboxError ? `${err.code}: ${err.message}` : `the run failed on every try: ${err instanceof Error ? err.message : String(err)}` };
    ctx.log.warn({ err, reproduction: id }, 'reproduction could not run');
  }
  await recordReproduction(ctx, id, outcome);
}

/** Writes the PoC's files and each target (under target/) to fresh directories; reproduce() copies them per run. */
async function runInSandbox(work: ReproductionWork): Promise<Reproduction> {
  const root = await mkdtemp(join(tmpdir(), 'aicc-repro-'));
  try {
    const affected = await writeTarget(join(root, 'affected'), work.affected);
    const fixed = work.fixed === null ? null : await writeTarget(join(root, 'fixed'), work.fixed);
    const files = Object.fromEntries(work.pocs.map((p) => [p.name, new Uint8Array(p.content)]));
    return await reproduce({ poc: { files, command: work.spec.command }, affected, fixed, oracle: work.spec.oracle, limits: work.spec.limits });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function writeTarget(dir: string, files: ReadonlyArray<{ path: string; executable: boolean; content: Buffer }>): Promise<string> {
  for (const f of files) {
    const path = join(dir, TARGET_DIR, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content, { flag: 'wx' });
    // explicit: the umask must not decide what the PoC may execute
    await chmod(path, f.executable ? 0o755 : 0o644);
  }
  await mkdir(join(dir, TARGET_DIR), { recursive: true });
  return dir;
}
