import { orNull, parseIds, REMEDIATION_CATEGORIES, type Advisory, type Remediation } from './advisoryModel.js';

/** CWEs (the name comes back from the server), remediations, references, and the credited reporters. */
export function ListsEditor({ advisory, onChange }: { advisory: Advisory; onChange: (next: Advisory) => void }) {
  const { cwes, remediations, references } = advisory;
  const setRem = (i: number, next: Remediation | null) => onChange({ ...advisory, remediations: next ? remediations.map((r, j) => (j === i ? next : r)) : remediations.filter((_, j) => j !== i) });
  return (
    <>
      <fieldset className="advisory-list" aria-label="CWEs">
        <legend>CWEs</legend>
        {cwes.map((c, i) => (
          <div key={i} className="inline-form" data-cwe={c.id}>
            <input aria-label="CWE id" placeholder="CWE-79" value={c.id} onChange={(e) => onChange({ ...advisory, cwes: cwes.map((x, j) => (j === i ? { id: e.target.value, name: '' } : x)) })} />
            <span className="small muted">{c.name || 'name filled in on save'}</span>
            <button type="button" className="button button-small" onClick={() => onChange({ ...advisory, cwes: cwes.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-small" onClick={() => onChange({ ...advisory, cwes: [...cwes, { id: '', name: '' }] })}>
          Add CWE
        </button>
      </fieldset>

      <fieldset className="advisory-list" aria-label="Remediations">
        <legend>Remediations</legend>
        {remediations.map((r, i) => (
          <div key={i} className="inline-form" data-remediation={i}>
            <select aria-label="Category" value={r.category} onChange={(e) => setRem(i, { ...r, category: e.target.value as Remediation['category'] })}>
              {REMEDIATION_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <input aria-label="Remediation details" className="input-wide" value={r.details} onChange={(e) => setRem(i, { ...r, details: e.target.value })} />
            <input aria-label="Remediation URL" placeholder="https://…" value={r.url ?? ''} onChange={(e) => setRem(i, { ...r, url: orNull(e.target.value) })} />
            <input aria-label="Product ids" placeholder="AICC-PID-1, AICC-PID-2" value={r.productIds.join(', ')} onChange={(e) => setRem(i, { ...r, productIds: parseIds(e.target.value) })} />
            <button type="button" className="button button-small" onClick={() => setRem(i, null)}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-small" onClick={() => onChange({ ...advisory, remediations: [...remediations, { category: 'vendor_fix', details: '', url: null, productIds: advisory.products[0] ? [advisory.products[0].id] : [] }] })}>
          Add remediation
        </button>
      </fieldset>

      <fieldset className="advisory-list" aria-label="References">
        <legend>References</legend>
        {references.map((r, i) => (
          <div key={i} className="inline-form" data-reference={r.category}>
            <input aria-label="Reference URL" className="input-wide" value={r.url} onChange={(e) => onChange({ ...advisory, references: references.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)) })} />
            <input aria-label="Reference summary" value={r.summary} onChange={(e) => onChange({ ...advisory, references: references.map((x, j) => (j === i ? { ...x, summary: e.target.value } : x)) })} />
            <span className="small muted">{r.category}</span>
            <button type="button" className="button button-small" onClick={() => onChange({ ...advisory, references: references.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-small" onClick={() => onChange({ ...advisory, references: [...references, { url: '', summary: '', category: 'external' }] })}>
          Add reference
        </button>
      </fieldset>

      <section className="advisory-list" aria-label="Acknowledgments">
        <h3>Acknowledgments</h3>
        <ul className="plain-list small" data-testid="acknowledgments">
          {advisory.acknowledgments.map((a, i) => (
            <li key={i}>
              {a.name}
              {a.organization ? ` (${a.organization})` : ''}
              {a.summary ? ` — ${a.summary}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
