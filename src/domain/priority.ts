/**
 * The priority of one vulnerability on one asset, by SSVC lookups in loaded tables: CISA's
 * coordinator levels (Track … Act), the deployer's patch priority, and CISA BOD 26-04's remediation
 * timeline with its due date. Nothing here knows an outcome: the tables give value names, and the
 * BOD timeline's days are read from the outcome's own name, so an operator's table is used as given.
 */
import { showInZone } from './embargo.js';
import type { PriorityOutcome, Urgency } from './notification.js';
import { decide, DecisionInputError, type DecisionTable } from './ssvc.js';
import type { Severity, SsvcDecisionPoints } from './vulnerability.js';

/** The ids `parseDecisionTable` gives the corpus tables (`namespace:KEY:version` of the table). */
export const PRIORITY_TABLES = { coordinator: 'cisa:DT_CO:2.0.3', deployer: 'ssvc:DT_DP:1.0.0', bod: 'cisa:DT_BOD2604:1.0.0' } as const;

export type Exploitation = SsvcDecisionPoints['exploitation'];
export type Automatable = SsvcDecisionPoints['automatable'];
export type TechnicalImpact = SsvcDecisionPoints['technicalImpact'];

export interface VulnSignals {
  kev: { dateAdded: string } | null;
  /** the case's or an analyst's statement */
  exploitation?: Exploitation;
  /** CISA ADP's decision points from the CVE record */
  ssvc: SsvcDecisionPoints | null;
  severities: Severity[];
  epss: number | null;
}

export interface AssetContext {
  exposed: boolean;
  missionPrevalence: 'minimal' | 'support' | 'essential';
  wellBeing: 'minimal' | 'material' | 'irreversible';
  /** a federal civilian executive branch agency: BOD 26-04 binds */
  federal: boolean;
}

export type InputSource = 'cisa-adp' | 'analyst' | 'kev' | 'cvss' | 'assumed' | 'asset';

export interface DerivedInput<T extends string> {
  value: T;
  source: InputSource;
  /** what an analyst checks: the timestamp, the vector, the KEV date, or why a value was assumed */
  detail: string;
}

export interface VulnInputs {
  exploitation: DerivedInput<Exploitation>;
  automatable: DerivedInput<Automatable>;
  technicalImpact: DerivedInput<TechnicalImpact>;
  kev: { dateAdded: string } | null;
  epss: number | null;
}

export interface ExplanationLine {
  point: string;
  value: string;
  source: string;
}

export type PriorityTables = Partial<Record<keyof typeof PRIORITY_TABLES, DecisionTable | null>>;

export interface Priority extends PriorityOutcome {
  /** days of the BOD timeline, from its outcome name; null for "Fix on system upgrade" or no table */
  timelineDays: number | null;
  /** the timeline also asks for a forensic investigation */
  forensic: boolean;
  /** the BOD 26-04 clock's first day (YYYY-MM-DD in the zone): the earlier of KEV addition and detection */
  clockStart: string;
  urgency: Extract<Urgency, 'immediate' | 'digest-item'>;
  /** the tables that were not loaded (or did not take these inputs), by id, with the reason */
  missing: Array<{ table: string; reason: string }>;
  explanation: ExplanationLine[];
  /** ascending order is most urgent first: due date, then CISA level, then EPSS */
  rank: number;
}

/**
 * Each SSVC input about the vulnerability with where it came from, most trusted first: CISA ADP,
 * then the analyst or case, then KEV, then the best CVSS vector, then an assumption. An assumption
 * takes the value that gives the earlier deadline (automatable, total impact), so missing data never
 * delays a fix; exploitation assumes "none", which is SSVC's own word for "no evidence".
 *
 * KEV listing is CISA's statement that exploitation is active: it raises any lower exploitation
 * value (an ADP record enriched before the listing still says "none" or "poc").
 */
