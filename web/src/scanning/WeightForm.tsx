import { useId, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { wholeNumber, type ScanTarget } from './scanningModel.js';

/** The operators' weight (0–10): what the data cannot see, e.g. a hospital's PACS server. */
export function WeightForm({ target, onWeighed, onError }: { target: ScanTarget; onWeighed: (weight: number) => void; onError: (error: ApiError) => void }) {
  const ids = useId();
  const [value, setValue] = useState(String(target.inputs.weight));
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const weight = wholeNumber(value);
    if (weight === undefined) return;
    setPending(true);
    try {
      await api.weighScanTarget(target.id, weight);
      onWeighed(weight);
    } catch (caught) {
      onError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="weight-form"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <label className="small" htmlFor={`${ids}-weight`}>
        Weight<span className="visually-hidden"> of {target.display}</span>
      </label>
      <input id={`${ids}-weight`} className="input-tiny" type="number" min={0} max={10} step={1} required value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="button button-small" disabled={pending || value === String(target.inputs.weight)}>
        Set<span className="visually-hidden"> weight of {target.display}</span>
      </button>
    </form>
  );
}
