import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PGlite data directory, used when no databaseUrl is set */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly bodyLimit: number;
  readonly importLimit: number;
  readonly maxJsonDepth: number;
  readonly sessionHours: number;
  readonly logLevel: string;
  readonly feeds: { readonly osv: string; readonly kev: string; readonly epss: string };
  readonly webDir: string;
  /** scan claims: what a claim on a target another organization holds gets, and the longest lease */
  readonly claims: { readonly overlap: 'refuse' | 'queue'; readonly maxHours: number };
  /** a directory of SSVC decision tables the demo loads at first start (AICC_SSVC_TABLES) */
  readonly ssvcTables: string | undefined;
  /** flow-control defaults; operators set per-organization values over them */
  readonly intake: { readonly submissionsPerHour: number; readonly findingsPerDay: number; readonly vendorCasesPerWeek: number };
  /** how often a process running the workers releases confirmed cases that vendors' capacity held back (AICC_RELEASE_INTERVAL_SECONDS) */
  readonly releaseIntervalSeconds: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  return n;
}

function overlapPolicy(raw: string | undefined): 'refuse' | 'queue' {
  if (raw === undefined || raw === '' || raw === 'refuse') return 'refuse';
  if (raw === 'queue') return 'queue';
  throw new Error(`AICC_CLAIM_OVERLAP must be refuse or queue, got '${raw}'`);
}

/** Read once at start, validated, frozen; flags win over the environment. */
export function loadConfig(env: Env = process.env, flags: Partial<{ port: number; host: string; dataDir: string }> = {}): Config {
  const config: Config = {
    port: flags.port ?? int(env, 'AICC_PORT', 8080, 0, 65535),
    host: flags.host ?? env.AICC_HOST ?? '127.0.0.1',
    dataDir: resolve(flags.dataDir ?? env.AICC_DATA_DIR ?? '.aicc'),
    databaseUrl: env.DATABASE_URL || undefined,
    bodyLimit: int(env, 'AICC_BODY_LIMIT', 1024 * 1024, 1024, 1024 ** 3),
    importLimit: int(env, 'AICC_IMPORT_LIMIT', 256 * 1024 * 1024, 1024, 4 * 1024 ** 3),
    maxJsonDepth: int(env, 'AICC_MAX_JSON_DEPTH', 64, 4, 1000),
    sessionHours: int(env, 'AICC_SESSION_HOURS', 12, 1, 24 * 30),
    logLevel: env.AICC_LOG_LEVEL ?? 'info',
    feeds: Object.freeze({
      osv: env.AICC_OSV_URL ?? 'https://osv-vulnerabilities.storage.googleapis.com/{ecosystem}/all.zip',
      kev: env.AICC_KEV_URL ?? 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
      epss: env.AICC_EPSS_URL ?? 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
    }),
    webDir: join(packageRoot(), 'web', 'dist'),
    claims: Object.freeze({ overlap: overlapPolicy(env.AICC_CLAIM_OVERLAP), maxHours: int(env, 'AICC_CLAIM_MAX_HOURS', 14 * 24, 1, 90 * 24) }),
    ssvcTables: env.AICC_SSVC_TABLES ? resolve(env.AICC_SSVC_TABLES) : undefined,
    intake: Object.freeze({
      submissionsPerHour: int(env, 'AICC_SUBMISSIONS_PER_HOUR', 120, 1, 1_000_000),
      findingsPerDay: int(env, 'AICC_FINDINGS_PER_DAY', 500_000, 1, 100_000_000),
      vendorCasesPerWeek: int(env, 'AICC_VENDOR_CASES_PER_WEEK', 20, 1, 100_000),
    }),
    releaseIntervalSeconds: int(env, 'AICC_RELEASE_INTERVAL_SECONDS', 300, 1, 24 * 3600),
  };
  return Object.freeze(config);
}

/** The folder holding package.json, whether running from src/ (tests) or dist/src/ (built). */
export function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + import.meta.dirname);
    dir = up;
  }
  return dir;
}