export function deriveInputs(signals: VulnSignals): VulnInputs {
  const adp = signals.ssvc;
  const adpDetail = `CISA ADP${adp?.timestamp ? ` (${adp.timestamp})` : ''}`;
  let exploitation: DerivedInput<Exploitation> =
    adp ? { value: adp.exploitation, source: 'cisa-adp', detail: adpDetail }
    : signals.exploitation ? { value: signals.exploitation, source: 'analyst', detail: 'the case or an analyst' }
    : { value: 'none', source: 'assumed', detail: 'no CISA ADP, analyst or KEV statement: no evidence of exploitation' };
  if (signals.kev && exploitation.value !== 'active') {
    const over = exploitation.source === 'assumed' ? '' : `; ${exploitation.source} said ${exploitation.value}`;
    exploitation = { value: 'active', source: 'kev', detail: `in KEV since ${signals.kev.dateAdded}${over}` };
  }
  const cvss = bestVector(signals.severities);
  const automatable: DerivedInput<Automatable> =
    adp ? { value: adp.automatable, source: 'cisa-adp', detail: adpDetail }
    : cvss ? { value: cvss.automatable.holds ? 'yes' : 'no', source: 'cvss', detail: cvss.automatable.detail }
    : { value: 'yes', source: 'assumed', detail: 'no CISA ADP or CVSS vector: the worse value' };
  const technicalImpact: DerivedInput<TechnicalImpact> =
    adp ? { value: adp.technicalImpact, source: 'cisa-adp', detail: adpDetail }
    : cvss ? { value: cvss.total.holds ? 'total' : 'partial', source: 'cvss', detail: cvss.total.detail }
    : { value: 'total', source: 'assumed', detail: 'no CISA ADP or CVSS vector: the worse value' };
  return { exploitation, automatable, technicalImpact, kev: signals.kev, epss: signals.epss };
}

// --- CVSS → SSVC -----------------------------------------------------------------------------------

/** Base metrics that make a flaw automatable (no position, complexity, privilege or user needed) and a total impact. */
type Metrics = Readonly<Record<string, string>>;
const CVSS_RULES: Readonly<Record<'3' | '4', { automatable: Metrics; total: Metrics }>> = {
  '3': { automatable: { AV: 'N', AC: 'L', PR: 'N', UI: 'N' }, total: { C: 'H', I: 'H', A: 'H' } },
  '4': { automatable: { AV: 'N', AC: 'L', AT: 'N', PR: 'N', UI: 'N' }, total: { VC: 'H', VI: 'H', VA: 'H' } },
};

const VERSION_ORDER: Record<Severity['version'], number> = { '4.0': 3, '3.1': 2, '3.0': 1, '2.0': 0 };

/**
 * The newest CVSS version present (4.0 describes more than 3.x; 2.0 has no rule), then the highest
 * base score among vectors of that version, so that a choice between sources never leans late.
 */
function bestVector(severities: readonly Severity[]) {
  const usable = severities.filter((s) => s.version !== '2.0');
  const best = [...usable].sort((a, b) => VERSION_ORDER[b.version] - VERSION_ORDER[a.version] || b.baseScore - a.baseScore)[0];
  if (!best) return null;
  const metrics = new Map(best.vector.split('/').map((part) => part.split(':') as [string, string | undefined]));
  const rules = CVSS_RULES[best.version === '4.0' ? '4' : '3'];
  const holds = (want: Metrics) => Object.entries(want).every(([m, v]) => metrics.get(m) === v);
  const detail = (want: Metrics) => `CVSS ${best.version} from ${best.source || 'the record'}: ${Object.keys(want).map((m) => `${m}:${metrics.get(m) ?? '?'}`).join('/')}`;
  return {
    automatable: { holds: holds(rules.automatable), detail: detail(rules.automatable) },
    total: { holds: holds(rules.total), detail: detail(rules.total) },
  };
}

// --- asset context → SSVC --------------------------------------------------------------------------

type Mwi = 'low' | 'medium' | 'high';

