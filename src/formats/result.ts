import type { Problem } from '../domain/errors.js';

/** Untrusted input either parses into domain values or yields precise problems; it never throws. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(problems: Problem[]): Parsed<T> => ({ ok: false, problems });
