import type { Cve5Description } from './record.js';

export const SUMMARY_MAX = 200;

// The schema's own englishLanguage pattern, plus the three-letter 'eng' that real CNAs write.
const ENGLISH = /^(?:en|eng)(?:[_-]|$)/i;

export function isEnglish(lang: string): boolean {
  return ENGLISH.test(lang);
}

/** The first English entry, else the first entry: a non-English text beats none. */
export function preferEnglish<T extends { lang: string }>(entries: readonly T[] | undefined): T | undefined {
  return entries?.find((e) => isEnglish(e.lang)) ?? entries?.[0];
}

export function englishText(descriptions: readonly Cve5Description[] | undefined): string {
  return preferEnglish(descriptions)?.value.trim() ?? '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Up to the first full stop (or ! ?) followed by a space; version numbers such as 1.2.3 do not end it. */
export function firstSentence(text: string): string {
  const flat = oneLine(text);
  return /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
}

/** At most `max` characters, cut at a word boundary where one is near, marked with an ellipsis. */
export function clip(text: string, max = SUMMARY_MAX): string {
  const flat = oneLine(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A one-line summary: the title where the CNA gave one, else the description's first sentence. */
export function summaryOf(title: string | undefined, descriptions: readonly Cve5Description[] | undefined): string {
  const titled = title ? oneLine(title) : '';
  return clip(titled || firstSentence(englishText(descriptions)));
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
