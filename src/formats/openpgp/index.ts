export { generateSigningKey, readSigningKey, fingerprintOf, MAX_KEY_CHARS, type GeneratedKey, type SigningKeyInfo } from './keys.js';
export { signDetached, verifyDetached, MAX_SIGNATURE_CHARS, type Verification } from './sign.js';
