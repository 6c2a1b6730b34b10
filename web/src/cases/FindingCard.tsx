import { useId, type ReactNode } from 'react';
import { formatDateTime } from '../format.js';
import type { CaseFinding } from '../types.js';
import { Attachments } from './Attachments.js';
import { CaseSeverity } from './CaseBadges.js';
import { locationText } from './caseModel.js';

interface Props {
  finding: CaseFinding;
  /** analysts check findings to split them off */
  selected?: boolean;
  onSelect?: (on: boolean) => void;
}

/** One reporter's finding: what it claims, where, with which tool, and why deduplication put it here. */
export function FindingCard({ finding: f, selected, onSelect }: Props) {
  const ids = useId();
  const where = locationText(f.location);
  const tool = [f.provenance.tool, f.provenance.toolVersion].filter(Boolean).join(' ');
  return (
    <li className="finding" data-finding={f.externalId} data-reporter={f.reporter.slug} aria-labelledby={`${ids}-title`}>
      <div className="finding-head">
        {onSelect ? (
          <input type="checkbox" checked={selected ?? false} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${f.externalId} from ${f.reporter.name}`} />
        ) : null}
        <div className="finding-heading">
          <h3 id={`${ids}-title`}>{f.title}</h3>
          <div className="small muted">
            <strong className="finding-reporter">{f.reporter.name}</strong> · <code>{f.externalId}</code> · received {formatDateTime(f.receivedAt)}
          </div>
        </div>
        <CaseSeverity severity={f.severity} />
      </div>
      {f.description && f.description !== f.title ? <p className="finding-description">{f.description}</p> : null}
      <dl className="facts finding-facts">
        {f.purl ? <Fact term="Package" value={<code className="purl">{f.purl}{f.affectedVersions ? ` (${f.affectedVersions})` : ''}</code>} /> : null}
        {f.repository ? <Fact term="Repository" value={<span className="repo">{f.repository}{f.commit ? ` @ ${f.commit.slice(0, 12)}` : ''}</span>} /> : null}
        {where ? <Fact term="Location" value={<code>{where}</code>} /> : null}
        {f.cwes.length ? <Fact term="CWE" value={f.cwes.join(', ')} /> : null}
        {f.claimedImpact ? <Fact term="Claimed impact" value={f.claimedImpact} /> : null}
        {f.aliases.length ? <Fact term="Aliases" value={f.aliases.join(', ')} /> : null}
        <Fact term="Provenance" value={<>{tool || '—'}{f.ruleId ? <> · rule <code>{f.ruleId}</code></> : null}{f.provenance.runId ? <> · run <code>{f.provenance.runId}</code></> : null}</>} />
        <Fact
          term="Deduplication"
          value={
            <span data-testid="dedup">
              <span className="chip chip-quiet" data-reason={f.dedup.reason}>{f.dedup.reason}</span> <span className="small muted">score {f.dedup.score.toFixed(2)}</span>
              <span className="dedup-explanation">{f.dedup.explanation}</span>
            </span>
          }
        />
      </dl>
      {f.attachments.length ? <Attachments finding={f} /> : null}
    </li>
  );
}

function Fact({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div className="facts-row">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
