import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { ROLES, type Role } from '../types.js';
import { useResource } from '../useResource.js';
import { Chips } from './Chips.js';
import { CreateCard, CreatedNotice } from './CreateCard.js';

/** Organizations: the list, and a form to create one with its roles. */
export function OrgsPanel() {
  const orgs = useResource((signal) => api.listOrgs(signal), []);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['subscriber']);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<string>();

  const toggle = (role: Role, on: boolean) => setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setCreated(undefined);
    try {
      await api.createOrg({ slug: slug.trim(), name: name.trim(), roles: ROLES.filter((r) => roles.includes(r)) });
      setCreated(name.trim());
      setSlug('');
      setName('');
      setRoles(['subscriber']);
      orgs.reload();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="admin-grid">
      <section className="card" aria-labelledby="orgs-list">
        <h2 id="orgs-list">Organizations</h2>
        <ErrorNotice error={orgs.error} title="Could not load organizations" />
        {orgs.data ? (
          orgs.data.length === 0 ? (
            <p className="muted">No organizations.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Slug</th>
                    <th scope="col">Roles</th>
                  </tr>
                </thead>
                <tbody>
                  {orgs.data.map((org) => (
                    <tr key={org.id}>
                      <td>{org.name}</td>
                      <td>
                        <code>{org.slug}</code>
                      </td>
                      <td>
                        <Chips values={org.roles} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : orgs.loading ? (
          <p className="muted">Loading…</p>
        ) : null}
      </section>

      <CreateCard
        id="orgs-create"
        title="New organization"
        notice={<CreatedNotice what={created} />}
        error={error}
        errorTitle="Could not create the organization"
        onSubmit={submit}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input name="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Slug</span>
          <input
            name="slug"
            required
            pattern="[a-z0-9][a-z0-9\-]*"
            title="Lower-case letters, digits and hyphens"
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
          />
          <span className="field-hint">Lower-case letters, digits and hyphens; unique.</span>
        </label>
        <fieldset className="field">
          <legend className="field-label">Roles</legend>
          <div className="check-grid">
            {ROLES.map((role) => (
              <label key={role} className="check">
                <input type="checkbox" name="roles" value={role} checked={roles.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />
                {role}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create organization'}
        </button>
      </CreateCard>
    </div>
  );
}
