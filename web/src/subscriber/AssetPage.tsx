import { useEffect, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime, plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { formatLabel } from '../scan/scanModel.js';
import { useResource } from '../useResource.js';
import { AssetContextCard } from './AssetContextCard.js';
import { ExposuresTable } from './ExposuresTable.js';
import { SbomUploadCard } from './SbomUploadCard.js';
import { subscriberApi } from './subscriberApi.js';
import { SubscriberGate } from './SubscriberGate.js';
import { statusLabel, today as todayOf, type AssetDetail } from './subscriberModel.js';

/** One asset: its context (editable), its SBOM versions (a new one uploaded here), and what affects it. */
export function AssetPage({ name, requested }: { name: string; requested: string | null }) {
  useEffect(() => {
    document.title = `${name} · Subscriber portal · AICC`;
  }, [name]);
  return (
    <SubscriberGate title={name} next={paths.subscriberAsset(name, requested ?? undefined)} requested={requested}>
      {(portal) => <AssetLoader name={name} org={portal.org} />}
    </SubscriberGate>
  );
}

function Back({ org }: { org: string | undefined }) {
  return (
    <p className="back">
      <Link to={paths.subscriber('assets', org)}>← All assets</Link>
    </p>
  );
}

function AssetLoader({ name, org }: { name: string; org: string | undefined }) {
  const asset = useResource((signal) => subscriberApi.getAsset(name, org, signal), [name, org]);
  if (asset.error) {
    return (
      <section>
        <Back org={org} />
        <h1>{name}</h1>
        <ErrorNotice error={asset.error} title={asset.error.code === 'NOT_FOUND' ? 'No such asset' : `Could not load ${name}`} />
      </section>
    );
  }
  if (!asset.data) {
    return (
      <section aria-busy="true">
        <Back org={org} />
        <p className="muted">Loading {name}…</p>
      </section>
    );
  }
  return <AssetView asset={asset.data} org={org} reload={asset.reload} />;
}

function AssetView({ asset, org, reload }: { asset: AssetDetail; org: string | undefined; reload: () => void }) {
  const exposures = useResource((signal) => subscriberApi.listExposures({ all: true, asset: asset.name }, org, signal), [asset.name, org, asset.updatedAt]);
  const [reported, setReported] = useState<string>();
  const today = todayOf();
  return (
    <section className="asset-detail" aria-labelledby="asset-title">
      <Back org={org} />
      <div className="page-head">
        <h1 id="asset-title">
          <span className="scan-file">{asset.name}</span>
        </h1>
        <p className="muted small">
          {asset.type}
          {asset.exposed ? ' · publicly exposed' : ' · not publicly exposed'}
          {asset.sbom ? ` · ${formatLabel(asset.sbom.format, asset.sbom.specVersion)}, ${plural(asset.sbom.components, 'component')} (SBOM version ${String(asset.sbom.version)})` : ''} · updated{' '}
          {formatDateTime(asset.updatedAt)}
        </p>
      </div>

      <div className="subscriber-stack">
        <section className="card" aria-labelledby="asset-exposures" aria-busy={exposures.loading}>
          <h2 id="asset-exposures">What affects it</h2>
          {reported ? (
            <p className="notice notice-ok" role="status" data-testid="remediation-status">
              {reported}
            </p>
          ) : null}
          <ErrorNotice error={exposures.error} title="Could not load the exposures" />
          {exposures.data ? (
            exposures.data.length === 0 ? (
              <p className="muted">No known vulnerability affects this asset.</p>
            ) : (
              <ExposuresTable
                exposures={exposures.data}
                org={org}
                today={today}
                showAsset={false}
                onReported={(e, status) => {
                  setReported(`${e.vulnId}: reported ${statusLabel(status).toLowerCase()}.`);
                  exposures.reload();
                }}
              />
            )
          ) : exposures.loading ? (
            <p className="muted">Loading…</p>
          ) : null}
        </section>

        <div className="admin-grid">
          <div className="subscriber-stack">
            <AssetContextCard asset={asset} org={org} onSaved={reload} />
            <section className="card" aria-labelledby="sbom-versions">
              <h2 id="sbom-versions">SBOM versions</h2>
              {asset.sbomVersions.length === 0 ? (
                <p className="muted">No SBOM uploaded.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table sbom-versions-table">
                    <thead>
                      <tr>
                        <th scope="col">Version</th>
                        <th scope="col">Format</th>
                        <th scope="col">Components</th>
                        <th scope="col">Uploaded</th>
                        <th scope="col">
                          <span className="visually-hidden">Download</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...asset.sbomVersions]
                        .sort((a, b) => b.version - a.version)
                        .map((v) => (
                          <tr key={v.version} data-sbom-version={v.version}>
                            <td>
                              v{v.version}
                              {v.version === asset.sbom?.version ? <span className="chip chip-ok chip-inline">current</span> : null}
                            </td>
                            <td>{formatLabel(v.format, v.specVersion)}</td>
                            <td>{v.components}</td>
                            <td className="cell-date">
                              {formatDateTime(v.uploadedAt)}
                              <div className="small muted">{v.uploadedBy}</div>
                            </td>
                            <td className="cell-actions">
                              <a href={subscriberApi.sbomHref(asset.name, v.version, org)} download>
                                Download
                              </a>
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>
          <SbomUploadCard name={asset.name} org={org} onStored={reload} />
        </div>
      </div>
    </section>
  );
}
