import type { OrderCase } from './contract.testing.js';

export const source = 'rpm-software-management/rpm tests/rpmvercmp.at (verbatim) plus RHEL/Fedora EVRs ordered by rpmverCmp';

/**
 * rpm's own rpmvercmp test cases, verbatim from rpm-software-management/rpm `tests/rpmvercmp.at`
 * (commit 0920d3339b706049d26e8cc18d8bf966616c2f32 for everything up to the tilde block; the caret
 * blocks come from the later revision of the same file that added `^`). The lines rpm keeps disabled
 * with `dnl` (its "arguably buggy" oddities) are left out, as rpm's suite leaves them out.
 */
export const RPMVERCMP_AT = `
RPMVERCMP(1.0, 1.0, 0)
RPMVERCMP(1.0, 2.0, -1)
RPMVERCMP(2.0, 1.0, 1)

RPMVERCMP(2.0.1, 2.0.1, 0)
RPMVERCMP(2.0, 2.0.1, -1)
RPMVERCMP(2.0.1, 2.0, 1)

RPMVERCMP(2.0.1a, 2.0.1a, 0)
RPMVERCMP(2.0.1a, 2.0.1, 1)
RPMVERCMP(2.0.1, 2.0.1a, -1)

RPMVERCMP(5.5p1, 5.5p1, 0)
RPMVERCMP(5.5p1, 5.5p2, -1)
RPMVERCMP(5.5p2, 5.5p1, 1)

RPMVERCMP(5.5p10, 5.5p10, 0)
RPMVERCMP(5.5p1, 5.5p10, -1)
RPMVERCMP(5.5p10, 5.5p1, 1)

RPMVERCMP(10xyz, 10.1xyz, -1)
RPMVERCMP(10.1xyz, 10xyz, 1)

RPMVERCMP(xyz10, xyz10, 0)
RPMVERCMP(xyz10, xyz10.1, -1)
RPMVERCMP(xyz10.1, xyz10, 1)

RPMVERCMP(xyz.4, xyz.4, 0)
RPMVERCMP(xyz.4, 8, -1)
RPMVERCMP(8, xyz.4, 1)
RPMVERCMP(xyz.4, 2, -1)
RPMVERCMP(2, xyz.4, 1)

RPMVERCMP(5.5p2, 5.6p1, -1)
RPMVERCMP(5.6p1, 5.5p2, 1)

RPMVERCMP(5.6p1, 6.5p1, -1)
RPMVERCMP(6.5p1, 5.6p1, 1)

RPMVERCMP(6.0.rc1, 6.0, 1)
RPMVERCMP(6.0, 6.0.rc1, -1)

RPMVERCMP(10b2, 10a1, 1)
RPMVERCMP(10a2, 10b2, -1)

RPMVERCMP(1.0aa, 1.0aa, 0)
RPMVERCMP(1.0a, 1.0aa, -1)
RPMVERCMP(1.0aa, 1.0a, 1)

RPMVERCMP(10.0001, 10.0001, 0)
RPMVERCMP(10.0001, 10.1, 0)
RPMVERCMP(10.1, 10.0001, 0)
RPMVERCMP(10.0001, 10.0039, -1)
RPMVERCMP(10.0039, 10.0001, 1)

RPMVERCMP(4.999.9, 5.0, -1)
RPMVERCMP(5.0, 4.999.9, 1)

RPMVERCMP(20101121, 20101121, 0)
RPMVERCMP(20101121, 20101122, -1)
RPMVERCMP(20101122, 20101121, 1)

RPMVERCMP(2_0, 2_0, 0)
RPMVERCMP(2.0, 2_0, 0)
RPMVERCMP(2_0, 2.0, 0)

dnl RhBug:178798 case
RPMVERCMP(a, a, 0)
RPMVERCMP(a+, a+, 0)
RPMVERCMP(a+, a_, 0)
RPMVERCMP(a_, a+, 0)
RPMVERCMP(+a, +a, 0)
RPMVERCMP(+a, _a, 0)
RPMVERCMP(_a, +a, 0)
RPMVERCMP(+_, +_, 0)
RPMVERCMP(_+, +_, 0)
RPMVERCMP(_+, _+, 0)
RPMVERCMP(+, _, 0)
RPMVERCMP(_, +, 0)

dnl Basic testcases for tilde sorting
RPMVERCMP(1.0~rc1, 1.0~rc1, 0)
RPMVERCMP(1.0~rc1, 1.0, -1)
RPMVERCMP(1.0, 1.0~rc1, 1)
RPMVERCMP(1.0~rc1, 1.0~rc2, -1)
RPMVERCMP(1.0~rc2, 1.0~rc1, 1)
RPMVERCMP(1.0~rc1~git123, 1.0~rc1~git123, 0)
RPMVERCMP(1.0~rc1~git123, 1.0~rc1, -1)
RPMVERCMP(1.0~rc1, 1.0~rc1~git123, 1)

dnl Basic testcases for caret sorting
RPMVERCMP(1.0^, 1.0^, 0)
RPMVERCMP(1.0^, 1.0, 1)
RPMVERCMP(1.0, 1.0^, -1)
RPMVERCMP(1.0^git1, 1.0^git1, 0)
RPMVERCMP(1.0^git1, 1.0, 1)
RPMVERCMP(1.0, 1.0^git1, -1)
RPMVERCMP(1.0^git1, 1.0^git2, -1)
RPMVERCMP(1.0^git2, 1.0^git1, 1)
RPMVERCMP(1.0^git1, 1.01, -1)
RPMVERCMP(1.01, 1.0^git1, 1)
RPMVERCMP(1.0^20160101, 1.0^20160101, 0)
RPMVERCMP(1.0^20160101, 1.0.1, -1)
RPMVERCMP(1.0.1, 1.0^20160101, 1)
RPMVERCMP(1.0^20160101^git1, 1.0^20160101^git1, 0)
RPMVERCMP(1.0^20160102, 1.0^20160101^git1, 1)
RPMVERCMP(1.0^20160101^git1, 1.0^20160102, -1)

dnl Basic testcases for tilde and caret sorting
RPMVERCMP(1.0~rc1^git1, 1.0~rc1^git1, 0)
RPMVERCMP(1.0~rc1^git1, 1.0~rc1, 1)
RPMVERCMP(1.0~rc1, 1.0~rc1^git1, -1)
RPMVERCMP(1.0^git1~pre, 1.0^git1~pre, 0)
RPMVERCMP(1.0^git1, 1.0^git1~pre, 1)
RPMVERCMP(1.0^git1~pre, 1.0^git1, -1)
`;

