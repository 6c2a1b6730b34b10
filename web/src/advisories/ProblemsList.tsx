import type { AdvisoryProblem } from './advisoryModel.js';

/** What the server still finds wrong: CSAF validation (pointers into the CSAF export) and its own checks (into the advisory). */
export function ProblemsList({ problems }: { problems: AdvisoryProblem[] }) {
  return (
    <section className={`notice ${problems.length ? 'notice-error' : 'notice-ok'}`} aria-label="Problems" data-testid="advisory-problems" data-count={problems.length}>
      {problems.length === 0 ? (
        <p>No problems: the CSAF export validates.</p>
      ) : (
        <>
          <p className="notice-title">
            <strong>{problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`}</strong> before it can be marked ready:
          </p>
          <ul className="notice-details">
            {problems.map((p, i) => (
              <li key={i} data-source={p.source} data-pointer={p.pointer}>
                <span className="chip chip-quiet">{p.source === 'csaf' ? `CSAF ${p.test}` : p.test}</span> <code>{p.pointer || '/'}</code> {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
