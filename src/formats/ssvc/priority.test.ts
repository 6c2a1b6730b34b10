import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { parseDecisionTable } from './decision-table.js';
import {
  deriveInputs, humanImpact, missionWellBeing, prioritize, PRIORITY_TABLES, timelineOf,
  type AssetContext, type PriorityTables, type VulnSignals,
} from '../../domain/priority.js';
import type { DecisionTable } from '../../domain/ssvc.js';
import type { Severity } from '../../domain/vulnerability.js';

const TABLES = join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables');

function load(path: string): DecisionTable {
  const file = join(TABLES, path);
  const r = parseDecisionTable(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const ZONE = 'America/New_York';
const severity = (vector: string, baseScore: number, source = 'nvd@nist.gov'): Severity => ({
  type: vector.startsWith('CVSS:4.0') ? 'CVSS_V4' : 'CVSS_V3', version: vector.startsWith('CVSS:4.0') ? '4.0' : '3.1', vector, baseScore, source,
});
const signals = (over: Partial<VulnSignals> = {}): VulnSignals => ({ kev: null, ssvc: null, severities: [], epss: null, ...over });
const asset = (over: Partial<AssetContext> = {}): AssetContext => ({ exposed: true, missionPrevalence: 'support', wellBeing: 'minimal', federal: true, ...over });
const adp = (automatable: 'yes' | 'no', technicalImpact: 'partial' | 'total', exploitation: 'none' | 'poc' | 'active' = 'none') => ({ exploitation, automatable, technicalImpact, timestamp: '2025-01-02T00:00:00Z' });
const at = (iso: string) => ({ detectedAt: new Date(iso), zone: ZONE });

describe('deriving SSVC inputs from what is known about a vulnerability', () => {
  it('takes CISA ADP first, even over the analyst', () => {
    const d = deriveInputs(signals({ ssvc: adp('no', 'partial', 'poc'), exploitation: 'none', severities: [severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8)] }));
    expect(d.exploitation).toMatchObject({ value: 'poc', source: 'cisa-adp' });
    expect(d.automatable).toMatchObject({ value: 'no', source: 'cisa-adp' });
    expect(d.technicalImpact).toMatchObject({ value: 'partial', source: 'cisa-adp' });
    expect(d.automatable.detail).toContain('2025-01-02T00:00:00Z');
  });

  it('takes the analyst\'s exploitation when CISA ADP has none', () => {
    expect(deriveInputs(signals({ exploitation: 'poc' })).exploitation).toMatchObject({ value: 'poc', source: 'analyst' });
  });

  it('makes exploitation active when the vulnerability is in KEV, even over an older ADP "none"', () => {
    expect(deriveInputs(signals({ kev: { dateAdded: '2025-03-01' } })).exploitation).toMatchObject({ value: 'active', source: 'kev' });
    const d = deriveInputs(signals({ kev: { dateAdded: '2025-03-01' }, ssvc: adp('yes', 'total', 'none') }));
    expect(d.exploitation.value).toBe('active');
    expect(d.exploitation.detail).toBe('in KEV since 2025-03-01; cisa-adp said none');
    expect(d.automatable.source).toBe('cisa-adp');
  });

  it('derives automatable and technical impact from a CVSS 3.1 vector', () => {
    const open = deriveInputs(signals({ severities: [severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8)] }));
    expect(open.automatable).toEqual({ value: 'yes', source: 'cvss', detail: 'CVSS 3.1 from nvd@nist.gov: AV:N/AC:L/PR:N/UI:N' });
    expect(open.technicalImpact).toEqual({ value: 'total', source: 'cvss', detail: 'CVSS 3.1 from nvd@nist.gov: C:H/I:H/A:H' });
    const local = deriveInputs(signals({ severities: [severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:H', 8.1)] }));
    expect(local.automatable.value).toBe('no');
    expect(local.technicalImpact.value).toBe('partial');
  });

  it('prefers a CVSS 4.0 vector over 3.1, where AT:P means not automatable', () => {
    const d = deriveInputs(signals({
      severities: [severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8), severity('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N', 8.9, 'cna')],
    }));
    expect(d.automatable).toMatchObject({ value: 'no', source: 'cvss', detail: 'CVSS 4.0 from cna: AV:N/AC:L/AT:P/PR:N/UI:N' });
    expect(d.technicalImpact.value).toBe('partial');
  });

  it('among vectors of one version takes the highest score', () => {
    const d = deriveInputs(signals({
      severities: [severity('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'a'), severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'b')],
    }));
    expect(d.automatable).toMatchObject({ value: 'yes', detail: 'CVSS 3.1 from b: AV:N/AC:L/PR:N/UI:N' });
  });

  it('assumes the worse value when nothing is known, and says so', () => {
    const d = deriveInputs(signals({ severities: [{ type: 'CVSS_V2', version: '2.0', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', baseScore: 10, source: 'nvd' }] }));
    expect([d.exploitation.value, d.automatable.value, d.technicalImpact.value]).toEqual(['none', 'yes', 'total']);
    expect([d.exploitation.source, d.automatable.source, d.technicalImpact.source]).toEqual(['assumed', 'assumed', 'assumed']);
  });
});

describe('asset context as SSVC inputs (CISA SSVC guide)', () => {
  it.each([
    ['minimal', 'minimal', 'low', 'low'],
    ['minimal', 'material', 'medium', 'medium'],
    ['minimal', 'irreversible', 'high', 'very high'],
    ['support', 'minimal', 'medium', 'medium'],
    ['support', 'material', 'medium', 'medium'],
    ['support', 'irreversible', 'high', 'very high'],
    ['essential', 'minimal', 'high', 'high'],
    ['essential', 'material', 'high', 'high'],
    ['essential', 'irreversible', 'high', 'very high'],
  ] as const)('mission %s × well-being %s → MWI %s, human impact %s', (missionPrevalence, wellBeing, mwi, hi) => {
    expect(missionWellBeing({ missionPrevalence, wellBeing })).toBe(mwi);
    expect(humanImpact({ missionPrevalence, wellBeing })).toBe(hi);
  });
});

describe('reading a BOD timeline from its outcome name', () => {
  it.each([
    ['60 days', 60, false],
    ['3 days & forensic investigation', 3, true],
    ['Fix on system upgrade', null, false],
    ['1 day', 1, false],
  ] as const)('%s', (name, days, forensic) => {
    expect(timelineOf(name)).toEqual({ days, forensic });
  });
});

describe.skipIf(!hasCorpus)('prioritizing a vulnerability on an asset with the corpus tables', () => {
  corpusSkipNote('SSVC prioritization tables');
  const tables: PriorityTables = hasCorpus
    ? { coordinator: load('cisa/cisa_coordinator_2_0_3.json'), deployer: load('ssvc/deployer_patch_application_priority_1_0_0.json'), bod: load('cisa/cisa_bod_26_04_1_0_0.json') }
    : {};
  const critical = [severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8)];

  it('names the tables by the ids their parser gives', () => {
    expect(tables.coordinator?.id).toBe(PRIORITY_TABLES.coordinator);
    expect(tables.deployer?.id).toBe(PRIORITY_TABLES.deployer);
    expect(tables.bod?.id).toBe(PRIORITY_TABLES.bod);
  });

  describe('when the vulnerability is in KEV, automatable with total impact, on an exposed federal asset', () => {
    const inputs = deriveInputs(signals({ kev: { dateAdded: '2025-06-02' }, severities: critical, epss: 0.94 }));

    it('gives 3 days & forensic investigation from the KEV date when KEV came first', () => {
      const p = prioritize(inputs, asset(), tables, at('2025-06-10T14:00:00Z'));
      expect(p).toMatchObject({ bod: '3 days & forensic investigation', timelineDays: 3, forensic: true, clockStart: '2025-06-02', due: '2025-06-05', binding: true });
      expect(p).toMatchObject({ cisa: 'Act', deployer: 'Out-of-Cycle', urgency: 'immediate', missing: [] });
    });

    it('counts from detection when the asset was found affected before the KEV listing', () => {
      const p = prioritize(inputs, asset(), tables, at('2025-05-20T14:00:00Z'));
      expect(p).toMatchObject({ clockStart: '2025-05-20', due: '2025-05-23' });
      expect(p.explanation.find((l) => l.point === 'Clock start')?.source).toContain('not after KEV addition 2025-06-02');
    });

    it('is guidance, with the same date, for a subscriber that is not a federal agency', () => {
      const p = prioritize(inputs, asset({ federal: false }), tables, at('2025-06-10T14:00:00Z'));
      expect(p).toMatchObject({ due: '2025-06-05', binding: false });
      expect(p.explanation.find((l) => l.point === 'Due')?.source).toBe('3 calendar days from 2025-06-02; guidance');
    });

    it('is Attend for CISA and Immediate for the deployer by the asset\'s mission and well-being', () => {
      expect(prioritize(inputs, asset({ missionPrevalence: 'minimal' }), tables, at('2025-06-10T14:00:00Z'))).toMatchObject({ cisa: 'Attend', deployer: 'Out-of-Cycle', urgency: 'immediate' });
      expect(prioritize(inputs, asset({ missionPrevalence: 'essential' }), tables, at('2025-06-10T14:00:00Z'))).toMatchObject({ cisa: 'Act', deployer: 'Immediate' });
    });
  });

  it('counts from detection when the vulnerability is not in KEV (exposed, automatable, total: 3 days)', () => {
    const p = prioritize(deriveInputs(signals({ severities: critical })), asset(), tables, at('2025-06-10T14:00:00Z'));
    expect(p).toMatchObject({ bod: '3 days', forensic: false, clockStart: '2025-06-10', due: '2025-06-13', urgency: 'immediate' });
  });

  it('gives no date for "Fix on system upgrade" and leaves it to the digest', () => {
    const inputs = deriveInputs(signals({ severities: [severity('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8)] }));
    const p = prioritize(inputs, asset({ exposed: false }), tables, at('2025-06-10T14:00:00Z'));
    expect(p).toMatchObject({ bod: 'Fix on system upgrade', timelineDays: null, due: null, cisa: 'Track', urgency: 'digest-item' });
  });

  it('gives 14 days to a KEV entry on an internal asset, in the digest', () => {
    const inputs = deriveInputs(signals({ kev: { dateAdded: '2025-06-02' }, severities: [severity('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8)] }));
    const p = prioritize(inputs, asset({ exposed: false, missionPrevalence: 'minimal' }), tables, at('2025-06-10T14:00:00Z'));
    expect(p).toMatchObject({ bod: '14 days', due: '2025-06-16', urgency: 'digest-item' });
  });

  describe('counts calendar days in America/New_York', () => {
    const inputs = deriveInputs(signals({ severities: [severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N', 6.5)] }));
    const internal = asset({ exposed: false });

    it('from the local date of a detection late in the evening before DST starts (UTC is already the next day)', () => {
      // 2025-03-09 04:30 UTC is 2025-03-08 23:30 EST; the clocks spring forward that night
      const p = prioritize(inputs, internal, tables, at('2025-03-09T04:30:00Z'));
      expect(p).toMatchObject({ bod: '60 days', clockStart: '2025-03-08', due: '2025-05-07' });
    });

    it('from the local date of a detection late in the evening after DST ends', () => {
      // 2025-11-03 04:30 UTC is 2025-11-02 23:30 EST (it would be the 3rd at 00:30 EDT)
      const p = prioritize(inputs, internal, tables, at('2025-11-03T04:30:00Z'));
      expect(p).toMatchObject({ clockStart: '2025-11-02', due: '2026-01-01' });
    });

    it('across a month end and a short February', () => {
      // 2025-03-01 03:00 UTC is 2025-02-28 22:00 EST
      const exposed = prioritize(deriveInputs(signals({ kev: { dateAdded: '2025-03-05' }, severities: [severity('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N', 7.1)] })), asset(), tables, at('2025-03-01T03:00:00Z'));
      expect(exposed).toMatchObject({ bod: '14 days', clockStart: '2025-02-28', due: '2025-03-14' });
      expect(prioritize(inputs, internal, tables, at('2025-01-31T15:00:00Z')).due).toBe('2025-04-01');
      expect(prioritize(inputs, internal, tables, at('2024-01-31T15:00:00Z')).due).toBe('2024-03-31');
    });
  });

  it('never lets an assumed input give a later deadline than any real value would', () => {
    const unknown = deriveInputs(signals());
    for (const kev of [null, { dateAdded: '2025-06-01' }]) {
      for (const exposed of [false, true]) {
        const assumed = prioritize({ ...unknown, kev }, asset({ exposed }), tables, at('2025-06-10T14:00:00Z'));
        for (const automatable of ['yes', 'no'] as const) {
          for (const technicalImpact of ['partial', 'total'] as const) {
            const known = prioritize(deriveInputs(signals({ kev, ssvc: adp(automatable, technicalImpact) })), asset({ exposed }), tables, at('2025-06-10T14:00:00Z'));
            if (known.due !== null) expect(assumed.due !== null && assumed.due <= known.due, `${JSON.stringify({ kev, exposed, automatable, technicalImpact })}`).toBe(true);
          }
        }
      }
    }
  });

  it('explains each input with its source', () => {
    const p = prioritize(deriveInputs(signals({ kev: { dateAdded: '2025-06-02' }, epss: 0.5 })), asset(), tables, at('2025-06-10T14:00:00Z'));
    const line = (point: string) => p.explanation.find((l) => l.point === point);
    expect(line('Exploitation')).toEqual({ point: 'Exploitation', value: 'active', source: 'kev: in KEV since 2025-06-02' });
    expect(line('Automatable')?.source).toMatch(/^assumed: /);
    expect(line('Technical Impact')).toMatchObject({ value: 'total', source: expect.stringMatching(/^assumed: /) as unknown });
    expect(line('Mission and Well-Being Impact')?.value).toBe('medium');
    expect(line('CISA BOD 26-04 Remediation Timelines')).toEqual({ point: 'CISA BOD 26-04 Remediation Timelines', value: '3 days & forensic investigation', source: PRIORITY_TABLES.bod });
    expect(line('EPSS')?.value).toBe('0.5');
  });

  it('ranks by due date, then CISA level, then EPSS', () => {
    const when = at('2025-06-10T14:00:00Z');
    const soon = prioritize(deriveInputs(signals({ kev: { dateAdded: '2025-06-02' }, severities: critical, epss: 0.01 })), asset(), tables, when);
    const actLater = prioritize(deriveInputs(signals({ ssvc: adp('yes', 'total', 'active'), severities: critical, epss: 0.01 })), asset({ missionPrevalence: 'essential' }), tables, when);
    const attendLater = prioritize(deriveInputs(signals({ ssvc: adp('yes', 'total', 'poc'), severities: critical, epss: 0.9 })), asset({ missionPrevalence: 'essential' }), tables, when);
    const attendLaterLowEpss = prioritize(deriveInputs(signals({ ssvc: adp('yes', 'total', 'poc'), severities: critical, epss: 0.1 })), asset({ missionPrevalence: 'essential' }), tables, when);
    const noDate = prioritize(deriveInputs(signals({ ssvc: adp('no', 'partial', 'active') })), asset({ exposed: false, missionPrevalence: 'essential' }), tables, when);
    expect([soon.due, actLater.due, attendLater.due, noDate.due]).toEqual(['2025-06-05', '2025-06-13', '2025-06-13', null]);
    expect([actLater.cisa, attendLater.cisa, noDate.cisa]).toEqual(['Act', 'Attend', 'Attend']);
    const order = [noDate, attendLaterLowEpss, actLater, soon, attendLater].sort((a, b) => a.rank - b.rank);
    expect(order).toEqual([soon, actLater, attendLater, attendLaterLowEpss, noDate]);
  });
});

describe('when tables are not loaded', () => {
  const inputs = deriveInputs(signals({ kev: { dateAdded: '2025-06-02' } }));

  it('names each missing table and gives no outcome or date', () => {
    const p = prioritize(inputs, asset(), {}, at('2025-06-10T14:00:00Z'));
    expect(p.missing).toEqual([
      { table: PRIORITY_TABLES.coordinator, reason: 'not loaded' },
      { table: PRIORITY_TABLES.deployer, reason: 'not loaded' },
      { table: PRIORITY_TABLES.bod, reason: 'not loaded' },
    ]);
    expect(p).toMatchObject({ cisa: null, deployer: null, bod: null, due: null, binding: true, clockStart: '2025-06-02', urgency: 'digest-item' });
  });

  it.skipIf(!hasCorpus)('names a loaded table that does not take these inputs, with the reason', () => {
    const triage = load('ssvc/coordinator_triage_1_0_0.json');
    const p = prioritize(inputs, asset(), { coordinator: triage, bod: load('cisa/cisa_bod_26_04_1_0_0.json') }, at('2025-06-10T14:00:00Z'));
    expect(p.cisa).toBeNull();
    expect(p.missing[0]).toEqual({ table: 'ssvc:DT_COORD_TRIAGE:1.0.0', reason: expect.stringContaining('needs Report Public (RP)') as unknown });
    expect(p.missing[1]).toEqual({ table: PRIORITY_TABLES.deployer, reason: 'not loaded' });
    expect(p.bod).toBe('3 days & forensic investigation');
  });
});
