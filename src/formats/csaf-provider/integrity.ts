import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.js';

/**
 * The contents of a CSAF document's `.sha256` and `.sha512` files (CSAF 2.0 §7.1.18, requirement 18):
 * the file starts with the hex hash; optional data such as the file name follows after at least one
 * space. We write the `sha256sum` line, `<hex>  <name>\n`, so `sha256sum -c` checks it too.
 */
export function hashFiles(data: string | Uint8Array, fileName: string): { sha256: string; sha512: string } {
  // a name with a separator or whitespace would not round-trip through `sha256sum -c`; names are ours, so throw
  if (!/^[^\s/\\\p{Cc}]+$/u.test(fileName)) throw new AppError('VALIDATION_FAILED', `"${fileName}" is not a plain file name`);
  const line = (algorithm: 'sha256' | 'sha512') => `${createHash(algorithm).update(data).digest('hex')}  ${fileName}\n`;
  return { sha256: line('sha256'), sha512: line('sha512') };
}
