/**
 * The embargo calendar of coordinated disclosure: when a case's details become public.
 *
 * Deadlines count calendar days in the policy's IANA time zone: "N days after D" is the same
 * wall-clock time N local dates later (23 or 25 hours for a day that crosses a DST change), and
 * month ends follow day arithmetic on the local date (Jan 31 + 30 days = Mar 2, Mar 1 in a leap year).
 *
 * Local wall times are resolved to instants by one rule everywhere:
 * - a time that does not exist (the spring-forward gap, e.g. 02:30 on the day New York starts DST)
 *   moves forward to the first valid instant, the transition itself (03:00 EDT) — not 03:30 as
 *   Temporal's 'compatible' would give, so a deadline never lands later than the gap's end;
 * - a time that exists twice (the fall-back fold, e.g. 01:30 on the day New York ends DST)
 *   takes the first, earlier occurrence (01:30 EDT), so a deadline is never an hour late.
 *
 * Nothing here throws on bad input: every function returns a result with a code and a message.
 */

export interface EmbargoPolicy {
  /** calendar days from vendor notification to public release */
  days: number;
  /** calendar days when exploitation in the wild is observed */
  exploitedDays: number;
  /** local time of day of the release, `HH:MM` (24-hour) */
  releaseTime: string;
  /** IANA time zone the calendar is kept in and shown to everyone */
  timeZone: string;
}

export const DEFAULT_EMBARGO_POLICY: Readonly<EmbargoPolicy> = Object.freeze({ days: 90, exploitedDays: 7, releaseTime: '15:00', timeZone: 'UTC' });

export type EmbargoErrorCode =
  | 'UNKNOWN_TIME_ZONE'
  | 'INVALID_DAYS'
  | 'INVALID_TIME'
  | 'INVALID_DATE'
  | 'INVALID_EXTENSION'
  | 'REASON_REQUIRED'
  | 'AGREEMENT_REQUIRED'
  | 'NOT_LATER'
  | 'NOT_EARLIER'
  | 'ALREADY_LIFTED';

export type EmbargoResult<T> = { ok: true; value: T } | { ok: false; code: EmbargoErrorCode; message: string };

export interface EmbargoChange {
  kind: 'extended' | 'released-early';
  from: Date;
  to: Date;
  reason: string;
  /** the parties who agreed to an extension (empty for an early release) */
  agreedBy: readonly string[];
}

export interface Embargo {
  /** the instant the embargo lifts */
  at: Date;
  zone: string;
  /** `2027-03-02 15:00`, the wall time in `zone` */
  local: string;
  /** `2027-03-02 15:00 EST (UTC−05:00)`: the zone (its abbreviation when ICU has a lettered one, else its name) and offset at that instant */
  display: string;
  history: readonly EmbargoChange[];
}

/** Most days any calendar step may take (a century): keeps instants inside the Date range. */
const MAX_DAYS = 36_525;
const DAY_MS = 86_400_000;

const ok = <T>(value: T): EmbargoResult<T> => ({ ok: true, value });
const fail = <T = never>(code: EmbargoErrorCode, message: string): EmbargoResult<T> => ({ ok: false, code, message });

/** The policy with defaults filled in, validated. */
export function embargoPolicy(overrides: Partial<EmbargoPolicy> = {}): EmbargoResult<EmbargoPolicy> {
  const policy = { ...DEFAULT_EMBARGO_POLICY, ...overrides };
  const zone = checkZone(policy.timeZone);
  if (!zone.ok) return zone;
  const days = checkDays(policy.days, 'policy days');
  if (!days.ok) return days;
  const exploited = checkDays(policy.exploitedDays, 'policy exploitedDays');
  if (!exploited.ok) return exploited;
  const time = parseTimeOfDay(policy.releaseTime);
  if (!time.ok) return time;
  return ok({ days: policy.days, exploitedDays: policy.exploitedDays, releaseTime: policy.releaseTime, timeZone: policy.timeZone });
}

/**
 * When an embargo lifts: the notification's local date in the policy zone, plus the policy's days
 * (its exploited days when exploitation is observed), at the release time of day.
 */
export function embargoEnd(notifiedAt: Date, policy: Partial<EmbargoPolicy> = {}, options: { exploited?: boolean } = {}): EmbargoResult<Embargo> {
  const checked = embargoPolicy(policy);
  if (!checked.ok) return checked;
  const { timeZone, releaseTime } = checked.value;
  const days = options.exploited ? checked.value.exploitedDays : checked.value.days;
  if (!validDate(notifiedAt)) return fail('INVALID_DATE', 'the notification time is not a valid date');
  const time = parseTimeOfDay(releaseTime);
  if (!time.ok) return time;
  const date = shiftDate(wallOf(notifiedAt.getTime(), timeZone), days);
  const at = resolveWall({ ...date, ...time.value, second: 0, ms: 0 }, timeZone);
  return ok(embargoAt(new Date(at), timeZone, []));
}

