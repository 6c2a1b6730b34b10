import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * Conan 2 versions, ordered as Conan's `Version` model orders them (conan/internal/model/version.py):
 * - the last `+` starts the build part, then the first `-` starts the pre-release part; each of
 *   those is itself a dot-separated version, without further `-`/`+` splitting;
 * - items are split on `.`; an item Python's `int()` accepts is a number, anything else a string;
 *   trailing zero numbers are dropped, so `1` = `1.0` = `1.0.0`;
 * - items compare numbers with numbers and strings with strings; a number against a string
 *   compares their texts (`str(1)` < `"a"`, so `1.1` < `1.a` and `1.1` < `1.1a`), and when one
 *   item list is a prefix of the other the shorter is older;
 * - a pre-release is older than the release with the same main items (`1.1-alpha.1` < `1.1` =
 *   `1.1.0`), otherwise only the main items count; between two pre-releases, or two releases, the
 *   main items, then the pre-release, then the build decide, and no build is older than any build.
 *
 * Because a number against a string compares as text, Conan's order has cycles over such mixes
 * (`1.2` < `1.10` < `1.1a` < `1.2`); we reproduce Conan's answer pair by pair rather than invent a
 * total order Conan does not have. `int()` accepting Unicode digits is not reproduced: only ASCII
 * digits make a number.
 *
 * Conan orders every string this way. `isValid` is what `conan export`/`create` accepts for a
 * version (`RecipeReference.validate_ref`: `^[a-z0-9_][a-z0-9_+.-]{1,100}$`, so at least two
 * characters, lower case unless the `core:allow_uppercase_pkg_names` escape hatch is set).
 */

type Item = bigint | string;

interface Parsed {
  readonly items: readonly Item[];
  readonly pre: readonly Item[] | undefined;
  readonly build: readonly Item[] | undefined;
}

// Python's int(): surrounding whitespace, a sign, digits with single underscores between them.
// (Python also strips U+001C–U+001F and U+0085, which no version carries; JS \s stands in.)
const PY_INT = /^\s*([+-]?[0-9]+(?:_[0-9]+)*)\s*$/;

function item(text: string): Item {
  const m = PY_INT.exec(text);
  return m ? BigInt(m[1]!.replaceAll('_', '')) : text;
}

/** `Version._nonzero_items` of a dot-separated string */
function items(text: string): Item[] {
  const out = text.split('.').map(item);
  while (out.length > 0 && out[out.length - 1] === 0n) out.pop();
  return out;
}

const parse = memoParse((text: string): Parsed => {
  let main = text;
  let build: Item[] | undefined;
  const plus = main.lastIndexOf('+');
  if (plus >= 0) {
    build = items(main.slice(plus + 1));
    main = main.slice(0, plus);
  }
  let pre: Item[] | undefined;
  const hyphen = main.indexOf('-');
  if (hyphen >= 0) {
    pre = items(main.slice(hyphen + 1));
    main = main.slice(0, hyphen);
  }
  return { items: items(main), pre, build };
});

/** Python's str comparison: by code points, which UTF-16 order gets wrong above U+D7FF */
function byCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! < y[i]!.codePointAt(0)! ? -1 : 1;
  }
  return x.length - y.length;
}

/** `_VersionItem.__lt__`: like kinds by value, a number against a string by text */
function itemCmp(a: Item, b: Item): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return byCodePoints(String(a), String(b));
}

/** Python tuple comparison over items: the first unequal pair decides, else the shorter is older */
function itemsCmp(a: readonly Item[], b: readonly Item[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const r = itemCmp(a[i]!, b[i]!);
    if (r !== 0) return r;
  }
  return a.length - b.length;
}

/** a pre-release or build part: `None` is older than any */
function partCmp(a: readonly Item[] | undefined, b: readonly Item[] | undefined): number {
  if (a === undefined || b === undefined) return a ? 1 : b ? -1 : 0;
  return itemsCmp(a, b);
}

function conanCompare(a: Parsed, b: Parsed): number {
  const main = itemsCmp(a.items, b.items);
  if (a.pre && b.pre) return main || itemsCmp(a.pre, b.pre) || partCmp(a.build, b.build);
  if (a.pre) return main || -1;
  if (b.pre) return main || 1;
  return main || partCmp(a.build, b.build);
}

export const conanScheme: VersionScheme = {
  name: 'conan',
  isValid: (version) => /^[a-z0-9_][a-z0-9_+.-]{1,100}$/.test(version),
  compare: (a, b) => Math.sign(conanCompare(parse(a)!, parse(b)!)),
};
