import type { CaseDetail } from '../types.js';

type Credibility = NonNullable<CaseDetail['credibility']>;

/** SSVC Report Credibility: what speaks for and against the report, and the suggestion (the analyst decides). */
export function CredibilityPanel({ credibility }: { credibility: Credibility }) {
  const { indicators, suggested } = credibility;
  return (
    <section className="card" aria-labelledby="credibility-title">
      <div className="card-head">
        <h2 id="credibility-title">Credibility</h2>
        <span className={`chip chip-${suggested === 'C' ? 'ok' : 'danger'}`} data-testid="credibility-suggested" title="suggested Report Credibility">
          suggests {suggested === 'C' ? 'credible (C)' : 'not credible (NC)'}
        </span>
      </div>
      {indicators.length === 0 ? (
        <p className="muted small">No indicator either way.</p>
      ) : (
        <ul className="indicator-list">
          {indicators.map((i) => (
            <li key={i.key} className={`indicator indicator-${i.direction === 'for' ? 'for' : 'against'}`} data-indicator={i.key}>
              <span className="indicator-dir" aria-label={i.direction === 'for' ? 'for' : 'against'}>
                {i.direction === 'for' ? '+' : '−'}
              </span>
              <div>
                <strong>{i.label}</strong>
                <div className="small muted">{i.evidence}</div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
