import { api } from '../api.js';
import { Breakable } from '../Breakable.js';
import { ErrorNotice } from '../ErrorNotice.js';
import type { AffectedInventory } from '../inventories/inventoryModel.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useResource } from '../useResource.js';

/**
 * The reverse match for this record: which of the organization's inventories hold an affected version.
 * Mounted only for users with the inventory scope (VulnDetailView decides), so others make no request.
 */
export function AffectedInventories({ vulnId, ownOrg }: { vulnId: string; ownOrg: string }) {
  const { data, error, loading } = useResource((signal) => api.affectedInventories(vulnId, signal), [vulnId]);
  if (error) return <ErrorNotice error={error} title="Could not check your inventories" />;
  if (loading || !data) return <p className="muted">Checking your inventories…</p>;
  return <AffectedInventoryList items={data} ownOrg={ownOrg} />;
}

export function AffectedInventoryList({ items, ownOrg }: { items: AffectedInventory[]; ownOrg: string }) {
  if (items.length === 0) return <p className="muted">None of your inventories holds an affected version.</p>;
  return (
    <div className="affected-list">
      {items.map(({ inventory, components }) => {
        const own = inventory.org === ownOrg;
        return (
          <div className="affected" key={inventory.id} data-inventory={inventory.name}>
            <h3 className="affected-name">
              {/* Operators also see other organizations' inventories; the inventory page shows one's own. */}
              {own ? <Link to={paths.inventory(inventory.name)}>{inventory.name}</Link> : <Breakable text={inventory.name} />}
              {own ? null : <span className="chip chip-quiet inventory-org">{inventory.org}</span>}
            </h3>
            <ul className="inventory-components">
              {components.map((c) => (
                <li key={`${c.package}@${c.version}`}>
                  <code className="purl">
                    <Breakable text={c.package} />
                  </code>
                  <span className="muted small">version</span> <code className="inventory-version">{c.version}</code>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
