import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * Maven versions ordered as `org.apache.maven.artifact.versioning.ComparableVersion` of Maven 3.9
 * orders them. Written here rather than taken from `mvncmp` because mvncmp follows the 3.0-era
 * algorithm: it misses MNG-6964 (`1-0.alpha` < `1`) and MNG-7644 (`1.0.0.RC1` < `1.0.0-RC2`,
 * `2.0.a` == `2-a`), loses precision on numbers past 2^53, and orders unknown qualifiers with
 * the host locale (`localeCompare`) instead of Java's code-unit `String.compareTo`.
 *
 * The model, as in ComparableVersion: a version is a list of items. `.` separates items of one
 * list, `-` (and a switch between digits and letters) opens a nested list. Numbers compare
 * numerically; a few qualifiers have a fixed rank (alpha < beta < milestone < rc < snapshot <
 * release < sp) and all others come after them, alphabetically; trailing "null" items (0, release
 * aliases, empty lists) are dropped so `1.0.0` == `1` and `1-final` == `1`.
 */

/** A string item carries its qualifier rank, computed once when the version is parsed. */
type Item = { readonly kind: 'int'; readonly value: bigint } | { readonly kind: 'string'; readonly value: string; readonly rank: string } | ListItem;
interface ListItem {
  readonly kind: 'list';
  readonly items: Item[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORTHANDS: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };

/** Known qualifiers rank by position; unknown ones after all of them, then by their text. */
function qualifierRank(qualifier: string): string {
  const i = QUALIFIERS.indexOf(qualifier);
  return i === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(i);
}

/** Java's String.compareTo: UTF-16 code units, independent of locale. */
const javaCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function stringItem(text: string, followedByDigit: boolean): Item {
  // `a1`, `b2`, `m3` are shorthands only when a number follows directly.
  const expanded = followedByDigit && text.length === 1 ? (SHORTHANDS[text] ?? text) : text;
  const value = ALIASES[expanded] ?? expanded;
  return { kind: 'string', value, rank: qualifierRank(value) };
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'int', value: BigInt(text) } : stringItem(text, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === 0n;
  if (item.kind === 'string') return item.rank === RELEASE_RANK;
  return item.items.length === 0;
}

/** Drops trailing null items, looking through trailing sub-lists as ComparableVersion does. */
function normalize(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i]!;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

// Only ASCII digits count: Java's Character.isDigit also accepts other Unicode digits, which
// Maven coordinates do not use in practice; here they are letters.
const isAsciiDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Builds the item tree; the tree is complete (normalized) when this returns and never changes after. */
function parse(version: string): ListItem {
  const text = version.toLowerCase();
  const root: ListItem = { kind: 'list', items: [] };
  const opened: ListItem[] = [root];
  let list = root;
  const open = (): void => {
    const next: ListItem = { kind: 'list', items: [] };
    list.items.push(next);
    opened.push(next);
    list = next;
  };
  let inDigits = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '.' || c === '-') {
      list.items.push(i === start ? { kind: 'int', value: 0n } : parseItem(inDigits, text.slice(start, i)));
      start = i + 1;
      if (c === '-') open();
    } else if (isAsciiDigit(c)) {
      if (!inDigits && i > start) {
        // MNG-7644: a qualifier glued to a number after a dot (`1.0.RC1`) gets its own list,
        // so it compares like `1.0-RC1`.
        if (list.items.length > 0) open();
        list.items.push(stringItem(text.slice(start, i), true));
        start = i;
        open();
      }
      inDigits = true;
    } else {
      if (inDigits && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        open();
      }
      inDigits = false;
    }
  }
  if (text.length > start) {
    if (!inDigits && list.items.length > 0) open();
    list.items.push(parseItem(inDigits, text.slice(start)));
  }
  for (let i = opened.length - 1; i >= 0; i--) normalize(opened[i]!);
  return root;
}

/** `ComparableVersion`'s Item.compareTo; `other` undefined stands for a missing item (padding). */
function compareItem(item: Item, other: Item | undefined): number {
  switch (item.kind) {
    case 'int':
      if (other === undefined) return item.value === 0n ? 0 : 1;
      if (other.kind === 'int') return item.value < other.value ? -1 : item.value > other.value ? 1 : 0;
      return 1; // 1.1 > 1-sp, 1.1 > 1-1
    case 'string':
      if (other === undefined) return javaCompare(item.rank, RELEASE_RANK); // 1-rc < 1 < 1-sp
      if (other.kind === 'string') return javaCompare(item.rank, other.rank);
      return -1; // 1.x < 1.1, 1.x < 1-1
    case 'list':
      if (other === undefined) {
        // MNG-6964: the first non-null item decides, not just the first item.
        for (const child of item.items) {
          const result = compareItem(child, undefined);
          if (result !== 0) return result;
        }
        return 0;
      }
      if (other.kind === 'int') return -1;
      if (other.kind === 'string') return 1;
      return compareLists(item, other);
  }
}

function compareLists(left: ListItem, right: ListItem): number {
  const length = Math.max(left.items.length, right.items.length);
  for (let i = 0; i < length; i++) {
    const l = left.items[i];
    const r = right.items[i];
    const result = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

// Maven's model validator rejects these characters in a version (ILLEGAL_VERSION_CHARS); we also
// call white space invalid, a choice of ours since ComparableVersion itself accepts any string.
const ILLEGAL = /[\\/:"<>|?*\s]/u;

/** Parsed once per string: matching compares the same strings over and over. */
const itemsOf = memoParse(parse);

export const mavenScheme: VersionScheme = {
  name: 'maven',
  isValid: (version) => version.length > 0 && !ILLEGAL.test(version),
  /**
   * ComparableVersion accepts every string, so strings the validator rejects are still ordered by
   * the same algorithm (the empty string equals `0`).
   */
  compare: (a, b) => compareLists(itemsOf(a)!, itemsOf(b)!),
};
