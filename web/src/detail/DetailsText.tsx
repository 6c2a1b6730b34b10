/**
 * Advisory prose as plain text: blank lines split paragraphs, single newlines are kept.
 * Nothing is ever parsed as HTML or Markdown (the text comes from outside).
 */
export function DetailsText({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) return <p className="muted">No details given.</p>;
  return (
    <div className="prose">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}
