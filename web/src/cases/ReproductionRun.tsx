import { formatDateTime } from '../format.js';
import type { CaseFinding, ReproRun, Reproduction } from '../types.js';
import { ReproBadge, StatusChip } from './CaseBadges.js';
import { formatWall } from './caseModel.js';

function oracleText(run: Reproduction): string {
  const { oracle } = run.spec;
  if (oracle.kind === 'exit-code') return `exit status ${String(oracle.expected)}`;
  if (oracle.kind === 'marker') return `marker “${oracle.text}”`;
  return oracle.signature ? `crash matching “${oracle.signature}”` : 'crash';
}

/** One reproduction: its status and verdict, and each side's run with collapsible output. */
export function ReproductionRun({ run, findings }: { run: Reproduction; findings: CaseFinding[] }) {
  const finding = findings.find((f) => f.id === run.findingId);
  return (
    <li className="repro" data-reproduction={run.id} data-status={run.status}>
      <div className="repro-head">
        {run.verdict ? <ReproBadge verdict={run.verdict} /> : <StatusChip status={run.status} />}
        <span>
          <code>{run.spec.affected}</code>
          {run.spec.fixed ? (
            <>
              {' '}
              vs <code>{run.spec.fixed}</code>
            </>
          ) : null}
        </span>
        <span className="small muted">
          {finding ? `${finding.externalId} · ` : ''}
          {oracleText(run)} · <code>{run.spec.command.join(' ')}</code> · {run.requestedBy}, {formatDateTime(run.requestedAt)}
        </span>
      </div>
      {run.reason ? <p className="small repro-reason">{run.reason}</p> : null}
      {run.error ? <p className="small text-danger">{run.error}</p> : null}
      {run.runs ? (
        <div className="repro-runs">
          <RunOutput label={`Affected (${run.spec.affected})`} run={run.runs.affected} />
          {run.runs.fixed ? <RunOutput label={`Fixed (${run.spec.fixed ?? ''})`} run={run.runs.fixed} /> : null}
        </div>
      ) : null}
    </li>
  );
}

function RunOutput({ label, run }: { label: string; run: ReproRun }) {
  const end = run.timedOut ? 'timed out' : run.signal ? `signal ${run.signal}` : `exit ${String(run.exitCode ?? '?')}`;
  return (
    <div className="repro-run">
      <div className="small">
        <strong>{label}</strong>: {run.judgement} · {end}
        {run.killedFor ? ` · killed for ${run.killedFor}` : ''} · {formatWall(run.wallMs)}{run.outputTruncated ? ' · output truncated' : ''}
      </div>
      <details>
        <summary>stdout ({run.stdout.length} characters)</summary>
        <pre className="poc-text">{run.stdout || '(empty)'}</pre>
      </details>
      <details>
        <summary>stderr ({run.stderr.length} characters)</summary>
        <pre className="poc-text">{run.stderr || '(empty)'}</pre>
      </details>
    </div>
  );
}
