import type { OrderCase } from './contract.testing.js';

export const source = 'rubygems/rubygems test/rubygems/test_gem_version.rb (Gem::Version#<=>)';

// rubygems/rubygems test/rubygems/test_gem_version.rb, as [a, b, a <=> b].
export const cases: readonly OrderCase[] = [
  // test_spaceship
  ['1.0', '1.0.0', 0], ['1.0', '1.0.a', 1], ['1.8.2', '0.0.0', 1], ['1.8.2', '1.8.2.a', 1], ['1.8.2.b', '1.8.2.a', 1],
  ['1.8.2.a', '1.8.2', -1], ['1.8.2.a10', '1.8.2.a9', 1], ['', '0', 0], ['0.beta.1', '0.0.beta.1', 0], ['0.0.beta', '0.0.beta.1', -1],
  ['0.0.beta', '0.beta.1', -1], ['5.a', '5.0.0.rc2', -1], ['5.x', '5.0.0.rc2', 1],
  // test_semver (assert_less_than)
  ['1.0.0-alpha', '1.0.0-alpha.1', -1], ['1.0.0-alpha.1', '1.0.0-beta.2', -1], ['1.0.0-beta.2', '1.0.0-beta.11', -1],
  ['1.0.0-beta.11', '1.0.0-rc.1', -1], ['1.0.0-rc1', '1.0.0', -1], ['1.0.0-1', '1', -1],
  // test_frozen_version
  ['1.freeze.test', '1', -1],
  // test_equals2, test_eql_eh (eql? differs, <=> does not), test_hash, test_initialize
  ['1.2', '1.2', 0], ['1.2', '1.3', -1], ['1.2.b1', '1.2.b.1', 0], ['1.2', '1.2.0', 0], ['1.2.pre.1', '1.2.0.pre.1.0', 0],
  ['1.0', '1.0 ', 0], ['1.0', ' 1.0 ', 0], ['1.0', '1.0\n', 0], ['1.0', '\n1.0\n', 0], ['1', '1.0', 0],
  // test_release: a prerelease is below its release
  ['1.2.0.a', '1.2.0', -1], ['1.1.rc10', '1.1', -1], ['1.9.3.alpha.5', '1.9.3', -1],
  // test_bump: the bumped version is above the original
  ['5.2.4', '5.3', -1], ['5.2.4.a', '5.3', -1], ['5.2.4.a10', '5.3', -1], ['5.0.0', '5.1', -1], ['5', '6', -1],
  // test_canonical_segments: 1.2.3-1 is 1.2.3.pre.1, 1.0.0.a.1.0 is 1.a.1
  ['1.2.3-1', '1.2.3.pre.1', 0], ['1.0.0.a.1.0', '1.a.1', 0], ['1.0.0', '1', 0],
  // test_prerelease: letters anywhere make a prerelease, below the release
  ['1.2.d.42', '1.2', -1], ['22.1.50.0.d', '22.1.50.0', -1], ['1.A', '1', -1], ['1-a', '1', -1], ['2.9.b', '2.9', -1],
  // test_empty_version
  ['   ', '0', 0], [' ', '0', 0],
];

export const valid: readonly string[] = ['5.1', '1.0 ', '', '1-1', '1.A', '1.2.d.42'];

// test_initialize_invalid, test_class_correct
export const invalid: readonly string[] = ['junk', '1.0\n2.0', '1..2', '1.2 3.4', '2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.', 'an incorrect version'];
