import { describe, expect, it } from 'vitest';
import { admitClaim, criticality, repositoryUrl, targetKey } from './scanning.js';

describe('scan targets', () => {
  it('name a package by its purl without version, a repository by one URL form, a product by vendor and name', () => {
    expect(targetKey({ kind: 'package', purl: 'pkg:pypi/Django@4.2.0' })).toEqual({ key: 'pkg:pypi/django', display: 'pkg:pypi/django' });
    expect(targetKey({ kind: 'package', purl: 'django' })).toMatchObject({ pointer: '/purl', code: 'INVALID_PURL' });
    expect(targetKey({ kind: 'product', vendor: 'Acme ', product: 'Infusion Pump' })).toEqual({ key: 'product:acme/infusion pump', display: 'Acme Infusion Pump' });
    expect(targetKey({ kind: 'product', vendor: 'Acme' })).toMatchObject({ pointer: '/product' });
  });

  it.each([
    ['https://GitHub.com/Org/Repo.git', 'https://github.com/Org/Repo'],
    ['https://github.com/Org/Repo/', 'https://github.com/Org/Repo'],
    ['git@github.com:Org/Repo.git', 'https://github.com/Org/Repo'],
    ['ssh://git@gitlab.example/group/sub/repo', 'https://gitlab.example/group/sub/repo'],
  ])('read %s as %s', (raw, url) => {
    expect(repositoryUrl(raw)).toBe(url);
  });

  it.each(['https://github.com/', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)'])('refuse %s as a repository', (raw) => {
    expect(repositoryUrl(raw)).toBeNull();
  });
});

describe('criticality', () => {
  it('rises with subscribers (less for each more), KEV history (up to four) and the operators\' weight', () => {
    expect(criticality({ subscribers: 0, kev: 0, weight: 0 })).toBe(0);
    expect(criticality({ subscribers: 1, kev: 0, weight: 0 })).toBe(10);
    expect(criticality({ subscribers: 3, kev: 0, weight: 0 })).toBe(20);
    expect(criticality({ subscribers: 10_000, kev: 9, weight: 10 })).toBe(100);
    expect(criticality({ subscribers: 0, kev: 2, weight: 0 })).toBe(10);
  });
});

describe('admitting a claim', () => {
  const live = [{ status: 'active' as const, orgId: 'a', startsAt: null, expiresAt: null }];
  it('is active on a free target, refused or queued behind another organization by policy, a renewal of one\'s own', () => {
    expect(admitClaim([], 'b', 'refuse')).toBe('active');
    expect(admitClaim(live, 'b', 'refuse')).toBe('refused');
    expect(admitClaim(live, 'b', 'queue')).toBe('queued');
    expect(admitClaim(live, 'a', 'refuse')).toBe('own');
  });
});
