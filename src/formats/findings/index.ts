import type { Finding } from '../../domain/finding.js';
import { parseJson } from '../json.js';
import { fail, type Parsed } from '../result.js';
import { isRecord } from './common.js';
import { parseNative } from './native.js';
import { parseOsvFinding } from './osv.js';
import { parseSarif } from './sarif.js';

export { FINDING_LIMITS } from './common.js';
export { NATIVE_FINDINGS_SCHEMA, parseNative } from './native.js';
export { parseOsvFinding } from './osv.js';
export { parseSarif } from './sarif.js';

export type FindingsFormat = 'sarif' | 'osv' | 'native';

/**
 * Submitted findings text → normalized findings. The text is parsed as depth-limited JSON (a syntax
 * error carries its line), then validated and mapped by the format's parser (problems carry JSON
 * pointers); every problem names the file. `auto` tells the formats apart by their shape.
 */
export function parseFindings(text: string, name: string, format: FindingsFormat | 'auto'): Parsed<Finding[]> {
  const doc = parseJson(text, name);
  if (!doc.ok) return doc;
  const chosen = format === 'auto' ? detectFindingsFormat(doc.value) : format;
  switch (chosen) {
    case 'sarif':
      return parseSarif(doc.value, name);
    case 'osv':
      return parseOsvFinding(doc.value, name);
    case 'native':
      return parseNative(doc.value, name);
    case null:
      return fail([
        {
          message: 'not a findings document: expected SARIF 2.1.0 (`version` "2.1.0" and `runs`), an OSV record (`id` and `modified`) or AICC native JSON (a `findings` array)',
          code: 'UNKNOWN_FORMAT',
          pointer: '',
          file: name,
        },
      ]);
  }
}

/** SARIF by its `$schema` or `version` + `runs`; OSV by `schema_version` or `id` + `modified`; native by `findings`. */
export function detectFindingsFormat(doc: unknown): FindingsFormat | null {
  if (!isRecord(doc)) return null;
  const schema = typeof doc.$schema === 'string' ? doc.$schema : '';
  if (/sarif/i.test(schema) || (doc.version === '2.1.0' && 'runs' in doc)) return 'sarif';
  if (Array.isArray(doc.findings)) return 'native';
  if ('schema_version' in doc || ('id' in doc && 'modified' in doc)) return 'osv';
  return null;
}
