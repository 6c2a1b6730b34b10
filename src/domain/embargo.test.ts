import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  DEFAULT_EMBARGO_POLICY,
  earlyRelease,
  embargoEnd,
  embargoPolicy,
  extendEmbargo,
  fromLocalTime,
  isLifted,
  showInZone,
  type Embargo,
  type EmbargoResult,
} from './embargo.js';

// Calendar facts used below, worked out by hand (and easy to check with `cal 2027`):
// - 2027 is not a leap year; 2028 is (Feb has 29 days).
// - US DST 2027: starts Sun Mar 14 (second Sunday; Mar 1 is a Monday) at 02:00 EST -> 03:00 EDT (07:00Z),
//   ends Sun Nov 7 (first Sunday; Nov 1 is a Monday) at 02:00 EDT -> 01:00 EST (06:00Z).
// - EU DST 2027: starts Sun Mar 28 (last Sunday; Mar 31 is a Wednesday) at 01:00Z (02:00 CET -> 03:00 CEST),
//   ends Sun Oct 31 (last Sunday) at 01:00Z (03:00 CEST -> 02:00 CET).
// - EST = UTC−5, EDT = UTC−4, CET = UTC+1, CEST = UTC+2, IST (Kolkata) = UTC+5:30, MST (Phoenix) = UTC−7 all year.
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

function value<T>(result: EmbargoResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.value;
}

const utc = (iso: string) => new Date(iso);
const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / HOUR;

