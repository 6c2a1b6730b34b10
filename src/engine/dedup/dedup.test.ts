import { describe, expect, it } from 'vitest';
import type { Finding } from '../../domain/finding.js';
import { DedupIndex } from './index.js';
import { cweClass, exactKeys, normalizePath, normalizeRepository, normalizeSymbol, targetsOf } from './keys.js';
import { measureDedup } from './measure.js';
import { estimatedJaccard, jaccard, minhash, signatureOf, textShingles } from './similarity.js';
import { generateSynthetic } from './synthetic.js';

function finding(over: Partial<Omit<Finding, 'location'>> & { location?: Partial<Finding['location']> } = {}): Finding {
  const { location, ...rest } = over;
  return {
    externalId: 'x', title: '', description: '', purl: null, affectedVersions: null, repository: 'https://github.com/acme/app', commit: null,
    location: { file: null, startLine: null, endLine: null, symbol: null, ...location },
    cwes: [], claimedImpact: null, aliases: [], fingerprints: {}, ruleId: null, severity: null,
    provenance: { tool: 'tool-x', toolVersion: null, runId: null, configHash: null }, attachments: [], ...rest,
  };
}
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));

describe('dedup keys', () => {
  it('normalizes paths, repositories, symbols and CWEs', () => {
    expect(normalizePath('./src//a/./b/../Main.java')).toBe('src/a/Main.java');
    expect(normalizePath('src\\Util.c')).toBe('src/Util.c');
    expect(normalizeRepository('git@github.com:Acme/App.git')).toBe('github.com/acme/app');
    expect(normalizeRepository('https://github.com/acme/app/')).toBe('github.com/acme/app');
    expect(normalizeRepository('https://git.example.org/Team/Repo.git')).toBe('git.example.org/Team/Repo');
    expect(normalizeSymbol('Foo::bar(int x)')).toBe('Foo.bar');
    expect(cweClass('CWE-943')).toBe('CWE-89');
    expect(targetsOf(finding({ purl: 'pkg:npm/left-pad@1.3.0' }))).toEqual(['pkg:npm/left-pad', 'repo:github.com/acme/app']);
  });

  it('scopes fingerprints: line hashes by target and file, others by tool; weak ones are ignored', () => {
    const f = finding({ location: { file: 'src/a.js' }, fingerprints: { primaryLocationLineHash: 'abcdef0123:1', 'matchBasedId/v1': 'deadbeefcafe', primaryLocationStartColumnFingerprint: '4' }, aliases: ['cve-2025-1234'] });
    const keys = exactKeys(f);
    expect(keys.map((k) => k.kind)).toEqual(['fingerprint', 'fingerprint', 'alias']);
    expect(keys[0]!.key).toContain('src/a.js');
    expect(keys[1]!.key).toContain('tool-x');
    expect(keys[2]!.label).toBe('alias CVE-2025-1234');
  });
});

describe('similarity', () => {
  it('estimates Jaccard within a few points', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    const a = textShingles(words.slice(0, 120).join(' '));
    const b = textShingles(words.slice(40, 160).join(' '));
    const exact = jaccard(a, b);
    expect(Math.abs(estimatedJaccard(minhash(a)!, minhash(b)!) - exact)).toBeLessThan(0.12);
  });

  it('reads PoC attachments and ignores case, numbers and stopwords', () => {
    const poc = { name: 'p', kind: 'poc' as const, mediaType: 'text/plain', sha256: '', size: 0, content: Buffer.from('curl /api?id=1 OR 1=1').toString('base64') };
    const a = signatureOf(finding({ title: 'SQL injection at line 10', attachments: [poc] }))!;
    const b = signatureOf(finding({ title: 'sql INJECTION at the line 99', attachments: [poc] }))!;
    expect(estimatedJaccard(a, b)).toBe(1);
    expect(signatureOf(finding())).toBeNull();
  });
});

