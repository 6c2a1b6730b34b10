import { formatDate } from '../format.js';
import type { SsvcDecisionPoints } from '../types.js';

const TONE: Record<string, string> = { active: 'danger', total: 'danger', yes: 'warn', poc: 'warn' };

/** CISA's SSVC decision points (from the CVE record's ADP container). */
export function SsvcPanel({ ssvc }: { ssvc: SsvcDecisionPoints | null }) {
  if (!ssvc) return <p className="muted">No SSVC assessment.</p>;
  const rows: Array<[string, string]> = [
    ['Exploitation', ssvc.exploitation],
    ['Automatable', ssvc.automatable],
    ['Technical impact', ssvc.technicalImpact],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="facts-row">
          <dt>{label}</dt>
          <dd>
            <span className={`chip chip-${TONE[value] ?? 'plain'}`}>{value}</span>
          </dd>
        </div>
      ))}
      {ssvc.timestamp ? (
        <div className="facts-row">
          <dt>Assessed</dt>
          <dd>{formatDate(ssvc.timestamp)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
