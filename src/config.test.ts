import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to refusing overlapping scan claims with leases up to 14 days', () => {
    expect(loadConfig({}).claims).toEqual({ overlap: 'refuse', maxHours: 336 });
    expect(loadConfig({ AICC_CLAIM_OVERLAP: 'queue', AICC_CLAIM_MAX_HOURS: '24' }).claims).toEqual({ overlap: 'queue', maxHours: 24 });
  });

  it('names the setting and the value it refuses', () => {
    expect(() => loadConfig({ AICC_CLAIM_OVERLAP: 'share' })).toThrow("AICC_CLAIM_OVERLAP must be refuse or queue, got 'share'");
    expect(() => loadConfig({ AICC_CLAIM_MAX_HOURS: '0' })).toThrow('AICC_CLAIM_MAX_HOURS must be an integer from 1 to 2160');
    expect(() => loadConfig({ AICC_PORT: 'eighty' })).toThrow("AICC_PORT must be an integer from 0 to 65535, got 'eighty'");
  });

  it('releases held-back cases to vendors every 5 minutes unless told otherwise, at most daily', () => {
    expect(loadConfig({}).releaseIntervalSeconds).toBe(300);
    expect(loadConfig({ AICC_RELEASE_INTERVAL_SECONDS: '60' }).releaseIntervalSeconds).toBe(60);
    expect(() => loadConfig({ AICC_RELEASE_INTERVAL_SECONDS: '0' })).toThrow("AICC_RELEASE_INTERVAL_SECONDS must be an integer from 1 to 86400, got '0'");
    expect(() => loadConfig({ AICC_RELEASE_INTERVAL_SECONDS: '5m' })).toThrow('AICC_RELEASE_INTERVAL_SECONDS must be an integer from 1 to 86400');
  });

  it('gives vendors 90 days (7 when exploited) to 15:00 UTC, 7 days to acknowledge, and AICC ids by default', () => {
    expect(loadConfig({}).disclosure).toEqual({ embargo: { days: 90, exploitedDays: 7, timeZone: 'UTC', releaseTime: '15:00' }, ackSlaDays: 7, idPrefix: 'AICC' });
    const set = loadConfig({ AICC_EMBARGO_DAYS: '45', AICC_EMBARGO_EXPLOITED_DAYS: '3', AICC_EMBARGO_ZONE: 'America/New_York', AICC_EMBARGO_RELEASE_TIME: '09:30', AICC_ACK_SLA_DAYS: '5', AICC_ID_PREFIX: 'XCC' });
    expect(set.disclosure).toEqual({ embargo: { days: 45, exploitedDays: 3, timeZone: 'America/New_York', releaseTime: '09:30' }, ackSlaDays: 5, idPrefix: 'XCC' });
  });

  it('refuses an unknown embargo zone, a bad release time and a bad id prefix, naming the setting', () => {
    expect(() => loadConfig({ AICC_EMBARGO_ZONE: 'Mars/Olympus' })).toThrow(/^AICC_EMBARGO_ZONE: unknown time zone/);
    expect(() => loadConfig({ AICC_EMBARGO_RELEASE_TIME: '3pm' })).toThrow(/^AICC_EMBARGO_RELEASE_TIME: /);
    expect(() => loadConfig({ AICC_ID_PREFIX: 'aicc' })).toThrow("AICC_ID_PREFIX must be 2–16 capital letters or digits, starting with a letter, got 'aicc'");
    expect(() => loadConfig({ AICC_ACK_SLA_DAYS: '0' })).toThrow('AICC_ACK_SLA_DAYS must be an integer from 1 to 365');
  });
  it('publishes as the clearinghouse at an https URL every 30 s, with a CNA only when both its settings are given', () => {
    const a = loadConfig({}).advisories;
    expect(a).toMatchObject({ publicUrl: 'https://aicc.example.org', publishIntervalSeconds: 30, signingPassphrase: undefined, cna: undefined });
    expect(a.publisher).toEqual({ name: 'AI Cybersecurity Clearinghouse', namespace: 'https://aicc.example.org', contactDetails: null });
    const set = loadConfig({ AICC_PUBLIC_URL: 'https://cc.example.gov/', AICC_CNA_ORG_ID: '8254265B-2729-46B6-B9E3-3DFCA2D5BFCA', AICC_CNA_SHORT_NAME: 'cc-gov' }).advisories;
    expect(set).toMatchObject({ publicUrl: 'https://cc.example.gov', publisher: { namespace: 'https://cc.example.gov' }, cna: { orgId: '8254265b-2729-46b6-b9e3-3dfca2d5bfca', shortName: 'cc-gov' } });
    expect(() => loadConfig({ AICC_PUBLIC_URL: 'http://cc.example.gov' })).toThrow("AICC_PUBLIC_URL must be an https URL without query or fragment, got 'http://cc.example.gov'");
    expect(() => loadConfig({ AICC_CNA_SHORT_NAME: 'cc' })).toThrow(/^AICC_CNA_ORG_ID must be the CNA's organization UUID/);
    expect(() => loadConfig({ AICC_PUBLISH_INTERVAL_SECONDS: '0' })).toThrow('AICC_PUBLISH_INTERVAL_SECONDS must be an integer from 1 to 3600');
  });
});
