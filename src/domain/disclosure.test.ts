import { describe, expect, it } from 'vitest';
import { ackState, awaitedParties, canPost, canReadMessage, canSeeEvent, CVE_ID, formatVulnId, localDate, type CaseReader } from './disclosure.js';
import { zonedTime } from './embargo.js';
import { TLP_LABELS, type Tlp } from './tlp.js';

const A = 'vendor-a';
const B = 'vendor-b';
const R = 'reporter-r';
const readers: Record<string, CaseReader> = {
  coordinator: { orgId: 'ops', coordinator: true, roles: ['coordinator'] },
  vendorA: { orgId: A, coordinator: false, roles: ['vendor'] },
  vendorB: { orgId: B, coordinator: false, roles: ['vendor'] },
  reporter: { orgId: R, coordinator: false, roles: ['reporter'] },
  outsider: { orgId: 'nobody', coordinator: false, roles: [] },
};

// Who reads a message written by vendor A: [thread, label, coordinator, vendorA, vendorB, reporter, outsider]
const TABLE: Array<[string, Tlp, boolean, boolean, boolean, boolean, boolean]> = [
  ['all', 'CLEAR', true, true, true, true, false],
  ['all', 'GREEN', true, true, true, true, false],
  ['all', 'AMBER', true, true, true, true, false],
  ['all', 'AMBER+STRICT', true, true, false, false, false],
  ['all', 'RED', true, true, false, false, false],
  ...TLP_LABELS.map((tlp): [string, Tlp, boolean, boolean, boolean, boolean, boolean] => ['A', tlp, true, true, false, false, false]),
];

describe('who reads a message', () => {
  it.each(TABLE)('in thread %s labelled %s (coordinator %s, vendor A %s, vendor B %s, reporter %s, outsider %s)', (thread, tlp, ...expected) => {
    const m = { tlp, threadVendorId: thread === 'all' ? null : A, authorOrgId: A };
    expect(Object.values(readers).map((r) => canReadMessage(r, m))).toEqual(expected);
  });

  it('lets the coordinators write RED to a vendor in its own thread, and only that vendor reads it', () => {
    const m = { tlp: 'RED' as const, threadVendorId: B, authorOrgId: 'ops' };
    expect(Object.values(readers).map((r) => canReadMessage(r, m))).toEqual([true, false, true, false, false]);
  });

  it('shows a RED case-thread message of the coordinators to nobody else', () => {
    const m = { tlp: 'RED' as const, threadVendorId: null, authorOrgId: 'ops' };
    expect(Object.values(readers).map((r) => canReadMessage(r, m))).toEqual([true, false, false, false, false]);
  });
});

describe('who posts where', () => {
  it('keeps vendors to the case thread and their own, reporters to the case thread', () => {
    expect([null, A, B].map((t) => canPost(readers.coordinator!, t))).toEqual([true, true, true]);
    expect([null, A, B].map((t) => canPost(readers.vendorA!, t))).toEqual([true, true, false]);
    expect([null, A, B].map((t) => canPost(readers.reporter!, t))).toEqual([true, false, false]);
    expect([null, A].map((t) => canPost(readers.outsider!, t))).toEqual([false, false]);
  });
});

describe('which timeline entries a reader sees', () => {
  const message = (thread: string | null, tlp: Tlp) => ({ kind: 'message', details: { thread, tlp, authorOrgId: A } });
  it('hides another vendor\'s thread and its SLA notices, and coordinator-only entries', () => {
    const events = [message(A, 'GREEN'), message(null, 'GREEN'), { kind: 'reminder', details: { vendorOrgId: A } }, { kind: 'triage', details: {} }, { kind: 'vendor-status', details: {} }, { kind: 'reply', details: {} }];
    const seen = (r: CaseReader) => events.map((e) => canSeeEvent(r, e));
    expect(seen(readers.coordinator!)).toEqual([true, true, true, true, true, true]);
    expect(seen(readers.vendorA!)).toEqual([true, true, true, false, true, false]);
    expect(seen(readers.vendorB!)).toEqual([false, true, false, false, true, false]);
    expect(seen(readers.reporter!)).toEqual([false, true, false, false, true, true]);
    expect(seen(readers.outsider!)).toEqual([false, false, false, false, false, false]);
  });

  it('shows the advisory\'s drafting, edits, approval and reopening to every participant, never to outsiders', () => {
    const kinds = ['advisory-draft', 'advisory-edit', 'advisory-ready', 'advisory-reopen'];
    for (const [who, expected] of [['coordinator', true], ['vendorA', true], ['vendorB', true], ['reporter', true], ['outsider', false]] as const) {
      expect(kinds.map((kind) => canSeeEvent(readers[who]!, { kind, details: { advisory: 'AICC-2027-0001' } })), who).toEqual(kinds.map(() => expected));
    }
  });
});

