/** Cases (docs/API.md, "Cases"): who sees what, labels, and the pure rules behind the triage forms. */

import { CASE_FILTERS, type CaseEvent, type CaseFilter, type CaseFinding, type CasePriority, type CaseTriage, type DecisionTableInfo, type ReproOracle, type Reproduction, type User } from '../types.js';

/** Analysts are members of an operator organization (the session gives them the triage scope). */
export function isAnalyst(user: User | null): boolean {
  return Boolean(user?.org.roles.includes('operator'));
}

/** Cases are listed for analysts, for reporters (theirs) and for vendors (those released to them). */
export function seesCases(user: User | null): boolean {
  return Boolean(user && (['operator', 'reporter', 'vendor'] as const).some((role) => user.org.roles.includes(role)));
}

export const FILTER_LABEL: Record<CaseFilter, string> = {
  open: 'Open',
  all: 'All',
  new: 'New',
  'needs-info': 'Needs info',
  confirmed: 'Confirmed',
  'not-a-vulnerability': 'Not a vulnerability',
};

/** The status filter from the URL; anything else is the default, open cases. */
export function parseFilter(value: string | null): CaseFilter {
  return CASE_FILTERS.find((f) => f === value) ?? 'open';
}

const STATUS_LABEL: Record<string, string> = { ...FILTER_LABEL, duplicate: 'Duplicate' };

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

/** The chip modifier for a status or a verdict: green when settled as real, red when not, amber while waiting. */
export function statusTone(status: string | null): 'ok' | 'danger' | 'warn' | 'quiet' {
  switch (status) {
    case 'confirmed':
    case 'reproduced':
    case 'fixed-version-clean':
      return 'ok';
    case 'not-a-vulnerability':
    case 'not-reproduced':
    case 'error':
      return 'danger';
    case 'needs-info':
    case 'inconclusive':
    case 'queued':
    case 'running':
      return 'warn';
    default:
      return 'quiet';
  }
}