describe('the embargo end', () => {
  it('is 90 calendar days after notification at 15:00 UTC by default', () => {
    // Jan 15 is day 15 of 2027; +90 = day 105; Jan 31 + Feb 28 + Mar 31 = 90, so day 105 = Apr 15.
    const end = value(embargoEnd(utc('2027-01-15T10:00:00Z')));
    expect(end.at).toEqual(utc('2027-04-15T15:00:00Z'));
    expect(end.local).toBe('2027-04-15 15:00');
    expect(end.display).toBe('2027-04-15 15:00 UTC (UTC+00:00)');
    expect(end.zone).toBe(DEFAULT_EMBARGO_POLICY.timeZone);
  });

  it('is 7 calendar days after notification when exploitation is observed', () => {
    // Jun 10 + 7 = Jun 17, at the release time 15:00 UTC.
    const end = value(embargoEnd(utc('2027-06-10T12:00:00Z'), {}, { exploited: true }));
    expect(end.at).toEqual(utc('2027-06-17T15:00:00Z'));
  });

  it('uses the policy\'s own exploited days and release time', () => {
    // Jun 10 + 3 = Jun 13, at 09:30 UTC.
    const end = value(embargoEnd(utc('2027-06-10T12:00:00Z'), { exploitedDays: 3, releaseTime: '09:30' }, { exploited: true }));
    expect(end.at).toEqual(utc('2027-06-13T09:30:00Z'));
  });

  it('counts Jan 31 + 30 days to Mar 2 in a common year and shows the zone with its offset', () => {
    // Jan 31 is day 31; +30 = day 61; Jan + Feb = 59 days in 2027, so day 61 = Mar 2.
    // 15:00 EST (before DST starts on Mar 14) = 20:00Z.
    const end = value(embargoEnd(utc('2027-01-31T20:00:00Z'), { days: 30, timeZone: NY }));
    expect(end.at).toEqual(utc('2027-03-02T20:00:00Z'));
    expect(end.local).toBe('2027-03-02 15:00');
    expect(end.display).toBe('2027-03-02 15:00 EST (UTC\u221205:00)');
  });

  it('counts Jan 31 + 30 days to Mar 1 in a leap year', () => {
    // Jan + Feb = 60 days in 2028, so day 61 = Mar 1; 15:00 EST = 20:00Z.
    const end = value(embargoEnd(utc('2028-01-31T20:00:00Z'), { days: 30, timeZone: NY }));
    expect(end.at).toEqual(utc('2028-03-01T20:00:00Z'));
  });

  it('starts from the notification\'s local date in the policy zone, not its UTC date', () => {
    // 2027-01-31T03:00Z is Jan 30 22:00 EST; Jan 30 + 30 = day 60 = Mar 1 (common year); 15:00 EST = 20:00Z.
    const end = value(embargoEnd(utc('2027-01-31T03:00:00Z'), { days: 30, timeZone: NY }));
    expect(end.at).toEqual(utc('2027-03-01T20:00:00Z'));
  });

  it('lands on Feb 29 across the year end into a leap year', () => {
    // Dec 1 2027 + 30 = Dec 31; + 31 = Jan 31 (61); + 29 = Feb 29 2028 (90).
    const end = value(embargoEnd(utc('2027-12-01T08:00:00Z')));
    expect(end.at).toEqual(utc('2028-02-29T15:00:00Z'));
    expect(end.local).toBe('2028-02-29 15:00');
  });

  it('lands on Mar 1 for the same count in a common year', () => {
    // Dec 1 2026 + 30 = Dec 31; + 31 = Jan 31 (61); + 28 = Feb 28 (89); + 1 = Mar 1 2027 (90).
    const end = value(embargoEnd(utc('2026-12-01T08:00:00Z')));
    expect(end.at).toEqual(utc('2027-03-01T15:00:00Z'));
  });

  it('reaches Feb 29 itself with the 7-day rule', () => {
    // Feb 22 2028 + 7 = Feb 29 (2028 is a leap year).
    const end = value(embargoEnd(utc('2028-02-22T09:00:00Z'), {}, { exploited: true }));
    expect(end.at).toEqual(utc('2028-02-29T15:00:00Z'));
  });

  it('crosses the year end', () => {
    // Dec 28 2027 + 7: Dec 31 is +3, Jan 4 2028 is +7.
    const end = value(embargoEnd(utc('2027-12-28T15:00:00Z'), {}, { exploited: true }));
    expect(end.at).toEqual(utc('2028-01-04T15:00:00Z'));
  });

  it('keeps a half-hour offset zone without DST (Asia/Kolkata), from its own new year', () => {
    // 2027-12-31T20:00Z is 2028-01-01 01:30 IST, so the local date is Jan 1 2028; + 7 = Jan 8.
    // 15:00 IST = 15:00 − 5:30 = 09:30Z.
    const end = value(embargoEnd(utc('2027-12-31T20:00:00Z'), { timeZone: 'Asia/Kolkata' }, { exploited: true }));
    expect(end.at).toEqual(utc('2028-01-08T09:30:00Z'));
    // ICU has no lettered en-US abbreviation for Kolkata ("GMT+5:30"), so the zone's name is shown
    expect(end.display).toBe('2028-01-08 15:00 Asia/Kolkata (UTC+05:30)');
  });

  it('shows the summer offset when the end falls in DST', () => {
    // Jul 1 + 90: Jul 31 is +30, Aug 31 +61, Sep 29 +90. 15:00 CEST = 13:00Z.
    const end = value(embargoEnd(utc('2027-07-01T00:00:00Z'), { timeZone: BERLIN }));
    expect(end.at).toEqual(utc('2027-09-29T13:00:00Z'));
    expect(end.display).toBe('2027-09-29 15:00 Europe/Berlin (UTC+02:00)');
  });

  it('moves a release time in the spring-forward gap to the first valid instant', () => {
    // Mar 7 + 7 = Mar 14 2027; 02:30 does not exist in New York that day (02:00 EST jumps to 03:00 EDT),
    // so the end is the jump itself: 03:00 EDT = 07:00Z.
    const end = value(embargoEnd(utc('2027-03-07T12:00:00Z'), { timeZone: NY, releaseTime: '02:30' }, { exploited: true }));
    expect(end.at).toEqual(utc('2027-03-14T07:00:00Z'));
    expect(end.display).toBe('2027-03-14 03:00 EDT (UTC\u221204:00)');
  });

  it('takes the earlier of two 01:30s on the fall-back day', () => {
    // Oct 31 + 7 = Nov 7 2027; 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST): the first counts.
    const end = value(embargoEnd(utc('2027-10-31T12:00:00Z'), { timeZone: NY, releaseTime: '01:30' }, { exploited: true }));
    expect(end.at).toEqual(utc('2027-11-07T05:30:00Z'));
    expect(end.display).toBe('2027-11-07 01:30 EDT (UTC\u221204:00)');
  });
});

