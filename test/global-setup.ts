import { prepareTemplate } from './db.js';

/** Builds the migrated PGlite template once per run so each test database loads in well under a second. */
export default async function setup(): Promise<void> {
  await prepareTemplate();
}
