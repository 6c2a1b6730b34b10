import { describe, expect, it } from 'vitest';
import { utcTimestamp } from './dates.js';
import { clip, firstSentence, preferEnglish, summaryOf } from './text.js';

describe('summaries', () => {
  it('take the first sentence, not stopping inside version numbers', () => {
    expect(firstSentence('A flaw in Widget 1.2.3 allows XSS. Later text.')).toBe('A flaw in Widget 1.2.3 allows XSS.');
  });

  it('flatten line breaks', () => {
    expect(firstSentence('Line one\ncontinues here.\nNext.')).toBe('Line one continues here.');
  });

  it('are the whole text when there is no sentence end', () => {
    expect(firstSentence('no full stop at all')).toBe('no full stop at all');
  });

  it('never exceed 200 characters and end with an ellipsis when cut', () => {
    const long = `${'word '.repeat(100)}end.`;
    const s = clip(long);
    expect(s.length).toBeLessThanOrEqual(200);
    expect(s.endsWith('…')).toBe(true);
    expect(s).not.toMatch(/\s…$/);
  });

  it('prefer the CNA title over the description', () => {
    expect(summaryOf('Title here', [{ lang: 'en', value: 'Description. More.' }])).toBe('Title here');
    expect(summaryOf(undefined, [{ lang: 'en', value: 'Description. More.' }])).toBe('Description.');
  });
});

describe('language choice', () => {
  it('prefers English in any of its spellings, else takes the first entry', () => {
    const de = { lang: 'de', value: 'Deutsch' };
    expect(preferEnglish([de, { lang: 'en-US', value: 'English' }])?.value).toBe('English');
    expect(preferEnglish([de, { lang: 'eng', value: 'English' }])?.value).toBe('English');
    expect(preferEnglish([de])?.value).toBe('Deutsch');
    expect(preferEnglish([{ lang: 'es', value: 'x' }, { lang: 'en_GB', value: 'y' }])?.value).toBe('y');
  });
});

describe('timestamps', () => {
  it('read a zone-less time as UTC, as the CVE schema specifies', () => {
    expect(utcTimestamp('2024-01-02T03:04:05')).toBe('2024-01-02T03:04:05.000Z');
  });

  it('convert offsets to UTC and keep milliseconds', () => {
    expect(utcTimestamp('2024-01-02T03:04:05.123+02:00')).toBe('2024-01-02T01:04:05.123Z');
    expect(utcTimestamp('2024-09-26T14:50:13.947404Z')).toBe('2024-09-26T14:50:13.947Z');
  });

  it('read a bare date as midnight UTC', () => {
    expect(utcTimestamp('2024-02-06')).toBe('2024-02-06T00:00:00.000Z');
  });

  it('are null for text that is no date', () => {
    expect(utcTimestamp('yesterday')).toBeNull();
  });
});
