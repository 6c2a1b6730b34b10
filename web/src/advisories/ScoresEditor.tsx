import { useId } from 'react';
import { cvssVersionOf, withVector, type ScoreInput } from './advisoryModel.js';

/** CVSS 3.1 / 4.0 vectors; the score and severity shown are the server's, computed on save. */
export function ScoresEditor({ scores, onChange }: { scores: ScoreInput[]; onChange: (next: ScoreInput[]) => void }) {
  const ids = useId();
  const set = (i: number, next: ScoreInput | null) => onChange(next ? scores.map((s, j) => (j === i ? next : s)) : scores.filter((_, j) => j !== i));
  return (
    <fieldset className="advisory-list" aria-label="CVSS scores">
      <legend>CVSS</legend>
      {scores.map((s, i) => (
        <div key={i} className="inline-form" data-score={i}>
          <label className="field-label" htmlFor={`${ids}-${String(i)}`}>
            Vector {i + 1}
          </label>
          <input id={`${ids}-${String(i)}`} className="input-wide" placeholder="CVSS:3.1/AV:N/… or CVSS:4.0/AV:N/…" value={s.vector} onChange={(e) => set(i, withVector(e.target.value))} />
          <span className="small" data-testid="cvss-score">
            {s.baseScore !== undefined ? `${String(s.baseScore)} ${s.severity ?? ''} (CVSS ${s.version ?? cvssVersionOf(s.vector) ?? '?'})` : 'score computed on save'}
          </span>
          <button type="button" className="button button-small" onClick={() => set(i, null)}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...scores, { vector: '' }])}>
        Add CVSS vector
      </button>
    </fieldset>
  );
}