describe('adding calendar days', () => {
  it('gives 23 hours for the day New York springs forward', () => {
    // Sat Mar 13 12:00 EST (17:00Z) + 1 day = Sun Mar 14 12:00 EDT (16:00Z).
    const at = value(addCalendarDays(utc('2027-03-13T17:00:00Z'), 1, NY));
    expect(at).toEqual(utc('2027-03-14T16:00:00Z'));
    expect(hoursBetween(utc('2027-03-13T17:00:00Z'), at)).toBe(23);
  });

  it('gives 25 hours for the day New York falls back', () => {
    // Sat Nov 6 12:00 EDT (16:00Z) + 1 day = Sun Nov 7 12:00 EST (17:00Z).
    const at = value(addCalendarDays(utc('2027-11-06T16:00:00Z'), 1, NY));
    expect(at).toEqual(utc('2027-11-07T17:00:00Z'));
    expect(hoursBetween(utc('2027-11-06T16:00:00Z'), at)).toBe(25);
  });

  it('gives 23 hours for the day Berlin springs forward (two weeks after New York)', () => {
    // Sat Mar 27 15:00 CET (14:00Z) + 1 day = Sun Mar 28 15:00 CEST (13:00Z).
    const at = value(addCalendarDays(utc('2027-03-27T14:00:00Z'), 1, BERLIN));
    expect(at).toEqual(utc('2027-03-28T13:00:00Z'));
    expect(hoursBetween(utc('2027-03-27T14:00:00Z'), at)).toBe(23);
  });

  it('gives 25 hours for the day Berlin falls back', () => {
    // Sat Oct 30 15:00 CEST (13:00Z) + 1 day = Sun Oct 31 15:00 CET (14:00Z).
    const at = value(addCalendarDays(utc('2027-10-30T13:00:00Z'), 1, BERLIN));
    expect(at).toEqual(utc('2027-10-31T14:00:00Z'));
    expect(hoursBetween(utc('2027-10-30T13:00:00Z'), at)).toBe(25);
  });

  it('keeps the wall time over many days across a change: 15:00 EST + 30 days = 15:00 EDT', () => {
    // Mar 2 + 30 = Apr 1 (Mar has 31 days); 15:00 EDT = 19:00Z, so 30 × 24 − 1 = 719 hours.
    const at = value(addCalendarDays(utc('2027-03-02T20:00:00Z'), 30, NY));
    expect(at).toEqual(utc('2027-04-01T19:00:00Z'));
    expect(hoursBetween(utc('2027-03-02T20:00:00Z'), at)).toBe(719);
  });

  it('gives exactly 24 hours in a zone without DST (America/Phoenix) on New York\'s change day', () => {
    // Phoenix stays MST (UTC−7): Mar 13 12:00 MST (19:00Z) + 1 = Mar 14 12:00 MST (19:00Z).
    const at = value(addCalendarDays(utc('2027-03-13T19:00:00Z'), 1, 'America/Phoenix'));
    expect(at).toEqual(utc('2027-03-14T19:00:00Z'));
    expect(value(showInZone(at, 'America/Phoenix')).display).toBe('2027-03-14 12:00 MST (UTC\u221207:00)');
  });

  it('moves a wall time that falls in the gap forward to the gap\'s end', () => {
    // Mar 13 02:30 EST (07:30Z) + 1 = Mar 14 02:30, which does not exist: 03:00 EDT (07:00Z), 23.5 hours later.
    const at = value(addCalendarDays(utc('2027-03-13T07:30:00Z'), 1, NY));
    expect(at).toEqual(utc('2027-03-14T07:00:00Z'));
  });

  it('takes the first occurrence of a wall time that falls in the fold', () => {
    // Nov 6 01:30 EDT (05:30Z) + 1 = Nov 7 01:30, first as EDT (05:30Z) — exactly 24 hours, not 25.
    const at = value(addCalendarDays(utc('2027-11-06T05:30:00Z'), 1, NY));
    expect(at).toEqual(utc('2027-11-07T05:30:00Z'));
  });

  it('counts month ends on the local date: Jan 31 + 30 days in Kolkata', () => {
    // 2027-01-31T12:00Z = Jan 31 17:30 IST; + 30 = Mar 2 17:30 IST = 12:00Z (no DST in India).
    expect(value(addCalendarDays(utc('2027-01-31T12:00:00Z'), 30, 'Asia/Kolkata'))).toEqual(utc('2027-03-02T12:00:00Z'));
  });

  it('returns the same instant for zero days', () => {
    expect(value(addCalendarDays(utc('2027-05-05T05:05:05.005Z'), 0, BERLIN))).toEqual(utc('2027-05-05T05:05:05.005Z'));
  });
});

