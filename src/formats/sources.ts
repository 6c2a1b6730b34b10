import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Problem } from '../domain/errors.js';

export interface SourceLimits {
  /** largest single file or archive entry read, in bytes */
  maxFileBytes: number;
  /** most entries an archive may list (checked before any is read) */
  maxZipEntries: number;
  /** most bytes the data entries of one archive may expand to */
  maxZipBytes: number;
}

export type Source = { name: string; text: string } | { name: string; problem: Problem };
export type SourceFormat = 'osv' | 'cve5' | 'kev' | 'epss';

const DATA_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.csv']);
const NOT_DATA = /^(license|licence|readme|copying|notice)$/i;
const SNIFF_BYTES = 4096;

/**
 * Every input document under the given paths: files, directories (walked recursively in name order)
 * and zip archives (an OSV bulk export). Anything unreadable or over a limit becomes a problem in the
 * stream, so one bad file never stops an import.
 *
 * Plain files are read with synchronous calls: imports run this on a worker thread of their own,
 * where a blocking read costs nothing and is several times cheaper per file than four thread-pool
 * round trips.
 */
export async function* readSources(paths: string[], limits: SourceLimits): AsyncGenerator<Source> {
  const visited = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = statSync(path);
    } catch (err) {
      yield problem(path, `cannot read: ${reason(err)}`);
      continue;
    }
    if (info.isDirectory()) yield* readDirectory(path, limits, visited);
    else if (!info.isFile()) yield problem(path, 'not a regular file');
    else yield* readPlainOrZip(path, info.size, limits);
  }
}

async function* readDirectory(dir: string, limits: SourceLimits, visited: Set<string>): AsyncGenerator<Source> {
  let entries;
  try {
    // Symbolic links may loop back; each real directory is walked once.
    const real = realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    yield problem(dir, `cannot read directory: ${reason(err)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    // Directories, links (whose target decides) and data files are worth a stat; sockets and the like are not.
    if (entry.isFile() ? !isWanted(entry.name) : !entry.isDirectory() && !entry.isSymbolicLink()) continue;
    let info;
    try {
      info = statSync(path);
    } catch (err) {
      yield problem(path, `cannot read: ${reason(err)}`);
      continue;
    }
    if (info.isDirectory()) yield* readDirectory(path, limits, visited);
    else if (info.isFile() && isWanted(entry.name)) yield* readPlainOrZip(path, info.size, limits);
  }
}

function isWanted(name: string): boolean {
  const ext = extname(name).toLowerCase();
  if (NOT_DATA.test(basename(name, extname(name)))) return false;
  return DATA_EXTENSIONS.has(ext) || ext === '.zip';
}

async function* readPlainOrZip(path: string, size: number, limits: SourceLimits): AsyncGenerator<Source> {
  if (extname(path).toLowerCase() === '.zip') {
    yield* readZip(path, limits);
    return;
  }
  if (size > limits.maxFileBytes) {
    yield problem(path, tooLarge(size, limits.maxFileBytes));
    return;
  }
  try {
    const bytes = readFileSync(path);
    // The file may have grown since stat.
    yield bytes.length > limits.maxFileBytes ? problem(path, tooLarge(bytes.length, limits.maxFileBytes)) : decoded(path, bytes);
  } catch (err) {
    yield problem(path, `cannot read: ${reason(err)}`);
  }
}

/**
 * Reads every .json entry of an archive. The central directory is read in full first, so an archive
 * whose entry count or declared expanded size is over the limit yields one problem and nothing else;
 * yauzl checks each entry's real size against its declared one while inflating.
 */
async function* readZip(path: string, limits: SourceLimits): AsyncGenerator<Source> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (err) {
    yield problem(path, `not a readable zip archive: ${reason(err)}`);
    return;
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      yield problem(path, `archive lists ${zip.entryCount} entries; the limit is ${limits.maxZipEntries}`);
      return;
    }
    const wanted: Entry[] = [];
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        if (!isDataEntry(entry.fileName)) continue;
        wanted.push(entry);
        declared += entry.uncompressedSize;
      }
    } catch (err) {
      yield problem(path, `not a readable zip archive: ${reason(err)}`);
      return;
    }
    if (declared > limits.maxZipBytes) {
      yield problem(path, `archive expands to ${declared} bytes; the limit is ${limits.maxZipBytes}`);
      return;
    }
    for (const entry of wanted) {
      const name = `${path}:${entry.fileName}`;
      if (entry.uncompressedSize > limits.maxFileBytes) {
        yield problem(name, tooLarge(entry.uncompressedSize, limits.maxFileBytes));
        continue;
      }
      try {
        yield decoded(name, await readEntry(zip, entry, limits.maxFileBytes));
      } catch (err) {
        yield problem(name, `cannot extract: ${reason(err)}`);
      }
    }
  } finally {
    zip.close();
  }
}

/** OSV exports hold one record per .json entry; directories and dot-files (macOS metadata) are not data. */
function isDataEntry(fileName: string): boolean {
  if (fileName.endsWith('/') || !fileName.toLowerCase().endsWith('.json')) return false;
  return !fileName.split('/').some((segment) => segment.startsWith('.') || segment === '__MACOSX');
}

async function readEntry(zip: ZipFile, entry: Entry, max: number): Promise<Buffer> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > max) {
      stream.destroy();
      throw new Error(tooLarge(size, max));
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decoded(name: string, bytes: Uint8Array): Source {
  try {
    return { name, text: utf8.decode(bytes) };
  } catch {
    return problem(name, 'not valid UTF-8 text');
  }
}

function problem(name: string, message: string): Source {
  return { name, problem: { message, file: name } };
}

function tooLarge(size: number, max: number): string {
  return `${size} bytes is over the limit of ${max} bytes`;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Guesses a document's format from its name and first few kilobytes. Markers are matched with their
 * quotes, which JSON escapes inside strings, so text quoted in a description cannot fake them.
 */
export function detectFormat(name: string, text: string): SourceFormat | null {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return 'epss';
  if (ext === '.yaml' || ext === '.yml') return 'osv';
  const head = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  if (looksLikeEpss(head)) return 'epss';
  // Key order is the writer's choice: a record that puts a large object first hides its markers past the head.
  return jsonFormat(head) ?? (head.length < text.length && /^\uFEFF?\s*[[{]/.test(head) ? jsonFormat(text) : null);
}

function looksLikeEpss(head: string): boolean {
  for (const raw of head.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    return /^CVE-\d{4}-\d+;/i.test(line) || /^cve,epss\b/i.test(line);
  }
  return false;
}

function jsonFormat(text: string): SourceFormat | null {
  if (text.includes('"catalogVersion"') && text.includes('"vulnerabilities"')) return 'kev';
  if (/"dataType"\s*:\s*"CVE_RECORD"/.test(text) || text.includes('"cveMetadata"')) return 'cve5';
  // An object, or an array of them (one batch).
  if (/^\uFEFF?\s*(\[\s*)?\{/.test(text) && text.includes('"id"') && text.includes('"modified"')) return 'osv';
  return null;
}
