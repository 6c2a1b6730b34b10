/** Scan coordination (docs/API.md, "Scan coordination"): targets by criticality, claims under leases, reports, coverage. */

import type { User } from '../types.js';

export const TARGET_KINDS = ['package', 'repository', 'product'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export type ClaimStatus = 'active' | 'queued' | 'closed' | 'released';

export interface Claim {
  id: string;
  targetId: string;
  /** the claiming organization's slug */
  org: string;
  scope: string;
  method: string;
  status: ClaimStatus;
  leaseHours: number;
  createdAt: string;
  /** null while queued */
  startsAt: string | null;
  expiresAt: string | null;
}

export interface TargetCoverage {
  reports: number;
  methods: number;
  lastScanned: string | null;
}

export interface ScanTarget {
  id: string;
  kind: string;
  key: string;
  display: string;
  /** 0–100, computed by the server from `inputs` */
  criticality: number;
  inputs: { subscribers: number; kev: number; weight: number };
  coverage: TargetCoverage;
  /** the live claims only (active and queued): ended leases are left out by the server */
  claims: Claim[];
}

export interface CoverageSummary {
  targets: number;
  scanned: number;
  neverScanned: number;
}

export type TargetInput =
  | { kind: 'package'; purl: string }
  | { kind: 'repository'; url: string }
  | { kind: 'product'; vendor: string; product: string };

export interface ClaimInput {
  scope: string;
  method: string;
  hours?: number;
}

export interface ReportInput {
  targetId: string;
  claimId?: string;
  revision: string;
  tool: string;
  toolVersion: string;
  runId: string;
  durationSeconds: number;
  findings: number;
}

export interface ScanReport extends Omit<ReportInput, 'claimId'> {
  id: string;
  claimId: string | null;
  createdAt: string;
}

export const KIND_LABEL: Record<TargetKind, string> = {
  package: 'Package',
  repository: 'Repository',
  product: 'Product',
};

export function kindLabel(kind: string): string {
  return (TARGET_KINDS as readonly string[]).includes(kind) ? KIND_LABEL[kind as TargetKind] : kind;
}

/** The server lets reporter and operator organizations claim, report and register (scanner() in src/app/scanning.ts). */
export function canScan(user: User | null): boolean {
  return Boolean(user && (user.org.roles.includes('reporter') || user.org.roles.includes('operator')));
}

/** Only operators weigh targets. */
export function canWeigh(user: User | null): boolean {
  return Boolean(user?.org.roles.includes('operator'));
}

/** The user's organization's live claim on a target (at most one: a second claim renews it). */
export function ownClaim(target: ScanTarget, user: User | null): Claim | undefined {
  if (!user) return undefined;
  return target.claims.find((c) => c.org === user.org.slug && (c.status === 'active' || c.status === 'queued'));
}

/** The criticality formula of docs/API.md, for the tooltip: the inputs alone do not say how they add up. */
export const CRITICALITY_FORMULA = 'min(50, 10·log2(1 + subscribers)) + 5·min(KEV, 4) + 3·weight, out of 100';

/**
 * A fresh run id, the report's idempotency key: the same id sent twice (a retried submit) records one
 * report. crypto.randomUUID needs a secure context; plain-http hosts other than localhost fall back.
 */
export function randomRunId(): string {
  if (typeof crypto.randomUUID === 'function') return `run-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `run-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A whole number from a form field, or undefined for an empty or malformed one (the server says what is wrong). */
export function wholeNumber(value: string): number | undefined {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}
