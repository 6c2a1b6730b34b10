/** Inventories (docs/API.md, "Inventories"): SBOMs an organization keeps with AICC so later advisories reach it. */

import type { ScanResult } from '../scan/scanModel.js';
import type { User } from '../types.js';

export interface Inventory {
  id: string;
  /** the owning organization's slug */
  org: string;
  name: string;
  format: string;
  specVersion: string;
  sha256: string;
  components: number;
  unmatchable: number;
  createdAt: string;
  updatedAt: string;
}

export type PutStatus = 'created' | 'replaced' | 'unchanged';

/** `PUT /inventories/{name}`: the stored inventory and what the upload did to it. */
export interface InventoryPut extends Inventory {
  status: PutStatus;
}

/** `GET /inventories/{name}`: the inventory and what affects it now, as a scan answers. */
export interface InventoryDetail extends Inventory {
  results: ScanResult[];
}

/** `GET /vulnerabilities/{id}/inventories`: an inventory holding versions the record affects. */
export interface AffectedInventory {
  inventory: { id: string; org: string; name: string };
  /** `package` is the versionless purl */
  components: Array<{ package: string; version: string }>;
}

/**
 * Whether the user's session has the `inventory` scope: the server grants it to operator and subscriber
 * organizations (sessionScopes in src/domain/access.ts). Asking only then keeps others' pages free of 403s.
 */
export function canKeepInventories(user: User | null): boolean {
  return Boolean(user && (user.org.roles.includes('operator') || user.org.roles.includes('subscriber')));
}

const NAME_MAX = 200;

/**
 * A valid inventory name from a file name: the server takes letters, digits, spaces and `. : / @ + - _`,
 * starting with a letter, digit or `_`, up to 200 characters; anything else becomes `-`.
 */
export function nameFromFile(fileName: string): string {
  return fileName
    .replace(/[^\w .:/@+-]/g, '-')
    .replace(/^\W+/, '')
    .slice(0, NAME_MAX)
    .trim();
}

/** What the upload did, in words. */
export function putMessage(status: PutStatus, name: string): string {
  if (status === 'created') return `Created inventory ${name}.`;
  if (status === 'replaced') return `Replaced inventory ${name} with the new SBOM.`;
  return `Inventory ${name} is unchanged: it already holds this SBOM.`;
}