/**
 * Mission and Well-Being Impact from CISA's SSVC Guide (Nov 2022, "Mission and Well-being Impact
 * Decision Values"), also the definition of ssvc:MWI:1.0.0 in the corpus: Low is minimal mission
 * prevalence and minimal well-being impact; High is an essential mission or an irreversible impact.
 * The corpus definition leaves minimal × material unassigned; the guide's matrix makes it Medium,
 * with everything else.
 */
export function missionWellBeing(asset: Pick<AssetContext, 'missionPrevalence' | 'wellBeing'>): Mwi {
  if (asset.missionPrevalence === 'essential' || asset.wellBeing === 'irreversible') return 'high';
  if (asset.missionPrevalence === 'minimal' && asset.wellBeing === 'minimal') return 'low';
  return 'medium';
}

/** The deployer's Human Impact: MWI's level, Very High when harm to public well-being is irreversible. */
export function humanImpact(asset: Pick<AssetContext, 'missionPrevalence' | 'wellBeing'>): Mwi | 'very high' {
  return asset.wellBeing === 'irreversible' ? 'very high' : missionWellBeing(asset);
}

// --- the tables ------------------------------------------------------------------------------------

/** Our values as SSVC's value keys (the corpus tables' keys for these decision points). */
const KEYS = {
  E: { none: 'N', poc: 'P', active: 'A' },
  A: { no: 'N', yes: 'Y' },
  TI: { partial: 'P', total: 'T' },
  MWI: { low: 'L', medium: 'M', high: 'H' },
  HI: { low: 'L', medium: 'M', high: 'H', 'very high': 'VH' },
  EXP: { controlled: 'C', open: 'O' },
} as const;
const yesNo = (b: boolean) => (b ? 'Y' : 'N');

/** Parses a BOD timeline's outcome name: "60 days" → 60, "3 days & forensic investigation" → 3 and forensic. */
export function timelineOf(name: string): { days: number | null; forensic: boolean } {
  const m = /^\s*(\d{1,5})\s+(?:calendar\s+)?days?\b/i.exec(name);
  return { days: m ? Number(m[1]) : null, forensic: /forensic/i.test(name) };
}

export interface PriorityClock {
  detectedAt: Date;
  /** IANA zone of calendar dates (config.disclosure.embargo.zone) */
  zone: string;
}

