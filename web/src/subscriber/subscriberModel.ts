/** The subscriber portal (docs/API.md, "Distribution" and "Remediation"): shapes as the console reads them, and the rules it shows. */

import { nameFromFile } from '../inventories/inventoryModel.js';
import type { User } from '../types.js';

export const ASSET_TYPES = ['application', 'host', 'device', 'service'] as const;
export const MISSION_PREVALENCE = ['minimal', 'support', 'essential'] as const;
export const WELL_BEING = ['minimal', 'material', 'irreversible'] as const;

export interface SbomSummary {
  format: string;
  specVersion: string;
  sha256: string;
  components: number;
  unmatchable: number;
  version: number;
}

export interface Asset {
  id: string;
  org: string;
  name: string;
  type: string;
  exposed: boolean;
  missionPrevalence: string;
  wellBeing: string;
  sector: string | null;
  federal: boolean | null;
  owners: string[];
  cpes: string[];
  vendor: string | null;
  product: string | null;
  version: string | null;
  sbom: SbomSummary | null;
  updatedAt: string;
}

export interface SbomVersion {
  version: number;
  format: string;
  specVersion: string;
  sha256: string;
  components: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface AssetDetail extends Asset {
  sbomVersions: SbomVersion[];
}

export interface AssetPut extends Asset {
  status: 'created' | 'updated';
}

/** The context a subscriber sends with `PUT /assets/{name}`; the SBOM goes as its text. */
export interface AssetInput {
  type?: string;
  exposed?: boolean;
  missionPrevalence?: string;
  wellBeing?: string;
  sector?: string | null;
  owners?: string[];
  cpes?: string[];
  vendor?: string | null;
  product?: string | null;
  version?: string | null;
  sbom?: string;
}

export interface AffectedComponent {
  package: string;
  installed: string;
  fixed: string[];
}

export interface ExplanationLine {
  point: string;
  value: string;
  source: string;
}

export interface Exposure {
  id: string;
  org: string;
  asset: string;
  assetType: string;
  exposed: boolean;
  vulnId: string;
  summary: string | null;
  detectedAt: string;
  kevAdded: string | null;
  clockStart: string;
  dueDate: string | null;
  binding: boolean;
  cisa: string | null;
  deployer: string | null;
  bod: string | null;
  priority: unknown;
  components: unknown;
  status: string;
  statusAt: string;
  remediatedAt: string | null;
  resolvedAt: string | null;
  notifiedAt: string | null;
}

export interface RemediationReport {
  id: number;
  status: string;
  justification: string | null;
  statement: string;
  source: string;
  reportedBy: string;
  reportedAt: string;
}

export interface RemediationHistory {
  exposure: { id: number; status: string; statusAt: string; dueDate: string | null; remediatedAt: string | null };
  items: RemediationReport[];
}

export interface VexImport {
  format: string;
  statements: number;
  applied: Array<{ exposureId: number; vulnId: string; asset: string; status: string; changed: boolean }>;
  unmatched: Array<{ vulnerability: string; product: string | null; reason: string }>;
}

export interface Settings {
  org: string;
  sector: string;
  federal: boolean;
  digestHours: number;
  immediateCap: number;
  preNotify: boolean;
  lastDigestAt: string | null;
}

export type SettingsInput = Partial<Pick<Settings, 'sector' | 'federal' | 'digestHours' | 'immediateCap' | 'preNotify'>>;

export interface Channel {
  id: string;
  kind: string;
  target: string;
  active: boolean;
  cursor: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastSuccessAt: string | null;
  delivered: string;
  createdAt: string;
}

export interface CreatedChannel extends Channel {
  /** the webhook's HMAC secret, in this answer only */
  secret: string | null;
}

export interface FeedNotification {
  id: string;
  org: string;
  kind: string;
  urgency: string;
  tlp: string;
  title: string;
  vulnId: string | null;
  createdAt: string;
  body: unknown;
}

export interface DeadLetter {
  id: string;
  channel_id: string;
  kind: string;
  target: string;
  notification_id: string;
  title: string;
  attempts: number;
  last_error: string;
  status: string;
  created_at: string;
  replayed_by: string | null;
  replayed_at: string | null;
  delivered_at: string | null;
}

/** The subscriber portal is for subscriber organizations; operators see any subscriber's (`?org=`). */
export function isSubscriber(user: User | null): boolean {
  return Boolean(user?.org.roles.includes('subscriber'));
}

export function isOperator(user: User | null): boolean {
  return Boolean(user?.org.roles.includes('operator'));
}

/**
 * Whose portal the page shows: an operator's choice from `?org=`, else the user's own organization
 * when it subscribes. `undefined` as the query means "the caller's own"; null: nothing to show yet.
 */
export function portalOrg(user: User | null, requested: string | null): { slug: string; query: string | undefined } | null {
  if (!user) return null;
  const wanted = requested?.trim() ?? '';
  if (isOperator(user) && wanted && wanted !== user.org.slug) return { slug: wanted, query: wanted };
  if (isSubscriber(user)) return { slug: user.org.slug, query: undefined };
  return null;
}

const OPEN = new Set(['open', 'in_progress']);

export function isOpen(status: string): boolean {
  return OPEN.has(status);
}

/** Today's calendar date where the browser is (due dates are calendar days). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type DueState = 'overdue' | 'due' | 'met' | 'none';

/** An open exposure past its due date is overdue; a remediated one met its date or not (still shown as such). */
export function dueState(e: Pick<Exposure, 'dueDate' | 'status' | 'remediatedAt'>, on: string): DueState {
  if (!e.dueDate) return 'none';
  if (isOpen(e.status)) return e.dueDate < on ? 'overdue' : 'due';
  const done = e.remediatedAt?.slice(0, 10);
  return done && done > e.dueDate ? 'overdue' : 'met';
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The due date's weight: BOD 26-04 binds federal civilian agencies and is guidance for everyone else. */
export function dueBasis(binding: boolean): string {
  return binding ? 'required (BOD 26-04)' : 'guidance';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** The exposure's components from its JSON column, keeping only well-formed entries. */
export function componentsOf(value: unknown): AffectedComponent[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((c) =>
    isString(c.package) && isString(c.installed)
      ? [{ package: c.package, installed: c.installed, fixed: Array.isArray(c.fixed) ? c.fixed.filter(isString) : [] }]
      : [],
  );
}

/** A component's short name: a purl's last path segment (`pkg:maven/org.apache.logging.log4j/log4j-core` → `log4j-core`); a product as it is. */
export function packageLabel(pkg: string): string {
  if (!pkg.startsWith('pkg:')) return pkg;
  const path = pkg.split(/[?#]/)[0] ?? pkg;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || pkg;
  } catch {
    return last || pkg;
  }
}

/** Why the exposure has its priority, from its JSON column (the tables' inputs and outcomes). */
export function explanationOf(priority: unknown): ExplanationLine[] {
  if (!isRecord(priority) || !Array.isArray(priority.explanation)) return [];
  return priority.explanation.filter(isRecord).flatMap((l) => (isString(l.point) && isString(l.value) ? [{ point: l.point, value: l.value, source: isString(l.source) ? l.source : '' }] : []));
}

/** Tables a priority could not use (not loaded, or other inputs), so the page can say why an outcome is missing. */
export function missingTablesOf(priority: unknown): string[] {
  if (!isRecord(priority) || !Array.isArray(priority.missing)) return [];
  return priority.missing.filter(isRecord).flatMap((m) => (isString(m.table) ? [isString(m.reason) ? `${m.table} (${m.reason})` : m.table] : []));
}

export const REMEDIATION_STATUSES = ['in_progress', 'fixed', 'mitigated', 'not_affected', 'accepted_risk', 'open'] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  fixed: 'Fixed',
  mitigated: 'Mitigated',
  not_affected: 'Not affected',
  accepted_risk: 'Accepted risk',
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

/** The five VEX justifications (CISA's minimum requirements; CycloneDX codes are accepted in uploads). */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

export function justificationLabel(code: string): string {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface RemediationDraft {
  status: string;
  justification: string;
  statement: string;
}

/** What the server would refuse, said before sending: not_affected takes a justification, accepted_risk a statement. */
export function remediationProblems(d: RemediationDraft): Array<{ field: 'status' | 'justification' | 'statement'; message: string }> {
  const problems: Array<{ field: 'status' | 'justification' | 'statement'; message: string }> = [];
  if (!(REMEDIATION_STATUSES as readonly string[]).includes(d.status)) problems.push({ field: 'status', message: 'Choose a status.' });
  if (d.status === 'not_affected' && !d.justification) problems.push({ field: 'justification', message: 'Not affected needs a VEX justification.' });
  if (d.status === 'accepted_risk' && !d.statement.trim()) problems.push({ field: 'statement', message: 'Accepted risk needs a statement: why, by whom, until when.' });
  if (d.statement.length > 10_000) problems.push({ field: 'statement', message: 'A statement has at most 10,000 characters.' });
  return problems;
}

/** The request body for `PUT /exposures/{id}/remediation`: a justification only with not_affected. */
export function remediationBody(d: RemediationDraft): { status: string; justification?: string; statement?: string } {
  const statement = d.statement.trim();
  return {
    status: d.status,
    ...(d.status === 'not_affected' && d.justification ? { justification: d.justification } : {}),
    ...(statement ? { statement } : {}),
  };
}

/** A comma- or line-separated list as the API's array: trimmed, blanks and repeats dropped. */
export function listField(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

export interface AssetFormState {
  type: string;
  exposed: boolean;
  missionPrevalence: string;
  wellBeing: string;
  sector: string;
  owners: string;
  cpes: string;
  vendor: string;
  product: string;
  version: string;
}

export const EMPTY_ASSET_FORM: AssetFormState = {
  type: 'application',
  exposed: false,
  missionPrevalence: 'support',
  wellBeing: 'minimal',
  sector: '',
  owners: '',
  cpes: '',
  vendor: '',
  product: '',
  version: '',
};

export function assetForm(a: Asset): AssetFormState {
  return {
    type: a.type,
    exposed: a.exposed,
    missionPrevalence: a.missionPrevalence,
    wellBeing: a.wellBeing,
    sector: a.sector ?? '',
    owners: a.owners.join(', '),
    cpes: a.cpes.join('\n'),
    vendor: a.vendor ?? '',
    product: a.product ?? '',
    version: a.version ?? '',
  };
}

/**
 * The form as the API's context. An empty text field is left out, or sent as null (clearing it; the
 * organization's sector then applies) when the stored asset had a value there.
 */
export function assetInput(f: AssetFormState, stored?: Asset): AssetInput {
  const text = (v: string, had: string | null | undefined): { value?: string | null } => (v.trim() ? { value: v.trim() } : had ? { value: null } : {});
  const put = <K extends 'sector' | 'vendor' | 'product' | 'version'>(key: K, v: string): Partial<Record<K, string | null>> => {
    const t = text(v, stored?.[key]);
    return 'value' in t ? ({ [key]: t.value } as Partial<Record<K, string | null>>) : {};
  };
  return {
    type: f.type,
    exposed: f.exposed,
    missionPrevalence: f.missionPrevalence,
    wellBeing: f.wellBeing,
    owners: listField(f.owners),
    cpes: listField(f.cpes),
    ...put('sector', f.sector),
    ...put('vendor', f.vendor),
    ...put('product', f.product),
    ...put('version', f.version),
  };
}

/** The server's asset names: letters, digits, spaces and `. : / @ + - _`, starting with a letter, digit or `_`. */
export const ASSET_NAME_PATTERN = '[A-Za-z0-9_][A-Za-z0-9_ .:\\/@+\\-]*';

/** A name from an SBOM's file name, its SBOM extensions dropped: `permits-portal.cdx.json` → `permits-portal`. */
export function assetNameFromFile(fileName: string): string {
  return nameFromFile(fileName.replace(/(\.(cdx|spdx|bom|sbom))?\.(json|xml|txt|spdx)$/i, ''));
}

export type ChannelHealth = 'paused' | 'failing' | 'ok' | 'new';

/** A channel is failing while it retries (attempts since its last success); new until it first delivers. */
export function channelHealth(c: Pick<Channel, 'active' | 'attempts' | 'lastSuccessAt'>): ChannelHealth {
  if (!c.active) return 'paused';
  if (c.attempts > 0) return 'failing';
  return c.lastSuccessAt ? 'ok' : 'new';
}

/** The pull feed answers oldest first: the page lists the newest first. */
export function newestFirst<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareIds(b.id, a.id));
}

/** Ids are bigint cursors as text: compared as numbers of any length. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A notification's due date and outcome, read from its body without trusting its shape. */
export function notificationPriority(body: unknown): { due: string | null; cisa: string | null; bod: string | null; binding: boolean } {
  const p = isRecord(body) && isRecord(body.priority) ? body.priority : {};
  return {
    due: isString(p.due) ? p.due : null,
    cisa: isString(p.cisa) ? p.cisa : null,
    bod: isString(p.bod) ? p.bod : null,
    binding: p.binding === true,
  };
}

export function urgencyLabel(urgency: string): string {
  return urgency === 'immediate' ? 'Immediate' : urgency === 'digest-item' ? 'In the digest' : urgency === 'digest' ? 'Digest' : urgency;
}

/** Digest periods a subscriber picks from (the API takes 1–168 hours). */
export const DIGEST_PERIODS = [
  { hours: 1, label: 'Hourly' },
  { hours: 4, label: 'Every 4 hours' },
  { hours: 12, label: 'Twice a day' },
  { hours: 24, label: 'Daily' },
  { hours: 168, label: 'Weekly' },
] as const;

export function digestLabel(hours: number): string {
  return DIGEST_PERIODS.find((p) => p.hours === hours)?.label ?? `Every ${String(hours)} hours`;
}
