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
});
