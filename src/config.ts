import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { embargoPolicy, type EmbargoPolicy } from './domain/embargo.js';

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
  /** coordinated disclosure: the embargo policy, the vendors' acknowledgement SLA, the prefix of allocated ids */
  readonly disclosure: {
    readonly embargo: Readonly<EmbargoPolicy>;
    /** calendar days a vendor has to acknowledge a release (escalated after twice that) */
    readonly ackSlaDays: number;
    readonly idPrefix: string;
  };
  /** advisories: who publishes them, where the server is reached (the CSAF provider's URLs), publication runs, key protection */
  readonly advisories: {
    readonly publisher: { readonly name: string; readonly namespace: string; readonly contactDetails: string | null };
    /** the https origin users reach the server at (AICC_PUBLIC_URL); the provider lives under /.well-known/csaf */
    readonly publicUrl: string;
    /** how often a process running the workers publishes advisories whose time has come (AICC_PUBLISH_INTERVAL_SECONDS) */
    readonly publishIntervalSeconds: number;
    /** encrypts signing keys' private parts at rest (AICC_SIGNING_PASSPHRASE); never logged */
    readonly signingPassphrase: string | undefined;
    /** the CNA that assigns the CVE records we export (AICC_CNA_ORG_ID, AICC_CNA_SHORT_NAME); unset: a stand-in (app/advisories.ts) */
    readonly cna: { readonly orgId: string; readonly shortName: string } | undefined;
  };
  /** distribution to subscribers: triggers, delivery channels and their retries */
  readonly distribution: {
    /** an EPSS rise of at least this much re-notifies affected subscribers (AICC_EPSS_JUMP, 0–1) */
    readonly epssJump: number;
    /** how often a process running the workers reads the outbox and delivers (AICC_DISTRIBUTE_INTERVAL_SECONDS) */
    readonly intervalSeconds: number;
    readonly delivery: {
      readonly timeoutMs: number;
      /** attempts of one notification on one channel before it becomes a dead letter */
      readonly maxAttempts: number;
      /** exponential backoff: base · 2^(attempt-1), capped, with jitter */
      readonly backoffMs: number;
      readonly backoffMaxMs: number;
      /** channels served at once by one process */
      readonly concurrency: number;
    };
    /** webhooks may target loopback and private addresses (AICC_WEBHOOK_ALLOW_PRIVATE=1: on-premises receivers, tests); default no (SSRF) */
    readonly allowPrivateTargets: boolean;
    /** SMTP for e-mail channels (AICC_SMTP_URL: smtp://user:pass@host:port, smtps://…); unset: e-mail channels wait */
    readonly smtpUrl: string | undefined;
    readonly mailFrom: string;
  };
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

function embargo(env: Env): EmbargoPolicy {
  const policy = embargoPolicy({
    days: int(env, 'AICC_EMBARGO_DAYS', 90, 1, 3650),
    exploitedDays: int(env, 'AICC_EMBARGO_EXPLOITED_DAYS', 7, 0, 3650),
    timeZone: env.AICC_EMBARGO_ZONE || 'UTC',
    releaseTime: env.AICC_EMBARGO_RELEASE_TIME || '15:00',
  });
  if (!policy.ok) throw new Error(`${policy.code === 'UNKNOWN_TIME_ZONE' ? 'AICC_EMBARGO_ZONE' : 'AICC_EMBARGO_RELEASE_TIME'}: ${policy.message}`);
  return Object.freeze(policy.value);
}

function idPrefix(raw: string | undefined): string {
  const prefix = raw || 'AICC';
  if (!/^[A-Z][A-Z0-9]{1,15}$/.test(prefix)) throw new Error(`AICC_ID_PREFIX must be 2–16 capital letters or digits, starting with a letter, got '${prefix}'`);
  return prefix;
}

