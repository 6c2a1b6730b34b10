import jsyaml from 'js-yaml';
import type { Problem } from '../../domain/errors.js';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from '../json.js';
import { fail, ok, type Parsed } from '../result.js';

/**
 * Scalars stay text except null and booleans: OSV has no numeric fields, and a YAML number
 * would turn an unquoted version such as `1.10` into 1.1 (and a date into a Date).
 */
// js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
const { types } = jsyaml as unknown as { types: { null: jsyaml.Type; bool: jsyaml.Type } };
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [types.null, types.bool] });

/** Nodes visited after load, counting every path through shared (aliased) subtrees. */
const MAX_NODES = 200_000;

/**
 * YAML with the same guarantees as parseJson: a line on syntax errors, duplicate keys refused,
 * a nesting-depth limit, and alias expansion ("billion laughs") bounded.
 */
export function parseYaml(text: string, file?: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): Parsed<unknown> {
  const at = (problem: Problem): Problem => ({ ...problem, ...(file ? { file } : {}) });
  const tooDeep = at({ message: `YAML nested deeper than ${limits.maxDepth} levels`, code: 'TOO_DEEP' });
  let value: unknown;
  try {
    // js-yaml 4.1+ stops at its own maxDepth (absent from its type declarations).
    value = jsyaml.load(text, { schema: SCHEMA, maxDepth: limits.maxDepth + 1 } as jsyaml.LoadOptions);
  } catch (err) {
    // The loader recurses per nesting level; a hostile document ends in a stack overflow.
    if (err instanceof RangeError) return fail([tooDeep]);
    if (err instanceof jsyaml.YAMLException && err.reason.startsWith('nesting exceeded')) return fail([tooDeep]);
    if (err instanceof jsyaml.YAMLException) {
      return fail([at({ message: `invalid YAML: ${err.reason}`, code: 'INVALID_YAML', ...(err.mark ? { line: err.mark.line + 1 } : {}) })]);
    }
    return fail([at({ message: `invalid YAML: ${err instanceof Error ? err.message : String(err)}`, code: 'INVALID_YAML' })]);
  }
  const shape = checkShape(value, limits.maxDepth);
  if (shape === 'deep') return fail([tooDeep]);
  if (shape === 'large') return fail([at({ message: `YAML expands to more than ${MAX_NODES} nodes (alias expansion refused)`, code: 'INVALID_YAML' })]);
  return ok(value);
}

/** Walks without recursion; shared subtrees count once per path, as JSON would repeat them. */
function checkShape(root: unknown, maxDepth: number): 'deep' | 'large' | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  let visited = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (++visited > MAX_NODES) return 'large';
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > maxDepth) return 'deep';
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}
