import { plural } from '../format.js';
import { componentsOf, packageLabel, daysBetween, dueBasis, dueState, isOpen, statusLabel, type Exposure } from './subscriberModel.js';

const CISA_CHIP: Record<string, string> = { act: 'chip-danger', attend: 'chip-warn', 'track*': '', track: 'chip-quiet' };

/** The CISA SSVC coordinator outcome (Act, Attend, Track*, Track), or a dash when no table gave one. */
export function CisaChip({ outcome }: { outcome: string | null }) {
  if (!outcome) return <span className="muted">—</span>;
  return (
    <span className={`chip ${CISA_CHIP[outcome.toLowerCase()] ?? ''}`} data-cisa={outcome}>
      {outcome}
    </span>
  );
}

export function StatusChip({ status }: { status: string }) {
  const tone = isOpen(status) ? 'chip-warn' : status === 'accepted_risk' ? '' : 'chip-ok';
  return (
    <span className={`chip ${tone}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/** The due date, whether it binds, and how far past it an open exposure is. */
export function DueCell({ exposure, today }: { exposure: Exposure; today: string }) {
  const state = dueState(exposure, today);
  if (!exposure.dueDate) {
    return <span className="muted">{exposure.bod ? 'No date' : '—'}</span>;
  }
  const late = state === 'overdue' && isOpen(exposure.status) ? daysBetween(exposure.dueDate, today) : 0;
  return (
    <div className="due" data-due={exposure.dueDate} data-due-state={state}>
      <strong className="due-date">{exposure.dueDate}</strong>
      <span className={`chip ${exposure.binding ? 'chip-danger' : 'chip-quiet'}`} data-binding={String(exposure.binding)}>
        {dueBasis(exposure.binding)}
      </span>
      {late > 0 ? <span className="due-late">overdue by {plural(late, 'day')}</span> : null}
      {state === 'overdue' && !isOpen(exposure.status) ? <span className="small muted">remediated after it</span> : null}
      {state === 'met' ? <span className="small muted">remediated in time</span> : null}
      <span className="small muted">
        clock from {exposure.clockStart}
        {exposure.kevAdded && exposure.clockStart === exposure.kevAdded.slice(0, 10) ? ' (KEV)' : ''}
      </span>
    </div>
  );
}

/** Installed → fixed, per affected component. */
export function ComponentsList({ value }: { value: unknown }) {
  const components = componentsOf(value);
  if (components.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="exposure-components">
      {components.map((c) => (
        <li key={`${c.package}@${c.installed}`} data-package={c.package}>
          <span className="component-name" title={c.package}>
            {packageLabel(c.package)}
          </span>{' '}
          <span>
            <span className="version-installed">{c.installed}</span> →{' '}
            {c.fixed.length ? (
              // every fixing version, as the advisory lists them: a branch's own fix may come before a later one
              <span className="version-fixed" title="fixed in">
                {c.fixed.join(', ')}
              </span>
            ) : (
              <span className="muted">no fix known</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
