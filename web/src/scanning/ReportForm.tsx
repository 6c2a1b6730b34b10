import { useId, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { plural } from '../format.js';
import { randomRunId, wholeNumber, type Claim, type ScanTarget } from './scanningModel.js';

interface Props {
  target: ScanTarget;
  /** the claim the scan was made under: the report closes it */
  claim: Claim;
  onReported: (message: string) => void;
  onError: (error: ApiError) => void;
  onCancel: () => void;
}

interface Field {
  name: 'revision' | 'tool' | 'toolVersion' | 'runId' | 'durationSeconds' | 'findings';
  label: string;
  hint?: string;
  number?: boolean;
}

const FIELDS: Field[] = [
  { name: 'revision', label: 'Revision', hint: 'The version or commit scanned.' },
  { name: 'tool', label: 'Tool', hint: 'The tool or model.' },
  { name: 'toolVersion', label: 'Tool version' },
  { name: 'runId', label: 'Run id', hint: 'A retry with the same run id records the report once.' },
  { name: 'durationSeconds', label: 'Duration (seconds)', number: true },
  { name: 'findings', label: 'Findings', hint: 'Zero is a result too: the target counts as scanned.', number: true },
];

/** Reports a scan made under the user's claim; the server records it and closes the claim. */
export function ReportForm({ target, claim, onReported, onError, onCancel }: Props) {
  const ids = useId();
  // The run id is made once per form, so a resubmit after a lost answer is recognized as the same run.
  const [values, setValues] = useState<Record<Field['name'], string>>(() => ({
    revision: '',
    tool: '',
    toolVersion: '',
    runId: randomRunId(),
    durationSeconds: '',
    findings: '0',
  }));
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    try {
      const report = await api.reportScan({
        targetId: target.id,
        claimId: claim.id,
        revision: values.revision.trim(),
        tool: values.tool.trim(),
        toolVersion: values.toolVersion.trim(),
        runId: values.runId.trim(),
        // Browsers validate the number fields first; -1 only reaches the server from a bypassed form, and it says why.
        durationSeconds: wholeNumber(values.durationSeconds) ?? -1,
        findings: wholeNumber(values.findings) ?? -1,
      });
      onReported(`Reported ${plural(report.findings, 'finding')} for ${target.display} (run ${report.runId}); your claim is closed.`);
    } catch (caught) {
      onError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="scanning-form"
      aria-labelledby={`${ids}-title`}
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h3 id={`${ids}-title`}>Report a scan of {target.display}</h3>
      <div className="scanning-fields">
        {FIELDS.map((field) => (
          <div className="field" key={field.name}>
            <label className="field-label" htmlFor={`${ids}-${field.name}`}>
              {field.label}
            </label>
            <input
              id={`${ids}-${field.name}`}
              required
              {...(field.number ? { type: 'number', min: 0, step: 1, className: 'input-narrow' } : { maxLength: field.name === 'toolVersion' ? 100 : 200 })}
              value={values[field.name]}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
              {...(field.hint ? { 'aria-describedby': `${ids}-${field.name}-hint` } : {})}
            />
            {field.hint ? (
              <span id={`${ids}-${field.name}-hint`} className="field-hint">
                {field.hint}
              </span>
            ) : null}
          </div>
        ))}
      </div>
      <div className="confirm">
        <button type="submit" className="button button-primary button-small" disabled={pending}>
          {pending ? 'Submitting…' : 'Submit report'}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
