export type { Comparator, Constraint, Vers, VersResult } from './types.js';
export { parseVers } from './parse.js';
export { normalize, parseAndNormalize, parseCanonicalVers, sortConstraints, toString } from './canonical.js';
export { versContains } from './contains.js';
export { NATIVE_SCHEMES, versFromNative } from './native.js';
export { schemeFor } from './schemes.js';
