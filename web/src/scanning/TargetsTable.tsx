import { useState } from 'react';
import type { User } from '../types.js';
import { canScan, canWeigh, CRITICALITY_FORMULA, type ScanTarget } from './scanningModel.js';
import { TargetRow } from './TargetRow.js';

/** The targets, most critical first (the server's order), with their coverage, live claims and the user's actions. */
export function TargetsTable({ targets, loading, user, onChanged }: { targets: ScanTarget[] | undefined; loading: boolean; user: User; onChanged: () => void }) {
  const [message, setMessage] = useState<string>();
  const scanner = canScan(user);
  const weigher = canWeigh(user);

  const changed = (done: string) => {
    setMessage(done);
    onChanged();
  };

  return (
    <section className="scanning-targets" aria-labelledby="targets-title" aria-busy={loading}>
      <h2 id="targets-title">Targets</h2>
      {message ? (
        <p className="notice notice-ok" role="status" data-testid="scanning-status">
          {message}
        </p>
      ) : null}
      {targets ? (
        targets.length === 0 ? (
          <p className="muted">No targets registered yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table scanning-table">
              <thead>
                <tr>
                  <th scope="col">
                    <abbr title={CRITICALITY_FORMULA}>Criticality</abbr>
                  </th>
                  <th scope="col">Kind</th>
                  <th scope="col">Target</th>
                  <th scope="col">Reports</th>
                  <th scope="col">Methods</th>
                  <th scope="col">Last scanned</th>
                  <th scope="col">Claims</th>
                  {scanner ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {targets.map((target) => (
                  <TargetRow key={target.id} target={target} user={user} scanner={scanner} weigher={weigher} columns={scanner ? 8 : 7} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
