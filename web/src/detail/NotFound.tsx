import type { ApiError } from '../api.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { asIdentifier } from '../searchQuery.js';
import { BackToList } from './VulnDetailView.js';

/** A 404 for an id: when other records carry it as an alias, the API lists them in `details`. */
export function NotFound({ id, error }: { id: string; error: ApiError }) {
  const aliasedBy = [...new Set(error.details.flatMap((d) => [...idsIn(d.message), ...idsIn(d.pointer?.replace(/^\//, '') ?? '')]))].filter(
    (other) => other !== id,
  );
  return (
    <section className="empty-state">
      <BackToList />
      <h1>{id}</h1>
      {aliasedBy.length > 0 ? (
        <>
          <p>There is no record with this id, but these records list it as an alias:</p>
          <ul className="inline-list">
            {aliasedBy.map((other) => (
              <li key={other}>
                <Link to={paths.vuln(other)}>{other}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{error.message || 'No such record, or it is not visible to you.'}</p>
      )}
    </section>
  );
}

function idsIn(message: string): string[] {
  return message
    .split(/[\s,;()]+/)
    .map((token) => token.replace(/[.:]+$/, ''))
    .filter((token) => asIdentifier(token) !== null);
}
