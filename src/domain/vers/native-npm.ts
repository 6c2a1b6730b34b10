import semver from 'semver';
import type { Constraint } from './types.js';

/**
 * node-semver ranges (`^`, `~`, x-ranges, hyphen ranges, `||`) through node-semver's own
 * desugaring, so every sugar means exactly what npm says it means.
 *
 * Gap: node-semver writes exclusive upper bounds as `<2.0.0-0` so that `2.0.0-beta` is out, and it
 * leaves out every prerelease whose `major.minor.patch` is not named in the range. vers compares
 * plain semver, which has neither rule; `<2.0.0-0` is written `<2.0.0`, and the result contains
 * prereleases (`1.5.0-beta` in `^1.2.0`) that npm would not install. The AND of comparators
 * inside one `||` alternative is written as consecutive vers constraints, which vers reads as an
 * interval only when they alternate lower/upper bound.
 */
export function npmToConstraints(native: string): Constraint[] | string {
  let range: semver.Range;
  try {
    range = new semver.Range(native, { loose: true });
  } catch (e) {
    return e instanceof Error ? e.message : 'invalid npm range';
  }
  const out: Constraint[] = [];
  for (const set of range.set) {
    for (const c of set) {
      if (c.value === '') {
        // node-semver's ANY comparator: the range `*`
        out.push({ comparator: '*', version: '' });
        continue;
      }
      const v = c.semver;
      const isUpperSentinel = c.operator === '<' && v.prerelease.length === 1 && v.prerelease[0] === 0;
      const version = isUpperSentinel ? `${v.major}.${v.minor}.${v.patch}` : v.version;
      out.push({ comparator: c.operator === '' || c.operator === '=' ? '=' : c.operator, version });
    }
  }
  // `*` with anything else is still everything
  return out.some((c) => c.comparator === '*') ? [{ comparator: '*', version: '' }] : out;
}
