import { sortConstraints } from './canonical.js';
import { gemToConstraints } from './native-gem.js';
import { composerToConstraints } from './native-composer.js';
import { intervalToConstraints } from './native-interval.js';
import { npmToConstraints } from './native-npm.js';
import { pypiToConstraints } from './native-pypi.js';
import { comparatorList, conanToConstraints, nginxToConstraints, opensslToConstraints } from './native-simple.js';
import type { Constraint, VersResult } from './types.js';

const CONVERTERS: Readonly<Record<string, (native: string) => Constraint[] | string>> = {
  npm: npmToConstraints,
  pypi: pypiToConstraints,
  maven: (n) => intervalToConstraints(n, '=', true),
  nuget: (n) => intervalToConstraints(n, '>=', false),
  gem: gemToConstraints,
  composer: composerToConstraints,
  golang: (n) => comparatorList(n),
  conan: conanToConstraints,
  openssl: opensslToConstraints,
  nginx: nginxToConstraints,
};

/** The schemes `versFromNative` understands. */
export const NATIVE_SCHEMES: readonly string[] = Object.keys(CONVERTERS);

/**
 * A native range as a vers of that scheme, constraints sorted by version (stable, not merged),
 * as the spec's `from_native` tests expect. The result keeps what the native range says
 * comparator by comparator; overlapping `||` alternatives or ANDs that are not a lower/upper
 * pair may not pass `normalize`, which is the honest answer: such ranges need interval
 * arithmetic to become one canonical vers. Each converter documents what vers cannot express.
 */
export function versFromNative(scheme: string, native: string): VersResult {
  const convert = CONVERTERS[scheme];
  if (!convert) return { ok: false, error: `no native range syntax known for scheme "${scheme}"` };
  const constraints = convert(native);
  if (typeof constraints === 'string') return { ok: false, error: constraints };
  return { ok: true, vers: sortConstraints({ scheme, constraints }) };
}