/** The same wall-clock time `days` calendar dates later in `zone`. */
export function addCalendarDays(at: Date, days: number, zone: string): EmbargoResult<Date> {
  const checked = checkZone(zone);
  if (!checked.ok) return checked;
  const count = checkDays(days, 'days');
  if (!count.ok) return count;
  if (!validDate(at)) return fail('INVALID_DATE', 'not a valid date');
  return ok(new Date(resolveWall(shiftDate(wallOf(at.getTime(), zone), days), zone)));
}

/** Local dates from `a` to `b` in `zone` (negative when `b` is on an earlier date); times of day are ignored. */
export function calendarDaysBetween(a: Date, b: Date, zone: string): EmbargoResult<number> {
  const checked = checkZone(zone);
  if (!checked.ok) return checked;
  if (!validDate(a) || !validDate(b)) return fail('INVALID_DATE', 'not a valid date');
  const dateIndex = (t: number) => {
    const w = wallOf(t, zone);
    return Math.round(wallAsUtc({ ...w, hour: 0, minute: 0, second: 0, ms: 0 }) / DAY_MS);
  };
  return ok(dateIndex(b.getTime()) - dateIndex(a.getTime()));
}

/** `YYYY-MM-DD HH:MM` in `zone` → the instant, by the gap and fold rules above. */
export function fromLocalTime(local: string, zone: string): EmbargoResult<Date> {
  const checked = checkZone(zone);
  if (!checked.ok) return checked;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(local);
  if (!m) return fail('INVALID_TIME', `"${local}" is not a local time YYYY-MM-DD HH:MM`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = { year, month, day, hour, minute, second: 0, ms: 0 };
  const back = wallOf(wallAsUtc(wall), 'UTC');
  // Date normalizes Feb 30 to Mar 2; a round trip through UTC catches impossible dates
  if (back.year !== year || back.month !== month || back.day !== day || hour > 23 || minute > 59) {
    return fail('INVALID_TIME', `"${local}" is not a valid date and time`);
  }
  return ok(new Date(resolveWall(wall, zone)));
}

/** The wall time and display string of an instant in `zone`. */
export function showInZone(at: Date, zone: string): EmbargoResult<{ local: string; display: string }> {
  const checked = checkZone(zone);
  if (!checked.ok) return checked;
  if (!validDate(at)) return fail('INVALID_DATE', 'not a valid date');
  const { local, display } = embargoAt(at, zone, []);
  return ok({ local, display });
}

export interface Extension {
  /** calendar days added in the embargo's zone (its wall time kept) … */
  days?: number;
  /** … or the new end: an instant, or a local `YYYY-MM-DD HH:MM` in the embargo's zone */
  until?: Date | string;
  reason: string;
  /** every party that agreed; at least one */
  agreedBy: readonly string[];
  /** when given, an embargo already lifted at this instant cannot be extended */
  now?: Date;
}

/** A later end, with a reason and the parties' agreement; never shortens. */
export function extendEmbargo(current: Embargo, change: Extension): EmbargoResult<Embargo> {
  const reason = typeof change.reason === 'string' ? change.reason.trim() : '';
  if (!reason) return fail('REASON_REQUIRED', 'an extension needs a reason');
  const agreedBy = [...new Set((change.agreedBy ?? []).filter((p) => typeof p === 'string').map((p) => p.trim()).filter(Boolean))];
  if (agreedBy.length === 0) return fail('AGREEMENT_REQUIRED', 'an extension needs the agreement of at least one party');
  if (change.now !== undefined && isLifted(current, change.now)) return fail('ALREADY_LIFTED', `the embargo lifted at ${current.display}; it cannot be extended`);
  if ((change.days === undefined) === (change.until === undefined)) return fail('INVALID_EXTENSION', 'an extension gives either days or until, exactly one');
  const target =
    change.days !== undefined
      ? addCalendarDays(current.at, change.days, current.zone)
      : typeof change.until === 'string'
        ? fromLocalTime(change.until, current.zone)
        : change.until && validDate(change.until)
          ? ok(change.until)
          : fail<Date>('INVALID_DATE', 'until is not a valid date');
  if (!target.ok) return target;
  if (target.value.getTime() <= current.at.getTime()) {
    return fail('NOT_LATER', `an extension must end after ${current.display}; an embargo is shortened only by an early release`);
  }
  return ok(embargoAt(target.value, current.zone, [...current.history, { kind: 'extended', from: current.at, to: target.value, reason, agreedBy }]));
}

export type EarlyReleaseReason = 'fixed' | 'exploited';

/** An earlier end because the fix shipped or the flaw is exploited; never moves the date later. */
export function earlyRelease(current: Embargo, change: { reason: EarlyReleaseReason; at: Date }): EmbargoResult<Embargo> {
  if (change.reason !== 'fixed' && change.reason !== 'exploited') return fail('REASON_REQUIRED', 'an early release is for a shipped fix or observed exploitation');
  if (!validDate(change.at)) return fail('INVALID_DATE', 'the release time is not a valid date');
  if (change.at.getTime() >= current.at.getTime()) return fail('NOT_EARLIER', `an early release must come before ${current.display}`);
  return ok(embargoAt(change.at, current.zone, [...current.history, { kind: 'released-early', from: current.at, to: change.at, reason: change.reason, agreedBy: [] }]));
}

/** Lifted from its instant on (inclusive). */
export function isLifted(embargo: Pick<Embargo, 'at'>, now: Date): boolean {
  return now.getTime() >= embargo.at.getTime();
}

// --- zone arithmetic on wall times ---------------------------------------------------------------

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = map.get(zone);
  if (!f) map.set(zone, (f = make()));
  return f;
}

