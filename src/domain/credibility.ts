import type { Finding } from './finding.js';

/**
 * Report-credibility indicators, after SSVC's Report Credibility decision point: signs an analyst
 * weighs before calling a report credible. They inform the analyst, who decides; none decides alone.
 */
export interface Indicator {
  key: IndicatorKey;
  /** `against` lowers credibility, `for` raises it */
  direction: 'against' | 'for';
  label: string;
  evidence: string;
}

export type IndicatorKey =
  | 'raw-tool-output'
  | 'no-attack-scenario'
  | 'exaggerated-impact'
  | 'no-affected-target'
  | 'has-poc'
  | 'several-reporters'
  | 'reproduced'
  | 'reporter-track-record';

export const INDICATOR_KEYS: readonly IndicatorKey[] = [
  'raw-tool-output', 'no-attack-scenario', 'exaggerated-impact', 'no-affected-target', 'has-poc', 'several-reporters', 'reproduced', 'reporter-track-record',
];

/** Weakness classes whose usual worst case is disclosure or hardening, not code execution or takeover. */
const LOW_IMPACT_CWES = new Set(['CWE-200', 'CWE-209', 'CWE-532', 'CWE-614', 'CWE-693', 'CWE-1004', 'CWE-1021', 'CWE-16', 'CWE-523', 'CWE-319', 'CWE-770', 'CWE-400']);
const SEVERE_CLAIM = /\b(remote code execution|rce|arbitrary code|full (system )?compromise|takeover|root access|critical)\b/i;

export interface CaseEvidence {
  findings: readonly Finding[];
  /** distinct reporter organizations */
  reporters: number;
  /** the latest reproduction verdict, if any */
  reproduction: string | null;
  /** the best smoothed precision among the case's reporters, 0–1, with how many decided cases it rests on */
  precision: { value: number; decided: number } | null;
}

/** The indicators a case's findings show, each with the evidence that raised it. */
export function credibilityIndicators(evidence: CaseEvidence): Indicator[] {
  const out: Indicator[] = [];
  const { findings } = evidence;
  const all = (test: (f: Finding) => boolean): boolean => findings.length > 0 && findings.every(test);

  if (all((f) => f.claimedImpact === null && (f.description.trim() === '' || f.description.trim() === f.title.trim()))) {
    out.push({ key: 'raw-tool-output', direction: 'against', label: 'raw tool output', evidence: 'no finding adds a description or impact beyond the tool rule message' });
  }
  if (all((f) => f.claimedImpact === null && !f.attachments.some((a) => a.kind === 'poc'))) {
    out.push({ key: 'no-attack-scenario', direction: 'against', label: 'no attack scenario', evidence: 'no claimed impact and no proof of concept' });
  }
  const exaggerated = findings.find((f) => f.cwes.length > 0 && f.cwes.every((c) => LOW_IMPACT_CWES.has(c)) && (f.severity === 'critical' || SEVERE_CLAIM.test(f.claimedImpact ?? '')));
  if (exaggerated) {
    out.push({ key: 'exaggerated-impact', direction: 'against', label: 'exaggerated impact', evidence: `${exaggerated.externalId} claims ${exaggerated.severity === 'critical' ? 'critical severity' : `"${(exaggerated.claimedImpact ?? '').slice(0, 80)}"`} for ${exaggerated.cwes.join(', ')}` });
  }
  if (all((f) => f.purl === null && f.repository === null)) {
    out.push({ key: 'no-affected-target', direction: 'against', label: 'no affected package or repository', evidence: 'no finding names a purl or a repository' });
  }
  const poc = findings.find((f) => f.attachments.some((a) => a.kind === 'poc'));
  if (poc) out.push({ key: 'has-poc', direction: 'for', label: 'proof of concept attached', evidence: `${poc.externalId} attaches ${poc.attachments.filter((a) => a.kind === 'poc').map((a) => a.name).join(', ')}` });
  if (evidence.reporters > 1) out.push({ key: 'several-reporters', direction: 'for', label: 'independent reporters', evidence: `${evidence.reporters} organizations reported this root cause` });
  if (evidence.reproduction === 'reproduced' || evidence.reproduction === 'fixed-version-clean') {
    out.push({ key: 'reproduced', direction: 'for', label: 'reproduced in the sandbox', evidence: `latest reproduction: ${evidence.reproduction}` });
  }
  if (evidence.precision && evidence.precision.decided >= 3) {
    const p = evidence.precision.value;
    if (p >= 0.7) out.push({ key: 'reporter-track-record', direction: 'for', label: 'reporter track record', evidence: `precision ${p.toFixed(2)} over ${evidence.precision.decided} decided cases` });
    else if (p <= 0.3) out.push({ key: 'reporter-track-record', direction: 'against', label: 'reporter track record', evidence: `precision ${p.toFixed(2)} over ${evidence.precision.decided} decided cases` });
  }
  return out;
}

/** C (credible) when what speaks for the report outweighs what speaks against it; the analyst decides. */
export function suggestedCredibility(indicators: readonly Indicator[]): 'C' | 'NC' {
  const score = indicators.reduce((s, i) => s + (i.direction === 'for' ? 1 : -1), 0);
  return score >= 0 ? 'C' : 'NC';
}
