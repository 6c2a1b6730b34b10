import type { OrderCase } from './contract.testing.js';

export const source = "pacman test/util/vercmptest.sh (verbatim, each case also run mirrored as the script does); validity from libmakepkg lint_pkgbuild";

/**
 * pacman's own vercmp tests, verbatim from test/util/vercmptest.sh (pacman 7.x, `tap_plan 92`:
 * 46 cases, each also checked mirrored). Read from the msys2/devkitPro forks of pacman, which
 * carry the Arch file unchanged.
 */
export const VERCMPTEST_SH = `
# all similar length, no pkgrel
tap_runtest 1.5.0 1.5.0  0
tap_runtest 1.5.1 1.5.0  1

# mixed length
tap_runtest 1.5.1 1.5    1

# with pkgrel, simple
tap_runtest 1.5.0-1 1.5.0-1  0
tap_runtest 1.5.0-1 1.5.0-2 -1
tap_runtest 1.5.0-1 1.5.1-1 -1
tap_runtest 1.5.0-2 1.5.1-1 -1

# with pkgrel, mixed lengths
tap_runtest 1.5-1   1.5.1-1 -1
tap_runtest 1.5-2   1.5.1-1 -1
tap_runtest 1.5-2   1.5.1-2 -1

# mixed pkgrel inclusion
tap_runtest 1.5   1.5-1 0
tap_runtest 1.5-1 1.5   0
tap_runtest 1.1-1 1.1   0
tap_runtest 1.0-1 1.1  -1
tap_runtest 1.1-1 1.0   1

# alphanumeric versions
tap_runtest 1.5b-1  1.5-1  -1
tap_runtest 1.5b    1.5    -1
tap_runtest 1.5b-1  1.5    -1
tap_runtest 1.5b    1.5.1  -1

# from the manpage
tap_runtest 1.0a     1.0alpha -1
tap_runtest 1.0alpha 1.0b     -1
tap_runtest 1.0b     1.0beta  -1
tap_runtest 1.0beta  1.0rc    -1
tap_runtest 1.0rc    1.0      -1

# going crazy? alpha-dotted versions
tap_runtest 1.5.a    1.5     1
tap_runtest 1.5.b    1.5.a   1
tap_runtest 1.5.1    1.5.b   1

# alpha dots and dashes
tap_runtest 1.5.b-1  1.5.b   0
tap_runtest 1.5-1    1.5.b  -1

# same/similar content, differing separators
tap_runtest 2.0    2_0     0
tap_runtest 2.0_a  2_0.a   0
tap_runtest 2.0a   2.0.a  -1
tap_runtest 2___a  2_a     1

# epoch included version comparisons
tap_runtest 0:1.0    0:1.0   0
tap_runtest 0:1.0    0:1.1  -1
tap_runtest 1:1.0    0:1.0   1
tap_runtest 1:1.0    0:1.1   1
tap_runtest 1:1.0    2:1.1  -1

# epoch + sometimes present pkgrel
tap_runtest 1:1.0    0:1.0-1  1
tap_runtest 1:1.0-1  0:1.1-1  1

# epoch included on one version
tap_runtest 0:1.0    1.0   0
tap_runtest 0:1.0    1.1  -1
tap_runtest 0:1.1    1.0   1
tap_runtest 1:1.0    1.0   1
tap_runtest 1:1.0    1.1   1
tap_runtest 1:1.1    1.1   1
`;

export const vercmpCases: readonly OrderCase[] = VERCMPTEST_SH.split('\n')
  .filter((line) => line.startsWith('tap_runtest '))
  .map((line) => {
    const [, a = '', b = '', want = ''] = line.trim().split(/\s+/);
    return [a, b, Number(want) as -1 | 0 | 1];
  });

// tap_runtest also checks every case the other way round.
export const cases: readonly OrderCase[] = vercmpCases.flatMap(([a, b, want]): OrderCase[] => [[a, b, want], [b, a, (want === 0 ? 0 : -want) as -1 | 0 | 1]]);

/** makepkg's lint rules: epoch digits; pkgver non-empty ASCII without whitespace, `/`, `:`, `-`; pkgrel `integer[.integer]` */
export const valid: readonly string[] = ['1.5.0', '1.5.0-1', '1:1.0-1', '2___a', '1.0rc', '6.12.4.arch1-1', '20240101.r12.gabc1234-2', '1.2.3+git5-1.1', '0:1.0', '1.0_beta~2-3'];
export const invalid: readonly string[] = ['', '1.0-', '1.0-a', '1.0-1.', '1.0-1.2.3', '1:', 'a:1.0', '1.0:1', '1/0', '1.0 1', '1.0-1-2', 'é1', ':1.0', '1.0-1a'];
