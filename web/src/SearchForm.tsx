import { useEffect, useId, useState, type FormEvent } from 'react';
import { asIdentifier, EMPTY_FILTERS, type SearchFilters } from './searchQuery.js';
import { SEVERITY_LEVELS, type SeverityLevel } from './types.js';

const ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Go', 'crates.io', 'RubyGems', 'NuGet', 'Packagist', 'Hex', 'Pub', 'Debian', 'Alpine', 'Ubuntu', 'Red Hat', 'SUSE', 'GitHub Actions'];

/** The search box and filters; submits a whole filter set (the page puts it in the URL). */
export function SearchForm({ filters, onSearch }: { filters: SearchFilters; onSearch: (filters: SearchFilters) => void }) {
  const [draft, setDraft] = useState(filters);
  const [epssText, setEpssText] = useState(epssToPercentText(filters.epssMin));
  const ids = useId();

  // Back/forward changes the URL: show what is being searched.
  useEffect(() => {
    setDraft(filters);
    setEpssText(epssToPercentText(filters.epssMin));
  }, [filters]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const pct = Number.parseFloat(epssText);
    const epssMin = Number.isFinite(pct) && pct > 0 ? Math.min(pct, 100) / 100 : null;
    onSearch({ ...draft, epssMin });
  };

  const reset = () => {
    setDraft(EMPTY_FILTERS);
    setEpssText('');
    onSearch(EMPTY_FILTERS);
  };

  const identifier = asIdentifier(draft.q);
  const set = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <form className="search-form card" role="search" onSubmit={submit}>
      <div className="search-row">
        <label className="visually-hidden" htmlFor={`${ids}-q`}>
          Search vulnerabilities
        </label>
        <input
          id={`${ids}-q`}
          className="search-input"
          type="search"
          name="q"
          placeholder="Search text, a package, or an id such as CVE-2021-44228"
          value={draft.q}
          onChange={(e) => set('q', e.target.value)}
          aria-describedby={`${ids}-hint`}
        />
        <button type="submit" className="button button-primary">
          Search
        </button>
      </div>
      <p id={`${ids}-hint`} className="search-hint" aria-live="polite">
        {identifier ? (
          <>
            Looks like an identifier: looks up <code>{identifier}</code> and records that alias it.
          </>
        ) : (
          'Searches summaries, details, ids and package names.'
        )}
      </p>
      <fieldset className="filters">
        <legend className="visually-hidden">Filters</legend>
        <label className="field field-inline">
          <span className="field-label">Ecosystem</span>
          <input
            list={`${ids}-ecosystems`}
            name="ecosystem"
            value={draft.ecosystem}
            onChange={(e) => set('ecosystem', e.target.value)}
            placeholder="Any"
            size={12}
          />
          <datalist id={`${ids}-ecosystems`}>
            {ECOSYSTEMS.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </label>
        <label className="field field-inline">
          <span className="field-label">Severity</span>
          <select name="severity" value={draft.severity ?? ''} onChange={(e) => set('severity', (e.target.value || null) as SeverityLevel | null)}>
            <option value="">Any</option>
            {SEVERITY_LEVELS.map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase()}
                {s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span className="field-label">Min. EPSS (%)</span>
          <input
            type="number"
            name="epssMin"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            placeholder="0"
            value={epssText}
            onChange={(e) => setEpssText(e.target.value)}
            className="input-narrow"
          />
        </label>
        <label className="check">
          <input type="checkbox" name="kev" checked={draft.kev} onChange={(e) => set('kev', e.target.checked)} />
          KEV only
        </label>
        <label className="check">
          <input type="checkbox" name="includeWithdrawn" checked={draft.includeWithdrawn} onChange={(e) => set('includeWithdrawn', e.target.checked)} />
          Include withdrawn
        </label>
        <button type="button" className="button button-link" onClick={reset}>
          Clear
        </button>
      </fieldset>
    </form>
  );
}

function epssToPercentText(epssMin: number | null): string {
  return epssMin === null ? '' : String(Math.round(epssMin * 100 * 1000) / 1000);
}