/** A precision 0–1 as a percentage; null (nothing decided yet) as a dash. */
export function formatPrecision(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${String(Math.round(value * 100))}%` : '—';
}

/** The score and its terms on one line, for a tooltip: "63 = +40 critical severity, +8 2 reporters". */
export function priorityTitle(priority: CasePriority): string {
  return priority.parts.length ? `${String(priority.score)} = ${priority.parts.join(', ')}` : String(priority.score);
}

const OUTCOME_LABEL: Record<string, string> = { D: 'Decline', T: 'Track', C: 'Coordinate' };

/** An SSVC outcome key by the loaded table's name for it, else by the coordinator triage names. */
export function outcomeLabel(key: string | null, table?: DecisionTableInfo | null): string {
  if (!key) return '—';
  return table?.outcome.values.find((v) => v.key === key)?.name ?? OUTCOME_LABEL[key] ?? key;
}

/** The Report Credibility decision point, which the credibility indicators suggest a value for. */
const REPORT_CREDIBILITY = 'RC';

/**
 * The triage form's starting values: what was recorded, else for Report Credibility the suggestion
 * from the indicators, else nothing (the analyst picks).
 */
export function initialTriageInputs(table: DecisionTableInfo, triage: CaseTriage | null, suggested: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const point of table.inputs) {
    const recorded = triage?.inputs[point.id] ?? triage?.inputs[point.key];
    const fallback = point.key === REPORT_CREDIBILITY && point.values.some((v) => v.key === suggested) ? suggested : null;
    const value = recorded ?? fallback;
    if (value) out[point.id] = value;
  }
  return out;
}

/** The decision points still without a value. */
export function missingInputs(table: DecisionTableInfo, inputs: Record<string, string>): string[] {
  return table.inputs.filter((p) => !inputs[p.id]).map((p) => p.name);
}

export const REPRO_VERDICT_LABEL: Record<string, string> = {
  reproduced: 'Reproduced',
  'fixed-version-clean': 'Fixed version clean',
  'not-reproduced': 'Not reproduced',
  inconclusive: 'Inconclusive',
};

export function reproLabel(verdict: string | null): string {
  return verdict ? (REPRO_VERDICT_LABEL[verdict] ?? verdict) : '—';
}

/** Runs still waiting for the sandbox: the panel polls while any is. */
export function anyActive(runs: readonly Reproduction[]): boolean {
  return runs.some((r) => r.status === 'queued' || r.status === 'running');
}

export function pocsOf(finding: CaseFinding): string[] {
  return finding.attachments.filter((a) => a.kind === 'poc').map((a) => a.name);
}

/** `lib/parse.js:40–42 · parseHeader`, or null when the finding names no place. */
export function locationText(location: CaseFinding['location']): string | null {
  const lines = location.startLine === null ? '' : location.endLine !== null && location.endLine !== location.startLine ? `:${String(location.startLine)}–${String(location.endLine)}` : `:${String(location.startLine)}`;
  const place = location.file ? `${location.file}${lines}` : '';
  const text = [place, location.symbol ?? ''].filter(Boolean).join(' · ');
  return text || null;
}

export type OracleKind = ReproOracle['kind'];

/** The oracle from the form's kind and its one value, or the problem with the value. */
export function oracleFrom(kind: OracleKind, value: string): ReproOracle | { problem: string } {
  const text = value.trim();
  if (kind === 'exit-code') {
    if (!/^\d{1,3}$/.test(text) || Number(text) > 255) return { problem: 'The expected exit status is a whole number from 0 to 255.' };
    return { kind, expected: Number(text) };
  }
  if (kind === 'marker') return text ? { kind, text } : { problem: 'The marker is the text the PoC prints when it triggers the bug.' };
  return text ? { kind, signature: text } : { kind };
}

/** A command line split on whitespace ("node poc.js --fast"); empty means the server's default for the PoC. */
export function commandFrom(value: string): string[] | undefined {
  const parts = value.trim().split(/\s+/).filter(Boolean);
  return parts.length ? parts : undefined;
}

function field(details: unknown, key: string): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : Array.isArray(value) ? String(value.length) : undefined;
}

/** One line per timeline event, from the details each kind records. */
export function eventText(event: CaseEvent): string {
  const get = (key: string) => field(event.details, key);
  switch (event.kind) {
    case 'verdict':
      return [`Verdict: ${statusLabel(get('verdict') ?? '?')}`, get('duplicateOf') ? `of ${get('duplicateOf') ?? ''}` : '', get('reason') ? `— ${get('reason') ?? ''}` : ''].filter(Boolean).join(' ');
    case 'triage':
      return `SSVC triage: ${get('outcome') ?? '?'}`;
    case 'merge':
      return `Merged ${get('from') ?? '?'} into this case (${get('findings') ?? '?'} findings)`;
    case 'split':
      return get('to') ? `Split ${get('findings') ?? '?'} findings into ${get('to') ?? ''}` : `Split from ${get('from') ?? '?'}`;
    case 'reply':
      return `Reply: ${get('text') ?? ''}`;
    case 'reproduction':
      return get('error') ? `Reproduction failed: ${get('error') ?? ''}` : `Reproduction: ${reproLabel(get('verdict') ?? null)}${get('reason') ? ` — ${get('reason') ?? ''}` : ''}`;
    case 'participant':
      return `${get('org') ?? '?'} takes part as ${get('role') ?? '?'}`;
    case 'vendor-status':
      return `${get('vendor') ?? '?'}: ${get('status') ?? '?'}${get('statement') ? ` — ${get('statement') ?? ''}` : ''}`;
    case 'acknowledge':
      return `${get('vendor') ?? '?'} acknowledged the report`;
    case 'embargo':
      return get('publicAt') ? `Embargo (${get('basis') ?? get('action') ?? '?'}): public at ${get('publicAt') ?? ''}` : `Embargo: ${get('action') ?? '?'}`;
    case 'identifier':
      return `Id allocated: ${get('id') ?? '?'}`;
    case 'cve':
      return `CVE: ${get('cve') ?? '?'}`;
    case 'message':
      return `Message in ${get('thread') === 'all' ? 'the case thread' : `${get('thread') ?? '?'}’s thread`} (TLP:${get('tlp') ?? '?'})`;
    case 'advisory-draft':
    case 'advisory-edit':
    case 'advisory-ready':
    case 'advisory-reopen':
    case 'advisory-published':
    case 'advisory-publish-failed':
      return `Advisory ${get('advisory') ?? ''}: ${event.kind.slice('advisory-'.length).replace(/-/g, ' ')}`;
    default:
      return event.kind;
  }
}

/** A split takes some, never all, of a case's findings. */
export function canSplit(selected: number, total: number): boolean {
  return selected > 0 && selected < total;
}

/** A run's wall time: milliseconds under a second, else seconds. */
export function formatWall(ms: number): string {
  return ms < 1000 ? `${String(Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${String(size)} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}
