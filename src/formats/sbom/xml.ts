import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Problem } from '../../domain/errors.js';
import { fail, ok, type Parsed } from '../result.js';

export const MAX_XML_DEPTH = 64;

/** Repeated elements that must always read as arrays, even when a document has only one. */
const ALWAYS_ARRAYS = new Set(['component', 'dependency', 'vulnerability']);

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * XML with no DTD at all: a document type declaration is the only way to define entities (billion
 * laughs) or reference external ones (XXE), and CycloneDX never needs one, so it is refused outright.
 * The parser's own entity processing stays off; the five predefined entities and character
 * references are decoded here, without any expansion that could grow.
 */
export function parseXml(text: string, file?: string): Parsed<Record<string, unknown>> {
  const at = (message: string, line: number | undefined, code: Problem['code']): Parsed<Record<string, unknown>> =>
    fail([{ message, code, ...(line !== undefined ? { line } : {}), ...(file ? { file } : {}) }]);

  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (dtd) return at(`XML ${dtd[1]?.toUpperCase()} declarations are not accepted (no DTDs, no entities)`, lineAt(text, dtd.index), 'BAD_REQUEST');
  const depth = deepestLine(text, MAX_XML_DEPTH);
  if (depth !== null) return at(`XML nested deeper than ${MAX_XML_DEPTH} elements`, depth, 'TOO_DEEP');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return at(`invalid XML: ${valid.err.msg}`, valid.err.line, 'BAD_REQUEST');

  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    // versions such as 1.10 must stay text
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    maxNestedTags: MAX_XML_DEPTH,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ALWAYS_ARRAYS.has(name),
    tagValueProcessor: (_name, value) => decodeEntities(value),
    attributeValueProcessor: (_name, value) => decodeEntities(value),
  });
  try {
    return ok(parser.parse(text) as Record<string, unknown>);
  } catch (err) {
    return at(`invalid XML: ${err instanceof Error ? err.message : String(err)}`, undefined, 'BAD_REQUEST');
  }
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/**
 * Counts open elements before parsing, so a hostile document is refused with the line where it
 * goes too deep, and no recursive code ever sees it.
 */
function deepestLine(text: string, max: number): number | null {
  let depth = 0;
  // comments, CDATA and processing instructions first, so tags inside them are not counted
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([^\s>/!?]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[2] === undefined || m[2] === '') continue;
    if (m[1] === '/') depth--;
    else if (m[3] !== '/' && ++depth > max) return lineAt(text, m.index);
  }
  return null;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
