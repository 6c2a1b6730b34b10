export const foundation = `
CREATE TABLE orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  roles text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text,
  is_admin boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  user_id uuid REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  details jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
-- Append-only: the database itself refuses to rewrite history.
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();

CREATE TABLE vulnerabilities (
  id text PRIMARY KEY,
  source text NOT NULL,
  modified timestamptz NOT NULL,
  published timestamptz,
  withdrawn timestamptz,
  summary text NOT NULL,
  max_score real,
  record jsonb NOT NULL,
  card jsonb NOT NULL,
  tlp text NOT NULL DEFAULT 'CLEAR',
  owner_org_id uuid REFERENCES orgs(id),
  shared_org_ids uuid[] NOT NULL DEFAULT '{}',
  search tsvector NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Records are read whole and rarely: skip compression, which costs more than it saves here.
ALTER TABLE vulnerabilities ALTER COLUMN record SET STORAGE EXTERNAL;
CREATE INDEX vulnerabilities_search ON vulnerabilities USING gin (search);
CREATE INDEX vulnerabilities_modified ON vulnerabilities (modified DESC, id);

-- Every identifier a record is known by, including its own id: the alias graph.
CREATE TABLE vuln_aliases (
  vuln_id text NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,
  alias text NOT NULL,
  PRIMARY KEY (vuln_id, alias)
);
CREATE INDEX vuln_aliases_alias ON vuln_aliases (alias);

CREATE TABLE vuln_packages (
  vuln_id text NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,
  ecosystem text NOT NULL,
  name text NOT NULL,
  purl text
);
CREATE INDEX vuln_packages_vuln ON vuln_packages (vuln_id);
CREATE INDEX vuln_packages_purl ON vuln_packages (purl);
CREATE INDEX vuln_packages_name ON vuln_packages (ecosystem, name);

CREATE TABLE kev (
  cve_id text PRIMARY KEY,
  date_added date NOT NULL,
  due_date date,
  ransomware text NOT NULL,
  record jsonb NOT NULL,
  catalog_version text NOT NULL
);

CREATE TABLE epss (
  cve_id text PRIMARY KEY,
  epss real NOT NULL,
  percentile real NOT NULL,
  score_date date
);
`;
