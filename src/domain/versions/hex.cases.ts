import type { OrderCase } from './contract.testing.js';

export const source = 'elixir-lang/elixir lib/elixir/test/elixir/version_test.exs (compare, match, parse) and the Version.compare docs';

export const cases: readonly OrderCase[] = [
  // elixir-lang/elixir lib/elixir/test/elixir/version_test.exs, test "compare"
  ['1.0.1', '1.0.0', 1],
  ['1.1.0', '1.0.1', 1],
  ['2.1.1', '1.2.2', 1],
  ['1.0.0', '1.0.0-dev', 1],
  ['1.2.3-dev', '0.1.2', 1],
  ['1.0.0-a.b', '1.0.0-a', 1],
  ['1.0.0-b', '1.0.0-a.b', 1],
  ['1.0.0-a', '1.0.0-0', 1],
  ['1.0.0-a.b', '1.0.0-a.a', 1],
  ['1.0.0', '1.0.1', -1],
  ['1.0.1', '1.1.0', -1],
  ['1.2.2', '2.1.1', -1],
  ['1.0.0-dev', '1.0.0', -1],
  ['0.1.2', '1.2.3-dev', -1],
  ['1.0.0-a', '1.0.0-a.b', -1],
  ['1.0.0-a.b', '1.0.0-b', -1],
  ['1.0.0-0', '1.0.0-a', -1],
  ['1.0.0-a.a', '1.0.0-a.b', -1],
  ['1.0.0', '1.0.0', 0],
  ['1.0.0-dev', '1.0.0-dev', 0],
  ['1.0.0-a', '1.0.0-a', 0],
  // Version.compare doc examples
  ['2.0.1-alpha1', '2.0.0', 1],
  ['1.0.0-beta', '1.0.0-rc1', -1],
  ['1.0.0-10', '1.0.0-2', 1],
  ['2.0.1+build0', '2.0.1', 0],
  // the ">", "<", "==", "and" match tests, read as comparisons
  ['2.4.0', '2.3.0', 1],
  ['2.2.0', '2.3.0', -1],
  ['1.2.3', '1.2.3-alpha', 1],
  ['1.2.3-alpha.1', '1.2.3-alpha', 1],
  ['1.2.3-alpha.beta.sigma', '1.2.3-alpha.beta', 1],
  ['1.2.3-alpha.10', '1.2.3-alpha.1', 1],
  ['0.10.2-dev', '0.10.2', -1],
  ['0.9.3', '0.9.3+dev', 0],
  ['0.9.3', '0.9.0', 1],
  ['0.10.2', '0.10.0', 1],
  ['0.10.0', '0.9.3', 1],
  // parse test: a hyphen inside a prerelease identifier, numeric and word identifiers mixed
  ['1.4.5-6-g3318bd5', '1.4.5-6.7.eight', 1],
  ['1.4.5-6-g3318bd5+ignore', '1.4.5-6-g3318bd5', 0],
  ['1.4.5+ignore', '1.4.5-6.7.eight', 1],
  // Elixir integers are unbounded
  ['99999999999999999999.0.0', '99999999999999999998.0.0', 1],
  // Version.compare raises on these; here invalid sorts below valid, by code units among themselves
  ['1.0', '1.0.0', -1],
  ['1.0', '0.0.0-0', -1],
  ['foo', '1.0.0-a', -1],
  ['1.0', 'foo', -1],
];

export const valid: readonly string[] = ['1.2.3', '1.4.5+ignore', '1.4.5-6-g3318bd5', '1.4.5-6.7.eight', '1.4.5-6-g3318bd5+ignore', '1.0.0-dev+lol', '1.0.0+05'];

// parse test errors, plus forms Elixir's parser rejects (leading zeros, `v`, empty identifiers)
export const invalid: readonly string[] = ['foobar', '2.3', '2', '2.3.0-01', '1.0', '01.0.0', '1.00.0', 'v1.0.0', '1.0.0-', '1.0.0+', '1.0.0-a..b', '1.2.3.4', '1.0.0-a_b', ''];