function httpsOrigin(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an https URL, got '${raw}'`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash) throw new Error(`${name} must be an https URL without query or fragment, got '${raw}'`);
  return url.href.replace(/\/+$/, '');
}

function cna(env: Env): { orgId: string; shortName: string } | undefined {
  const orgId = env.AICC_CNA_ORG_ID;
  const shortName = env.AICC_CNA_SHORT_NAME;
  if (!orgId && !shortName) return undefined;
  if (!orgId || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(orgId)) throw new Error(`AICC_CNA_ORG_ID must be the CNA's organization UUID (version 4), got '${orgId ?? ''}'`);
  if (!shortName || !/^[A-Za-z0-9_-]{2,32}$/.test(shortName)) throw new Error(`AICC_CNA_SHORT_NAME must be 2–32 letters, digits, _ or -, got '${shortName ?? ''}'`);
  return Object.freeze({ orgId: orgId.toLowerCase(), shortName });
}

function flag(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new Error(`${name} must be 1/true or 0/false, got '${raw}'`);
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new Error(`${name} must be a number above 0 and at most 1, got '${raw}'`);
  return n;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`AICC_SMTP_URL must be an smtp:// or smtps:// URL, got '${raw.replace(/\/\/[^@/]*@/, '//…@')}'`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`AICC_SMTP_URL must be an smtp:// or smtps:// URL, got a ${url.protocol} URL`);
  return raw;
}

function distribution(env: Env): Config['distribution'] {
  return Object.freeze({
    epssJump: fraction(env, 'AICC_EPSS_JUMP', 0.1),
    intervalSeconds: int(env, 'AICC_DISTRIBUTE_INTERVAL_SECONDS', 5, 1, 3600),
    delivery: Object.freeze({
      timeoutMs: int(env, 'AICC_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      maxAttempts: int(env, 'AICC_DELIVERY_MAX_ATTEMPTS', 12, 1, 100),
      backoffMs: int(env, 'AICC_DELIVERY_BACKOFF_MS', 1000, 10, 3_600_000),
      backoffMaxMs: int(env, 'AICC_DELIVERY_BACKOFF_MAX_MS', 300_000, 10, 24 * 3_600_000),
      concurrency: int(env, 'AICC_DELIVERY_CONCURRENCY', 32, 1, 1024),
    }),
    allowPrivateTargets: flag(env, 'AICC_WEBHOOK_ALLOW_PRIVATE'),
    smtpUrl: smtpUrl(env.AICC_SMTP_URL),
    mailFrom: env.AICC_MAIL_FROM || 'AI Cybersecurity Clearinghouse <notifications@aicc.example.org>',
  });
}

function advisories(env: Env): Config['advisories'] {
  // CSAF providers are served over TLS only (CSAF 2.0 requirement 3): the public URL is https even when a proxy terminates it
  const publicUrl = httpsOrigin('AICC_PUBLIC_URL', env.AICC_PUBLIC_URL || 'https://aicc.example.org');
  return Object.freeze({
    publisher: Object.freeze({
      name: env.AICC_PUBLISHER_NAME || 'AI Cybersecurity Clearinghouse',
      namespace: env.AICC_PUBLISHER_NAMESPACE ? httpsOrigin('AICC_PUBLISHER_NAMESPACE', env.AICC_PUBLISHER_NAMESPACE) : publicUrl,
      contactDetails: env.AICC_PUBLISHER_CONTACT || null,
    }),
    publicUrl,
    publishIntervalSeconds: int(env, 'AICC_PUBLISH_INTERVAL_SECONDS', 30, 1, 3600),
    signingPassphrase: env.AICC_SIGNING_PASSPHRASE || undefined,
    cna: cna(env),
  });
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
    disclosure: Object.freeze({ embargo: embargo(env), ackSlaDays: int(env, 'AICC_ACK_SLA_DAYS', 7, 1, 365), idPrefix: idPrefix(env.AICC_ID_PREFIX) }),
    advisories: advisories(env),
    distribution: distribution(env),
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
