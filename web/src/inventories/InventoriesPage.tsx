import { useEffect } from 'react';
import { api } from '../api.js';
import { paths } from '../routes.js';
import { useResource } from '../useResource.js';
import { InventoryGate } from './InventoryGate.js';
import { InventoryTable } from './InventoryTable.js';
import { UploadCard } from './UploadCard.js';

/** The organization's inventories: the SBOMs it keeps with AICC so that advisories published later reach it. */
export function InventoriesPage() {
  useEffect(() => {
    document.title = 'Inventories · AICC';
  }, []);

  return (
    <InventoryGate title="Inventories" next={paths.inventories()}>
      <Inventories />
    </InventoryGate>
  );
}

// A component of its own so that nothing is requested before the gate lets the user through.
function Inventories() {
  const inventories = useResource((signal) => api.listInventories(signal), []);
  return (
    <section>
      <div className="page-head">
        <h1>Inventories</h1>
        <p className="muted">
          SBOMs your organization keeps with AICC. Unlike a one-off scan, an inventory is stored: each is matched against the knowledge base as
          it is now, and advisories published later show which of your inventories they affect.
        </p>
      </div>
      <div className="admin-grid">
        <InventoryTable inventories={inventories} />
        <UploadCard onStored={inventories.reload} />
      </div>
    </section>
  );
}