/** `RPMVERCMP(a, b, r)` lines as order cases; anything else (blank lines, dnl comments) is skipped */
function fromAutotest(text: string): OrderCase[] {
  const cases: OrderCase[] = [];
  for (const line of text.split('\n')) {
    const m = /^RPMVERCMP\(([^,]*), ([^,]*), (-1|0|1)\)$/.exec(line.trim());
    if (m) cases.push([m[1]!, m[2]!, Number(m[3]) as -1 | 0 | 1]);
  }
  return cases;
}

export const rpmvercmpCases = fromAutotest(RPMVERCMP_AT);

/**
 * Full epoch:version-release strings, ordered by rpm's EVR rules (rpmverCmp: epoch, then
 * rpmvercmp on version, then on release); real RHEL/Fedora package EVRs where possible.
 */
const evrCases: OrderCase[] = [
  ['1:1.0-1', '2.0-1', 1],
  ['0:1.0-1', '1.0-1', 0],
  [':1.0-1', '0:1.0-1', 0],
  ['10:1.0-1', '9:2.0-1', 1],
  ['1.0-1', '1.0-2', -1],
  ['1.0-10', '1.0-9', 1],
  ['2.0-1', '1.0-10', 1],
  ['1.0-1.fc38', '1.0-1.fc39', -1],
  ['1.0-1.el8', '1.0-1.el8_1', -1],
  ['1.0~rc1-1', '1.0-1', -1],
  ['1.0^git1-1', '1.0-2', 1],
  ['1.1.1k-7.el8_6', '1.1.1k-12.el8_9', -1],
  ['2:1.1.1k-7.el8_6', '1:3.0.7-1.el9', 1],
  ['1:3.0.7-24.el9', '1:3.0.7-25.el9', -1],
  ['7.61.1-22.el8_6.4', '7.61.1-22.el8', 1],
  ['4.18.0-348.el8', '4.18.0-348.7.1.el8_5', -1],
  ['5.14.0-284.11.1.el9_2', '5.14.0-284.30.1.el9_2', -1],
  ['3.2.1-4.el9_2.1', '3.2.1-4.el9_2', 1],
  ['2.28-225.el9', '2.28-225.el9_3.1', -1],
  ['1.0-1', '1.0-1.0', -1],
  // A missing release is the empty release here (see rpm.ts), so it sorts before any release.
  ['1.0', '1.0-1', -1],
  ['1.0', '1.0-0', -1],
];

export const valid: readonly string[] = ['1.0', '1:1.0-1.el8', '1.0~rc1-1', '1.0^git1', '5.14.0-284.11.1.el9_2', '1.1.1k-7.el8_6', '2:1.1.1k-7.el8_6', '20230101-1'];
export const invalid: readonly string[] = ['', '1.0-', '-1', '1.0-1-2', 'a:1.0', '1.0 1', '1.0/1', ':1.0', '1:', '1.0-1:2', '1.0-1 '];

export const cases: readonly OrderCase[] = [...rpmvercmpCases, ...evrCases];
