import type { SandboxRun } from './run.js';

/** How a reporter says their PoC shows the vulnerability. */
export type Oracle =
  /** the PoC's exit status equals `expected` */
  | { kind: 'exit-code'; expected: number }
  /** `text` appears in stdout or stderr */
  | { kind: 'marker'; text: string }
  /** death by a crash signal or a sanitizer report; with `signature`, that text must appear too */
  | { kind: 'crash'; signature?: string };

export type Judgement = 'triggered' | 'not-triggered' | 'inconclusive';

const CRASH_SIGNALS: ReadonlySet<string> = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGSYS', 'SIGTRAP']);
const SANITIZER_REPORT = /\b(?:Address|Memory|Thread|UndefinedBehavior|Leak|HWAddress)Sanitizer\b|: runtime error: /;

/**
 * Whether a run shows what the oracle looks for. A run cut short by a limit (wall clock, CPU, output,
 * memory, processes) proves nothing either way: inconclusive, even if the marker was already printed.
 */
export function judge(run: SandboxRun, oracle: Oracle): Judgement {
  if (run.timedOut || run.outputTruncated || run.killedFor !== null) return 'inconclusive';
  return shows(run, oracle) ? 'triggered' : 'not-triggered';
}

function shows(run: SandboxRun, oracle: Oracle): boolean {
  switch (oracle.kind) {
    case 'exit-code':
      return run.exitCode === oracle.expected;
    case 'marker':
      return oracle.text !== '' && (run.stdout.includes(oracle.text) || run.stderr.includes(oracle.text));
    case 'crash': {
      const output = `${run.stdout}\n${run.stderr}`;
      const crashed = (run.signal !== null && CRASH_SIGNALS.has(run.signal)) || SANITIZER_REPORT.test(output);
      return crashed && (oracle.signature === undefined || output.includes(oracle.signature));
    }
  }
}
