/**
 * Percent-encoding of vers versions. Versions are encoded as in purl; the characters left as
 * they are here are the URL "unreserved" ones plus `:` and `+`, which are common in versions
 * (epochs, build metadata) and carry no meaning in vers. Everything else is encoded so that a
 * version can never be mistaken for a comparator (`<`, `=`, `!`, `*`) or a separator (`|`, `/`).
 */
const PLAIN = /^[A-Za-z0-9.\-_~:+]$/;

export function encodeVersion(version: string): string {
  let out = '';
  for (const ch of version) {
    if (PLAIN.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Undefined when a `%` is not followed by two hex digits or the bytes are not UTF-8. */
export function decodeVersion(encoded: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(encoded)) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
