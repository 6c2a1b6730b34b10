import { describe, expect, it } from 'vitest';
import {
  barLength,
  barsOf,
  BOD_ORDER,
  CISA_ORDER,
  csvHref,
  formatHours,
  formatShare,
  funnelSteps,
  healthSummary,
  intervalSeries,
  niceMax,
  seesDistribution,
  type IntervalStat,
  type Stage,
} from './distributionModel.js';

describe('bars', () => {
  it('orders known categories by meaning and the rest by count', () => {
    expect(barsOf({ Track: 4, Act: 1, Weird: 2, Other: 9 }, CISA_ORDER).map((b) => b.key)).toEqual(['Act', 'Track', 'Other', 'Weird']);
    expect(barsOf({ '60 days': 1, '3 days & forensic investigation': 1 }, BOD_ORDER).map((b) => b.key)).toEqual(['3 days & forensic investigation', '60 days']);
    expect(barsOf({ fixed: 1 }, [], (k) => k.toUpperCase())).toEqual([{ key: 'fixed', label: 'FIXED', value: 1 }]);
  });

  it('scales to a round maximum and never hides a non-zero value', () => {
    expect(niceMax([3, 7])).toBe(10);
    expect(niceMax([120])).toBe(200);
    expect(niceMax([0.4])).toBe(0.5);
    expect(niceMax([])).toBe(1);
    expect(barLength(0, 10, 400)).toBe(0);
    expect(barLength(0.001, 1000, 400)).toBe(2);
    expect(barLength(5, 10, 400)).toBe(200);
    expect(barLength(50, 10, 400)).toBe(400);
  });
});

describe('figures as text', () => {
  it('writes intervals in minutes, hours or days', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(0.25)).toBe('15 min');
    expect(formatHours(0.001)).toBe('< 1 min');
    expect(formatHours(0)).toBe('0 min');
    expect(formatHours(5.25)).toBe('5.3 h');
    expect(formatHours(30)).toBe('30 h');
    expect(formatHours(72)).toBe('3.0 d');
    expect(formatHours(24 * 45)).toBe('45 d');
  });

  it('writes a share as a percentage', () => {
    expect(formatShare(null)).toBe('—');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0.6667)).toBe('66.7%');
  });
});

describe('the funnel and intervals', () => {
  it('gives each step its share of the one before, none after an empty step', () => {
    const steps = funnelSteps({ findings: 10, cases: 5, confirmed: 0, advisories: 0, notifications: 4, exposures: 4, remediated: 1 });
    expect(steps.map((s) => s.ofPrevious)).toEqual([null, 0.5, 0, null, null, 1, 0.25]);
    expect(steps[6]).toMatchObject({ stage: 'remediated', label: 'Remediated', count: 1 });
  });

  it('charts only the stages something reached', () => {
    const none: IntervalStat = { count: 0, medianHours: null, p90Hours: null };
    const intervals: Record<Stage, IntervalStat> = { validation: { count: 2, medianHours: 3, p90Hours: 5 }, acknowledgement: none, fix: none, advisory: none, notification: none, remediation: { count: 1, medianHours: 0.1, p90Hours: 0.1 } };
    expect(intervalSeries(intervals).map((s) => [s.stage, s.median, s.p90])).toEqual([
      ['validation', 3, 5],
      ['remediation', 0.1, 0.1],
    ]);
  });
});

describe('distribution health', () => {
  it('sums channels, takes the worst lag and counts the dead letters waiting', () => {
    const h = healthSummary({
      notificationsByUrgency: { immediate: 2 },
      channels: [
        { kind: 'webhook', total: 3, active: 2, failing: 1, lagMax: 4, lagTotal: 5 },
        { kind: 'email', total: 1, active: 1, failing: 0, lagMax: 7, lagTotal: 7 },
      ],
      deadLettersByStatus: { dead: 2, delivered: 5 },
    });
    expect(h).toEqual({ channels: 4, active: 3, failing: 1, lagMax: 7, lagTotal: 12, dead: 2 });
    expect(healthSummary({ notificationsByUrgency: {}, channels: [], deadLettersByStatus: {} })).toEqual({ channels: 0, active: 0, failing: 0, lagMax: 0, lagTotal: 0, dead: 0 });
  });

  it('is the operators’ view, with CSV links to the API', () => {
    expect(seesDistribution({ org: { roles: ['operator'] } })).toBe(true);
    expect(seesDistribution({ org: { roles: ['subscriber'] } })).toBe(false);
    expect(seesDistribution(null)).toBe(false);
    expect(csvHref('funnel')).toBe('/api/v1/metrics.csv?table=funnel');
  });
});
