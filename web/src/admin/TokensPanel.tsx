import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDate } from '../format.js';
import { TOKEN_SCOPES, type ApiToken, type CreatedToken } from '../types.js';
import { useResource } from '../useResource.js';
import { OrgSelect } from './OrgSelect.js';
import { TokenSecret } from './TokenSecret.js';
import { Chips } from './Chips.js';
import { CreateCard } from './CreateCard.js';

function status(token: ApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

/** API tokens: list, create with scopes (secret shown once), revoke. */
export function TokensPanel({ ownOrgId }: { ownOrgId: string }) {
  const tokens = useResource((signal) => api.listTokens(signal), []);
  const orgs = useResource((signal) => api.listOrgs(signal), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['vulns:read']);
  const [expires, setExpires] = useState('90');
  const [orgId, setOrgId] = useState(String(ownOrgId));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [secret, setSecret] = useState<CreatedToken>();
  const [confirming, setConfirming] = useState<string>();
  const [revokeError, setRevokeError] = useState<ApiError>();

  const orgNames = new Map((orgs.data ?? []).map((o) => [String(o.id), o.name]));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setSecret(undefined);
    try {
      const days = Number.parseInt(expires, 10);
      const created = await api.createToken({
        name: name.trim(),
        scopes: TOKEN_SCOPES.filter((s) => scopes.includes(s)),
        ...(Number.isInteger(days) && days > 0 ? { expiresInDays: days } : {}),
        ...(orgId !== String(ownOrgId) ? { orgId } : {}),
      });
      setSecret({ ...created, name: created.name || name.trim() });
      setName('');
      tokens.reload();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  const revoke = async (id: string) => {
    setRevokeError(undefined);
    try {
      await api.revokeToken(id);
      setConfirming(undefined);
      tokens.reload();
    } catch (caught) {
      setRevokeError(asApiError(caught));
    }
  };

  return (
    <div className="admin-grid">
      <section className="card" aria-labelledby="tokens-list">
        <h2 id="tokens-list">API tokens</h2>
        <ErrorNotice error={tokens.error} title="Could not load tokens" />
        <ErrorNotice error={revokeError} title="Could not revoke the token" />
        {tokens.data ? (
          tokens.data.length === 0 ? (
            <p className="muted">No tokens yet.</p>
          ) : (
            <div className="table-wrap">
              <table className="table tokens-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.map((t) => {
                    const state = status(t);
                    const org = t.org?.name ?? (t.orgId ? orgNames.get(String(t.orgId)) : undefined);
                    return (
                      <tr key={t.id} data-token-name={t.name} className={state === 'active' ? undefined : 'row-muted'}>
                        <td>
                          {t.name}
                          <div className="small muted">
                            {t.prefix ? <code>{t.prefix}…</code> : null}
                            {t.createdAt ? ` created ${formatDate(t.createdAt)}` : null}
                          </div>
                        </td>
                        <td>{org ?? <span className="muted">—</span>}</td>
                        <td>
                          <Chips values={t.scopes} />
                        </td>
                        <td className="cell-date">{t.expiresAt ? formatDate(t.expiresAt) : 'never'}</td>
                        <td className="cell-date">{formatDate(t.lastUsedAt)}</td>
                        <td>
                          <span className={`chip chip-${state === 'active' ? 'ok' : 'plain'}`}>{state}</span>
                        </td>
                        <td className="cell-actions">
                          {state !== 'active' ? null : confirming === t.id ? (
                            <span className="confirm">
                              <button
                                type="button"
                                className="button button-small button-danger"
                                onClick={() => {
                                  void revoke(t.id);
                                }}
                              >
                                Confirm revoke
                              </button>
                              <button type="button" className="button button-small" onClick={() => setConfirming(undefined)}>
                                Cancel
                              </button>
                            </span>
                          ) : (
                            <button type="button" className="button button-small button-danger-quiet" onClick={() => setConfirming(t.id)}>
                              Revoke<span className="visually-hidden"> {t.name}</span>
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        ) : tokens.loading ? (
          <p className="muted">Loading…</p>
        ) : null}
      </section>

      <CreateCard
        id="tokens-create"
        title="New token"
        notice={secret ? <TokenSecret token={secret} onDone={() => setSecret(undefined)} /> : null}
        error={error}
        errorTitle="Could not create the token"
        onSubmit={submit}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input name="tokenName" required maxLength={100} placeholder="e.g. SIEM connector" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="field">
          <legend className="field-label">Scopes</legend>
          <div className="check-grid">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="check">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes((current) => (e.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
                />
                <code>{scope}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span className="field-label">Expires after (days)</span>
          <input type="number" name="expiresInDays" min={1} max={3650} value={expires} onChange={(e) => setExpires(e.target.value)} className="input-narrow" />
          <span className="field-hint">Leave empty for a token that does not expire.</span>
        </label>
        {orgs.data && orgs.data.length > 1 ? <OrgSelect orgs={orgs.data} value={orgId} onChange={setOrgId} label="For organization" /> : null}
        <button type="submit" className="button button-primary" disabled={pending || scopes.length === 0}>
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </CreateCard>
    </div>
  );
}
