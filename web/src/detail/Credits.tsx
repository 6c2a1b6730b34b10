import type { Credit } from '../types.js';

/** Who found, reported or fixed it. */
export function Credits({ credits }: { credits: Credit[] }) {
  return (
    <ul className="plain-list">
      {credits.map((c, i) => {
        const name = typeof c === 'string' ? c : c.name;
        const role = typeof c === 'string' ? undefined : c.type;
        return (
          <li key={`${name}-${String(i)}`}>
            {name}
            {role ? <span className="muted small"> ({role.toLowerCase().replace(/_/g, ' ')})</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
