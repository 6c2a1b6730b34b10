import { Link } from '../Link.js';
import { paths } from '../routes.js';

/** Advisory ids (aliases, related) as links to their detail pages. */
export function IdLinks({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="inline-list">
      {ids.map((id) => (
        <li key={id}>
          <Link to={paths.vuln(id)}>{id}</Link>
        </li>
      ))}
    </ul>
  );
}
