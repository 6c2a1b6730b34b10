import { useState } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { formatLabel } from '../scan/scanModel.js';
import type { Resource } from '../useResource.js';
import type { Inventory } from './inventoryModel.js';

/** The organization's inventories, each linking to what affects it, with a confirmed delete. */
export function InventoryTable({ inventories }: { inventories: Resource<Inventory[]> }) {
  const [confirming, setConfirming] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const [deleteError, setDeleteError] = useState<{ name: string; error: ApiError }>();

  const remove = async (name: string) => {
    setDeleting(name);
    setDeleteError(undefined);
    try {
      await api.deleteInventory(name);
      setConfirming(undefined);
      inventories.reload();
    } catch (caught) {
      setDeleteError({ name, error: asApiError(caught) });
    } finally {
      setDeleting(undefined);
    }
  };

  return (
    <section className="card" aria-labelledby="inventories-list" aria-busy={inventories.loading}>
      <h2 id="inventories-list">Your organization's inventories</h2>
      <ErrorNotice error={inventories.error} title="Could not load the inventories" />
      <ErrorNotice error={deleteError?.error} {...(deleteError ? { title: `Could not delete ${deleteError.name}` } : {})} />
      {inventories.data ? (
        inventories.data.length === 0 ? (
          <p className="muted">No inventories yet. Upload an SBOM to keep it here.</p>
        ) : (
          <div className="table-wrap">
            <table className="table inventories-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Format</th>
                  <th scope="col">Components</th>
                  <th scope="col">Last updated</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {inventories.data.map((inventory) => (
                  <tr key={inventory.id} data-inventory={inventory.name}>
                    <td>
                      <Link to={paths.inventory(inventory.name)}>{inventory.name}</Link>
                    </td>
                    <td>{formatLabel(inventory.format, inventory.specVersion)}</td>
                    <td>
                      {inventory.components}
                      {inventory.unmatchable > 0 ? <div className="small muted">{inventory.unmatchable} unmatchable</div> : null}
                    </td>
                    <td className="cell-date">{formatDateTime(inventory.updatedAt)}</td>
                    <td className="cell-actions">
                      {confirming === inventory.name ? (
                        <span className="confirm">
                          <button
                            type="button"
                            className="button button-small button-danger"
                            disabled={deleting === inventory.name}
                            onClick={() => {
                              void remove(inventory.name);
                            }}
                          >
                            Confirm delete<span className="visually-hidden"> {inventory.name}</span>
                          </button>
                          <button type="button" className="button button-small" onClick={() => setConfirming(undefined)}>
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="button button-small button-danger-quiet" onClick={() => setConfirming(inventory.name)}>
                          Delete<span className="visually-hidden"> {inventory.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : inventories.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
