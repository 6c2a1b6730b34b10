import { describe, expect, it } from 'vitest';
import { intervals } from './intervals.js';

describe('intervals', () => {
  it('pairs each introduced with the fix that closes it', () => {
    expect(
      intervals([{ introduced: '2.0-beta9' }, { fixed: '2.3.1' }, { introduced: '2.4' }, { fixed: '2.12.2' }, { introduced: '2.13.0' }, { fixed: '2.15.0' }]),
    ).toEqual([
      { introduced: '2.0-beta9', fixed: '2.3.1' },
      { introduced: '2.4', fixed: '2.12.2' },
      { introduced: '2.13.0', fixed: '2.15.0' },
    ]);
  });

  it('keeps an interval with no fix open, and a last_affected as its end', () => {
    expect(intervals([{ introduced: '0' }, { last_affected: '1.2.3' }, { introduced: '2.0.0' }])).toEqual([
      { introduced: '0', lastAffected: '1.2.3' },
      { introduced: '2.0.0' },
    ]);
  });
});
