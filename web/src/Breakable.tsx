import { Fragment } from 'react';

/**
 * Long identifiers (Maven coordinates, Go module paths, purls) wrap after their separators
 * (`.`, `:`, `/`) instead of in the middle of a word.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[.:/@_-])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
