/**
 * Validation: what analysts decide about a case (SSVC coordinator triage, verdicts, merges and
 * splits, each an event on the case's timeline), proof-of-concept reproductions with their logs,
 * the target versions they run against, flow control (per-reporter limits, per-vendor capacity)
 * and the releases of confirmed cases to vendors.
 */
export const validation = `
ALTER TABLE cases
  -- new | needs-info | confirmed | not-a-vulnerability | duplicate
  ADD COLUMN verdict_reason text,
  ADD COLUMN verdict_by text,
  ADD COLUMN verdict_at timestamptz,
  ADD COLUMN duplicate_of text REFERENCES cases(id),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX cases_status ON cases (status);

CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  org_id uuid REFERENCES orgs(id),
  -- verdict | triage | merge | split | reproduction | reply | release
  kind text NOT NULL,
  details jsonb NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- operators load SSVC decision tables (SSVC JSON, schema 2.0.0); triage and priorities look them up
CREATE TABLE decision_tables (
  id text PRIMARY KEY,
  name text NOT NULL,
  document jsonb NOT NULL,
  loaded_by text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE case_triage (
  case_id text PRIMARY KEY REFERENCES cases(id),
  table_id text NOT NULL REFERENCES decision_tables(id),
  -- decision point id -> value key, as the analyst decided them
  inputs jsonb NOT NULL,
  -- credibility indicators seen in the report, each with the evidence
  indicators jsonb NOT NULL,
  outcome text NOT NULL,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);

-- the files of one version of a package or repository, for PoCs to run against
CREATE TABLE repro_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  sha256 text NOT NULL,
  files integer NOT NULL,
  bytes bigint NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE repro_target_files (
  target_id uuid NOT NULL REFERENCES repro_targets(id) ON DELETE CASCADE,
  path text NOT NULL,
  executable boolean NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (target_id, path)
);

CREATE TABLE reproductions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id text NOT NULL REFERENCES cases(id),
  finding_id uuid NOT NULL REFERENCES findings(id),
  requested_by text NOT NULL,
  -- command, oracle, limits, affected and fixed target names, PoC attachment names
  spec jsonb NOT NULL,
  -- queued | running | done | error
  status text NOT NULL DEFAULT 'queued',
  -- reproduced | fixed-version-clean | not-reproduced | inconclusive
  verdict text,
  reason text,
  -- each attempt (affected, fixed): exit code, signal, limits hit, time, judgement, stdout and stderr (capped)
  runs jsonb,
  error text,
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX reproductions_case ON reproductions (case_id, requested_at);

-- flow control per organization; null means the configured default
CREATE TABLE org_limits (
  org_id uuid PRIMARY KEY REFERENCES orgs(id),
  submissions_per_hour integer,
  findings_per_day integer,
  -- a vendor's intake capacity: confirmed cases released to it per rolling 7 days
  cases_per_week integer,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- what a vendor maintains, as purl prefixes (pkg:npm/@acme/, pkg:github/acme/) or repository URL prefixes
CREATE TABLE vendor_packages (
  org_id uuid NOT NULL REFERENCES orgs(id),
  prefix text NOT NULL,
  PRIMARY KEY (org_id, prefix)
);

CREATE TABLE case_releases (
  case_id text NOT NULL REFERENCES cases(id),
  vendor_org_id uuid NOT NULL REFERENCES orgs(id),
  released_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, vendor_org_id)
);
CREATE INDEX case_releases_vendor ON case_releases (vendor_org_id, released_at);
`;
