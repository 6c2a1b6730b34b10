import { Fragment, useState } from 'react';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { CisaChip, ComponentsList, DueCell, StatusChip } from './ExposureBits.js';
import { RemediationPanel } from './RemediationPanel.js';
import { dueState, isOpen, type Exposure } from './subscriberModel.js';

interface Props {
  exposures: Exposure[];
  org: string | undefined;
  today: string;
  /** the asset column is left out on an asset's own page */
  showAsset?: boolean;
  onReported: (exposure: Exposure, status: string) => void;
}

/**
 * Exposures as the API orders them (due date, then CISA outcome): each row says what, where, by
 * when and how urgent; its remediation form and history open beneath it.
 */
export function ExposuresTable({ exposures, org, today, showAsset = true, onReported }: Props) {
  const [open, setOpen] = useState<string>();
  const columns = showAsset ? 8 : 7;
  return (
    <div className="table-wrap">
      <table className="table exposures-table">
        <thead>
          <tr>
            <th scope="col">Due</th>
            {showAsset ? <th scope="col">Asset</th> : null}
            <th scope="col">Vulnerability</th>
            <th scope="col">Installed → fixed</th>
            <th scope="col">
              <abbr title="CISA SSVC coordinator decision">CISA</abbr>
            </th>
            <th scope="col">BOD 26-04 timeline</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Remediation</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {exposures.map((e) => {
            const overdue = dueState(e, today) === 'overdue' && isOpen(e.status);
            const expanded = open === e.id;
            return (
              <Fragment key={e.id}>
                <tr data-exposure={e.id} data-vuln={e.vulnId} data-asset={e.asset} className={overdue ? 'row-overdue' : undefined}>
                  <td className="cell-due">
                    <DueCell exposure={e} today={today} />
                  </td>
                  {showAsset ? (
                    <td className="cell-asset">
                      <Link to={paths.subscriberAsset(e.asset, org)}>{e.asset}</Link>
                      <div className="small muted">
                        {e.assetType}
                        {e.exposed ? ' · publicly exposed' : ''}
                      </div>
                    </td>
                  ) : null}
                  <td className="cell-vuln">
                    <Link to={paths.vuln(e.vulnId)} className="vuln-id">
                      {e.vulnId}
                    </Link>
                    {e.summary ? <div className="small exposure-summary">{e.summary}</div> : null}
                  </td>
                  <td>
                    <ComponentsList value={e.components} />
                  </td>
                  <td>
                    <CisaChip outcome={e.cisa} />
                  </td>
                  <td className="cell-bod" data-bod={e.bod ?? ''}>
                    {e.bod ?? <span className="muted">—</span>}
                  </td>
                  <td>
                    <StatusChip status={e.status} />
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={expanded}
                      aria-controls={`remediation-${e.id}`}
                      onClick={() => setOpen(expanded ? undefined : e.id)}
                    >
                      Remediation
                      <span className="visually-hidden">
                        {' '}
                        of {e.vulnId} on {e.asset}
                      </span>
                    </button>
                  </td>
                </tr>
                {expanded ? (
                  <tr className="row-detail" id={`remediation-${e.id}`}>
                    <td colSpan={columns}>
                      <RemediationPanel exposure={e} org={org} onReported={(status) => onReported(e, status)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
