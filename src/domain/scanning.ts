import { withoutVersion } from './purl.js';
import type { Problem } from './errors.js';

/**
 * Scan coordination: what can be scanned (targets), who is scanning it now (claims with leases),
 * and what was scanned (reports). Pure rules here; the store keeps them and app/ checks who asks.
 */
export const TARGET_KINDS = ['package', 'repository', 'product'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface TargetInput {
  kind: TargetKind;
  /** package: a purl (its version, if any, is dropped) */
  purl?: string;
  /** repository: its URL; `commit` pins one revision but the target is the repository */
  url?: string;
  /** product: vendor and product name */
  vendor?: string;
  product?: string;
}

/** One identity per target, so two organizations registering the same thing get one target. */
export function targetKey(input: TargetInput): { key: string; display: string } | Problem {
  if (input.kind === 'package') {
    const purl = input.purl ? withoutVersion(input.purl) : null;
    return purl ? { key: purl, display: purl } : { pointer: '/purl', message: 'a package target needs a valid purl', code: 'INVALID_PURL' };
  }
  if (input.kind === 'repository') {
    const url = input.url ? repositoryUrl(input.url) : null;
    return url ? { key: url, display: url } : { pointer: '/url', message: 'a repository target needs an http(s) or ssh URL' };
  }
  const vendor = input.vendor?.trim();
  const product = input.product?.trim();
  if (!vendor || !product) return { pointer: vendor ? '/product' : '/vendor', message: 'a product target needs vendor and product' };
  return { key: `product:${vendor.toLowerCase()}/${product.toLowerCase()}`, display: `${vendor} ${product}` };
}

/** `https://GitHub.com/Org/Repo.git/` and `git@github.com:Org/Repo` name one repository. */
export function repositoryUrl(raw: string): string | null {
  const text = raw.trim();
  const ssh = /^git@([^:/]+):(.+)$/.exec(text);
  let url: URL;
  try {
    url = new URL(ssh ? `https://${ssh[1]}/${ssh[2]}` : text);
  } catch {
    return null;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) || !url.hostname) return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!path || path === '/') return null;
  return `https://${url.hostname.toLowerCase()}${path}`;
}

/** What the criticality of a target is computed from, each shown beside the score. */
export interface CriticalityInputs {
  /** organizations whose stored inventories hold the package */
  subscribers: number;
  /** KEV entries among the package's known vulnerabilities */
  kev: number;
  /** the operators' own weight, 0–10 */
  weight: number;
}

/**
 * How much it matters that a target is scanned, 0–100: the software most depended on rises.
 * Subscribers count logarithmically (the hundredth matters less than the second), KEV history
 * up to four entries, and the operators' weight is the lever for what the data cannot see.
 */
export function criticality({ subscribers, kev, weight }: CriticalityInputs): number {
  const reach = Math.min(50, 10 * Math.log2(1 + subscribers));
  const exploited = 5 * Math.min(kev, 4);
  return Math.round((reach + exploited + 3 * Math.min(Math.max(weight, 0), 10)) * 10) / 10;
}

export type OverlapPolicy = 'refuse' | 'queue';

export type ClaimStatus = 'active' | 'queued' | 'closed' | 'released' | 'expired';

export interface ClaimState {
  status: ClaimStatus;
  orgId: string;
  startsAt: string | null;
  expiresAt: string | null;
}

/**
 * What happens to a new claim, given the target's live ones: the claimant's own live claim is
 * renewed by a new one rather than stacked; another organization's live claim means refuse, or
 * queue behind it, by policy. Queued claims start when the one before them ends.
 */
export function admitClaim(live: readonly ClaimState[], orgId: string, policy: OverlapPolicy): 'active' | 'queued' | 'refused' | 'own' {
  if (live.some((c) => c.orgId === orgId)) return 'own';
  if (!live.length) return 'active';
  return policy === 'queue' ? 'queued' : 'refused';
}
