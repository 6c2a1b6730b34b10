import { describe, expect, it } from 'vitest';
import { ackTone, basisLabel, extensionBody, threadLabel, threadsFor, vendorStatusLabel, type Participant } from './disclosureModel.js';

const participant = (slug: string, role: Participant['role']): Participant => ({
  org: { id: `id-${slug}`, slug, name: slug.toUpperCase() },
  role,
  source: 'auto',
  addedAt: '2027-01-01T00:00:00Z',
  releasedAt: null,
  ack: null,
  status: null,
});
const people = [participant('lab', 'reporter'), participant('acme', 'vendor'), participant('beta', 'vendor'), participant('ops', 'coordinator')];

describe('message threads', () => {
  it('offers coordinators the case thread and every vendor’s private one', () => {
    expect(threadsFor(people, null, true)).toEqual(['all', 'acme', 'beta']);
  });

  it('offers a vendor only the case thread and its own', () => {
    expect(threadsFor(people, 'acme', false)).toEqual(['all', 'acme']);
  });

  it('offers a reporter, or a vendor not taking part, only the case thread', () => {
    expect(threadsFor(people, null, false)).toEqual(['all']);
    expect(threadsFor(people, 'gamma', false)).toEqual(['all']);
  });

  it('names a private thread by its vendor', () => {
    expect(threadLabel('all', people)).toBe('Whole case');
    expect(threadLabel('beta', people)).toBe('Private: BETA');
    expect(threadLabel('gone', people)).toBe('Private: gone');
  });
});

describe('an extension request from the form', () => {
  it('reads a number as days and a date as the new end', () => {
    expect(extensionBody(' 14 ', ' the patch slips ')).toEqual({ days: 14, reason: 'the patch slips' });
    expect(extensionBody('2027-04-01 15:00', 'x')).toEqual({ until: '2027-04-01 15:00', reason: 'x' });
    expect(extensionBody('2027-04-01T15:00:00Z', 'x')).toEqual({ until: '2027-04-01T15:00:00Z', reason: 'x' });
  });

  it('says what is wrong with anything else, or a missing reason', () => {
    expect(extensionBody('next week', 'x')).toHaveProperty('problem');
    expect(extensionBody('0', 'x')).toHaveProperty('problem');
    expect(extensionBody('14', '  ')).toEqual({ problem: 'Say why the embargo should be extended.' });
  });
});

describe('labels', () => {
  it('names vendor statuses, and a missing one', () => {
    expect(vendorStatusLabel('not_affected')).toBe('Not affected');
    expect(vendorStatusLabel(null)).toBe('No status yet');
    expect(vendorStatusLabel('new-kind')).toBe('new-kind');
  });

  it('tones acknowledgements: done green, waiting amber, late red', () => {
    expect([ackTone('acknowledged'), ackTone('pending'), ackTone('overdue'), ackTone('escalated')]).toEqual(['ok', 'warn', 'danger', 'danger']);
  });

  it('names the embargo’s basis', () => {
    expect(basisLabel('early-release')).toBe('early release');
    expect(basisLabel('other')).toBe('other');
  });
});
