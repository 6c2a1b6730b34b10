import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../routes.js';
import type { CaseFinding, DecisionTableInfo, Reproduction, User } from '../types.js';
import {
  anyActive,
  canSplit,
  commandFrom,
  eventText,
  formatBytes,
  formatWall,
  formatPrecision,
  initialTriageInputs,
  isAnalyst,
  locationText,
  missingInputs,
  oracleFrom,
  outcomeLabel,
  parseFilter,
  pocsOf,
  priorityTitle,
  seesCases,
  statusLabel,
  statusTone,
} from './caseModel.js';

const user = (roles: User['org']['roles']): User => ({ id: 'u', email: 'x@example.org', name: 'X', isAdmin: false, org: { id: 'o', slug: 'o', name: 'O', roles } });

const table: DecisionTableInfo = {
  id: 'ssvc:DT_COORD_TRIAGE:1.0.0',
  name: 'Coordinator Triage',
  inputs: [
    { id: 'ssvc:RP:1.0.0', key: 'RP', name: 'Report Public', definition: '', values: [{ key: 'Y', name: 'Yes', definition: '' }, { key: 'N', name: 'No', definition: '' }] },
    { id: 'ssvc:RC:1.0.0', key: 'RC', name: 'Report Credibility', definition: '', values: [{ key: 'NC', name: 'Not Credible', definition: '' }, { key: 'C', name: 'Credible', definition: '' }] },
  ],
  outcome: { id: 'ssvc:COORDINATE:1.0.1', name: 'Decline, Track, Coordinate', values: [{ key: 'D', name: 'Decline' }, { key: 'T', name: 'Track' }, { key: 'C', name: 'Coordinate' }] },
};

describe('who sees cases', () => {
  it('shows the queue to analysts, and their own cases to reporters and vendors; not to subscribers', () => {
    expect(isAnalyst(user(['operator']))).toBe(true);
    expect(isAnalyst(user(['reporter']))).toBe(false);
    expect(seesCases(user(['reporter', 'model-developer']))).toBe(true);
    expect(seesCases(user(['vendor']))).toBe(true);
    expect(seesCases(user(['subscriber']))).toBe(false);
    expect(seesCases(null)).toBe(false);
  });
});

describe('the queue', () => {
  it('reads the status filter from the URL, defaulting to open cases', () => {
    expect(parseFilter('needs-info')).toBe('needs-info');
    expect(parseFilter('duplicate')).toBe('open');
    expect(parseFilter(null)).toBe('open');
    expect(paths.cases('open')).toBe('/cases');
    expect(paths.cases('all')).toBe('/cases?status=all');
  });

  it('explains the priority score by its terms', () => {
    expect(priorityTitle({ score: 58, parts: ['+40 critical severity', '+8 2 reporters', '+10 reporter precision 0.50'] })).toBe(
      '58 = +40 critical severity, +8 2 reporters, +10 reporter precision 0.50',
    );
    expect(priorityTitle({ score: 0, parts: [] })).toBe('0');
  });

  it('formats precision as a percentage, a dash before any decision', () => {
    expect(formatPrecision(0.5)).toBe('50%');
    expect(formatPrecision(2 / 3)).toBe('67%');
    expect(formatPrecision(null)).toBe('—');
  });

  it('labels and tones statuses and verdicts', () => {
    expect(statusLabel('not-a-vulnerability')).toBe('Not a vulnerability');
    expect(statusLabel('duplicate')).toBe('Duplicate');
    expect(statusLabel('odd')).toBe('odd');
    expect(statusTone('confirmed')).toBe('ok');
    expect(statusTone('fixed-version-clean')).toBe('ok');
    expect(statusTone('not-reproduced')).toBe('danger');
    expect(statusTone('needs-info')).toBe('warn');
    expect(statusTone('new')).toBe('quiet');
  });
});

describe('the case routes', () => {
  it('matches cases, a case and receipts, decoding ids', () => {
    expect(matchRoute('/cases')).toEqual({ page: 'cases' });
    expect(matchRoute('/cases/AICC-2026-0001/')).toEqual({ page: 'case', id: 'AICC-2026-0001' });
    expect(matchRoute(paths.case('a:b'))).toEqual({ page: 'case', id: 'a:b' });
    expect(matchRoute('/cases/a/b')).toEqual({ page: 'not-found' });
    expect(matchRoute('/portal')).toEqual({ page: 'portal' });
    expect(matchRoute(paths.receipt('3f1c'))).toEqual({ page: 'receipt', id: '3f1c' });
  });
});

describe('SSVC coordinator triage', () => {
  it('prefills what was recorded, else Report Credibility from the suggestion', () => {
    expect(initialTriageInputs(table, null, 'C')).toEqual({ 'ssvc:RC:1.0.0': 'C' });
    expect(initialTriageInputs(table, null, null)).toEqual({});
    const recorded = { tableId: table.id, inputs: { 'ssvc:RP:1.0.0': 'N', 'ssvc:RC:1.0.0': 'NC' }, outcome: 'T', indicators: [], decidedBy: 'a', decidedAt: '' };
    expect(initialTriageInputs(table, recorded, 'C')).toEqual({ 'ssvc:RP:1.0.0': 'N', 'ssvc:RC:1.0.0': 'NC' });
    expect(missingInputs(table, { 'ssvc:RC:1.0.0': 'C' })).toEqual(['Report Public']);
  });

  it('names outcomes by the loaded table, else by the coordinator triage names', () => {
    expect(outcomeLabel('C', table)).toBe('Coordinate');
    expect(outcomeLabel('D')).toBe('Decline');
    expect(outcomeLabel(null)).toBe('—');
  });
});

