import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import type { CaseFinding } from '../types.js';
import { useResource } from '../useResource.js';
import { casesApi } from './casesApi.js';
import { commandFrom, oracleFrom, pocsOf, type OracleKind } from './caseModel.js';

const ORACLES: Record<OracleKind, { label: string; value: string; hint: string }> = {
  'exit-code': { label: 'Exit status', value: 'Expected exit status', hint: 'Triggered when the PoC exits with this status.' },
  marker: { label: 'Marker in the output', value: 'Marker text', hint: 'Triggered when stdout or stderr holds this text.' },
  crash: { label: 'Crash', value: 'Signature (optional)', hint: 'Triggered by a fatal signal or sanitizer report, matching the signature if given.' },
};

/** Asks the sandbox to run a finding's PoC against the affected target and, optionally, the fixed one. */
export function ReproductionForm({ caseId, findings, onRequested }: { caseId: string; findings: CaseFinding[]; onRequested: (message: string) => void }) {
  const ids = useId();
  const targets = useResource((signal) => casesApi.listReproTargets(signal), []);
  const [findingId, setFindingId] = useState(findings[0]?.id ?? '');
  const [affected, setAffected] = useState('');
  const [fixed, setFixed] = useState('');
  const [kind, setKind] = useState<OracleKind>('exit-code');
  const [value, setValue] = useState('0');
  const [command, setCommand] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const names = targets.data?.map((t) => t.name) ?? [];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const oracle = oracleFrom(kind, value);
    if ('problem' in oracle) {
      setError(asApiError(new Error(oracle.problem)));
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const args = commandFrom(command);
      const run = await casesApi.requestReproduction(caseId, { findingId, affected, ...(fixed ? { fixed } : {}), oracle, ...(args ? { command: args } : {}) });
      onRequested(`Queued a reproduction against ${run.spec.affected}${run.spec.fixed ? ` and ${run.spec.fixed}` : ''}.`);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  const select = (id: string, label: string, current: string, set: (v: string) => void, options: { value: string; label: string }[], required = true) => (
    <div className="field">
      <label className="field-label" htmlFor={`${ids}-${id}`}>
        {label}
      </label>
      <select id={`${ids}-${id}`} required={required} value={current} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      className="repro-form"
      aria-label="Request a reproduction"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <ErrorNotice error={error} title="Could not request the reproduction" />
      <ErrorNotice error={targets.error} title="Could not load the reproduction targets" />
      {targets.data && names.length === 0 ? (
        <p className="small muted">No reproduction target stored yet: an analyst uploads a version’s files with PUT /api/v1/repro-targets/&#123;name&#125;.</p>
      ) : null}
      <div className="scanning-fields">
        {select('finding', 'Finding', findingId, setFindingId, findings.map((f) => ({ value: f.id, label: `${f.externalId} · ${f.reporter.name} · ${pocsOf(f).join(', ')}` })))}
        {select('affected', 'Affected target', affected, setAffected, [{ value: '', label: 'Choose…' }, ...names.map((n) => ({ value: n, label: n }))])}
        {select('fixed', 'Fixed target', fixed, setFixed, [{ value: '', label: 'none' }, ...names.filter((n) => n !== affected).map((n) => ({ value: n, label: n }))], false)}
        {select('oracle', 'Oracle', kind, (v) => {
          const next = v === 'marker' || v === 'crash' ? v : 'exit-code';
          setKind(next);
          setValue(next === 'exit-code' ? '0' : '');
        }, Object.entries(ORACLES).map(([k, o]) => ({ value: k, label: o.label })))}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-value`}>
            {ORACLES[kind].value}
          </label>
          <input id={`${ids}-value`} value={value} required={kind !== 'crash'} maxLength={1000} onChange={(e) => setValue(e.target.value)} aria-describedby={`${ids}-value-hint`} />
          <span id={`${ids}-value-hint`} className="field-hint">
            {ORACLES[kind].hint}
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-command`}>
            Command (optional)
          </label>
          <input id={`${ids}-command`} placeholder="node poc.js" value={command} onChange={(e) => setCommand(e.target.value)} aria-describedby={`${ids}-command-hint`} />
          <span id={`${ids}-command-hint`} className="field-hint">
            Default: the PoC by its extension (.sh, .js, .mjs, .py).
          </span>
        </div>
      </div>
      <button type="submit" className="button button-primary button-small" disabled={pending || !affected || !findingId}>
        {pending ? 'Queueing…' : 'Run reproduction'}
      </button>
    </form>
  );
}
