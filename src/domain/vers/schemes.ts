import { SCHEMES, type VersionScheme } from '../versions/index.js';

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** vers' `lexicographic` scheme: plain code-unit order, so `A` < `a` and `10` < `9`. */
const lexicographicScheme: VersionScheme = { name: 'lexicographic', isValid: (v) => v !== '', compare: byCodeUnits };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function instant(v: string): { ms: number; frac: string } | undefined {
  if (!RFC3339.test(v)) return undefined;
  const ms = Date.parse(v);
  // Date keeps milliseconds only; the digits beyond them still order timestamps within a millisecond.
  return Number.isNaN(ms) ? undefined : { ms, frac: (/\.(\d+)/.exec(v)?.[1] ?? '').slice(3).replace(/0+$/, '') };
}

/** vers' `datetime` scheme: RFC 3339 timestamps with upper-case `T` and `Z`, ordered as instants. */
const datetimeScheme: VersionScheme = {
  name: 'datetime',
  isValid: (v) => instant(v) !== undefined,
  compare: (a, b) => {
    const x = instant(a);
    const y = instant(b);
    if (!x || !y) return x ? 1 : y ? -1 : byCodeUnits(a, b);
    return x.ms !== y.ms ? x.ms - y.ms : byCodeUnits(x.frac.padEnd(12, '0'), y.frac.padEnd(12, '0'));
  },
};

const VERS_ONLY: Readonly<Record<string, VersionScheme>> = { lexicographic: lexicographicScheme, datetime: datetimeScheme };

/**
 * The ordering a vers uses. Schemes vers defines but AICC has no ordering of its own for (openssl,
 * nginx, …) fall back to `generic`: its digit/letter-run order agrees with most of them on
 * ordinary versions, and a vers over dirty data still evaluates rather than throws.
 */
export function schemeFor(name: string): VersionScheme {
  return SCHEMES[name] ?? VERS_ONLY[name] ?? (SCHEMES.generic as VersionScheme);
}
