/**
 * Parsed versions by their text. Matching compares the same few thousand version strings millions
 * of times (every range event against every component version), and parsing dominated the cost.
 * Bounded: a full cache starts over rather than grow without limit. Parsed values are never mutated.
 */
export function memoParse<T>(parse: (text: string) => T | undefined, max = 100_000): (text: string) => T | undefined {
  const cache = new Map<string, T | null>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit ?? undefined;
    const value = parse(text);
    if (cache.size >= max) cache.clear();
    cache.set(text, value ?? null);
    return value;
  };
}
