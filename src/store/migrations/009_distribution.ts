/**
 * Distribution: subscribers' assets with their context (an inventory is an asset: its SBOM's
 * components plus exposure, mission and well-being, sector; SBOM uploads kept as versions), the
 * exposures the reverse match finds (asset × vulnerability, with priority, due date and remediation
 * status), per-organization notifications (one row per fact, the pull feed's cursor is the id),
 * delivery channels that walk that stream with a cursor each (webhook, e-mail), dead letters, and
 * the cursors of outbox consumers.
 */
export const distribution = `
ALTER TABLE inventories
  ADD COLUMN asset_type text NOT NULL DEFAULT 'application' CHECK (asset_type IN ('application', 'host', 'device', 'service')),
  ADD COLUMN exposed boolean NOT NULL DEFAULT false,
  -- SSVC Mission Prevalence and Public Well-Being Impact: CISA's Mission and Well-Being Impact comes from the pair
  ADD COLUMN mission_prevalence text NOT NULL DEFAULT 'support' CHECK (mission_prevalence IN ('minimal', 'support', 'essential')),
  ADD COLUMN well_being text NOT NULL DEFAULT 'minimal' CHECK (well_being IN ('minimal', 'material', 'irreversible')),
  -- null: the organization's sector / federal status
  ADD COLUMN sector text,
  ADD COLUMN federal boolean,
  ADD COLUMN owners jsonb NOT NULL DEFAULT '[]',
  -- assets without a purl (firmware, appliances) match by CPE or vendor/product/version
  ADD COLUMN cpes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN vendor text,
  ADD COLUMN product text,
  ADD COLUMN product_version text,
  ADD COLUMN sbom_version integer NOT NULL DEFAULT 1;

-- every SBOM uploaded for an asset, gzip-compressed as received
CREATE TABLE inventory_sboms (
  inventory_id uuid NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  version integer NOT NULL,
  format text NOT NULL,
  spec_version text NOT NULL,
  sha256 text NOT NULL,
  components integer NOT NULL,
  document bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (inventory_id, version)
);

CREATE TABLE subscriber_settings (
  org_id uuid PRIMARY KEY REFERENCES orgs(id),
  sector text NOT NULL DEFAULT 'unspecified',
  -- a federal civilian executive branch agency: BOD 26-04 timelines bind it; others get them as guidance
  federal boolean NOT NULL DEFAULT false,
  digest_hours integer NOT NULL DEFAULT 24 CHECK (digest_hours BETWEEN 1 AND 168),
  -- immediate notices per rolling 24 hours; past it they wait for the digest
  immediate_cap integer NOT NULL DEFAULT 20 CHECK (immediate_cap BETWEEN 0 AND 10000),
  -- accepts TLP:AMBER notices of embargoed cases that match its assets
  pre_notify boolean NOT NULL DEFAULT false,
  last_digest_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- a case's policy: may subscribers whose assets match hear of it (TLP:AMBER) before the advisory is public?
ALTER TABLE cases ADD COLUMN pre_notify boolean NOT NULL DEFAULT false;

CREATE TABLE exposures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  inventory_id uuid NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  vuln_id text NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now(),
  kev_added date,
  -- BOD 26-04: the earlier of KEV addition and detection on the asset, a calendar date
  clock_start date NOT NULL,
  due_date date,
  -- federal: the due date is BOD 26-04's; otherwise guidance
  binding boolean NOT NULL,
  cisa text,
  deployer text,
  bod text,
  -- urgency, timeline days, missing tables; the explanation lines are shared by every asset of one profile (below)
  priority jsonb NOT NULL,
  explanation_id text,
  -- the asset's affected components: package, installed and fixed versions
  components jsonb NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'fixed', 'mitigated', 'not_affected', 'accepted_risk')),
  status_at timestamptz NOT NULL DEFAULT now(),
  remediated_at timestamptz,
  -- the asset no longer matches (a new SBOM without the affected version, a withdrawn record)
  resolved_at timestamptz,
  notified_at timestamptz,
  UNIQUE (inventory_id, vuln_id)
);
CREATE INDEX exposures_org ON exposures (org_id, due_date);

-- why a priority is what it is, stored once per distinct explanation (by its hash): a popular package's
-- 100,000 exposures share a few dozen
CREATE TABLE priority_explanations (
  id text PRIMARY KEY,
  explanation jsonb NOT NULL
);
CREATE INDEX exposures_vuln ON exposures (vuln_id);

CREATE TABLE remediation_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  exposure_id bigint NOT NULL REFERENCES exposures(id) ON DELETE CASCADE,
  status text NOT NULL,
  -- VEX justification for not_affected (CycloneDX / OpenVEX / CSAF spellings normalized)
  justification text,
  statement text NOT NULL DEFAULT '',
  source text NOT NULL CHECK (source IN ('api', 'vex', 'ui', 'cli')),
  reported_by text NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remediation_reports_exposure ON remediation_reports (exposure_id, id);

CREATE TABLE notifications (
  -- the pull feed's cursor and the channels' order
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id),
  -- what this says, so that a fact is never told twice: trigger, vulnerability and a hash of the content
  fact text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('published', 'updated', 'kev', 'epss', 'sbom', 'pre-notice', 'digest')),
  vuln_id text,
  tlp text NOT NULL,
  -- immediate: sent at once; digest-item: waits for the next digest; digest: the digest itself
  urgency text NOT NULL CHECK (urgency IN ('immediate', 'digest-item', 'digest')),
  title text NOT NULL,
  body jsonb NOT NULL,
  digest_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, fact)
);
CREATE INDEX notifications_feed ON notifications (org_id, id);
CREATE INDEX notifications_vuln ON notifications (vuln_id);
CREATE INDEX notifications_undigested ON notifications (org_id, id) WHERE urgency = 'digest-item' AND digest_id IS NULL;

CREATE TABLE channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  kind text NOT NULL CHECK (kind IN ('webhook', 'email')),
  -- an https (or loopback http) URL, or an e-mail address
  target text NOT NULL,
  -- the webhook's HMAC key (shown once at creation; needed in clear to sign)
  secret text,
  -- only notifications about these assets (by name; an asset owner's own channel); empty: all, digests included
  assets text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  -- the last notification id this channel has handled (delivered or dead-lettered)
  cursor bigint NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  last_error text,
  last_success_at timestamptz,
  delivered bigint NOT NULL DEFAULT 0,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_org ON channels (org_id);

CREATE TABLE dead_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  notification_id bigint NOT NULL REFERENCES notifications(id),
  attempts integer NOT NULL,
  last_error text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- dead: given up on; replaying: an operator asked for it again (sent before the channel's stream); delivered
  status text NOT NULL DEFAULT 'dead' CHECK (status IN ('dead', 'replaying', 'delivered')),
  replayed_by text,
  replayed_at timestamptz,
  delivered_at timestamptz,
  UNIQUE (channel_id, notification_id)
);

-- how far each consumer has read the outbox
CREATE TABLE outbox_cursors (
  consumer text PRIMARY KEY,
  last_id bigint NOT NULL DEFAULT 0
);
`;
