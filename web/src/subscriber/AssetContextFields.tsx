import { useId } from 'react';
import { ASSET_TYPES, MISSION_PREVALENCE, WELL_BEING, type AssetFormState } from './subscriberModel.js';

const MISSION_HINT: Record<string, string> = {
  minimal: 'neither supports nor is essential to a mission essential function',
  support: 'supports mission essential functions',
  essential: 'a mission essential function depends on it',
};
const WELL_BEING_HINT: Record<string, string> = {
  minimal: 'no more than minimal harm to public well-being',
  material: 'material physical, financial or psychological harm',
  irreversible: 'irreversible harm (loss of life, lasting damage)',
};

/**
 * An asset's context as SSVC reads it: type, public exposure, mission prevalence, public well-being
 * impact; owners; and for assets without an SBOM (firmware, appliances) vendor/product/version or CPEs.
 */
export function AssetContextFields({ value, onChange }: { value: AssetFormState; onChange: (next: AssetFormState) => void }) {
  const ids = useId();
  const set = <K extends keyof AssetFormState>(key: K, v: AssetFormState[K]) => onChange({ ...value, [key]: v });
  return (
    <>
      <div className="asset-fields">
        <label className="field">
          <span className="field-label">Type</span>
          <select value={value.type} onChange={(e) => set('type', e.target.value)}>
            {ASSET_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === 'device' ? 'device / firmware' : t}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Mission prevalence</span>
          <select value={value.missionPrevalence} onChange={(e) => set('missionPrevalence', e.target.value)} title={MISSION_HINT[value.missionPrevalence]}>
            {MISSION_PREVALENCE.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Public well-being impact</span>
          <select value={value.wellBeing} onChange={(e) => set('wellBeing', e.target.value)} title={WELL_BEING_HINT[value.wellBeing]}>
            {WELL_BEING.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={value.exposed} onChange={(e) => set('exposed', e.target.checked)} />
        Publicly exposed (reachable from the internet)
      </label>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-owners`}>
          Owners
        </label>
        <input id={`${ids}-owners`} value={value.owners} onChange={(e) => set('owners', e.target.value)} aria-describedby={`${ids}-owners-hint`} />
        <span id={`${ids}-owners-hint`} className="field-hint">
          Who answers for it, comma-separated (e-mail addresses or names).
        </span>
      </div>
      <details className="asset-more">
        <summary>Sector, and products without an SBOM</summary>
        <div className="form-stack">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-sector`}>
              Sector
            </label>
            <input id={`${ids}-sector`} value={value.sector} maxLength={63} onChange={(e) => set('sector', e.target.value)} aria-describedby={`${ids}-sector-hint`} />
            <span id={`${ids}-sector-hint`} className="field-hint">
              Empty: the organization’s sector.
            </span>
          </div>
          <div className="asset-fields">
            <label className="field">
              <span className="field-label">Vendor</span>
              <input value={value.vendor} maxLength={200} onChange={(e) => set('vendor', e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">Product</span>
              <input value={value.product} maxLength={200} onChange={(e) => set('product', e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">Version</span>
              <input value={value.version} maxLength={200} onChange={(e) => set('version', e.target.value)} />
            </label>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-cpes`}>
              CPEs
            </label>
            <textarea id={`${ids}-cpes`} rows={2} value={value.cpes} onChange={(e) => set('cpes', e.target.value)} aria-describedby={`${ids}-cpes-hint`} />
            <span id={`${ids}-cpes-hint`} className="field-hint">
              One CPE 2.3 name per line (<code>cpe:2.3:h:vendor:product:version:…</code>).
            </span>
          </div>
        </div>
      </details>
    </>
  );
}
