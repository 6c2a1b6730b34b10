import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle.js';

describe('the sign-in throttle', () => {
  it('refuses after the limit of failures within the window, per address and account', () => {
    const t = new SignInThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) t.fail('1.2.3.4', 'A@x.example', 1000 + i);
    expect(() => t.check('1.2.3.4', 'a@x.example', 2000)).toThrow(/too many failed sign-ins/);
    expect(() => t.check('5.6.7.8', 'a@x.example', 2000)).not.toThrow();
    expect(() => t.check('1.2.3.4', 'b@x.example', 2000)).not.toThrow();
  });

  it('lets attempts through again once the window has passed or after a success', () => {
    const t = new SignInThrottle(2, 60_000);
    t.fail('ip', 'a', 0);
    t.fail('ip', 'a', 1);
    expect(() => t.check('ip', 'a', 30_000)).toThrow();
    expect(() => t.check('ip', 'a', 61_000)).not.toThrow();
    t.fail('ip', 'a', 70_000);
    t.fail('ip', 'a', 70_001);
    t.succeed('ip', 'a');
    expect(() => t.check('ip', 'a', 70_002)).not.toThrow();
  });
});