export function prioritize(inputs: VulnInputs, asset: AssetContext, tables: PriorityTables, clock: PriorityClock): Priority {
  const mwi = missionWellBeing(asset);
  const hi = humanImpact(asset);
  const exposure = asset.exposed ? 'open' : 'controlled';
  const inKev = inputs.kev !== null;
  const assetLine = `asset: mission prevalence ${asset.missionPrevalence}, well-being ${asset.wellBeing}`;
  const explanation: ExplanationLine[] = [
    { point: 'Exploitation', value: inputs.exploitation.value, source: `${inputs.exploitation.source}: ${inputs.exploitation.detail}` },
    { point: 'Automatable', value: inputs.automatable.value, source: `${inputs.automatable.source}: ${inputs.automatable.detail}` },
    { point: 'Technical Impact', value: inputs.technicalImpact.value, source: `${inputs.technicalImpact.source}: ${inputs.technicalImpact.detail}` },
    { point: 'Mission and Well-Being Impact', value: mwi, source: `${assetLine} (CISA SSVC guide)` },
    { point: 'System Exposure', value: exposure, source: `asset: ${asset.exposed ? '' : 'not '}publicly exposed` },
    { point: 'Human Impact', value: hi, source: assetLine },
    { point: 'In KEV', value: inKev ? 'yes' : 'no', source: inputs.kev ? `kev: added ${inputs.kev.dateAdded}` : 'kev: not listed' },
    { point: 'Publicly Exposed', value: asset.exposed ? 'yes' : 'no', source: 'asset' },
  ];
  const E = KEYS.E[inputs.exploitation.value];
  const A = KEYS.A[inputs.automatable.value];
  const TI = KEYS.TI[inputs.technicalImpact.value];
  const missing: Priority['missing'] = [];
  const lookup = (role: keyof typeof PRIORITY_TABLES, given: Record<string, string>): string | null => {
    const table = tables[role];
    if (!table) {
      missing.push({ table: PRIORITY_TABLES[role], reason: 'not loaded' });
      return null;
    }
    try {
      const { outcome } = decide(table, given);
      explanation.push({ point: table.outcome.name, value: outcome.name, source: table.id });
      return outcome.name;
    } catch (e) {
      // an operator's table with other decision points or value keys cannot answer; say so, never guess
      if (!(e instanceof DecisionInputError)) throw e;
      missing.push({ table: table.id, reason: e.message });
      return null;
    }
  };
  const cisa = lookup('coordinator', { E, A, TI, MWI: KEYS.MWI[mwi] });
  const deployer = lookup('deployer', { E, EXP: KEYS.EXP[exposure], A, HI: KEYS.HI[hi] });
  const bod = lookup('bod', { KEV: yesNo(inKev), PE: yesNo(asset.exposed), A, TI });

  const detected = localDate(clock.detectedAt, clock.zone);
  const kevDate = inputs.kev ? calendarDate(inputs.kev.dateAdded) : null;
  const clockStart = kevDate !== null && kevDate < detected ? kevDate : detected;
  explanation.push({
    point: 'Clock start',
    value: clockStart,
    source: clockStart === kevDate ? `KEV date added, before detection on ${detected}` : `detection on the asset (${clock.zone})${kevDate ? `, not after KEV addition ${kevDate}` : ''}`,
  });
  const { days, forensic } = bod === null ? { days: null, forensic: false } : timelineOf(bod);
  const due = days === null ? null : addDays(clockStart, days);
  explanation.push({
    point: 'Due',
    value: due ?? 'none',
    source: `${days === null ? (bod === null ? 'no BOD 26-04 timeline' : `"${bod}" names no days`) : `${days} calendar days from ${clockStart}`}; ${asset.federal ? 'binding (federal civilian agency, BOD 26-04)' : 'guidance'}`,
  });
  if (inputs.epss !== null) explanation.push({ point: 'EPSS', value: String(inputs.epss), source: 'FIRST EPSS' });

  const act = cisa !== null && cisa.toLowerCase() === 'act';
  const urgency = act || (days !== null && days <= 3) ? 'immediate' : 'digest-item';
  return {
    cisa, deployer, bod, due, binding: asset.federal,
    timelineDays: days, forensic, clockStart, urgency, missing, explanation,
    rank: rankOf(due, cisa, tables.coordinator ?? null, inputs.epss),
  };
}

/**
 * Due date (days since 1970, none last), then CISA level (by its place in the table's outcome
 * values, which run from Track up to Act), then EPSS (higher first). Each term stays inside the gap
 * the term before leaves: levels take 0–9 × 10, EPSS less than 10.
 */
function rankOf(due: string | null, cisa: string | null, coordinator: DecisionTable | null, epss: number | null): number {
  const day = due === null ? 1e6 : Math.floor(Date.parse(`${due}T00:00:00Z`) / 86_400_000);
  const levels = coordinator?.outcome.values ?? [];
  const at = cisa === null ? -1 : levels.findIndex((v) => v.name === cisa);
  const level = at < 0 ? 9 : Math.min(levels.length - 1 - at, 8);
  const p = epss === null || !Number.isFinite(epss) ? 0 : Math.min(Math.max(epss, 0), 1);
  return day * 100 + level * 10 + (1 - p) * 9.99;
}

// --- calendar dates --------------------------------------------------------------------------------

function localDate(at: Date, zone: string): string {
  const shown = showInZone(at, zone);
  // the zone comes from validated configuration and the instant from our own clock: a failure is a bug
  if (!shown.ok) throw new RangeError(`detection time: ${shown.message}`);
  return shown.value.local.slice(0, 10);
}

/** KEV's dateAdded as YYYY-MM-DD, or null when it is not a real date (then detection starts the clock). */
function calendarDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return addDays(date, 0) === date ? date : null;
}

/** A calendar date plus days: dates carry no zone, so this is date arithmetic on a UTC midnight. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}
