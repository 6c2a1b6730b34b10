/**
 * Child of intake-crash.test.ts: submits one SARIF file with a client key, as a reporter, against
 * a PGlite data directory (locked as `aicc` locks it) or a PostgreSQL URL, and prints
 * `findings-insert` once the first chunk of findings is written (INSERT on PostgreSQL, COPY on PGlite) inside the submission's
 * transaction, so the test can kill it mid-transaction.
 *
 * argv: <pglite data dir | postgres URL> <org id> <file> <client key>
 */
import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pino from 'pino';
import { contextFor } from '../../src/app/context.js';
import { submitFindings } from '../../src/app/intake.js';
import { loadConfig } from '../../src/config.js';
import type { Member } from '../../src/domain/access.js';
import { connect, type CopyIn } from '../../src/store/connection.js';
import { lockDataDir } from '../../src/store/lock.js';
import type { Database } from '../../src/store/schema.js';

const [where, orgId, file, clientKey] = process.argv.slice(2) as [string, string, string, string];
const postgres = where.startsWith('postgres');
if (!postgres) lockDataDir(where, 'intake crash test');
const conn = await connect(postgres ? { databaseUrl: where, poolSize: 2 } : { dataDir: where });
let told = false;
const tell = () => {
  if (told) return;
  told = true;
  process.stdout.write('findings-insert\n');
};
// Findings go by INSERT on PostgreSQL and by COPY on PGlite.
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: conn.pool }),
  log: (event) => {
    if (event.level === 'query' && /INSERT INTO findings/.test(event.query.sql)) tell();
  },
});
const { copyIn } = conn;
const copying: CopyIn | undefined = copyIn && (async (table, columns, text) => {
  await copyIn(table, columns, text);
  if (table === 'findings') tell();
});
const ctx = contextFor({ ...conn, db, ...(copying ? { copyIn: copying } : {}) }, loadConfig({ AICC_LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
const actor: Member = { kind: 'token', userId: null, tokenId: 'crash-test', orgId, orgSlug: 'crash-lab', roles: ['reporter'], isAdmin: false, scopes: ['submit'] };
const receipt = await submitFindings(ctx, actor, { text: readFileSync(file, 'utf8'), name: 'crash.sarif', format: 'sarif', clientKey });
process.stdout.write(`finished ${receipt.status}\n`);
await conn.close();
