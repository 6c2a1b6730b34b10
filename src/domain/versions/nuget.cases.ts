import type { OrderCase } from './contract.testing.js';

export const source = 'NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test (VersionComparerTests, NuGetVersionTest, SemVer201SpecTests)';

// NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test.
export const cases: readonly OrderCase[] = [
  // VersionComparerTests.VersionComparisonDefaultEqual
  ['1.0.0', '1.0.0', 0], ['1.0.0-BETA', '1.0.0-beta', 0], ['1.0.0-BETA+AA', '1.0.0-beta+aa', 0],
  ['1.0.0-BETA.X.y.5.77.0+AA', '1.0.0-beta.x.y.5.77.0+aa', 0],
  // VersionComparerTests.VersionComparisonDefaultLess
  ['0.0.0', '1.0.0', -1], ['1.0.0', '1.1.0', -1], ['1.0.0', '1.0.1', -1], ['1.999.9999', '2.1.1', -1], ['1.0.0-BETA', '1.0.0-beta2', -1],
  ['1.0.0-beta+AA', '1.0.0+aa', -1], ['1.0.0-BETA', '1.0.0-beta.1+AA', -1], ['1.0.0-BETA.X.y.5.77.0+AA', '1.0.0-beta.x.y.5.79.0+aa', -1],
  ['1.0.0-BETA.X.y.5.79.0+AA', '1.0.0-beta.x.y.5.790.0+abc', -1],
  // VersionComparerTests.VersionComparisonDefaultNotEqual (signs from the Less theory above)
  ['1.1.0', '1.0.0', 1], ['1.0.1', '1.0.0', 1], ['1.0.0+AA', '1.0.0-beta+aa', 1], ['1.0.0-BETA+AA', '1.0.0-beta', 0],
  // NuGetVersionTest.SemVerLessThanAndGreaterThanOperatorsWorks
  ['1.0', '1.0.1', -1], ['1.23', '1.231', -1], ['1.4.5.6', '1.45.6', -1], ['1.4.5.6', '1.4.5.60', -1], ['1.01', '1.10', -1],
  ['1.01-alpha', '1.10-beta', -1], ['1.01.0-RC-1', '1.10.0-rc-2', -1], ['1.01-RC-1', '1.01', -1], ['1.01', '1.2-preview', -1],
  // NuGetVersionTest.SemVerEqualsOperatorWorks, EqualsIsTrueForEmptyRevision
  ['1.0', '1.0.0.0', 0], ['1.23.01', '1.23.1', 0], ['1.45.6', '1.45.6.0', 0], ['1.45.6-Alpha', '1.45.6-Alpha', 0],
  ['1.6.2-BeTa', '1.6.02-beta', 0], ['22.3.07     ', '22.3.07', 0], ['1.0', '1.0.0.0+beta', 0], ['1.0.0.0+beta.2', '1.0.0.0+beta.1', 0],
  ['1.0.0.0', '1.0.0', 0],
  // ParseReadsLegacyStyleVersionNumbers, ParseIgnoresLeadingAndTrailingWhitespace, VersionLength, whitespace parts
  ['1.022', '1.22.0.0', 0], ['23.2.3', '23.2.3.0', 0], ['  1.022-Beta', '1.22.0.0-Beta', 0], ['23.2.3-Alpha  ', '23.2.3-alpha', 0],
  ['2', '2.0.0', 0], ['2.0', '2.0.0.0', 0], ['   19.   19', '19.19', 0], ['19   .19   .19   .19   ', '19.19.19.19', 0],
  ['1.3.42.10133-PreRelease', '1.3.42.10133', -1], ['1.3.42.200930-RC-2', '1.3.42.200930', -1], ['1.0.0009.01-1.1+A', '1.0.9.1-1.1', 0],
  // SemVer201SpecTests: SemVerSortVersion, SortRelease, SortReleaseNumeric, SortReleaseAlpha, SortNumericAlpha,
  // SortReleaseLabelCount, SortIgnoreReleaseCasing
  ['1.2.3', '1.2.4', -1], ['1.2.3', '2.0.0', -1], ['9.9.9', '10.1.1', -1], ['1.2.3-alpha', '1.2.3', -1], ['1.2.3-2', '1.2.3-3', -1],
  ['1.2.3-1.9', '1.2.3-1.50', -1], ['1.2.3-2A', '1.2.3-3A', -1], ['1.2.3-1.50A', '1.2.3-1.9A', -1], ['1.2.3-999999', '1.2.3-Z', -1],
  ['1.2.3-A.999999', '1.2.3-A.56-2', -1], ['1.2.3-a', '1.2.3-a.2', -1], ['1.2.3-a.2.3.4', '1.2.3-a.2.3.4.5', -1],
  ['1.2.3-a', '1.2.3-A', 0], ['1.2.3-A-b2-C', '1.2.3-a-B2-c', 0],
];

// NuGetVersionParseStrict, FullVersionParsing, NuGetVersionKeepsOriginalVersionString
export const valid: readonly string[] = [
  '1.0.0', '0.0.1', '1.2.3-alpha', '1.2.3-X.y.3+Meta-2', '1.2.3-X.yZ.3.234.243.3242342+METADATA', '1.2.3-X.y3+0', '1.2.3-X+0', '1.2.3+0',
  '1.2.3-0', '1.0.0-RC.X.35.A.3455+Meta-A-B-C', '1.3.2-CTP-2-Refresh-Alpha', '01.42.0-alpha+metadata', '   19.   19.   19',
  // SemVer201SpecTests valid labels and metadata (NuGetVersion is laxer than SemanticVersion on the numbers)
  '0.1.2--', '0.1.2--B2.-.C.-A0-', '0.1.2-2.A.02-', '0.1.2+203-49244.23-3.34-4.0-.-.-', '0.1.2----+----', '0.1.2+000000',
];

// ParseThrowsIfStringIsNotAValidSemVer (a selection)
export const invalid: readonly string[] = [
  '', '         ', '1beta', '1.2Av^c', '1.2..', '1.2.3.4.5', '1.2.3.Beta', 'So.is.this', '1.34.2Alpha', '1.4.7-', '1.4.7-*', '1.4.7+*',
  '1.4.7-AA.01^', '1.4.7-A^A', '1.2147483648', '1.1.1.2147483648', '10000000000000000000', '1..2', '....', '..1', '-1.1.1.1',
  '1.-1.1.1', '1.', '1.1.1.1.', '1     1.1.1.1', '1. .1.1', '1.1.1. ', '1 .', '2147483648.2.3.4', '   1 9', '19   .19   .1 9   ',
  // SemVer201SpecTests invalid labels and metadata
  '0.1.2-Alpha..2', '0.1.2-.AA', '0.1.2-alp=ha', '0.1.2-a&444', '0.1.2-02', '0.1.2-2.A.02', '0.1.2+ÄÄ', '0.1.2+2+A', '0.1.2+02..A', '0.1.2+',
];
