/**
 * Finding intake: submissions (one per reporter request, idempotent by the reporter's client key),
 * the findings in them with the case deduplication put each in, attachments kept by content hash,
 * and cases — one per root cause, whatever number of reporters found it.
 */
export const intake = `
CREATE TABLE cases (
  -- the deduplication index's id (C-1, C-2, …): replaying findings in arrival order gives them again
  id text PRIMARY KEY,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'new',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  client_key text NOT NULL,
  name text NOT NULL,
  format text NOT NULL,
  sha256 text NOT NULL,
  findings integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, client_key)
);

CREATE TABLE findings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- arrival order, for replaying deduplication exactly as it happened
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  submission_id uuid NOT NULL REFERENCES submissions(id),
  org_id uuid NOT NULL REFERENCES orgs(id),
  external_id text NOT NULL,
  case_id text NOT NULL REFERENCES cases(id),
  dedup_reason text NOT NULL,
  dedup_score real NOT NULL,
  dedup_explanation text NOT NULL,
  title text NOT NULL,
  severity text,
  record jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (submission_id, external_id)
);
CREATE INDEX findings_case ON findings (case_id);
CREATE INDEX findings_org ON findings (org_id);

CREATE TABLE finding_attachments (
  finding_id uuid NOT NULL REFERENCES findings(id),
  name text NOT NULL,
  kind text NOT NULL,
  media_type text NOT NULL,
  sha256 text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL
);
CREATE INDEX finding_attachments_finding ON finding_attachments (finding_id);
`;
