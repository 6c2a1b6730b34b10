import { useEffect } from 'react';
import { casesApi } from '../cases/casesApi.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import { useResource } from '../useResource.js';
import { statusById } from './portalModel.js';
import { ReceiptTable } from './ReceiptTable.js';

/** A submission's receipt, with where each finding's case stands now. */
export function ReceiptPage({ id }: { id: string }) {
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Receipt · Reporter portal · AICC';
  }, []);
  const data = useResource(
    async (signal) => {
      if (!user) return undefined;
      const [receipt, cases] = await Promise.all([casesApi.getReceipt(id, signal), casesApi.listCases('all', signal)]);
      return { receipt, statuses: statusById(cases.items) };
    },
    [id, user],
  );

  if (!user) {
    return (
      <section className="empty-state">
        <h1>Receipt</h1>
        <p>
          <Link to={paths.signIn(paths.receipt(id))}>Sign in</Link> to see this receipt.
        </p>
      </section>
    );
  }
  const receipt = data.data?.receipt;
  return (
    <section aria-busy={data.loading}>
      <p className="back">
        <Link to={paths.portal()}>← Reporter portal</Link>
      </p>
      <ErrorNotice error={data.error} title="Could not load the receipt" />
      {receipt ? (
        <>
          <div className="page-head">
            <h1>Receipt for {receipt.submission.name}</h1>
            <dl className="meta">
              <div>
                <dt>Received</dt>
                <dd>{formatDateTime(receipt.submission.receivedAt)}</dd>
              </div>
              <div>
                <dt>Format</dt>
                <dd>{receipt.submission.format}</dd>
              </div>
              <div>
                <dt>Idempotency-Key</dt>
                <dd>
                  <code>{receipt.submission.clientKey}</code>
                </dd>
              </div>
              <div>
                <dt>SHA-256</dt>
                <dd>
                  <code className="hash">{receipt.submission.sha256}</code>
                </dd>
              </div>
            </dl>
          </div>
          <ReceiptTable receipt={receipt} statuses={data.data?.statuses} />
        </>
      ) : data.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
