import { assembleSbom, type Sbom } from '../../domain/sbom.js';
import { pointerSegment } from '../json.js';
import { fail, ok, type Parsed } from '../result.js';
import { schemaProblems } from '../schema.js';
import { isVexOnly, structuralProblems, toRawSbom, type CdxDoc, type Path } from './cyclonedx-model.js';
import { cyclonedxValidator } from './cyclonedx-schema.js';
import { notAnSbom } from './problems.js';

/** CycloneDX JSON exists from 1.2 on; 1.2 and 1.3 have no schema here and get structural checks only. */
const VERSIONS = new Set(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);

const jsonPointer = (path: Path): string => path.map((s) => `/${pointerSegment(s)}`).join('');

/** A parsed JSON object whose bomFormat is CycloneDX. */
export function parseCyclonedxJson(doc: Record<string, unknown>, file?: string): Parsed<Sbom> {
  const specVersion = doc.specVersion;
  if (typeof specVersion !== 'string' || !VERSIONS.has(specVersion)) {
    return fail([{ message: `unsupported CycloneDX specVersion ${JSON.stringify(specVersion)} (JSON: 1.2 to 1.7)`, pointer: '/specVersion', ...(file ? { file } : {}) }]);
  }
  const validate = cyclonedxValidator(specVersion);
  const problems = validate ? schemaProblems(validate, doc, file) : structuralProblems(doc, jsonPointer, file);
  if (problems.length) return fail(problems);
  const bom = doc as unknown as CdxDoc;
  if (isVexOnly(bom)) return fail([notAnSbom('a CycloneDX VEX: it lists vulnerabilities but no components', file)]);
  return ok(assembleSbom(toRawSbom(bom, jsonPointer), file));
}