describe('DedupIndex rules', () => {
  it('joins by fingerprint first and explains it', () => {
    const index = new DedupIndex();
    index.add('F-12', finding({ location: { file: 'a.c' }, fingerprints: { primaryLocationLineHash: '1234567890ab:1' } }), 'lab-b', at(0));
    const d = index.add('F-13', finding({ location: { file: './a.c' }, fingerprints: { primaryLocationLineHash: '1234567890ab:1' }, provenance: { tool: 'other', toolVersion: null, runId: null, configHash: null } }), 'lab-a', at(1));
    expect(d).toMatchObject({ reason: 'fingerprint', score: 1, matchedFindingId: 'F-12', caseId: index.caseOf('F-12') });
    expect(d.explanation).toBe('same partialFingerprints.primaryLocationLineHash as F-12 (reporter lab-b)');
  });

  it('joins by alias across targets, case-insensitively', () => {
    const index = new DedupIndex();
    index.add('A', finding({ aliases: ['GHSA-abcd-efgh-ijkl'] }), 'r1', at(0));
    const d = index.add('B', finding({ repository: null, purl: 'pkg:npm/x', aliases: ['ghsa-ABCD-efgh-ijkl'] }), 'r2', at(1));
    expect(d.reason).toBe('alias');
    expect(d.explanation).toBe('shares alias GHSA-ABCD-EFGH-IJKL with A (reporter r1)');
  });

  it('joins by location: symbol, symbol named in text, or nearby line; CWE classes must meet', () => {
    const index = new DedupIndex();
    index.add('A', finding({ cwes: ['CWE-89'], location: { file: 'src/db.js', startLine: 40, symbol: 'getUser' } }), 'r1', at(0));
    const bySymbol = index.add('B', finding({ cwes: ['CWE-943'], location: { file: 'src//db.js', startLine: 90, symbol: 'getUser' } }), 'r2', at(1));
    expect(bySymbol).toMatchObject({ reason: 'location', score: 0.95, matchedFindingId: 'A' });
    expect(bySymbol.explanation).toBe('same location as A (reporter r1): github.com/acme/app src/db.js, symbol getUser, CWE-89');
    const byText = index.add('C', finding({ cwes: ['CWE-89'], description: 'The getUser function concatenates id.', location: { file: 'src/db.js', startLine: 300 } }), 'r3', at(2));
    expect(byText).toMatchObject({ reason: 'location', score: 0.9 });
    const byLine = index.add('D', finding({ cwes: ['CWE-89'], location: { file: 'src/db.js', startLine: 303 } }), 'r4', at(3));
    expect(byLine).toMatchObject({ reason: 'location', score: 0.85, matchedFindingId: 'C' });
    const otherFunction = index.add('E', finding({ cwes: ['CWE-89'], location: { file: 'src/db.js', startLine: 41, symbol: 'getOrder' } }), 'r5', at(4));
    expect(otherFunction.reason).toBe('new');
    const otherWeakness = index.add('F', finding({ cwes: ['CWE-79'], location: { file: 'src/db.js', startLine: 40 } }), 'r5', at(5));
    expect(otherWeakness.reason).toBe('new');
  });

  it('joins reports whose texts name the same function of the file, whatever symbol or line each gives', () => {
    const index = new DedupIndex();
    index.add('A', finding({ cwes: ['CWE-89'], location: { file: 'src/db.js', startLine: 40, symbol: 'getUser' } }), 'r1', at(0));
    index.add('B', finding({ cwes: ['CWE-89'], description: 'getOrder builds SQL from the id.', location: { file: 'src/db.js', startLine: 90, symbol: 'getOrder' } }), 'r1', at(1));
    // The caller as symbol, lines far off: the text is about getOrder, a function this file's reports named.
    const caller = index.add('C', finding({ cwes: ['CWE-943'], description: 'In getOrder the id reaches the query.', location: { file: 'src/db.js', startLine: 200, symbol: 'handleRequest' } }), 'r2', at(2));
    expect(caller).toMatchObject({ reason: 'location', score: 0.9, matchedFindingId: 'B' });
    const textOnly = index.add('D', finding({ cwes: ['CWE-89'], description: 'Concatenation in getOrder.', location: { file: 'src/db.js', startLine: 300 } }), 'r3', at(3));
    expect(textOnly).toMatchObject({ reason: 'location', caseId: index.caseOf('B') });
    expect(textOnly.explanation).toMatch(/getOrder/);
  });

  it('needs shared words when a side names no CWE', () => {
    const index = new DedupIndex();
    index.add('A', finding({ cwes: ['CWE-79'], description: 'Reflected XSS: the name parameter is written into the page unescaped.', location: { file: 'src/page.js', symbol: 'render' } }), 'r1', at(0));
    expect(index.add('B', finding({ description: 'Open redirect through the next URL parameter of the login form.', location: { file: 'src/page.js', symbol: 'render' } }), 'r2', at(1)).reason).toBe('new');
    expect(index.add('C', finding({ description: 'The name parameter is written into the page unescaped: XSS.', location: { file: 'src/page.js', symbol: 'render' } }), 'r3', at(2))).toMatchObject({ reason: 'location', matchedFindingId: 'A' });
  });

  it('lets a purl-only and a repository-only report meet when the package and repository names agree', () => {
    const index = new DedupIndex();
    index.add('A', finding({ repository: null, purl: 'pkg:npm/left-pad', cwes: ['CWE-400'], location: { file: 'index.js', symbol: 'leftPad' } }), 'r1', at(0));
    const d = index.add('B', finding({ repository: 'https://github.com/someone/left-pad', cwes: ['CWE-400'], location: { file: 'index.js', symbol: 'leftPad' } }), 'r2', at(1));
    expect(d).toMatchObject({ reason: 'location', matchedFindingId: 'A' });
    expect(d.explanation).toContain('the package named left-pad index.js');
    // Two repositories of one name are not one project by themselves.
    const other = new DedupIndex();
    other.add('A', finding({ repository: 'https://github.com/someone/left-pad', cwes: ['CWE-400'], location: { file: 'index.js', symbol: 'leftPad' } }), 'r1', at(0));
    expect(other.add('B', finding({ repository: 'https://github.com/other/left-pad', cwes: ['CWE-400'], location: { file: 'index.js', symbol: 'leftPad' } }), 'r2', at(1)).reason).toBe('new');
  });

  it('learns that a package and a repository are one project', () => {
    const index = new DedupIndex();
    index.add('A', finding({ purl: 'pkg:pypi/demo', cwes: ['CWE-22'], location: { file: 'x.py', symbol: 'load' } }), 'r1', at(0));
    const d = index.add('B', finding({ repository: null, purl: 'pkg:pypi/demo', cwes: ['CWE-22'], location: { file: 'y.py', symbol: 'load' } }), 'r2', at(1));
    expect(d.reason).toBe('new');
    const c = index.add('C', finding({ cwes: ['CWE-22'], location: { file: 'y.py', symbol: 'load' } }), 'r3', at(2));
    expect(c).toMatchObject({ reason: 'location', matchedFindingId: 'B' });
  });

  it('joins similar text above the threshold, not across projects, and says the closest below', () => {
    const text = 'Heap overflow in the packet parser when the declared length exceeds the buffer; a crafted frame overwrites adjacent chunk metadata and leads to code execution';
    const index = new DedupIndex();
    index.add('A', finding({ description: text }), 'r1', at(0));
    const same = index.add('B', finding({ description: `${text}. Reported by scanner.` }), 'r2', at(1));
    expect(same.reason).toBe('similar-text');
    expect(same.score).toBeGreaterThanOrEqual(0.6);
    expect(same.explanation).toMatch(/^title, description and PoC text \d+% similar to A \(reporter r1\)/);
    const elsewhere = index.add('C', finding({ repository: 'https://github.com/other/app', description: text }), 'r3', at(2));
    expect(elsewhere.reason).toBe('new');
    // Jaccard 0.43 (estimated 0.55 from these 16 shingles): below the threshold, yet sharing two LSH bands, so it is named as the closest.
    const half = index.add('D', finding({ description: text.split(' ').slice(0, 16).join(' ') + ' in the TLS handshake state machine of the server' }), 'r4', at(3));
    expect(half.reason).toBe('new');
    expect(half.explanation).toMatch(/closest: \d+% to [AB]/);
  });
});

