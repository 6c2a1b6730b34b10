import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../routes.js';
import type { User } from '../types.js';
import {
  assetForm,
  assetInput,
  assetNameFromFile,
  channelHealth,
  compareIds,
  componentsOf,
  daysBetween,
  dueState,
  EMPTY_ASSET_FORM,
  explanationOf,
  listField,
  missingTablesOf,
  newestFirst,
  notificationPriority,
  packageLabel,
  portalOrg,
  remediationBody,
  remediationProblems,
  today,
  type Asset,
} from './subscriberModel.js';

const user = (slug: string, roles: User['org']['roles']): User => ({ id: 'u1', email: 'x@example.org', name: 'X', isAdmin: true, org: { id: 'o1', slug, name: slug, roles } });

describe('whose portal the page shows', () => {
  it('shows a subscriber its own organization and ignores ?org= from it', () => {
    expect(portalOrg(user('valley-hospital', ['subscriber']), null)).toEqual({ slug: 'valley-hospital', query: undefined });
    expect(portalOrg(user('valley-hospital', ['subscriber']), 'state-agency')).toEqual({ slug: 'valley-hospital', query: undefined });
  });

  it('lets an operator look at the subscriber it names, and asks it to choose when it names none', () => {
    expect(portalOrg(user('aicc-ops', ['operator']), 'valley-hospital')).toEqual({ slug: 'valley-hospital', query: 'valley-hospital' });
    expect(portalOrg(user('aicc-ops', ['operator']), '  ')).toBeNull();
    expect(portalOrg(user('aicc-ops', ['operator']), null)).toBeNull();
  });

  it('has nothing to show a reporter or an anonymous visitor', () => {
    expect(portalOrg(user('frontier-lab', ['reporter']), 'valley-hospital')).toBeNull();
    expect(portalOrg(null, 'valley-hospital')).toBeNull();
  });
});

describe('the portal routes', () => {
  it('maps tabs and asset pages, keeping an operator’s org in the links', () => {
    expect(matchRoute('/subscriber')).toEqual({ page: 'subscriber', tab: 'exposures' });
    expect(matchRoute('/subscriber/notifications')).toEqual({ page: 'subscriber', tab: 'notifications' });
    expect(matchRoute('/subscriber/nonsense')).toEqual({ page: 'not-found' });
    expect(matchRoute('/subscriber/assets')).toEqual({ page: 'subscriber', tab: 'assets' });
    expect(matchRoute(paths.subscriberAsset('edge/fw 1.2'))).toEqual({ page: 'subscriber-asset', name: 'edge/fw 1.2' });
    expect(paths.subscriber('assets', 'valley-hospital')).toBe('/subscriber/assets?org=valley-hospital');
    expect(paths.subscriber()).toBe('/subscriber');
    expect(matchRoute('/distribution')).toEqual({ page: 'distribution' });
  });
});

