import { describe, expect, it } from 'vitest';
import { ANONYMOUS, canRead, type Actor } from './access.js';
import { TLP_LABELS, type Tlp } from './tlp.js';

const member = (orgId: string): Actor => ({
  kind: 'user', userId: 'u', tokenId: null, orgId, orgSlug: orgId, roles: ['subscriber'], isAdmin: false, scopes: ['vulns:read'],
});
const object = (tlp: Tlp) => ({ tlp, ownerOrgId: 'owner', sharedOrgIds: ['partner'] });

describe('TLP policy', () => {
  const table: Array<[string, Actor, Tlp[]]> = [
    ['anonymous', ANONYMOUS, ['CLEAR']],
    ['an unrelated member', member('other'), ['CLEAR', 'GREEN']],
    ['a partner the object was shared with', member('partner'), ['CLEAR', 'GREEN', 'AMBER']],
    ['the owner organization', member('owner'), [...TLP_LABELS]],
  ];
  it.each(table)('lets %s read exactly its labels', (_who, actor, readable) => {
    const allowed = TLP_LABELS.filter((tlp) => canRead(actor, object(tlp)));
    expect(allowed).toEqual(readable);
  });
});
