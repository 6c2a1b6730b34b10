import { hasScope, type Actor } from '../domain/access.js';
import { severityRating } from '../domain/cvss.js';
import { AppError } from '../domain/errors.js';
import { matchSbom, type ComponentFinding } from '../engine/match.js';
import { ignores, type IgnoreRule } from '../formats/ignore.js';
import { parseSbom } from '../formats/sbom/index.js';
import type { ScanOutputInput, ScanOutputResult, ScanOutputVulnerability } from '../formats/scan-output/index.js';
import { signalsFor } from '../store/signals.js';
import type { AppContext } from './context.js';

// The shapes are the output formats' own, so every serializer reads exactly what a scan produces.
export type ScanVulnerability = ScanOutputVulnerability;
export type ScanResult = ScanOutputResult;

export interface ScanOutput extends ScanOutputInput {
  /** findings left out by an ignore rule (the rule's line in the ignore file) */
  ignored: Array<{ id: string; purl: string; line: number }>;
}

const SEVERITY_ORDER = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type FailOn = (typeof SEVERITY_ORDER)[number] | 'kev';

/**
 * The CI gate of `aicc scan --fail-on`: any finding at or above `level`; `none` means any finding at
 * all (unscored ones included, as many advisories carry no CVSS); `kev` means any known-exploited one.
 */
export function meetsFailOn(output: ScanOutput, level: FailOn): boolean {
  const vulns = output.results.flatMap((r) => r.vulnerabilities);
  if (level === 'kev') return vulns.some((v) => v.kev);
  if (level === 'none') return vulns.length > 0;
  const min = SEVERITY_ORDER.indexOf(level);
  return vulns.some((v) => v.severity !== null && SEVERITY_ORDER.indexOf(v.severity) >= min);
}

/** Parses an SBOM and matches it against the knowledge base. Reads public data only. */
export async function scanSbom(ctx: AppContext, actor: Actor, name: string, text: string, options: { ignore?: IgnoreRule[]; today?: string } = {}): Promise<ScanOutput> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasScope(actor, 'vulns:read')) throw new AppError('FORBIDDEN', 'scanning needs the vulns:read scope');
  const parsed = parseSbom(text, name);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new AppError(first?.code ?? 'VALIDATION_FAILED', `${name} was rejected: ${first?.message ?? 'not an SBOM'}`, { problems: parsed.problems.slice(0, 200) });
  }
  const sbom = parsed.value;
  const report = matchSbom(await ctx.matching.get(ctx), sbom);
  const { kept, ignored } = applyIgnores(await scanResults(ctx, report.findings), options.ignore ?? [], options.today ?? new Date().toISOString().slice(0, 10));
  return {
    sbom: { format: sbom.format, specVersion: sbom.specVersion, name: sbom.name, components: report.components, unmatchable: report.unmatchable },
    results: kept,
    ignored,
    unevaluated: report.unevaluated.map((u) => ({ component: { purl: u.component.purl ?? '', name: u.component.name, version: u.version }, ids: [...u.ids] })),
  };
}

/** Findings as scans report them, with each vulnerability's KEV and EPSS signals. */
export async function scanResults(ctx: AppContext, findings: readonly ComponentFinding[]): Promise<ScanResult[]> {
  const ids = [...new Set(findings.flatMap((f) => f.vulnerabilities.map((v) => v.vuln.id)))];
  const signals = await signalsFor(ctx.conn.db, ids);
  return findings.map((f) => ({
    component: { purl: f.component.purl ?? '', name: f.component.name, version: f.version, direct: f.component.direct },
    upgrade: f.upgrade,
    vulnerabilities: f.vulnerabilities.map((m) => ({
      id: m.vuln.id,
      aliases: m.vuln.aliases,
      summary: m.vuln.summary,
      fixed: [...m.fixed],
      cwes: m.vuln.cwes,
      cvss: m.severity ? { version: m.severity.version, vector: m.severity.vector, baseScore: m.severity.baseScore } : null,
      severity: m.severity ? severityRating(m.severity.baseScore) : null,
      kev: signals.get(m.vuln.id)?.kev ?? false,
      epss: signals.get(m.vuln.id)?.epss ?? null,
    })),
  }));
}

/** Leaves out findings an ignore rule covers; a component left with none is not reported. */
function applyIgnores(results: ScanResult[], rules: IgnoreRule[], today: string): { kept: ScanResult[]; ignored: ScanOutput['ignored'] } {
  const ignored: ScanOutput['ignored'] = [];
  if (!rules.length) return { kept: results, ignored };
  const kept = results
    .map((r) => ({
      ...r,
      vulnerabilities: r.vulnerabilities.filter((v) => {
        const rule = rules.find((x) => ignores(x, { id: v.id, aliases: v.aliases, purl: r.component.purl }, today));
        if (rule) ignored.push({ id: v.id, purl: r.component.purl, line: rule.line });
        return !rule;
      }),
    }))
    .filter((r) => r.vulnerabilities.length > 0);
  return { kept, ignored };
}