describe('due dates', () => {
  const open = { dueDate: '2021-12-13', status: 'open', remediatedAt: null };

  it('calls an open exposure past its date overdue, and not on the day itself', () => {
    expect(dueState(open, '2021-12-14')).toBe('overdue');
    expect(dueState(open, '2021-12-13')).toBe('due');
    expect(dueState({ ...open, status: 'in_progress' }, '2022-01-01')).toBe('overdue');
  });

  it('judges a remediated exposure by when it was remediated, not by today', () => {
    expect(dueState({ ...open, status: 'fixed', remediatedAt: '2021-12-12T23:00:00Z' }, '2026-01-01')).toBe('met');
    expect(dueState({ ...open, status: 'fixed', remediatedAt: '2021-12-20T10:00:00Z' }, '2026-01-01')).toBe('overdue');
    expect(dueState({ ...open, dueDate: null }, '2026-01-01')).toBe('none');
  });

  it('counts calendar days across a month and a DST change', () => {
    expect(daysBetween('2021-12-13', '2022-01-02')).toBe(20);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('untrusted JSON columns', () => {
  it('keeps only well-formed components', () => {
    expect(componentsOf([{ package: 'pkg:maven/a/b', installed: '2.14.1', fixed: ['2.15.0', 3] }, { package: 'x' }, null, 'y'])).toEqual([
      { package: 'pkg:maven/a/b', installed: '2.14.1', fixed: ['2.15.0'] },
    ]);
    expect(componentsOf({ package: 'x' })).toEqual([]);
  });

  it('names a component by its package, and a product as it is', () => {
    expect(packageLabel('pkg:maven/org.apache.logging.log4j/log4j-core')).toBe('log4j-core');
    expect(packageLabel('pkg:deb/debian/curl?distro=debian-12')).toBe('curl');
    expect(packageLabel('pkg:npm/%40angular/core')).toBe('core');
    expect(packageLabel('pkg:npm/%E0%A4%A')).toBe('%E0%A4%A');
    expect(packageLabel('acme pacs-firmware')).toBe('acme pacs-firmware');
  });

  it('reads the priority’s explanation and missing tables', () => {
    const priority = { explanation: [{ point: 'In KEV', value: 'yes', source: 'kev' }, { point: 1 }], missing: [{ table: 'ssvc:X', reason: 'not loaded' }, {}] };
    expect(explanationOf(priority)).toEqual([{ point: 'In KEV', value: 'yes', source: 'kev' }]);
    expect(missingTablesOf(priority)).toEqual(['ssvc:X (not loaded)']);
    expect(explanationOf(null)).toEqual([]);
  });

  it('reads a notification’s due date and whether it binds', () => {
    expect(notificationPriority({ priority: { due: '2021-12-13', cisa: 'Act', bod: '3 days', binding: true } })).toEqual({ due: '2021-12-13', cisa: 'Act', bod: '3 days', binding: true });
    expect(notificationPriority({ priority: { due: 5, binding: 'yes' } })).toEqual({ due: null, cisa: null, bod: null, binding: false });
  });
});

describe('remediation reports', () => {
  it('asks not affected for a justification and accepted risk for a statement', () => {
    expect(remediationProblems({ status: 'not_affected', justification: '', statement: '' }).map((p) => p.field)).toEqual(['justification']);
    expect(remediationProblems({ status: 'accepted_risk', justification: '', statement: '  ' }).map((p) => p.field)).toEqual(['statement']);
    expect(remediationProblems({ status: 'fixed', justification: '', statement: '' })).toEqual([]);
    expect(remediationProblems({ status: 'done', justification: '', statement: '' }).map((p) => p.field)).toEqual(['status']);
  });

  it('sends a justification only with not affected, and no empty statement', () => {
    expect(remediationBody({ status: 'fixed', justification: 'component_not_present', statement: ' ' })).toEqual({ status: 'fixed' });
    expect(remediationBody({ status: 'not_affected', justification: 'component_not_present', statement: ' removed in 4.2 ' })).toEqual({
      status: 'not_affected',
      justification: 'component_not_present',
      statement: 'removed in 4.2',
    });
  });
});

describe('the asset form', () => {
  const asset: Asset = {
    id: 'a1', org: 'valley-hospital', name: 'pacs', type: 'host', exposed: true, missionPrevalence: 'essential', wellBeing: 'irreversible',
    sector: null, federal: null, owners: ['it@hospital.example', 'Dr. Lee'], cpes: ['cpe:2.3:h:acme:pacs:1.0:*:*:*:*:*:*:*'], vendor: null, product: null, version: null, sbom: null, updatedAt: '',
  };

  it('round-trips an asset’s context, leaving out what was and stays empty', () => {
    const input = assetInput(assetForm(asset), asset);
    expect(input).toEqual({ type: 'host', exposed: true, missionPrevalence: 'essential', wellBeing: 'irreversible', owners: asset.owners, cpes: asset.cpes });
    expect(assetInput({ ...EMPTY_ASSET_FORM, sector: '  Health ', vendor: 'Acme ' })).toMatchObject({ sector: 'Health', vendor: 'Acme', owners: [], cpes: [] });
  });

  it('clears a field the asset had by sending null', () => {
    const stored = { ...asset, sector: 'health', vendor: 'Acme' };
    const input = assetInput({ ...assetForm(stored), sector: ' ', vendor: '' }, stored);
    expect(input).toMatchObject({ sector: null, vendor: null });
    expect('product' in input).toBe(false);
  });

  it('splits lists on commas and lines, dropping blanks and repeats', () => {
    expect(listField('a@x.org, b@x.org\n\na@x.org ,')).toEqual(['a@x.org', 'b@x.org']);
  });

  it('names an asset after its SBOM file without the SBOM extensions', () => {
    expect(assetNameFromFile('permits-portal.cdx.json')).toBe('permits-portal');
    expect(assetNameFromFile('pacs.spdx')).toBe('pacs');
    expect(assetNameFromFile('bom.xml')).toBe('bom');
    expect(assetNameFromFile('café portal.json')).toBe('caf- portal');
  });
});

describe('channels and the feed', () => {
  it('says how a channel fares', () => {
    expect(channelHealth({ active: false, attempts: 3, lastSuccessAt: null })).toBe('paused');
    expect(channelHealth({ active: true, attempts: 2, lastSuccessAt: '2026-01-01' })).toBe('failing');
    expect(channelHealth({ active: true, attempts: 0, lastSuccessAt: null })).toBe('new');
    expect(channelHealth({ active: true, attempts: 0, lastSuccessAt: '2026-01-01' })).toBe('ok');
  });

  it('lists the feed newest first by numeric id, beyond the range of doubles', () => {
    const ids = ['9', '10', '9007199254740993', '9007199254740992'];
    expect(newestFirst(ids.map((id) => ({ id }))).map((n) => n.id)).toEqual(['9007199254740993', '9007199254740992', '10', '9']);
    expect(compareIds('2', '10')).toBeLessThan(0);
  });
});
