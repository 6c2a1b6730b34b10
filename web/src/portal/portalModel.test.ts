import { describe, expect, it } from 'vitest';
import type { Claim, ScanTarget } from '../scanning/scanningModel.js';
import type { CaseSummary, Receipt, User } from '../types.js';
import { findingsContentType, isReporter, newSubmissionKey, ownClaims, receiptSummary, statusById } from './portalModel.js';

const lab: User = { id: 'u', email: 'r@lab.example', name: 'R', isAdmin: false, org: { id: 'o', slug: 'lab', name: 'Lab', roles: ['reporter'] } };

const claim = (id: string, org: string, expiresAt: string | null): Claim => ({
  id, targetId: 't', org, scope: 'all', method: 'fuzzing', status: 'active', leaseHours: 72, createdAt: '', startsAt: null, expiresAt,
});
const target = (display: string, claims: Claim[]): ScanTarget => ({
  id: display, kind: 'package', key: display, display, criticality: 0, inputs: { subscribers: 0, kev: 0, weight: 0 }, coverage: { reports: 0, methods: 0, lastScanned: null }, claims,
});

describe('reporter portal model', () => {
  it('is for reporter organizations', () => {
    expect(isReporter(lab)).toBe(true);
    expect(isReporter({ ...lab, org: { ...lab.org, roles: ['operator'] } })).toBe(false);
    expect(isReporter(null)).toBe(false);
  });

  it('sends SARIF as application/sarif+json, by format or by file name', () => {
    expect(findingsContentType('sarif', 'x.json')).toBe('application/sarif+json');
    expect(findingsContentType('auto', 'run.sarif')).toBe('application/sarif+json');
    expect(findingsContentType('auto', 'run.sarif.json')).toBe('application/sarif+json');
    expect(findingsContentType('auto', 'findings.json')).toBe('application/json');
    expect(findingsContentType('osv', 'run.sarif')).toBe('application/json');
  });

  it('makes distinct idempotency keys', () => {
    expect(newSubmissionKey()).toMatch(/^sub-[0-9a-f-]{32,}$/);
    expect(newSubmissionKey()).not.toBe(newSubmissionKey());
  });

  it('sums up a receipt', () => {
    const receipt: Receipt = {
      submission: { id: 's', clientKey: 'k', name: 'run.sarif', format: 'sarif', sha256: '', findings: 2, receivedAt: '' },
      status: 'accepted',
      findings: [
        { externalId: 'a', findingId: 'f1', caseId: 'C-1', status: 'new-case', reason: 'new', score: 0, explanation: '' },
        { externalId: 'b', findingId: 'f2', caseId: 'C-2', status: 'duplicate', reason: 'fingerprint', score: 1, explanation: '' },
      ],
    };
    expect(receiptSummary(receipt)).toBe('Received run.sarif: 2 findings, 1 opening a new case, 1 joining an existing one.');
    expect(receiptSummary({ ...receipt, status: 'unchanged' })).toMatch(/^Already received as run.sarif/);
    expect(statusById([{ id: 'C-1', status: 'confirmed' } as CaseSummary]).get('C-1')).toBe('confirmed');
  });

  it("keeps only the organization's own claims, soonest to end first", () => {
    const targets = [target('a', [claim('1', 'lab', '2026-03-01T00:00:00Z'), claim('2', 'other', '2026-01-01T00:00:00Z')]), target('b', [claim('3', 'lab', '2026-02-01T00:00:00Z')])];
    expect(ownClaims(targets, lab).map((c) => `${c.target.display}:${c.claim.id}`)).toEqual(['b:3', 'a:1']);
  });
});
