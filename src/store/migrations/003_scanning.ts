/**
 * Scan coordination: targets (what can be scanned), claims (who scans it now, under a lease) and
 * reports (what was scanned, findings or not, so coverage is known).
 */
export const scanning = `
CREATE TABLE scan_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('package', 'repository', 'product')),
  key text NOT NULL UNIQUE,
  display text NOT NULL,
  weight integer NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 10),
  -- null when the host registered it (the CLI acts as the system, not as an organization)
  created_by_org uuid REFERENCES orgs(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scan_claims (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id uuid NOT NULL REFERENCES scan_targets(id),
  org_id uuid NOT NULL REFERENCES orgs(id),
  scope text NOT NULL,
  method text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'queued', 'closed', 'released')),
  lease_hours integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  starts_at timestamptz,
  expires_at timestamptz,
  ended_at timestamptz
);
CREATE INDEX scan_claims_target ON scan_claims (target_id) WHERE status IN ('active', 'queued');

CREATE TABLE scan_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id uuid NOT NULL REFERENCES scan_targets(id),
  claim_id uuid REFERENCES scan_claims(id),
  org_id uuid NOT NULL REFERENCES orgs(id),
  revision text NOT NULL,
  tool text NOT NULL,
  tool_version text NOT NULL,
  run_id text NOT NULL,
  duration_seconds integer NOT NULL CHECK (duration_seconds >= 0),
  findings integer NOT NULL CHECK (findings >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, run_id)
);
CREATE INDEX scan_reports_target ON scan_reports (target_id);
`;
