import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../test/db.js';
import { detectFormat, readSources, type Source, type SourceLimits } from './sources.js';

const LIMITS: SourceLimits = { maxFileBytes: 1_000, maxZipEntries: 10, maxZipBytes: 5_000 };
const root = mkdtempSync(join(tmpdir(), 'aicc-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
function tempDir(): string {
  const dir = join(root, `t${++counter}`);
  mkdirSync(dir);
  return dir;
}

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

async function collect(paths: string[], limits = LIMITS): Promise<Source[]> {
  const out: Source[] = [];
  for await (const s of readSources(paths, limits)) out.push(s);
  return out;
}

const summary = (sources: Source[]): string[] => sources.map((s) => ('text' in s ? `${s.name} = ${s.text}` : `${s.name} ! ${s.problem.message}`));

interface ZipEntry {
  name: string;
  data: string | Buffer;
  deflate?: boolean;
  /** what the headers claim the entry expands to, when the test wants them to lie */
  claimedSize?: number;
}

/** A minimal zip writer (stored or deflated entries, no zip64), enough to build hostile archives. */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const size = e.claimedSize ?? raw.length;
    const fields = (h: Buffer, at: number): void => {
      h.writeUInt16LE(20, at);
      h.writeUInt16LE(0, at + 2);
      h.writeUInt16LE(e.deflate ? 8 : 0, at + 4);
      h.writeUInt16LE(0, at + 6);
      h.writeUInt16LE(33, at + 8);
      h.writeUInt32LE(crc32(raw), at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
      h.writeUInt16LE(0, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('reading sources from files and directories', () => {
  it('walks directories in name order, keeping only data files', async () => {
    const dir = tempDir();
    write(dir, {
      'b.json': 'B', 'a.yaml': 'A', 'c/d.yml': 'D', 'c/e.csv': 'E',
      '.hidden.json': 'no', '.git/x.json': 'no', 'LICENSE': 'no', 'README.md': 'no', 'README.json': 'no', 'notes.txt': 'no',
    });
    expect(summary(await collect([dir]))).toEqual([`${dir}/a.yaml = A`, `${dir}/b.json = B`, `${dir}/c/d.yml = D`, `${dir}/c/e.csv = E`]);
  });

  it('reads a file named explicitly whatever its extension', async () => {
    const dir = tempDir();
    write(dir, { 'scores.txt': 'CVE-2020-0001;0.1;0.2' });
    expect(summary(await collect([join(dir, 'scores.txt')]))).toEqual([`${dir}/scores.txt = CVE-2020-0001;0.1;0.2`]);
  });

  it('walks a linked directory once, even when links loop', async () => {
    const dir = tempDir();
    write(dir, { 'real/a.json': 'A' });
    symlinkSync(join(dir, 'real'), join(dir, 'z-link'));
    symlinkSync(dir, join(dir, 'real', 'loop'));
    expect(summary(await collect([dir]))).toEqual([`${dir}/real/a.json = A`]);
  });

  it('reports a missing path, an oversized file and bad UTF-8, and carries on', async () => {
    const dir = tempDir();
    write(dir, { 'a.json': 'x'.repeat(1_001), 'b.json': Buffer.from([0x7b, 0xff, 0x7d]), 'c.json': 'C' });
    expect(summary(await collect([join(dir, 'missing.json'), dir]))).toEqual([
      expect.stringMatching(/missing\.json ! cannot read: ENOENT/) as unknown,
      `${dir}/a.json ! 1001 bytes is over the limit of 1000 bytes`,
      `${dir}/b.json ! not valid UTF-8 text`,
      `${dir}/c.json = C`,
    ]);
  });
});

describe('reading sources from zip archives', () => {
  it('yields every .json entry, named archive:entry', async () => {
    const dir = tempDir();
    write(dir, {
      'all.zip': zipOf([
        { name: 'GO-1.json', data: '{"id":"GO-1"}' },
        { name: 'sub/', data: '' },
        { name: 'sub/GO-2.json', data: '{"id":"GO-2"}', deflate: true },
        { name: 'notes.txt', data: 'no' },
        { name: '__MACOSX/._GO-1.json', data: 'no' },
      ]),
    });
    expect(summary(await collect([dir]))).toEqual([`${dir}/all.zip:GO-1.json = {"id":"GO-1"}`, `${dir}/all.zip:sub/GO-2.json = {"id":"GO-2"}`]);
  });

  it('refuses an archive listing more entries than allowed, before reading any', async () => {
    const dir = tempDir();
    const zip = join(dir, 'many.zip');
    writeFileSync(zip, zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.json`, data: '{}' }))));
    expect(summary(await collect([zip]))).toEqual([`${zip} ! archive lists 11 entries; the limit is 10`]);
  });

  it('refuses an archive that expands past the total limit, before reading any', async () => {
    const dir = tempDir();
    const zip = join(dir, 'bomb.zip');
    const zeros = Buffer.alloc(900, 0x20);
    writeFileSync(zip, zipOf(Array.from({ length: 6 }, (_, i) => ({ name: `${i}.json`, data: zeros, deflate: true }))));
    expect(summary(await collect([zip]))).toEqual([`${zip} ! archive expands to 5400 bytes; the limit is 5000`]);
  });

  it('reports an entry over the file limit and still reads the others', async () => {
    const dir = tempDir();
    const zip = join(dir, 'mixed.zip');
    writeFileSync(zip, zipOf([{ name: 'big.json', data: 'x'.repeat(1_001), deflate: true }, { name: 'ok.json', data: '{}' }]));
    expect(summary(await collect([zip]))).toEqual([`${zip}:big.json ! 1001 bytes is over the limit of 1000 bytes`, `${zip}:ok.json = {}`]);
  });

  it('stops an entry whose headers understate what it expands to', async () => {
    const dir = tempDir();
    const zip = join(dir, 'liar.zip');
    writeFileSync(zip, zipOf([{ name: 'liar.json', data: Buffer.alloc(50_000, 0x20), deflate: true, claimedSize: 10 }]));
    const [only, ...rest] = await collect([zip]);
    expect(rest).toEqual([]);
    expect(only && 'problem' in only && only.problem.message).toMatch(/^cannot extract: /);
  });

  it('reports a file that is not a zip archive', async () => {
    const dir = tempDir();
    const zip = join(dir, 'fake.zip');
    writeFileSync(zip, 'not a zip');
    expect(summary(await collect([zip]))).toEqual([expect.stringMatching(/fake\.zip ! not a readable zip archive: /) as unknown]);
  });
});

describe('detecting a source format', () => {
  it.each([
    ['scores.csv', 'anything', 'epss'],
    ['scores', '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n', 'epss'],
    ['scores.txt', 'CVE-1999-1593;0.18;0.96\n', 'epss'],
    ['kev.json', '{"title":"CISA","catalogVersion":"2025.08.25","count":1,"vulnerabilities":[]}', 'kev'],
    ['CVE-2024-1.json', '{\n  "dataType": "CVE_RECORD",\n  "containers": {}\n}', 'cve5'],
    ['GO-2020-0001.json', '{"schema_version":"1.3.1","id":"GO-2020-0001","modified":"2024-01-01T00:00:00Z"}', 'osv'],
    ['PYSEC-2020-1.yaml', 'id: PYSEC-2020-1\n', 'osv'],
    ['other.json', '{"hello":"world"}', null],
    ['osv-ish.json', '{"details":"mentions \\"cveMetadata\\" in prose","id":"GHSA-1","modified":"2024-01-01T00:00:00Z"}', 'osv'],
  ] as const)('takes %s for %s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format);
  });

  it('finds CVE record markers placed after a large first key', () => {
    const text = `{"containers":{"cna":{"descriptions":[{"value":"${'x'.repeat(10_000)}"}]}},"cveMetadata":{"cveId":"CVE-2024-1"},"dataType":"CVE_RECORD"}`;
    expect(detectFormat('CVE-2024-1.json', text)).toBe('cve5');
  });
});

describe('reading the corpus', () => {
  corpusSkipNote('source-reading corpus tests');

  it.skipIf(!hasCorpus)('finds every PyPA advisory and nothing else, and takes each for OSV', async () => {
    const sources = await collect([join(CORPUS, 'osv', 'pypi')], { maxFileBytes: 1_000_000, maxZipEntries: 10, maxZipBytes: 1 });
    expect(sources.filter((s) => 'problem' in s)).toEqual([]);
    expect(sources).toHaveLength(2661);
    expect(new Set(sources.map((s) => ('text' in s ? detectFormat(s.name, s.text) : null)))).toEqual(new Set(['osv']));
  });

  it.skipIf(!hasCorpus)('recognizes each kind of corpus file', () => {
    const read = (...parts: string[]): string => readFileSync(join(CORPUS, ...parts), 'utf8');
    const cve = readdirSync(join(CORPUS, 'cve5', '2024'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.json'));
    expect(detectFormat('kev.json', read('kev', 'known_exploited_vulnerabilities.json'))).toBe('kev');
    expect(detectFormat('GO-2020-0001.json', read('osv', 'go', 'GO-2020-0001.json'))).toBe('osv');
    expect(detectFormat('RUSTSEC-2020-0125.json', read('osv', 'crates.io', 'RUSTSEC-2020-0125.json'))).toBe('osv');
    expect(detectFormat('epss', read('epss', 'EPSS_CVE_data', 'CVE_2024_EPSS.csv'))).toBe('epss');
    expect(cve && detectFormat(cve, read('cve5', '2024', cve))).toBe('cve5');
  });
});
