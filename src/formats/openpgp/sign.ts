import { createMessage, decryptKey, readPrivateKey, readSignature, sign, verify, type PrivateKey } from 'openpgp';
import { AppError, formatProblem } from '../../domain/errors.js';
import { fingerprintText, message, parseKey, readSigningKey } from './keys.js';

/** An armored detached signature over one document is a few hundred characters; refuse far larger input unparsed. */
export const MAX_SIGNATURE_CHARS = 64_000;

/** Signs data with one unlocked key (openSigner): the key is read, checked and decrypted once. */
export type Signer = (data: string | Uint8Array) => Promise<string>;

/**
 * A signer making ASCII-armored detached signatures over the exact bytes (a string is signed as its
 * UTF-8 bytes, in binary mode: no line-ending canonicalization, so `gpg --verify sig file` checks the
 * file as served). The key is ours (configuration), so a key that cannot make gpg-verifiable
 * signatures, or cannot be unlocked, is an error, thrown here rather than at the first signature.
 */
export async function openSigner(privateKeyArmored: string, passphrase?: string): Promise<Signer> {
  const checked = await readSigningKey(privateKeyArmored);
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', `unusable signing key: ${checked.problems.map(formatProblem).join('; ')}`, { problems: checked.problems });
  if (!checked.value.isPrivate) throw new AppError('VALIDATION_FAILED', 'signing needs the private key; a public key was given');
  let key: PrivateKey = await readPrivateKey({ armoredKey: privateKeyArmored });
  if (!key.isDecrypted()) {
    if (!passphrase) throw new AppError('VALIDATION_FAILED', 'the signing key is protected by a passphrase and none was given');
    try {
      key = await decryptKey({ privateKey: key, passphrase });
    } catch (err) {
      throw new AppError('VALIDATION_FAILED', `cannot unlock the signing key: ${message(err)}`, { cause: err });
    }
  }
  const unlocked = key;
  return async (data) => {
    // typed through @openpgp/web-stream-tools' stream types, which resolve to any here: check the shape
    const armored: unknown = await sign({ message: await createMessage({ binary: toBytes(data) }), signingKeys: unlocked, detached: true, format: 'armored' });
    if (typeof armored !== 'string') throw new AppError('INTERNAL', 'openpgp returned a non-text signature');
    return armored;
  };
}

/** One detached signature (openSigner for many). */
export async function signDetached(data: string | Uint8Array, privateKeyArmored: string, passphrase?: string): Promise<string> {
  return (await openSigner(privateKeyArmored, passphrase))(data);
}

export interface Verification {
  valid: boolean;
  /**
   * valid: the verifying key's primary fingerprint. Invalid: the signer the signature names
   * (issuer fingerprint, else its 16-digit key ID) when it could be read, else null.
   */
  fingerprint: string | null;
  /** why it is not valid */
  error?: string;
}

/** Checks a detached signature against one public key; any failure is a result, never an exception. */
export async function verifyDetached(data: string | Uint8Array, signatureArmored: string, publicKeyArmored: string): Promise<Verification> {
  const invalid = (error: string, fingerprint: string | null = null): Verification => ({ valid: false, fingerprint, error });
  if (typeof signatureArmored !== 'string' || signatureArmored.length === 0) return invalid('no signature given');
  if (signatureArmored.length > MAX_SIGNATURE_CHARS) return invalid(`the signature is larger than ${MAX_SIGNATURE_CHARS} characters`);
  const key = await parseKey(publicKeyArmored);
  if (!key.ok) return invalid(key.problems.map(formatProblem).join('; '));
  try {
    const signature = await readSignature({ armoredSignature: signatureArmored });
    const packet = signature.packets[0];
    const signer = packet?.issuerFingerprint ? Buffer.from(packet.issuerFingerprint).toString('hex').toUpperCase() : (packet?.issuerKeyID.toHex().toUpperCase() ?? null);
    const result = await verify({ message: await createMessage({ binary: toBytes(data) }), signature, verificationKeys: key.value, format: 'binary' });
    let error = 'the signature holds no signature packet';
    for (const one of result.signatures) {
      try {
        await one.verified;
        return { valid: true, fingerprint: fingerprintText(key.value) };
      } catch (err) {
        error = `the signature does not verify: ${message(err)}`;
      }
    }
    return invalid(error, signer);
  } catch (err) {
    return invalid(`not an armored OpenPGP signature: ${message(err)}`);
  }
}

const toBytes = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? new TextEncoder().encode(data) : data);