function checkZone(zone: unknown): EmbargoResult<string> {
  // ICU also takes offsets like "+05:30" on newer Node; the policy wants a named IANA zone
  if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return fail('UNKNOWN_TIME_ZONE', `"${String(zone)}" is not an IANA time zone name`);
  try {
    cached(partFormatters, zone, () => partsFormatter(zone));
    return ok(zone);
  } catch {
    return fail('UNKNOWN_TIME_ZONE', `unknown time zone "${zone}"`);
  }
}

function checkDays(days: unknown, what: string): EmbargoResult<number> {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
    return fail('INVALID_DAYS', `${what} must be a whole number of days from 0 to ${MAX_DAYS}, not ${String(days)}`);
  }
  return ok(days);
}

function parseTimeOfDay(text: string): EmbargoResult<{ hour: number; minute: number }> {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(typeof text === 'string' ? text : '');
  if (!m) return fail('INVALID_TIME', `release time "${String(text)}" is not HH:MM (00:00–23:59)`);
  return ok({ hour: Number(m[1]), minute: Number(m[2]) });
}

const validDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());

function partsFormatter(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

function wallOf(t: number, zone: string): Wall {
  const wall: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ms: ((t % 1000) + 1000) % 1000 };
  for (const { type, value } of cached(partFormatters, zone, () => partsFormatter(zone)).formatToParts(t)) {
    if (type === 'year' || type === 'month' || type === 'day' || type === 'hour' || type === 'minute' || type === 'second') wall[type] = Number(value);
  }
  return wall;
}

/** The wall time read as if it were UTC: a plain count that orders wall times and dates. */
function wallAsUtc(w: Wall): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day); // not Date.UTC: it maps years 0–99 to 1900–1999
  d.setUTCHours(w.hour, w.minute, w.second, w.ms);
  return d.getTime();
}

const offsetAt = (t: number, zone: string): number => wallAsUtc(wallOf(t, zone)) - t;

function shiftDate(w: Wall, days: number): Wall {
  const moved = wallOf(wallAsUtc(w) + days * DAY_MS, 'UTC');
  return { ...w, year: moved.year, month: moved.month, day: moved.day };
}

/** The instant of a wall time in `zone`: the earlier one in a fold, the gap's end in a gap. */
function resolveWall(w: Wall, zone: string): number {
  const naive = wallAsUtc(w);
  // offsets in force a day either side cover any single transition near this wall time
  const offsets = [...new Set([offsetAt(naive - DAY_MS, zone), offsetAt(naive, zone), offsetAt(naive + DAY_MS, zone)])];
  const exact = offsets.map((o) => naive - o).filter((t) => wallAsUtc(wallOf(t, zone)) === naive);
  if (exact.length > 0) return Math.min(...exact);
  // a gap: the wall clock jumps over `naive` between these two instants; find the jump to the second
  let before = Math.floor((naive - Math.max(...offsets)) / 1000);
  let after = Math.ceil((naive - Math.min(...offsets)) / 1000);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (wallAsUtc(wallOf(mid * 1000, zone)) > naive) after = mid;
    else before = mid;
  }
  return after * 1000;
}

function embargoAt(at: Date, zone: string, history: readonly EmbargoChange[]): Embargo {
  const w = wallOf(at.getTime(), zone);
  const local = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
  return { at, zone, local, display: `${local} ${zoneLabel(at, zone)} (UTC${offsetText(offsetAt(at.getTime(), zone))})`, history };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant as ISO 8601 wall time with its UTC offset in `zone`, then the zone:
 * `2027-03-02T15:00:00-05:00 (America/New_York)` — what API answers show, a string a machine parses
 * back to the instant (`display` is for people: abbreviations and U+2212).
 */
export function zonedTime(at: Date, zone: string): string {
  const t = Math.floor(at.getTime() / 1000) * 1000;
  const w = wallOf(t, zone);
  const minutes = Math.round(offsetAt(t, zone) / 60_000);
  const abs = Math.abs(minutes);
  const offset = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset} (${zone})`;
}

function offsetText(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  // U+2212 MINUS SIGN: a hyphen reads as a dash next to the date
  return `${ms < 0 ? '\u2212' : '+'}${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** ICU's lettered abbreviation (EST, CEST is not in en-US: "GMT+2") when it has one, else the zone's name. */
function zoneLabel(at: Date, zone: string): string {
  const f = cached(nameFormatters, zone, () => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }));
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return /^[A-Z]{2,5}$/.test(name) ? name : zone;
}