describe('calendar days between two instants', () => {
  it('counts local dates, so 23 hours across spring-forward is one day', () => {
    expect(value(calendarDaysBetween(utc('2027-03-13T17:00:00Z'), utc('2027-03-14T16:00:00Z'), NY))).toBe(1);
  });

  it('depends on the zone: one hour around New York\'s midnight is a day there and none in UTC', () => {
    // 04:00Z = Dec 31 23:00 EST, 05:00Z = Jan 1 00:00 EST; both are Jan 1 in UTC.
    const [a, b] = [utc('2027-01-01T04:00:00Z'), utc('2027-01-01T05:00:00Z')];
    expect(value(calendarDaysBetween(a, b, NY))).toBe(1);
    expect(value(calendarDaysBetween(a, b, 'UTC'))).toBe(0);
  });

  it('is negative when the second instant is on an earlier date, and spans leap years', () => {
    // 2028-03-01 − 2027-03-01 = 366 days (it contains Feb 29 2028).
    expect(value(calendarDaysBetween(utc('2028-03-01T12:00:00Z'), utc('2027-03-01T12:00:00Z'), 'UTC'))).toBe(-366);
  });
});

describe('local times', () => {
  it('resolve the Berlin gap and fold by the same rules', () => {
    // Mar 28 02:30 does not exist (01:00Z jumps 02:00 CET -> 03:00 CEST): the jump, 01:00Z.
    expect(value(fromLocalTime('2027-03-28 02:30', BERLIN))).toEqual(utc('2027-03-28T01:00:00Z'));
    // Oct 31 02:30 happens as CEST (00:30Z) and again as CET (01:30Z): the first.
    expect(value(fromLocalTime('2027-10-31 02:30', BERLIN))).toEqual(utc('2027-10-31T00:30:00Z'));
  });

  it('refuse impossible dates and malformed text', () => {
    expect(fromLocalTime('2027-02-29 10:00', 'UTC')).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(fromLocalTime('2027-04-01 24:00', 'UTC')).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(fromLocalTime('tomorrow', 'UTC')).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(value(fromLocalTime('2028-02-29 10:00', 'UTC'))).toEqual(utc('2028-02-29T10:00:00Z'));
  });
});

describe('validation', () => {
  it.each(['Mars/Olympus', '', '+05:30', 'Europe/../etc'])('refuses the time zone %j', (zone) => {
    const result = embargoEnd(utc('2027-01-01T00:00:00Z'), { timeZone: zone });
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_TIME_ZONE' });
    expect(addCalendarDays(utc('2027-01-01T00:00:00Z'), 1, zone)).toMatchObject({ ok: false, code: 'UNKNOWN_TIME_ZONE' });
  });

  it.each([-1, 1.5, Number.NaN, Infinity, 1_000_000])('refuses %s days', (days) => {
    expect(addCalendarDays(utc('2027-01-01T00:00:00Z'), days, 'UTC')).toMatchObject({ ok: false, code: 'INVALID_DAYS' });
    expect(embargoPolicy({ days })).toMatchObject({ ok: false, code: 'INVALID_DAYS' });
    expect(embargoPolicy({ exploitedDays: days })).toMatchObject({ ok: false, code: 'INVALID_DAYS' });
  });

  it.each(['24:00', '3pm', '15:60', '7:00'])('refuses the release time %j', (releaseTime) => {
    expect(embargoPolicy({ releaseTime })).toMatchObject({ ok: false, code: 'INVALID_TIME' });
  });

  it('refuses an invalid date and names the problem in the message', () => {
    const result = embargoEnd(new Date('not a date'));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(!result.ok && result.message).toMatch(/notification/);
  });

  it('fills the defaults into a partial policy', () => {
    expect(value(embargoPolicy({ timeZone: NY }))).toEqual({ days: 90, exploitedDays: 7, releaseTime: '15:00', timeZone: NY });
  });
});

