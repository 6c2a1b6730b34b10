import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';

interface Props {
  id: string;
  title: string;
  /** shown above the form once something was created (a confirmation, or a one-time secret) */
  notice?: ReactNode;
  error: ApiError | undefined;
  errorTitle: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  children: ReactNode;
}

/** The card every admin panel uses to create something: title, outcome, error, form. */
export function CreateCard({ id, title, notice, error, errorTitle, onSubmit, children }: Props) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {notice}
      <ErrorNotice error={error} title={errorTitle} />
      <form
        className="form-stack"
        onSubmit={(event) => {
          void onSubmit(event);
        }}
      >
        {children}
      </form>
    </section>
  );
}

export function CreatedNotice({ what }: { what: string | undefined }) {
  return what ? (
    <p className="notice notice-ok" role="status">
      Created {what}.
    </p>
  ) : null;
}
