export { generateSigningKey, readSigningKey, fingerprintOf, MAX_KEY_CHARS, type GeneratedKey, type SigningKeyInfo } from './keys.js';
export { openSigner, signDetached, verifyDetached, MAX_SIGNATURE_CHARS, type Signer, type Verification } from './sign.js';
