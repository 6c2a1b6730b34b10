import { useId } from 'react';
import { ADVISORY_TLPS, orNull, type Advisory } from './advisoryModel.js';

/** Title, summary, details, TLP and CVE. */
export function AdvisoryFields({ advisory, onChange }: { advisory: Advisory; onChange: (next: Advisory) => void }) {
  const ids = useId();
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-title`}>
          Title
        </label>
        <input id={`${ids}-title`} value={advisory.title} onChange={(e) => onChange({ ...advisory, title: e.target.value })} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-summary`}>
          Summary
        </label>
        <textarea id={`${ids}-summary`} rows={2} value={advisory.summary} onChange={(e) => onChange({ ...advisory, summary: e.target.value })} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-details`}>
          Details
        </label>
        <textarea id={`${ids}-details`} rows={6} value={advisory.details} onChange={(e) => onChange({ ...advisory, details: e.target.value })} />
      </div>
      <div className="inline-form">
        <label className="field-label" htmlFor={`${ids}-tlp`}>
          TLP
        </label>
        <select id={`${ids}-tlp`} value={advisory.tlp} onChange={(e) => onChange({ ...advisory, tlp: e.target.value as Advisory['tlp'] })}>
          {ADVISORY_TLPS.map((l) => (
            <option key={l} value={l}>
              TLP:{l}
            </option>
          ))}
        </select>
        <label className="field-label" htmlFor={`${ids}-cve`}>
          CVE
        </label>
        <input id={`${ids}-cve`} placeholder="CVE-2027-12345" value={advisory.cve ?? ''} onChange={(e) => onChange({ ...advisory, cve: orNull(e.target.value) })} />
      </div>
    </>
  );
}
