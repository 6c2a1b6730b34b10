import type { ApiError } from './api.js';

/** Shows an API error: its message, its code, and each detail (with its JSON pointer or line). */
export function ErrorNotice({ error, title }: { error: ApiError | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert" data-code={error.code}>
      <p className="notice-title">
        {title ? <strong>{title}: </strong> : null}
        {error.message}
      </p>
      {error.details.length > 0 ? (
        <ul className="notice-details">
          {error.details.map((detail, index) => (
            <li key={index}>
              {detail.pointer ? <code>{detail.pointer}</code> : null}
              {detail.file ? <code>{detail.line !== undefined ? `${detail.file}:${String(detail.line)}` : detail.file}</code> : null}
              {!detail.file && detail.line !== undefined ? <code>line {detail.line}</code> : null} {detail.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="notice-code">Error code {error.code}</p>
    </div>
  );
}
