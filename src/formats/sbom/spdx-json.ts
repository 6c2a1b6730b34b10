import type { Problem } from '../../domain/errors.js';
import { assembleSbom, type Sbom } from '../../domain/sbom.js';
import { fail, ok, type Parsed } from '../result.js';
import { applyExternalRef, SPDX_VERSIONS, spdxToRaw, type SpdxPackage, type SpdxRelationship } from './spdx-model.js';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * SPDX 2.2/2.3 JSON. The corpus ships no SPDX JSON schema, so the fields AICC reads are checked
 * here, each problem at its JSON pointer; everything else in the document is left alone.
 */
export function parseSpdxJson(doc: Node, file?: string): Parsed<Sbom> {
  const problems: Problem[] = [];
  const report = (pointer: string, message: string): void => {
    if (problems.length < 20) problems.push({ message, pointer, ...(file ? { file } : {}) });
  };
  const str = (v: unknown, pointer: string, required: boolean): string | null => {
    if (typeof v === 'string' && v) return v;
    if (v !== undefined || required) report(pointer, required ? 'must be a non-empty string' : 'must be a string');
    return null;
  };

  const version = doc.spdxVersion;
  if (typeof version !== 'string' || !SPDX_VERSIONS.has(version)) {
    report('/spdxVersion', `unsupported SPDX version ${JSON.stringify(version)} (SPDX-2.2 or SPDX-2.3)`);
    return fail(problems);
  }
  const documentId = str(doc.SPDXID, '/SPDXID', true) ?? 'SPDXRef-DOCUMENT';
  const name = str(doc.name, '/name', false);
  const packages = arrayAt(doc.packages, '/packages', report).map((p, i) => spdxPackage(p, `/packages/${i}`, report, str));
  const describes = arrayAt(doc.documentDescribes, '/documentDescribes', report).flatMap((d, i) => str(d, `/documentDescribes/${i}`, true) ?? []);
  const relationships = arrayAt(doc.relationships, '/relationships', report).flatMap((r, i) => relationship(r, `/relationships/${i}`, report, str));
  if (problems.length) return fail(problems);
  const raw = spdxToRaw({ specVersion: version.slice('SPDX-'.length), name, documentId, packages: packages.filter((p) => p !== null), describes, relationships });
  return ok(assembleSbom(raw, file));
}

type Str = (v: unknown, pointer: string, required: boolean) => string | null;
type Report = (pointer: string, message: string) => void;

function arrayAt(v: unknown, pointer: string, report: Report): unknown[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v as unknown[];
  report(pointer, 'must be an array');
  return [];
}

function spdxPackage(p: unknown, pointer: string, report: Report, str: Str): SpdxPackage | null {
  if (!isNode(p)) {
    report(pointer, 'must be an object');
    return null;
  }
  const pkg: SpdxPackage = {
    id: str(p.SPDXID, `${pointer}/SPDXID`, true) ?? '',
    name: str(p.name, `${pointer}/name`, true) ?? '',
    version: str(p.versionInfo, `${pointer}/versionInfo`, false),
    purl: null,
    cpe: null,
    purpose: str(p.primaryPackagePurpose, `${pointer}/primaryPackagePurpose`, false),
    at: { pointer },
  };
  arrayAt(p.externalRefs, `${pointer}/externalRefs`, report).forEach((ref, i) => {
    const at = `${pointer}/externalRefs/${i}`;
    if (!isNode(ref)) return report(at, 'must be an object');
    const type = str(ref.referenceType, `${at}/referenceType`, true);
    const locator = str(ref.referenceLocator, `${at}/referenceLocator`, true);
    if (type && locator) applyExternalRef(pkg, type, locator);
  });
  return pkg;
}

function relationship(r: unknown, pointer: string, report: Report, str: Str): SpdxRelationship[] {
  if (!isNode(r)) {
    report(pointer, 'must be an object');
    return [];
  }
  const from = str(r.spdxElementId, `${pointer}/spdxElementId`, true);
  const type = str(r.relationshipType, `${pointer}/relationshipType`, true);
  const to = str(r.relatedSpdxElement, `${pointer}/relatedSpdxElement`, true);
  return from && type && to ? [{ from, type, to }] : [];
}
