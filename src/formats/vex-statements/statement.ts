import type { ErrorCode, Problem } from '../../domain/errors.js';
import { normalizePurl } from '../../domain/purl.js';
import { pointerSegment } from '../json.js';

/** What a VEX statement says about a vulnerability: the four statuses of OpenVEX and CISA's minimum requirements. */
export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/**
 * A product a statement is about. `purl` is canonical (domain/purl.ts), so it joins the match keys
 * exposures keep; `name` is set where the product is an asset or a product rather than a package
 * (CycloneDX's metadata component, a CSAF product name, an OpenVEX @id that is neither purl nor CPE).
 */
export interface VexProduct {
  purl?: string;
  cpe?: string;
  name?: string;
}

export interface VexStatement {
  vulnerability: string;
  aliases: string[];
  products: VexProduct[];
  status: VexStatus;
  /** not_affected only: one of the five CISA/OpenVEX justifications where a mapping exists, else the document's code */
  justification: string | null;
  /** impact statement or analysis detail */
  statement: string;
  /** action statement, remediations or responses */
  action: string;
}

/** CISA's "VEX Status Justifications" (2022), as OpenVEX and CSAF's flag labels spell them. */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

/**
 * CycloneDX's impact analysis justifications. Mapped where the claim is the same (the inverse of
 * what formats/vex/advisory.ts writes, plus the compiler and runtime protections, which are
 * built-in mitigations); the others keep their own code: a configuration, a dependency or a
 * perimeter control the product relies on is a weaker claim than any of CISA's five.
 */
export const CYCLONEDX_JUSTIFICATIONS: Readonly<Record<string, string>> = Object.freeze({
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  requires_configuration: 'requires_configuration',
  requires_dependency: 'requires_dependency',
  protected_at_perimeter: 'protected_at_perimeter',
});

/** CycloneDX's `false_positive` state is a reason of its own for not_affected. */
export const FALSE_POSITIVE = 'false_positive';

/** Every justification a remediation report may carry once normalized. */
export const KNOWN_JUSTIFICATIONS: readonly string[] = Object.freeze([...new Set([...VEX_JUSTIFICATIONS, ...Object.values(CYCLONEDX_JUSTIFICATIONS), FALSE_POSITIVE])]);

/** A justification in any of the three spellings, normalized; null when it is none of them. */
export function normalizeJustification(code: string): string | null {
  if ((VEX_JUSTIFICATIONS as readonly string[]).includes(code) || code === FALSE_POSITIVE) return code;
  return CYCLONEDX_JUSTIFICATIONS[code] ?? null;
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Non-blank text, trimmed; undefined otherwise. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const at = (base: string, ...segments: Array<string | number>): string => `${base}${segments.map((s) => `/${pointerSegment(s)}`).join('')}`;

export interface VexLimits {
  /** characters of the document */
  maxLength: number;
  maxDepth: number;
  /** product references summed over all statements (CSAF product groups multiply them) */
  maxProductRefs: number;
}

export const DEFAULT_VEX_LIMITS: VexLimits = Object.freeze({ maxLength: 64 * 1024 * 1024, maxDepth: 64, maxProductRefs: 1_000_000 });

const MAX_PROBLEMS = 200;

/** Collects problems (capped) and counts product references against the limit, for one document. */
export class Reader {
  readonly problems: Problem[] = [];
  #refs = 0;
  #overflow = false;

  constructor(
    readonly file: string,
    readonly limits: VexLimits,
  ) {}

  problem(pointer: string, message: string, code?: ErrorCode): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ file: this.file, pointer, message, ...(code ? { code } : {}) });
  }

  /** False once the document names more products than the limit; reported once. */
  countRefs(n: number, pointer: string): boolean {
    this.#refs += n;
    if (this.#refs <= this.limits.maxProductRefs) return true;
    if (!this.#overflow) this.problem(pointer, `the document names more than ${this.limits.maxProductRefs} products`, 'PAYLOAD_TOO_LARGE');
    this.#overflow = true;
    return false;
  }

  /** The canonical purl, or undefined with a problem at `pointer`. */
  purl(raw: string, pointer: string): string | undefined {
    const r = normalizePurl(raw);
    if (r.ok) return r.purl;
    this.problem(pointer, `invalid purl '${raw.slice(0, 200)}': ${r.error}`, 'INVALID_PURL');
    return undefined;
  }

  /** Array items, or a problem when the value is present but not an array. */
  array(v: unknown, pointer: string, what: string): unknown[] {
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    this.problem(pointer, `${what} is an array`);
    return [];
  }

  /** Strings of an array; other items are problems. */
  strings(v: unknown, pointer: string, what: string): string[] {
    const out: string[] = [];
    this.array(v, pointer, what).forEach((item, i) => {
      const s = text(item);
      if (s === undefined) this.problem(at(pointer, i), `${what} holds non-empty strings`);
      else out.push(s);
    });
    return out;
  }
}

/** The key two products are the same by, to drop repeats within one statement. */
export const productKey = (p: VexProduct): string => `${p.purl ?? ''}\n${p.cpe ?? ''}\n${p.name ?? ''}`;

export function uniqueProducts(products: readonly VexProduct[]): VexProduct[] {
  const seen = new Map<string, VexProduct>();
  for (const p of products) if (!seen.has(productKey(p))) seen.set(productKey(p), p);
  return [...seen.values()];
}

/** How a product is named in messages and in the unmatched list. */
export const productLabel = (p: VexProduct): string => p.purl ?? p.cpe ?? p.name ?? '(unnamed product)';
