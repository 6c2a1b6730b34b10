import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../routes.js';
import type { Role, User } from '../types.js';
import { canKeepInventories, nameFromFile, putMessage } from './inventoryModel.js';

const user = (roles: Role[]): User => ({ id: '1', email: 'a@b.example', name: 'A', isAdmin: false, org: { id: 'o', slug: 'o', name: 'O', roles } });

describe('canKeepInventories', () => {
  it('follows the inventory scope: operators and subscribers only', () => {
    expect(canKeepInventories(user(['subscriber']))).toBe(true);
    expect(canKeepInventories(user(['operator']))).toBe(true);
    expect(canKeepInventories(user(['reporter', 'vendor']))).toBe(false);
    expect(canKeepInventories(null)).toBe(false);
  });
});

describe('nameFromFile', () => {
  it('keeps a valid file name as it is', () => {
    expect(nameFromFile('clinic-portal.cdx.json')).toBe('clinic-portal.cdx.json');
  });

  it('replaces characters the server refuses and drops a leading non-word', () => {
    expect(nameFromFile('.sbom (1).json')).toBe('sbom -1-.json');
    expect(nameFromFile('x'.repeat(250))).toHaveLength(200);
  });
});

describe('putMessage', () => {
  it('says what the upload did', () => {
    expect(putMessage('created', 'a')).toContain('Created');
    expect(putMessage('replaced', 'a')).toContain('Replaced');
    expect(putMessage('unchanged', 'a')).toContain('unchanged');
  });
});

describe('inventory routes', () => {
  it('round-trips names with spaces and slashes through one path segment', () => {
    for (const name of ['clinic-portal', 'ward 3/monitors', 'a@b+c:d']) {
      expect(matchRoute(paths.inventory(name))).toEqual({ page: 'inventory', name });
    }
    expect(matchRoute('/inventories')).toEqual({ page: 'inventories' });
  });
});
