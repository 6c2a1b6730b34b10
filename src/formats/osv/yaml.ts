import { isMap, isPair, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { Problem } from '../../domain/errors.js';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from '../json.js';
import { fail, ok, type Parsed } from '../result.js';

/**
 * YAML with the same guarantees as parseJson: a line on syntax errors, a nesting-depth limit
 * checked before anything recursive walks the tree, and alias expansion bounded.
 *
 * Plain numeric scalars are kept as their source text. OSV has no numeric fields, and YAML would
 * otherwise turn an unquoted version such as `1.10` into the number 1.1.
 */
export function parseYaml(text: string, file?: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): Parsed<unknown> {
  const at = (problem: Problem): Problem => ({ ...problem, ...(file ? { file } : {}) });
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    // Untrusted input never throws out of a parser, even where the library itself gives up.
    const tooDeep = err instanceof RangeError;
    return fail([at({ message: tooDeep ? `YAML nested deeper than ${limits.maxDepth} levels` : `invalid YAML: ${String(err)}` })]);
  }
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const where = pos ? { line: pos.line } : {};
    // The composer recurses per nesting level and reports its own stack overflow as a YAML error.
    if (error.message.includes('call stack')) return fail([at({ message: `YAML nested deeper than ${limits.maxDepth} levels`, ...where })]);
    const message = firstLine(error.message).replace(/ at line \d+, column (\d+):?$/, ' (column $1)');
    return fail([at({ message: `invalid YAML: ${message}`, ...where })]);
  }
  const tooDeep = deepestNode(doc.contents, limits.maxDepth);
  if (tooDeep) return fail([at({ message: `YAML nested deeper than ${limits.maxDepth} levels`, ...lineOf(tooDeep, text) })]);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
    },
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // toJS refuses alias expansion beyond maxAliasCount ("billion laughs").
    return fail([at({ message: `invalid YAML: ${err instanceof Error ? err.message : String(err)}` })]);
  }
  // Aliases can stack anchored subtrees (or make a cycle) past the limit the node tree respected.
  if (exceedsDepth(value, limits.maxDepth)) return fail([at({ message: `YAML nested deeper than ${limits.maxDepth} levels once aliases are expanded` })]);
  return ok(value);
}

/** The first collection nested deeper than the limit, found without recursion. */
function deepestNode(root: unknown, maxDepth: number): Node | null {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth + 1 > maxDepth) return node;
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    }
  }
  return null;
}

function exceedsDepth(root: unknown, maxDepth: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function lineOf(node: Node, text: string): { line?: number } {
  const start = node.range?.[0];
  if (start === undefined) return {};
  let line = 1;
  for (let i = 0; i < start && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return { line };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}
