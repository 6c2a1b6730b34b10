import { formatProblem, type Problem } from '../domain/errors.js';
import type { Parsed } from './result.js';

/** The parsed value, or the test fails with the problems spelled out. */
export function value<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

/** The problems of a refused input, or the test fails. */
export function problems<T>(r: Parsed<T>): Problem[] {
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}