describe('cases', () => {
  it('merges, splits, and credits each reporter with its first sighting', () => {
    const index = new DedupIndex();
    const key = { aliases: ['CVE-2025-0001'] };
    const c1 = index.add('A', finding(key), 'r1', at(10)).caseId;
    index.add('B', finding(key), 'r2', at(5));
    index.add('B2', finding(key), 'r2', at(20));
    const c2 = index.add('C', finding({ aliases: ['CVE-2025-0002'] }), 'r3', at(1)).caseId;
    expect(index.merge(c1, c2)).toBe(c1);
    expect(index.caseOf('C')).toBe(c1);
    expect(index.members(c2)).toBeNull();
    expect(index.members(c1)!.reporters.map((r) => [r.reporterId, r.findingId, r.firstSeen.getTime()])).toEqual([
      ['r3', 'C', at(1).getTime()],
      ['r2', 'B', at(5).getTime()],
      ['r1', 'A', at(10).getTime()],
    ]);
    // A new CVE-2025-0002 report follows C, whose key it is, into the merged case.
    expect(index.add('D', finding({ aliases: ['CVE-2025-0002'] }), 'r4', at(30)).caseId).toBe(c1);

    const alone = index.split('A');
    expect(alone).not.toBe(c1);
    expect(index.members(alone)!.findings.map((f) => f.findingId)).toEqual(['A']);
    // A owned CVE-2025-0001, so a later report of it follows A to its new case.
    expect(index.add('E', finding(key), 'r5', at(40)).caseId).toBe(alone);
    expect(index.split('D')).not.toBe(c1);
    expect(() => index.add('E', finding(), 'r5', at(41))).toThrow(/already added/);
  });
});

describe('on 30,000 synthetic findings from 5 reporters', () => {
  it('is precise, finds most duplicates, and is fast', () => {
    const data = generateSynthetic({ seed: 1, findings: 30_000, reporters: 5 });
    expect(data).toHaveLength(30_000);
    expect(generateSynthetic({ seed: 1, findings: 50 })).toEqual(generateSynthetic({ seed: 1, findings: 50 }));
    const m = measureDedup(data);
    console.log(
      `dedup: ${data.length} findings, ${m.rootCauses} root causes → ${m.cases} cases; precision ${m.precision.toFixed(4)}, recall ${m.recall.toFixed(4)} ` +
        `(${m.pairs.correct}/${m.pairs.predicted} predicted pairs, ${m.pairs.actual} true); ${Math.round(m.ms)} ms for the adds; reasons ${JSON.stringify(m.reasons)}`,
    );
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.recall).toBeGreaterThanOrEqual(0.9);
    expect(m.ms).toBeLessThan(10_000);
  });
});
