/**
 * Advisories: what a coordinated case publishes. One advisory per case, edited as a draft (the
 * format-neutral Advisory of domain/advisory.ts), published at the case's embargo end through the
 * job queue; every published revision is kept byte for byte as served (the CSAF text, its hashes
 * and its OpenPGP signature) under its provider path. The keys that sign live here too (the private
 * part encrypted with the operator's passphrase), and published facts leave through an outbox that
 * distribution reads.
 */
export const advisories = `
CREATE TABLE advisories (
  -- the case's clearinghouse id (cases.vuln_id): AICC-2026-0001
  id text PRIMARY KEY,
  case_id text NOT NULL UNIQUE REFERENCES cases(id),
  -- draft: being edited | ready: approved, publishes at publish_at (or the embargo end) | published
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'published')),
  tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  -- the Advisory being edited (its revisions list the published ones)
  document jsonb NOT NULL,
  -- null: publish when the case's embargo ends
  publish_at timestamptz,
  -- published revisions so far
  version integer NOT NULL DEFAULT 0,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX advisories_due ON advisories (status, publish_at);

CREATE TABLE signing_keys (
  fingerprint text PRIMARY KEY,
  public_key text NOT NULL,
  -- armored; encrypted with AICC_SIGNING_PASSPHRASE when one is configured
  private_key text NOT NULL,
  active boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
-- at most one key signs new publications
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (active) WHERE active;

CREATE TABLE advisory_publications (
  advisory_id text NOT NULL REFERENCES advisories(id),
  version integer NOT NULL,
  tlp text NOT NULL,
  -- under the provider's base: white/2026/aicc-2026-0001.json
  path text NOT NULL,
  title text NOT NULL,
  initial_release_date text NOT NULL,
  current_release_date text NOT NULL,
  -- the exact bytes served, and their .sha256 / .sha512 / .asc files
  csaf text NOT NULL,
  sha256 text NOT NULL,
  sha512 text NOT NULL,
  signature text NOT NULL,
  key_fingerprint text NOT NULL REFERENCES signing_keys(fingerprint),
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (advisory_id, version)
);
CREATE INDEX advisory_publications_path ON advisory_publications (path, version DESC);

-- facts other parts of the house act on (distribution): written in the transaction that makes them true
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  subject text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_kind ON outbox (kind, id);
`;
