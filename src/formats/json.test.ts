import { describe, expect, it } from 'vitest';
import { parseJson } from './json.js';

describe('parseJson', () => {
  it.each([
    ['{"a":\n}', 2],
    ['{\n"a": 1,\n"b": tru\n}', 3],
    ['[1,\n2,\n3,,\n4]', 3],
    ['{"a": "x\ny"}', 1],
    ['{"a": 1}\n\n{', 3],
    ['', 1],
  ])('names the line of a syntax error in %j', (text, line) => {
    const r = parseJson(text, 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ file: 'f.json', line, message: expect.stringMatching(/^invalid JSON/) as unknown });
  });

  it('keeps the message on one line', () => {
    const r = parseJson('{\n"a": 1,\n"b": tru\n}', 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).not.toMatch(/\n/);
  });

  it('refuses nesting deeper than the limit before parsing', () => {
    const r = parseJson(`${'['.repeat(65)}${']'.repeat(65)}`, 'deep.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/nested deeper than 64/);
  });

  it('accepts brackets inside strings at any count', () => {
    const r = parseJson(JSON.stringify({ s: '['.repeat(500) }));
    expect(r.ok).toBe(true);
  });

  it('counts brackets after strings that end in escaped quotes and backslashes', () => {
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    for (const s of ['a\\"[', 'b\\\\', '\\\\\\"{', '']) {
      const r = parseJson(`[${JSON.stringify(s)}, ${deep}]`, 'deep.json');
      expect(r.ok, s).toBe(false);
      expect(parseJson(`[${JSON.stringify(s)}, ${'['.repeat(60)}${']'.repeat(60)}]`).ok, s).toBe(true);
    }
  });
});
