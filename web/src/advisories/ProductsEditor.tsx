import { JUSTIFICATIONS, newProduct, orNull, PRODUCT_STATUSES, withStatus, type AdvisoryProduct } from './advisoryModel.js';

/** Products: vendor, name, purl, versions (a vers range or one version), status, and the justification of "not affected". */
export function ProductsEditor({ products, onChange }: { products: AdvisoryProduct[]; onChange: (next: AdvisoryProduct[]) => void }) {
  const set = (i: number, next: AdvisoryProduct | null) => onChange(next ? products.map((p, j) => (j === i ? next : p)) : products.filter((_, j) => j !== i));
  return (
    <fieldset className="advisory-list" aria-label="Products">
      <legend>Products</legend>
      <table className="table product-table">
        <thead>
          <tr>
            <th>Id</th>
            <th>Vendor</th>
            <th>Name</th>
            <th>purl</th>
            <th>Versions</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {products.map((p, i) => (
            <tr key={p.id} data-product={p.id}>
              <td>
                <code>{p.id}</code>
              </td>
              <td>
                <input aria-label="Vendor" value={p.vendor} onChange={(e) => set(i, { ...p, vendor: e.target.value })} />
              </td>
              <td>
                <input aria-label="Name" value={p.name} onChange={(e) => set(i, { ...p, name: e.target.value })} />
              </td>
              <td>
                <input aria-label="purl" value={p.purl ?? ''} onChange={(e) => set(i, { ...p, purl: orNull(e.target.value) })} />
              </td>
              <td>
                <input aria-label="Versions" placeholder="vers:npm/<2.1.0 or 2.1.0" value={p.versions} onChange={(e) => set(i, { ...p, versions: e.target.value })} />
              </td>
              <td>
                <select aria-label="Status" value={p.status} onChange={(e) => set(i, withStatus(p, e.target.value as AdvisoryProduct['status']))}>
                  {PRODUCT_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
                {p.status === 'known_not_affected' ? (
                  <select aria-label="Justification" value={p.justification} onChange={(e) => set(i, { ...p, justification: e.target.value as (typeof JUSTIFICATIONS)[number] })}>
                    {JUSTIFICATIONS.map((j) => (
                      <option key={j} value={j}>
                        {j}
                      </option>
                    ))}
                  </select>
                ) : null}
              </td>
              <td>
                <button type="button" className="button button-small" onClick={() => set(i, null)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button-small" onClick={() => onChange([...products, newProduct(products)])}>
        Add product
      </button>
    </fieldset>
  );
}
