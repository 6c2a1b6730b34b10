import type { Org } from '../types.js';

interface Props {
  orgs: Org[];
  value: string;
  onChange: (id: string) => void;
  label?: string;
  /** label beside the select (in a card header) rather than above it (in a form) */
  inline?: boolean;
}

/** Chooses one organization from the admin listing. */
export function OrgSelect({ orgs, value, onChange, label = 'Organization', inline = false }: Props) {
  return (
    <label className={inline ? 'field field-inline' : 'field'}>
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {orgs.map((org) => (
          <option key={org.id} value={String(org.id)}>
            {org.name} ({org.slug})
          </option>
        ))}
      </select>
    </label>
  );
}
