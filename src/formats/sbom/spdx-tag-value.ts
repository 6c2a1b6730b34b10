import type { Problem } from '../../domain/errors.js';
import { assembleSbom, type Sbom } from '../../domain/sbom.js';
import { fail, ok, type Parsed } from '../result.js';
import { applyExternalRef, SPDX_VERSIONS, spdxToRaw, type SpdxPackage, type SpdxRelationship } from './spdx-model.js';

/** Tags that open a section other than a package, ending the current package's fields. */
const OTHER_SECTIONS = new Set(['FileName', 'SnippetSPDXID', 'LicenseID']);

export function isSpdxTagValue(text: string): boolean {
  return /^\s*SPDXVersion:/m.test(text.slice(0, 4096));
}

interface Line {
  no: number;
  tag: string;
  value: string;
}

/** SPDX 2.2/2.3 tag-value; every problem names its line. */
export function parseSpdxTagValue(text: string, file?: string): Parsed<Sbom> {
  const problems: Problem[] = [];
  const report = (line: number, message: string): void => {
    if (problems.length < 20) problems.push({ message, line, ...(file ? { file } : {}) });
  };
  let version: string | null = null;
  let name: string | null = null;
  let documentId = 'SPDXRef-DOCUMENT';
  let current: (SpdxPackage & { line: number }) | null = null;
  let inOther = false;
  const packages: Array<SpdxPackage & { line: number }> = [];
  const relationships: SpdxRelationship[] = [];

  for (const { no, tag, value } of lines(text, report)) {
    if (tag === 'PackageName') {
      current = { id: '', name: value, version: null, purl: null, cpe: null, purpose: null, at: { line: no }, line: no };
      packages.push(current);
      inOther = false;
      if (!value) report(no, 'PackageName must not be empty');
    } else if (OTHER_SECTIONS.has(tag)) {
      current = null;
      inOther = true;
    } else if (tag === 'SPDXVersion') version = value;
    else if (tag === 'DocumentName') name = value || null;
    else if (tag === 'SPDXID') {
      if (current) current.id = value;
      else if (!inOther) documentId = value;
    } else if (tag === 'Relationship') {
      const parts = value.split(/\s+/);
      if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) report(no, `Relationship must be 'ELEMENT TYPE ELEMENT', got '${value}'`);
      else relationships.push({ from: parts[0], type: parts[1], to: parts[2] });
    } else if (current) packageField(current, tag, value, no, report);
  }

  if (version === null) report(1, 'missing SPDXVersion');
  else if (!SPDX_VERSIONS.has(version)) report(1, `unsupported SPDX version '${version}' (SPDX-2.2 or SPDX-2.3)`);
  for (const p of packages) if (!p.id) report(p.line, `package '${p.name}' has no SPDXID`);
  if (problems.length || version === null) return fail(problems);
  const raw = spdxToRaw({ specVersion: version.slice('SPDX-'.length), name, documentId, packages, describes: [], relationships });
  return ok(assembleSbom(raw, file));
}

function packageField(p: SpdxPackage, tag: string, value: string, no: number, report: (line: number, message: string) => void): void {
  if (tag === 'PackageVersion') p.version = value || null;
  else if (tag === 'PrimaryPackagePurpose') p.purpose = value || null;
  else if (tag === 'ExternalRef') {
    const parts = value.split(/\s+/);
    if (parts.length !== 3 || !parts[1] || !parts[2]) report(no, `ExternalRef must be 'CATEGORY TYPE LOCATOR', got '${value}'`);
    else applyExternalRef(p, parts[1], parts[2]);
  }
}

/** `Tag: value` lines; a `<text>` value may span lines up to its `</text>`. Comments and blanks are skipped. */
function* lines(text: string, report: (line: number, message: string) => void): Generator<Line> {
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i] ?? '';
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const m = /^\s*([A-Za-z][A-Za-z0-9]*):\s*(.*)$/.exec(raw);
    if (!m) {
      report(i + 1, `expected 'Tag: value', got '${raw.slice(0, 80)}'`);
      continue;
    }
    let value = m[2] ?? '';
    const no = i + 1;
    if (value.startsWith('<text>') && !value.includes('</text>')) {
      const end = all.findIndex((l, j) => j > i && l.includes('</text>'));
      if (end === -1) {
        report(no, `<text> of ${m[1]} is never closed with </text>`);
        return;
      }
      value = [value, ...all.slice(i + 1, end + 1)].join('\n');
      i = end;
    }
    yield { no, tag: m[1] ?? '', value: value.replace(/^<text>|<\/text>$/g, '').trim() };
  }
}
