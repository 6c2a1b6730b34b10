import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDate } from '../format.js';
import { useResource } from '../useResource.js';
import { OrgSelect } from './OrgSelect.js';
import { CreateCard, CreatedNotice } from './CreateCard.js';

/** Users of one organization: list, create, disable and re-enable. */
export function UsersPanel({ ownOrgId, ownUserId }: { ownOrgId: string; ownUserId: string }) {
  const orgs = useResource((signal) => api.listOrgs(signal), []);
  const [orgId, setOrgId] = useState(String(ownOrgId));
  const users = useResource((signal) => api.listUsers(orgId, signal), [orgId]);
  const [form, setForm] = useState({ name: '', email: '', password: '', isAdmin: false });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [actionError, setActionError] = useState<ApiError>();
  const [busyId, setBusyId] = useState<string>();
  const [created, setCreated] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setCreated(undefined);
    try {
      await api.createUser({ orgId, email: form.email.trim(), name: form.name.trim(), password: form.password, isAdmin: form.isAdmin });
      setCreated(form.email.trim());
      setForm({ name: '', email: '', password: '', isAdmin: false });
      users.reload();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  const setDisabled = async (userId: string, disabled: boolean) => {
    setBusyId(userId);
    setActionError(undefined);
    try {
      await api.setUserDisabled(userId, disabled);
      users.reload();
    } catch (caught) {
      setActionError(asApiError(caught));
    } finally {
      setBusyId(undefined);
    }
  };

  const orgName = orgs.data?.find((o) => String(o.id) === orgId)?.name;

  return (
    <div className="admin-grid">
      <section className="card" aria-labelledby="users-list">
        <div className="card-head">
          <h2 id="users-list">Users{orgName ? ` of ${orgName}` : ''}</h2>
          {orgs.data && orgs.data.length > 1 ? <OrgSelect orgs={orgs.data} value={orgId} onChange={setOrgId} inline /> : null}
        </div>
        <ErrorNotice error={orgs.error} title="Could not load organizations" />
        <ErrorNotice error={users.error} title="Could not load users" />
        <ErrorNotice error={actionError} title="Could not change the user" />
        {users.data ? (
          users.data.length === 0 ? (
            <p className="muted">No users in this organization.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Created</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.map((u) => (
                    <tr key={u.id} className={u.disabled ? 'row-muted' : undefined}>
                      <td>{u.name}</td>
                      <td>{u.email}</td>
                      <td>{u.isAdmin ? <span className="chip chip-warn">admin</span> : 'member'}</td>
                      <td>{u.disabled ? <span className="chip chip-plain">disabled</span> : <span className="chip chip-ok">active</span>}</td>
                      <td className="cell-date">{formatDate(u.createdAt)}</td>
                      <td className="cell-actions">
                        {u.id === ownUserId ? (
                          <span className="small muted">you</span>
                        ) : (
                          <button
                            type="button"
                            className={`button button-small${u.disabled ? '' : ' button-danger-quiet'}`}
                            disabled={busyId === u.id}
                            onClick={() => {
                              void setDisabled(u.id, !u.disabled);
                            }}
                          >
                            {u.disabled ? 'Enable' : 'Disable'}
                            <span className="visually-hidden"> {u.email}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : users.loading ? (
          <p className="muted">Loading…</p>
        ) : null}
      </section>

      <CreateCard
        id="users-create"
        title={`New user${orgName ? ` in ${orgName}` : ''}`}
        notice={<CreatedNotice what={created} />}
        error={error}
        errorTitle="Could not create the user"
        onSubmit={submit}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input name="name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Email</span>
          <input type="email" name="email" required autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Initial password</span>
          <input
            type="password"
            name="password"
            required
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <label className="check">
          <input type="checkbox" name="isAdmin" checked={form.isAdmin} onChange={(e) => setForm({ ...form, isAdmin: e.target.checked })} />
          Administrator of the organization
        </label>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create user'}
        </button>
      </CreateCard>
    </div>
  );
}
