/**
 * What a subscriber is told: one notification per organization and fact, naming its affected
 * assets and components, what to do and by when. The same value goes out by webhook (JSON), by
 * e-mail (rendered) and through the pull feed.
 */
import type { Tlp } from './tlp.js';

export type NotificationKind = 'published' | 'updated' | 'kev' | 'epss' | 'sbom' | 'pre-notice' | 'digest';
export type Urgency = 'immediate' | 'digest-item' | 'digest';

/** CISA coordinator levels, BOD 26-04 timelines and deployer priorities, as the loaded tables name them. */
export interface PriorityOutcome {
  /** CISA Coordinator 2.0.3: Track, Track*, Attend, Act */
  cisa: string | null;
  /** Deployer patch application priority: Defer, Scheduled, Out-of-Cycle, Immediate */
  deployer: string | null;
  /** BOD 26-04 remediation timeline: Fix on system upgrade, 60 days, 14 days, 3 days, 3 days & forensic investigation */
  bod: string | null;
  /** calendar date (YYYY-MM-DD, in the due-date zone); null when the timeline names no date */
  due: string | null;
  /** the due date binds (a federal civilian agency, BOD 26-04) or is guidance */
  binding: boolean;
}

export interface AffectedComponent {
  /** the package (match key, e.g. pkg:npm/lodash) or the product (vendor/product) */
  package: string;
  installed: string;
  /** the versions that fix it, nearest first; empty when none is known */
  fixed: string[];
}

export interface NotifiedAsset extends PriorityOutcome {
  id: string;
  name: string;
  type: string;
  exposed: boolean;
  exposureId: string;
  components: AffectedComponent[];
}

export interface NotificationBody {
  /** the vulnerability's id and aliases (CVE, GHSA, AICC) */
  vulnerability: { id: string; aliases: string[]; summary: string; cvss: { version: string; score: number; vector: string } | null; epss: number | null; kev: { dateAdded: string } | null };
  /** why now: first publication, an update (advisory revision), KEV addition, EPSS rise, an SBOM upload */
  trigger: { kind: NotificationKind; detail: string };
  /** the most urgent of the assets' outcomes */
  priority: PriorityOutcome;
  assets: NotifiedAsset[];
  remediation: string;
  workaround: string;
  /** the advisory or the vulnerability page */
  link: string;
  /** digest only: the notifications it gathers (ids, most urgent first) */
  items?: Array<{ id: string; title: string; due: string | null; cisa: string | null }>;
  /** past the subscriber's immediate cap: why this waits for the digest */
  capped?: boolean;
}

export interface Notification {
  /** the feed cursor: ids grow in the order notifications are made */
  id: string;
  org: string;
  kind: NotificationKind;
  urgency: Urgency;
  tlp: Tlp;
  title: string;
  vulnId: string | null;
  createdAt: string;
  body: NotificationBody;
}