describe('when the vendor has not acknowledged', () => {
  const releasedAt = new Date('2027-03-01T12:00:00Z');
  const at = (iso: string, acknowledgedAt: Date | null = null) => ackState({ releasedAt, acknowledgedAt, now: new Date(iso), slaDays: 7, zone: 'UTC' });
  it('is pending until the SLA, overdue from it, and escalates after twice the SLA', () => {
    expect(at('2027-03-08T11:59:59Z')).toMatchObject({ status: 'pending', dueAt: new Date('2027-03-08T12:00:00Z') });
    expect(at('2027-03-08T12:00:00Z').status).toBe('overdue');
    expect(at('2027-03-15T11:59:59Z').status).toBe('overdue');
    expect(at('2027-03-15T12:00:00Z')).toMatchObject({ status: 'escalated', escalatesAt: new Date('2027-03-15T12:00:00Z') });
    expect(at('2027-04-01T00:00:00Z', new Date('2027-03-20T00:00:00Z')).status).toBe('acknowledged');
  });

  it('counts calendar days in the zone: across the DST change the due time keeps its wall clock', () => {
    // 2027-03-10 12:00 EST (17:00Z) + 7 days = 2027-03-17 12:00 EDT (16:00Z): US DST starts Mar 14
    const s = ackState({ releasedAt: new Date('2027-03-10T17:00:00Z'), acknowledgedAt: null, now: new Date('2027-03-17T16:30:00Z'), slaDays: 7, zone: 'America/New_York' });
    expect(s.dueAt).toEqual(new Date('2027-03-17T16:00:00Z'));
    expect(s.status).toBe('overdue');
  });

  it('names the local calendar day for reminders', () => {
    expect(localDate(new Date('2027-03-02T03:00:00Z'), 'America/New_York')).toBe('2027-03-01');
    expect(localDate(new Date('2027-03-02T03:00:00Z'), 'UTC')).toBe('2027-03-02');
  });
});

describe('an embargo extension', () => {
  it('waits for the coordinator and every vendor', () => {
    expect(awaitedParties([A, B], [])).toEqual(['coordinator', A, B]);
    expect(awaitedParties([A, B], ['coordinator', B])).toEqual([A]);
    expect(awaitedParties([A, B], ['coordinator', A, B])).toEqual([]);
  });
});

describe('identifiers and times', () => {
  it('pads the sequence to four digits and keeps longer ones', () => {
    expect(formatVulnId('AICC', 2027, 7)).toBe('AICC-2027-0007');
    expect(formatVulnId('AICC', 2027, 12345)).toBe('AICC-2027-12345');
  });

  it('checks CVE ids', () => {
    expect(['CVE-2027-1234', 'CVE-2027-1234567'].every((id) => CVE_ID.test(id))).toBe(true);
    expect(['CVE-2027-123', 'cve-2027-1234', 'CVE-27-1234', 'CVE-2027-1234 '].some((id) => CVE_ID.test(id))).toBe(false);
  });

  it('shows an instant with its zone\'s offset, winter and summer', () => {
    expect(zonedTime(new Date('2027-03-02T20:00:00Z'), 'America/New_York')).toBe('2027-03-02T15:00:00-05:00 (America/New_York)');
    expect(zonedTime(new Date('2027-07-02T19:00:00Z'), 'America/New_York')).toBe('2027-07-02T15:00:00-04:00 (America/New_York)');
    expect(zonedTime(new Date('2028-01-08T09:30:00Z'), 'Asia/Kolkata')).toBe('2028-01-08T15:00:00+05:30 (Asia/Kolkata)');
    expect(zonedTime(new Date('2027-04-15T15:00:00Z'), 'UTC')).toBe('2027-04-15T15:00:00+00:00 (UTC)');
  });
});
