import type { VersionScheme } from './scheme.js';
import { compareOrInvalid, compareSemVer, parseSemVer, type SemVer } from './semver-family.js';
import { memoParse } from './memo.js';

/**
 * OSV's Go records drop the `v` (`0.17.0`) while the go command and proxy always write it, so a
 * missing `v` is read as present: `0.17.0` and `v0.17.0` are the same version.
 */
const parse = memoParse((text: string): SemVer | undefined => parseSemVer(text.startsWith('v') ? text : `v${text}`, { vPrefix: 'required', shortForms: true }));

/**
 * Go modules, as golang.org/x/mod/semver orders them: `v1` and `v1.2` mean `v1.0.0` and `v1.2.0`;
 * pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`) are ordinary prereleases; `+incompatible`
 * is build metadata and ignored. Numbers have no size limit. Invalid strings sort below every valid
 * version (as in x/mod) and, unlike x/mod which calls them all equal, by code units among themselves.
 */
export const golangScheme: VersionScheme = {
  name: 'golang',
  isValid: (version) => parse(version) !== undefined,
  compare: (a, b) => compareOrInvalid(a, b, parse, compareSemVer),
};
