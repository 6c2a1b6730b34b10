import type { Tlp } from './tlp.js';

export const ROLES = ['operator', 'reporter', 'vendor', 'subscriber', 'evaluator', 'model-developer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['vulns:read', 'import', 'inventory', 'submit', 'triage', 'vendor', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is asking: nobody, a signed-in user (session), or an API token. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user' | 'token';
      /** the user, or the token's owner where it has one */
      userId: string | null;
      tokenId: string | null;
      orgId: string;
      orgSlug: string;
      roles: readonly Role[];
      isAdmin: boolean;
      scopes: readonly Scope[];
    };

export type Member = Exclude<Actor, { kind: 'anonymous' }>;

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

/** How an actor is named in the audit log: a token, a user, or the system itself (host CLI, seeding). */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  if (actor.kind === 'token') return `token:${actor.tokenId}`;
  return actor.userId ? `user:${actor.userId}` : 'system';
}

/**
 * The scopes a signed-in user holds: read for all, import for operators, inventories (an
 * organization's SBOMs) for subscribers and operators, submitting findings for reporters and
 * operators, triage (analyst decisions on cases, reproductions) for operators, cases released to a
 * vendor for vendors, admin for admins.
 */
export function sessionScopes(roles: readonly Role[], isAdmin: boolean): Scope[] {
  const scopes: Scope[] = ['vulns:read'];
  if (roles.includes('operator')) scopes.push('import');
  if (roles.includes('operator') || roles.includes('subscriber')) scopes.push('inventory');
  if (roles.includes('operator') || roles.includes('reporter')) scopes.push('submit');
  if (roles.includes('operator')) scopes.push('triage');
  if (roles.includes('vendor')) scopes.push('vendor');
  if (isAdmin) scopes.push('admin');
  return scopes;
}

/** What a shared object tells the policy about itself. */
export interface Labelled {
  tlp: Tlp;
  ownerOrgId: string | null;
  sharedOrgIds: readonly string[];
}

/**
 * TLP 2.0 as AICC enforces it (the same rule is expressed in SQL by `readableBy` in the store):
 * CLEAR — anyone; GREEN — any authenticated member of the community; AMBER — the owner's
 * organization and organizations it was shared with; AMBER+STRICT and RED — the owner's
 * organization only (RED narrows to named recipients once per-recipient lists exist).
 */
export function canRead(actor: Actor, object: Labelled): boolean {
  if (object.tlp === 'CLEAR') return true;
  if (actor.kind === 'anonymous') return false;
  if (object.tlp === 'GREEN') return true;
  if (object.ownerOrgId === actor.orgId) return true;
  return object.tlp === 'AMBER' && object.sharedOrgIds.includes(actor.orgId);
}

/** The parameters of the same rule, for queries that filter many rows at once. */
export function readScope(actor: Actor): { authenticated: boolean; orgId: string | null } {
  return actor.kind === 'anonymous' ? { authenticated: false, orgId: null } : { authenticated: true, orgId: actor.orgId };
}

export function hasScope(actor: Actor, scope: Scope): boolean {
  return actor.kind !== 'anonymous' && actor.scopes.includes(scope);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind !== 'anonymous' && actor.roles.includes(role);
}

/** Clearinghouse administrators: admins of an operator organization. */
export function isOperatorAdmin(actor: Actor): boolean {
  return actor.kind !== 'anonymous' && actor.isAdmin && hasRole(actor, 'operator') && hasScope(actor, 'admin');
}
