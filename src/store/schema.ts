import type { ColumnType, Generated } from 'kysely';

/** timestamps are read back as ISO strings (see connection.ts) and written as strings or Dates */
type Timestamp = ColumnType<string, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<string | null, string | Date | null | undefined, string | Date | null>;
type Json<T> = ColumnType<T, string, string>;

export interface Database {
  schema_migrations: { version: number; name: string; applied_at: Generated<string> };
  orgs: { id: Generated<string>; slug: string; name: string; roles: string[]; created_at: Timestamp };
  users: {
    id: Generated<string>;
    org_id: string;
    email: string;
    name: string;
    password_hash: string | null;
    is_admin: Generated<boolean>;
    disabled_at: NullableTimestamp;
    created_at: Timestamp;
  };
  api_tokens: {
    id: Generated<string>;
    org_id: string;
    user_id: string | null;
    name: string;
    token_hash: string;
    prefix: string;
    scopes: string[];
    created_at: Timestamp;
    expires_at: NullableTimestamp;
    last_used_at: NullableTimestamp;
    revoked_at: NullableTimestamp;
  };
  sessions: { id_hash: string; user_id: string; created_at: Timestamp; expires_at: Timestamp };
  audit_log: {
    seq: number;
    at: Timestamp;
    actor: string;
    action: string;
    subject: string;
    details: Json<unknown>;
    prev_hash: string;
    hash: string;
  };
  vulnerabilities: {
    id: string;
    source: string;
    modified: Timestamp;
    published: NullableTimestamp;
    withdrawn: NullableTimestamp;
    summary: string;
    max_score: number | null;
    record: Json<unknown>;
    card: Json<unknown>;
    tlp: Generated<string>;
    owner_org_id: string | null;
    shared_org_ids: Generated<string[]>;
    search: ColumnType<string, never, never>;
    imported_at: Timestamp;
    updated_at: Timestamp;
  };
  vuln_aliases: { vuln_id: string; alias: string };
  vuln_packages: { vuln_id: string; ecosystem: string; name: string; purl: string | null };
  kev: {
    cve_id: string;
    date_added: string;
    due_date: string | null;
    ransomware: string;
    record: Json<unknown>;
    catalog_version: string;
  };
  epss: { cve_id: string; epss: number; percentile: number; score_date: string | null };
  inventories: {
    id: Generated<string>;
    org_id: string;
    name: string;
    format: string;
    spec_version: string;
    sha256: string;
    components: number;
    unmatchable: number;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  inventory_components: { inventory_id: string; purl: string; match_key: string; version: string; name: string; direct: boolean | null };
  scan_targets: { id: Generated<string>; kind: string; key: string; display: string; weight: Generated<number>; created_by_org: string | null; created_at: Timestamp };
  scan_claims: {
    id: Generated<string>;
    target_id: string;
    org_id: string;
    scope: string;
    method: string;
    status: string;
    lease_hours: number;
    created_at: Timestamp;
    starts_at: NullableTimestamp;
    expires_at: NullableTimestamp;
    ended_at: NullableTimestamp;
  };
  cases: {
    id: string;
    title: string;
    status: Generated<string>;
    created_at: Timestamp;
    verdict_reason: string | null;
    verdict_by: string | null;
    verdict_at: NullableTimestamp;
    duplicate_of: string | null;
    updated_at: Timestamp;
    exploited: Generated<boolean>;
    vuln_id: string | null;
    cve_id: string | null;
  };
  case_events: {
    id: ColumnType<number, never, never>;
    case_id: string;
    at: Timestamp;
    actor: string;
    org_id: string | null;
    kind: string;
    details: Json<unknown>;
  };
  decision_tables: { id: string; name: string; document: Json<unknown>; loaded_by: string; loaded_at: Timestamp };
  case_triage: {
    case_id: string;
    table_id: string;
    inputs: Json<Record<string, string>>;
    indicators: Json<unknown>;
    outcome: string;
    decided_by: string;
    decided_at: Timestamp;
  };
  repro_targets: { id: Generated<string>; name: string; sha256: string; files: number; bytes: number; created_by: string; created_at: Timestamp };
  repro_target_files: { target_id: string; path: string; executable: boolean; content: Buffer };
  reproductions: {
    id: Generated<string>;
    case_id: string;
    finding_id: string;
    requested_by: string;
    spec: Json<unknown>;
    status: Generated<string>;
    verdict: string | null;
    reason: string | null;
    runs: ColumnType<unknown, string | null | undefined, string | null>;
    error: string | null;
    requested_at: Timestamp;
    started_at: NullableTimestamp;
    finished_at: NullableTimestamp;
  };
  org_limits: {
    org_id: string;
    submissions_per_hour: number | null;
    findings_per_day: number | null;
    cases_per_week: number | null;
    updated_by: string;
    updated_at: Timestamp;
  };
  vendor_packages: { org_id: string; prefix: string };
  case_releases: { case_id: string; vendor_org_id: string; released_at: Timestamp };
  case_participants: {
    case_id: string;
    org_id: string;
    role: 'vendor' | 'coordinator';
    source: 'auto' | 'manual';
    reason: string | null;
    added_by: string;
    added_at: Timestamp;
    acknowledged_at: NullableTimestamp;
    acknowledged_by: string | null;
    /** YYYY-MM-DD in the embargo zone */
    reminded_on: string | null;
    escalated_at: NullableTimestamp;
  };
  case_messages: {
    id: ColumnType<number, never, never>;
    case_id: string;
    thread_vendor_id: string | null;
    tlp: string;
    body: string;
    author: string;
    author_org_id: string | null;
    author_role: 'reporter' | 'vendor' | 'coordinator';
    created_at: Timestamp;
  };
  case_vendor_status: { case_id: string; vendor_org_id: string; status: string; statement: string | null; set_by: string; set_at: Timestamp };
  case_embargoes: {
    case_id: string;
    ends_at: Timestamp;
    zone: string;
    basis: string;
    reason: string;
    agreed_by: ColumnType<string[], string[] | undefined, string[]>;
    notified_at: NullableTimestamp;
    set_by: string;
    set_at: Timestamp;
  };
  embargo_extensions: {
    id: Generated<string>;
    case_id: string;
    from_at: Timestamp;
    until_at: Timestamp;
    reason: string;
    status: Generated<string>;
    requested_by: string;
    requested_at: Timestamp;
    decided_at: NullableTimestamp;
  };
  embargo_agreements: { extension_id: string; party: string; agreed_by: string; agreed_at: Timestamp };
  vuln_id_sequences: { year: number; last: number };
  submissions: {
    id: Generated<string>;
    org_id: string;
    client_key: string;
    name: string;
    format: string;
    sha256: string;
    findings: number;
    received_at: Timestamp;
  };
  findings: {
    id: Generated<string>;
    seq: ColumnType<string, never, never>;
    submission_id: string;
    org_id: string;
    external_id: string;
    case_id: string;
    dedup_reason: string;
    dedup_score: number;
    dedup_explanation: string;
    title: string;
    severity: string | null;
    record: Json<unknown>;
    received_at: Timestamp;
  };
  finding_attachments: { finding_id: string; name: string; kind: string; media_type: string; sha256: string; size: number; content: Buffer };
  scan_reports: {
    id: Generated<string>;
    target_id: string;
    claim_id: string | null;
    org_id: string;
    revision: string;
    tool: string;
    tool_version: string;
    run_id: string;
    duration_seconds: number;
    findings: number;
    created_at: Timestamp;
  };
  advisories: {
    id: string;
    case_id: string;
    status: ColumnType<'draft' | 'ready' | 'published', 'draft' | 'ready' | 'published' | undefined, 'draft' | 'ready' | 'published'>;
    tlp: string;
    document: Json<unknown>;
    publish_at: NullableTimestamp;
    version: ColumnType<number, number | undefined, number>;
    created_by: string;
    created_at: Timestamp;
    updated_by: string;
    updated_at: Timestamp;
    published_at: NullableTimestamp;
  };
  signing_keys: {
    fingerprint: string;
    public_key: string;
    private_key: string;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    created_by: string;
    created_at: Timestamp;
    retired_at: NullableTimestamp;
  };
  advisory_publications: {
    advisory_id: string;
    version: number;
    tlp: string;
    path: string;
    title: string;
    initial_release_date: string;
    current_release_date: string;
    csaf: string;
    sha256: string;
    sha512: string;
    signature: string;
    key_fingerprint: string;
    published_at: Timestamp;
  };
  outbox: { id: Generated<string>; kind: string; subject: string; payload: Json<unknown>; created_at: Timestamp };
}
