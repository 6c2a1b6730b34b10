import { SeverityBadge } from '../badges.js';
import { SEVERITY_LEVELS } from '../types.js';
import { reproLabel, statusLabel, statusTone } from './caseModel.js';

/** A case's (or a reproduction's) status as a chip, toned by what it means. */
export function StatusChip({ status }: { status: string }) {
  return (
    <span className={`chip chip-${statusTone(status)}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/** A reproduction verdict: reproduced and fixed-version-clean are good news for triage. */
export function ReproBadge({ verdict }: { verdict: string | null }) {
  if (!verdict) return <span className="muted">—</span>;
  return (
    <span className={`chip chip-${statusTone(verdict)}`} data-verdict={verdict}>
      {reproLabel(verdict)}
    </span>
  );
}

/** The worst severity a reporter claimed (not a score the clearinghouse computed). */
export function CaseSeverity({ severity }: { severity: string | null }) {
  const level = SEVERITY_LEVELS.find((s) => s === severity) ?? null;
  return <SeverityBadge severity={level} />;
}
