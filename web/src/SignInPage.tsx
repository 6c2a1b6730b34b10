import { useEffect, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from './api.js';
import { ErrorNotice } from './ErrorNotice.js';
import { safeNext } from './routes.js';
import { navigate } from './router.js';
import { useSession } from './session.js';

/** Email and password → a session cookie; errors come from the API's envelope. */
export function SignInPage({ next }: { next: string | null }) {
  const { user, signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    document.title = 'Sign in · AICC';
  }, []);

  useEffect(() => {
    if (user) navigate(safeNext(next), { replace: true });
  }, [user, next]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const session = await api.signIn(email.trim(), password);
      signedIn(session.user);
    } catch (caught) {
      setError(asApiError(caught));
      setPassword('');
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="sign-in">
      <div className="card sign-in-card">
        <h1>Sign in</h1>
        <p className="muted">Use the account your organization's administrator gave you.</p>
        <ErrorNotice error={error} title="Could not sign in" />
        <form
          className="form-stack"
          onSubmit={(event) => {
            void submit(event);
          }}
        >
          <label className="field">
            <span className="field-label">Email</span>
            <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          </label>
          <label className="field">
            <span className="field-label">Password</span>
            <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </section>
  );
}
