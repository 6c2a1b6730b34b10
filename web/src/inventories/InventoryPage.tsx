import { useEffect } from 'react';
import { api } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime, plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { Findings } from '../scan/Findings.js';
import { countVulnerabilities, formatLabel } from '../scan/scanModel.js';
import { useResource } from '../useResource.js';
import { InventoryGate } from './InventoryGate.js';
import type { InventoryDetail } from './inventoryModel.js';

/** One inventory and what affects it now: its stored components matched against today's knowledge base. */
export function InventoryPage({ name }: { name: string }) {
  useEffect(() => {
    document.title = `${name} · Inventories · AICC`;
  }, [name]);

  return (
    <InventoryGate title={name} next={paths.inventory(name)}>
      <InventoryLoader name={name} />
    </InventoryGate>
  );
}

function BackToInventories() {
  return (
    <p className="back">
      <Link to={paths.inventories()}>← All inventories</Link>
    </p>
  );
}

function InventoryLoader({ name }: { name: string }) {
  const { data, error, loading } = useResource((signal) => api.getInventory(name, signal), [name]);
  if (error) {
    return (
      <section>
        <BackToInventories />
        <h1>{name}</h1>
        <ErrorNotice error={error} title={error.code === 'NOT_FOUND' ? 'No such inventory' : `Could not load ${name}`} />
      </section>
    );
  }
  if (loading || !data) {
    return (
      <section aria-busy="true">
        <BackToInventories />
        <p className="muted">Loading {name}…</p>
      </section>
    );
  }
  return <InventoryView inventory={data} />;
}

function InventoryView({ inventory }: { inventory: InventoryDetail }) {
  const vulns = countVulnerabilities(inventory.results);
  return (
    <section className="inventory-detail" aria-labelledby="inventory-title">
      <BackToInventories />
      <div className="scan-summary card">
        <h1 id="inventory-title">
          <span className="scan-file">{inventory.name}</span>
        </h1>
        <p className="muted small">
          {formatLabel(inventory.format, inventory.specVersion)} · last updated {formatDateTime(inventory.updatedAt)}
        </p>
        <dl className="scan-stats" data-testid="inventory-summary">
          <div>
            <dt>Components</dt>
            <dd>{inventory.components}</dd>
          </div>
          <div className={inventory.results.length > 0 ? 'scan-stat-bad' : 'scan-stat-ok'}>
            <dt>Affected components</dt>
            <dd>{inventory.results.length}</dd>
          </div>
          <div className={vulns > 0 ? 'scan-stat-bad' : 'scan-stat-ok'}>
            <dt>Vulnerabilities</dt>
            <dd>{vulns}</dd>
          </div>
          <div>
            <dt>
              <abbr title="Components without a package URL or version that AICC can match">Unmatchable</abbr>
            </dt>
            <dd>{inventory.unmatchable}</dd>
          </div>
        </dl>
      </div>

      <h2>What affects it now</h2>
      {inventory.results.length === 0 ? (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">No known vulnerabilities affect the {plural(inventory.components, 'component')} of this inventory today.</p>
        </div>
      ) : (
        <Findings results={inventory.results} />
      )}
    </section>
  );
}
