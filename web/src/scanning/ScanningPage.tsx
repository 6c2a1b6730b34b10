import { useEffect } from 'react';
import { api } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import type { User } from '../types.js';
import { useResource } from '../useResource.js';
import { CoverageCard } from './CoverageCard.js';
import { RegisterTargetCard } from './RegisterTargetCard.js';
import { canScan } from './scanningModel.js';
import { TargetsTable } from './TargetsTable.js';

/** Scan coordination: which targets matter most, who is scanning them now, and which were never scanned. */
export function ScanningPage() {
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Scanning · AICC';
  }, []);

  // Every call here needs a member: anonymous visitors get a sign-in link instead of a 401 (a deep link skips the header).
  if (!user) {
    return (
      <section className="empty-state">
        <h1>Scanning</h1>
        <p>
          <Link to={paths.signIn(paths.scanning())}>Sign in</Link> to see which targets are being scanned and which never were.
        </p>
      </section>
    );
  }
  return <Scanning user={user} />;
}

function Scanning({ user }: { user: User }) {
  // One resource for both: every change (a claim, a report, a weight) moves the table and the counts together.
  const board = useResource(async (signal) => {
    const [targets, coverage] = await Promise.all([api.listScanTargets(signal), api.getCoverage(signal)]);
    return { targets, coverage };
  }, []);
  const scanner = canScan(user);

  return (
    <section>
      <div className="page-head">
        <h1>Scanning</h1>
        <p className="muted">
          Many labs and scanners should not hammer the same targets while critical ones go unscanned. Targets are ranked by criticality; a claim
          holds a target for a while so that others pick another, and a report — zero findings too — records that it was scanned.
        </p>
      </div>
      <ErrorNotice error={board.error} title="Could not load the scan targets" />
      <div className={scanner ? 'admin-grid' : undefined}>
        <CoverageCard coverage={board.data?.coverage} loading={board.loading} />
        {scanner ? <RegisterTargetCard known={board.data?.targets ?? []} onRegistered={board.reload} /> : null}
      </div>
      {scanner ? null : (
        <p className="muted" data-testid="read-only">
          Claims and scan reports are made by reporter and operator organizations; {user.org.name} sees the board read-only.
        </p>
      )}
      <TargetsTable targets={board.data?.targets} loading={board.loading} user={user} onChanged={board.reload} />
    </section>
  );
}