describe('extending an embargo', () => {
  // Mar 2 2027 15:00 EST = 20:00Z (see "Jan 31 + 30 days" above).
  const current = (): Embargo => value(embargoEnd(utc('2027-01-31T20:00:00Z'), { days: 30, timeZone: NY }));
  const agreed = { reason: 'vendor needs time to ship the fix', agreedBy: ['vendor:acme', 'coordinator:aicc'] };

  it('adds calendar days keeping the release wall time across DST and records who agreed', () => {
    // Mar 2 + 30 = Apr 1; 15:00 EDT = 19:00Z.
    const extended = value(extendEmbargo(current(), { ...agreed, days: 30 }));
    expect(extended.at).toEqual(utc('2027-04-01T19:00:00Z'));
    expect(extended.display).toBe('2027-04-01 15:00 EDT (UTC\u221204:00)');
    expect(extended.history).toEqual([
      { kind: 'extended', from: utc('2027-03-02T20:00:00Z'), to: utc('2027-04-01T19:00:00Z'), reason: agreed.reason, agreedBy: agreed.agreedBy },
    ]);
  });

  it('moves to a given local time in the embargo zone', () => {
    // Apr 15 10:00 EDT = 14:00Z.
    expect(value(extendEmbargo(current(), { ...agreed, until: '2027-04-15 10:00' })).at).toEqual(utc('2027-04-15T14:00:00Z'));
  });

  it('refuses without a reason', () => {
    expect(extendEmbargo(current(), { ...agreed, reason: '  ', days: 7 })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('refuses without agreement', () => {
    expect(extendEmbargo(current(), { ...agreed, agreedBy: [], days: 7 })).toMatchObject({ ok: false, code: 'AGREEMENT_REQUIRED' });
    expect(extendEmbargo(current(), { ...agreed, agreedBy: [' '], days: 7 })).toMatchObject({ ok: false, code: 'AGREEMENT_REQUIRED' });
  });

  it('never shortens, and zero days is no extension', () => {
    expect(extendEmbargo(current(), { ...agreed, until: utc('2027-03-01T20:00:00Z') })).toMatchObject({ ok: false, code: 'NOT_LATER' });
    expect(extendEmbargo(current(), { ...agreed, until: utc('2027-03-02T20:00:00Z') })).toMatchObject({ ok: false, code: 'NOT_LATER' });
    expect(extendEmbargo(current(), { ...agreed, days: 0 })).toMatchObject({ ok: false, code: 'NOT_LATER' });
    expect(extendEmbargo(current(), { ...agreed, days: -3 })).toMatchObject({ ok: false, code: 'INVALID_DAYS' });
  });

  it('takes exactly one of days and until', () => {
    expect(extendEmbargo(current(), { ...agreed })).toMatchObject({ ok: false, code: 'INVALID_EXTENSION' });
    expect(extendEmbargo(current(), { ...agreed, days: 1, until: utc('2027-05-01T00:00:00Z') })).toMatchObject({ ok: false, code: 'INVALID_EXTENSION' });
  });

  it('refuses once the embargo has lifted', () => {
    expect(extendEmbargo(current(), { ...agreed, days: 7, now: utc('2027-03-02T20:00:00Z') })).toMatchObject({ ok: false, code: 'ALREADY_LIFTED' });
    expect(extendEmbargo(current(), { ...agreed, days: 7, now: utc('2027-03-02T19:59:59Z') }).ok).toBe(true);
  });
});

describe('releasing early', () => {
  const current = (): Embargo => value(embargoEnd(utc('2027-01-31T20:00:00Z'), { days: 30, timeZone: NY }));

  it('moves the end earlier because the fix shipped, and records it', () => {
    // 2027-02-10T17:00Z = Feb 10 12:00 EST.
    const released = value(earlyRelease(current(), { reason: 'fixed', at: utc('2027-02-10T17:00:00Z') }));
    expect(released.at).toEqual(utc('2027-02-10T17:00:00Z'));
    expect(released.display).toBe('2027-02-10 12:00 EST (UTC\u221205:00)');
    expect(released.history).toEqual([{ kind: 'released-early', from: utc('2027-03-02T20:00:00Z'), to: utc('2027-02-10T17:00:00Z'), reason: 'fixed', agreedBy: [] }]);
  });

  it('never moves the end later or keeps it', () => {
    expect(earlyRelease(current(), { reason: 'exploited', at: utc('2027-03-03T20:00:00Z') })).toMatchObject({ ok: false, code: 'NOT_EARLIER' });
    expect(earlyRelease(current(), { reason: 'exploited', at: utc('2027-03-02T20:00:00Z') })).toMatchObject({ ok: false, code: 'NOT_EARLIER' });
  });

  it('accepts only a shipped fix or observed exploitation as the reason', () => {
    const reason = 'bored' as unknown as 'fixed';
    expect(earlyRelease(current(), { reason, at: utc('2027-02-10T17:00:00Z') })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });
});

describe('whether an embargo has lifted', () => {
  const embargo = { at: utc('2027-03-02T20:00:00Z') };
  it('is false before its instant and true from it on', () => {
    expect(isLifted(embargo, utc('2027-03-02T19:59:59.999Z'))).toBe(false);
    expect(isLifted(embargo, utc('2027-03-02T20:00:00Z'))).toBe(true);
    expect(isLifted(embargo, utc('2027-03-03T00:00:00Z'))).toBe(true);
  });
});