describe('findings', () => {
  const finding = (attachments: CaseFinding['attachments'], location: CaseFinding['location']) => ({ attachments, location }) as CaseFinding;

  it('places a finding by file, lines and symbol', () => {
    expect(locationText({ file: 'lib/parse.js', startLine: 40, endLine: 42, symbol: 'parseHeader' })).toBe('lib/parse.js:40–42 · parseHeader');
    expect(locationText({ file: 'lib/parse.js', startLine: 40, endLine: 40, symbol: null })).toBe('lib/parse.js:40');
    expect(locationText({ file: null, startLine: null, endLine: null, symbol: null })).toBeNull();
  });

  it('finds the PoCs among the attachments, and splits some but not all findings', () => {
    const f = finding(
      [
        { name: 'poc.js', kind: 'poc', mediaType: 'text/javascript', sha256: '', size: 10 },
        { name: 'crash.txt', kind: 'crash-log', mediaType: 'text/plain', sha256: '', size: 10 },
      ],
      { file: null, startLine: null, endLine: null, symbol: null },
    );
    expect(pocsOf(f)).toEqual(['poc.js']);
    expect(canSplit(1, 2)).toBe(true);
    expect(canSplit(2, 2)).toBe(false);
    expect(canSplit(0, 2)).toBe(false);
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatWall(42)).toBe('42 ms');
    expect(formatWall(1520)).toBe('1.5 s');
  });

  it('tells timeline events in one line', () => {
    expect(eventText({ at: '', actor: 'a', kind: 'verdict', details: { verdict: 'confirmed', reason: 'reproduced by hand' } })).toBe('Verdict: Confirmed — reproduced by hand');
    expect(eventText({ at: '', actor: 'a', kind: 'merge', details: { from: 'C-2', findings: 1 } })).toBe('Merged C-2 into this case (1 findings)');
    expect(eventText({ at: '', actor: 'a', kind: 'split', details: { to: 'C-3', findings: ['x', 'y'] } })).toBe('Split 2 findings into C-3');
    expect(eventText({ at: '', actor: 'system', kind: 'reproduction', details: { status: 'done', verdict: 'fixed-version-clean', reason: 'triggered on the affected version only' } })).toBe(
      'Reproduction: Fixed version clean — triggered on the affected version only',
    );
    expect(eventText({ at: '', actor: 'system', kind: 'reproduction', details: { status: 'error', error: 'no sandbox' } })).toBe('Reproduction failed: no sandbox');
    expect(eventText({ at: '', actor: 'a', kind: 'odd', details: null })).toBe('odd');
  });

  it('tells disclosure and advisory events in one line, the embargo with its zone as recorded', () => {
    expect(eventText({ at: '', actor: 'a', kind: 'participant', details: { org: 'acme-software', role: 'vendor', source: 'manual' } })).toBe('acme-software takes part as vendor');
    expect(eventText({ at: '', actor: 'acme-software', kind: 'vendor-status', details: { vendor: 'acme-software', status: 'fixed', statement: 'in 2.1.0' } })).toBe('acme-software: fixed — in 2.1.0');
    expect(eventText({ at: '', actor: 'acme-software', kind: 'acknowledge', details: { vendor: 'acme-software' } })).toBe('acme-software acknowledged the report');
    expect(eventText({ at: '', actor: 'a', kind: 'embargo', details: { action: 'set', basis: 'manual', publicAt: '2027-03-02T15:00:00-05:00 (America/New_York)' } })).toBe(
      'Embargo (manual): public at 2027-03-02T15:00:00-05:00 (America/New_York)',
    );
    expect(eventText({ at: '', actor: 'a', kind: 'message', details: { thread: 'acme-software', tlp: 'AMBER' } })).toBe('Message in acme-software’s thread (TLP:AMBER)');
    expect(eventText({ at: '', actor: 'system', kind: 'advisory-publish-failed', details: { advisory: 'AICC-2027-0001' } })).toBe('Advisory AICC-2027-0001: publish failed');
  });
});

describe('reproductions', () => {
  it('builds the oracle from the form, refusing a bad exit status', () => {
    expect(oracleFrom('exit-code', ' 3 ')).toEqual({ kind: 'exit-code', expected: 3 });
    expect(oracleFrom('exit-code', '256')).toHaveProperty('problem');
    expect(oracleFrom('marker', 'PWNED')).toEqual({ kind: 'marker', text: 'PWNED' });
    expect(oracleFrom('marker', ' ')).toHaveProperty('problem');
    expect(oracleFrom('crash', '')).toEqual({ kind: 'crash' });
    expect(oracleFrom('crash', 'SIGSEGV')).toEqual({ kind: 'crash', signature: 'SIGSEGV' });
    expect(commandFrom(' node  poc.js ')).toEqual(['node', 'poc.js']);
    expect(commandFrom('')).toBeUndefined();
  });

  it('polls while a run is queued or running', () => {
    const run = (status: string) => ({ status }) as Reproduction;
    expect(anyActive([run('done'), run('running')])).toBe(true);
    expect(anyActive([run('done'), run('error')])).toBe(false);
    expect(anyActive([])).toBe(false);
  });
});
