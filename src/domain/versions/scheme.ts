/**
 * A version ordering of one ecosystem, exactly as that ecosystem's own tool orders versions
 * (node-semver for npm, `packaging` for PyPI, `dpkg --compare-versions` for Debian, …).
 * One file per scheme in this folder; every scheme passes the contract suite in contract.testing.ts.
 */
export interface VersionScheme {
  /** the scheme's name as vers uses it: npm, pypi, maven, golang, cargo, gem, nuget, composer, deb, apk, rpm, hex, pub, generic */
  readonly name: string;
  /** whether `version` is a version this ecosystem's tool accepts */
  isValid(version: string): boolean;
  /**
   * Negative when a < b, zero when they are equal versions (not necessarily equal strings,
   * e.g. `1.0` and `1.0.0` in Maven), positive when a > b. Never throws: a scheme documents
   * how it orders strings its tool rejects, so ranges over dirty data still evaluate.
   */
  compare(a: string, b: string): number;
}
