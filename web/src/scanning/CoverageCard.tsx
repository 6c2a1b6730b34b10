import type { CoverageSummary } from './scanningModel.js';

/** How many targets there are, how many were scanned at least once, how many never were. */
export function CoverageCard({ coverage, loading }: { coverage: CoverageSummary | undefined; loading: boolean }) {
  return (
    <section className="card scan-summary" aria-labelledby="coverage-title" aria-busy={loading}>
      <h2 id="coverage-title">Coverage</h2>
      {coverage ? (
        <dl className="scan-stats" data-testid="coverage-summary">
          <div>
            <dt>Targets</dt>
            <dd data-stat="targets">{coverage.targets}</dd>
          </div>
          <div className={coverage.scanned > 0 ? 'scan-stat-ok' : undefined}>
            <dt>Scanned</dt>
            <dd data-stat="scanned">{coverage.scanned}</dd>
          </div>
          <div className={coverage.neverScanned > 0 ? 'scan-stat-bad' : 'scan-stat-ok'}>
            <dt>Never scanned</dt>
            <dd data-stat="never-scanned">{coverage.neverScanned}</dd>
          </div>
        </dl>
      ) : loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
