import { EXPORT_FORMATS, exportHref, type Advisory } from './advisoryModel.js';

/** The four exports as downloads (the server sends them as attachments). */
export function ExportLinks({ advisory }: { advisory: Advisory }) {
  return (
    <p className="inline-form" data-testid="advisory-exports">
      <span className="small">Export:</span>
      {EXPORT_FORMATS.map((f) => (
        <a key={f.format} className="button button-small" href={exportHref(advisory.id, f.format)} download data-format={f.format}>
          {f.label}
        </a>
      ))}
    </p>
  );
}
