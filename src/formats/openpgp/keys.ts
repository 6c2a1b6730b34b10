import { generateKey, readKey, type Key, type Subkey } from 'openpgp';
import { AppError, type Problem } from '../../domain/errors.js';
import { fail, ok, type Parsed } from '../result.js';

/**
 * OpenPGP keys for signing published documents (CSAF requirement 19: an ASCII-armored detached
 * signature beside each document). Consumers verify with gpg, and gpg 2.2/2.4 verify only v4 keys
 * with the classic algorithms: EdDSA over Ed25519 is "eddsaLegacy" (algorithm 22) in openpgp 6,
 * while its "curve25519" type makes RFC 9580 Ed25519 (algorithm 27), which gpg 2.2 cannot check.
 */

/** Armored keys larger than this are refused before parsing (a key with many certifications is still far smaller). */
export const MAX_KEY_CHARS = 1_000_000;

/** Signing algorithms gpg 2.2 verifies; the RFC 9580 ones (ed25519, ed448, post-quantum) it does not. */
const GPG_SIGNING_ALGORITHMS = new Set(['rsaEncryptSign', 'rsaSign', 'dsa', 'ecdsa', 'eddsaLegacy']);

export interface GeneratedKey {
  privateKeyArmored: string;
  publicKeyArmored: string;
  /** 40 hex digits, upper case as gpg prints it */
  fingerprint: string;
}

/** A v4 EdDSA/Ed25519 key that signs with its primary key and has no subkeys. */
export async function generateSigningKey(options: { name: string; email: string; passphrase?: string }): Promise<GeneratedKey> {
  try {
    const { privateKey, publicKey } = await generateKey({
      type: 'ecc',
      curve: 'ed25519Legacy',
      subkeys: [],
      userIDs: [{ name: options.name, email: options.email }],
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      format: 'armored',
      // openpgp 6 makes v6 keys when asked to; say v4 explicitly so a changed default cannot slip in
      config: { v6Keys: false },
    });
    const key = await readKey({ armoredKey: publicKey });
    return { privateKeyArmored: privateKey, publicKeyArmored: publicKey, fingerprint: fingerprintText(key) };
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', `cannot generate a signing key: ${message(err)}`, { cause: err });
  }
}

export interface SigningKeyInfo {
  fingerprint: string;
  /** the fingerprint of the (sub)key that makes signatures */
  signingFingerprint: string;
  version: number;
  /** e.g. eddsaLegacy/ed25519Legacy, rsaEncryptSign/4096 */
  algorithm: string;
  userIds: string[];
  created: Date;
  isPrivate: boolean;
}

/** Reads an armored key (public or private) and says whether gpg-verifiable signatures can be made with it. */
export async function readSigningKey(armored: string): Promise<Parsed<SigningKeyInfo>> {
  const read = await parseKey(armored);
  if (!read.ok) return read;
  const key = read.value;
  const problems: Problem[] = [];
  const version = key.keyPacket.version;
  if (version !== 4) problems.push({ message: `the key is version ${version}; gpg verifies only version 4 keys` });
  let signing: Key | Subkey | undefined;
  try {
    signing = await key.getSigningKey();
  } catch (err) {
    problems.push({ message: `the key cannot sign: ${message(err)}` });
  }
  const algo = signing?.getAlgorithmInfo();
  if (algo && !GPG_SIGNING_ALGORITHMS.has(algo.algorithm)) {
    problems.push({ message: `the signing algorithm ${algo.algorithm} (RFC 9580) cannot be verified by gpg 2.2; use EdDSA over Ed25519 (eddsaLegacy) in a v4 key` });
  }
  if (problems.length > 0 || !signing || !algo) return fail(problems);
  return ok({
    fingerprint: fingerprintText(key),
    signingFingerprint: fingerprintText(signing),
    version,
    algorithm: `${algo.algorithm}/${algo.curve ?? algo.bits ?? ''}`,
    userIds: key.getUserIDs(),
    created: key.getCreationTime(),
    isPrivate: key.isPrivate(),
  });
}

/** The primary key's fingerprint, whatever the key can do. */
export async function fingerprintOf(publicKeyArmored: string): Promise<Parsed<string>> {
  const read = await parseKey(publicKeyArmored);
  return read.ok ? ok(fingerprintText(read.value)) : read;
}

/** Shared by signing and verification: size-limited, never throws. */
export async function parseKey(armored: string): Promise<Parsed<Key>> {
  if (typeof armored !== 'string' || armored.length === 0) return fail([{ message: 'no key given' }]);
  if (armored.length > MAX_KEY_CHARS) return fail([{ message: `the key is larger than ${MAX_KEY_CHARS} characters`, code: 'PAYLOAD_TOO_LARGE' }]);
  try {
    return ok(await readKey({ armoredKey: armored }));
  } catch (err) {
    return fail([{ message: `not an armored OpenPGP key: ${message(err)}` }]);
  }
}

export const fingerprintText = (key: Key | Subkey): string => key.getFingerprint().toUpperCase();

export const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
