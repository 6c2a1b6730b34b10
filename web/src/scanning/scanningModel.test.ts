import { describe, expect, it } from 'vitest';
import type { User } from '../types.js';
import { canScan, canWeigh, kindLabel, ownClaim, randomRunId, wholeNumber, type Claim, type ScanTarget } from './scanningModel.js';

const user = (slug: string, roles: User['org']['roles']): User => ({
  id: 'u1',
  email: 'x@example.org',
  name: 'X',
  isAdmin: false,
  org: { id: 'o1', slug, name: slug, roles },
});

const claim = (org: string, status: Claim['status']): Claim => ({
  id: `c-${org}`,
  targetId: 't1',
  org,
  scope: 'all',
  method: 'fuzzing',
  status,
  leaseHours: 72,
  createdAt: '2026-01-01T00:00:00Z',
  startsAt: null,
  expiresAt: null,
});

const target = (claims: Claim[]): ScanTarget => ({
  id: 't1',
  kind: 'package',
  key: 'pkg:npm/x',
  display: 'pkg:npm/x',
  criticality: 0,
  inputs: { subscribers: 0, kev: 0, weight: 0 },
  coverage: { reports: 0, methods: 0, lastScanned: null },
  claims,
});

describe('scanning model', () => {
  it('lets reporters and operators scan, only operators weigh', () => {
    expect(canScan(user('lab', ['reporter']))).toBe(true);
    expect(canScan(user('ops', ['operator']))).toBe(true);
    expect(canScan(user('hospital', ['subscriber']))).toBe(false);
    expect(canScan(null)).toBe(false);
    expect(canWeigh(user('lab', ['reporter']))).toBe(false);
    expect(canWeigh(user('ops', ['operator']))).toBe(true);
  });

  it("finds the user's own live claim by organization slug", () => {
    const lab = user('lab', ['reporter']);
    expect(ownClaim(target([claim('other', 'active'), claim('lab', 'queued')]), lab)?.id).toBe('c-lab');
    expect(ownClaim(target([claim('other', 'active')]), lab)).toBeUndefined();
    expect(ownClaim(target([claim('lab', 'closed')]), lab)).toBeUndefined();
  });

  it('labels kinds, reads whole numbers, makes distinct run ids', () => {
    expect(kindLabel('repository')).toBe('Repository');
    expect(kindLabel('firmware')).toBe('firmware');
    expect(wholeNumber(' 12 ')).toBe(12);
    expect(wholeNumber('1.5')).toBeUndefined();
    expect(wholeNumber('')).toBeUndefined();
    expect(randomRunId()).not.toBe(randomRunId());
  });
});
