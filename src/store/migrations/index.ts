import { foundation } from './001_foundation.js';
import { inventories } from './002_inventories.js';
import { scanning } from './003_scanning.js';
import { intake } from './004_intake.js';
import { validation } from './005_validation.js';
import { findingsBulk } from './006_findings_bulk.js';
import { disclosure } from './007_disclosure.js';
import { advisories } from './008_advisories.js';
import { distribution } from './009_distribution.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'inventories', sql: inventories },
  { version: 3, name: 'scanning', sql: scanning },
  { version: 4, name: 'intake', sql: intake },
  { version: 5, name: 'validation', sql: validation },
  { version: 6, name: 'findings-bulk', sql: findingsBulk },
  { version: 7, name: 'disclosure', sql: disclosure },
  { version: 8, name: 'advisories', sql: advisories },
  { version: 9, name: 'distribution', sql: distribution },
];
