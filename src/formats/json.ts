import type { Problem } from '../domain/errors.js';
import { jsonErrorOffset } from './json-offset.js';
import { fail, ok, type Parsed } from './result.js';

export interface JsonLimits {
  /** deepest nesting of arrays/objects accepted */
  maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64 };

/**
 * JSON.parse with a line/column on syntax errors and a nesting-depth limit, so a
 * hostile document cannot exhaust the stack of later recursive code.
 */
export function parseJson(text: string, file?: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): Parsed<unknown> {
  const depthProblem = checkDepth(text, limits.maxDepth);
  if (depthProblem) return fail([{ ...depthProblem, code: 'TOO_DEEP', ...(file ? { file } : {}) }]);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const offset = pos?.[1] ? Number(pos[1]) : jsonErrorOffset(text);
    // V8 quotes the document (and sometimes a raw newline) in its message: drop the quote, escape the rest.
    const reason = message.replace(/, ".*" is not valid JSON$/s, '').replace(/[\r\n\t]/g, (c) => JSON.stringify(c).slice(1, -1));
    const problem: Problem = { message: `invalid JSON: ${reason}`, code: 'INVALID_JSON', line: lineAt(text, offset) };
    if (file) problem.file = file;
    return fail([problem]);
  }
}

/**
 * Scans brackets outside strings; cheaper than parsing and catches depth before recursion. Strings
 * are skipped with indexOf (a native scan) to their closing quote: most of a document's characters
 * are inside strings.
 */
function checkDepth(text: string, maxDepth: number): Problem | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (;;) {
        const q = text.indexOf('"', i + 1);
        if (q === -1) return null; // unterminated: JSON.parse says where
        let b = q - 1;
        while (text.charCodeAt(b) === 92 /* \ */) b--;
        i = q;
        // an even run of backslashes escapes itself, not the quote
        if ((q - 1 - b) % 2 === 0) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) {
        return { message: `JSON nested deeper than ${maxDepth} levels`, line: lineAt(text, i) };
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** RFC 6901 pointer segment escaping. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}
