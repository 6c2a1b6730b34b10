/** A row of plain labels (roles, scopes). */
export function Chips({ values }: { values: readonly string[] }) {
  return (
    <div className="chip-row">
      {values.map((v) => (
        <span key={v} className="chip chip-plain">
          {v}
        </span>
      ))}
    </div>
  );
}
