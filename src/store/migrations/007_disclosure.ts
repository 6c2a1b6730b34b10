/**
 * Coordinated disclosure: who takes part in a case (vendors released to, coordinators; reporters are
 * derived from the findings), messages in the case-wide thread or a vendor's private thread with the
 * coordinators, each vendor's status and acknowledgement, the case's embargo with its extension
 * requests, and the identifiers the clearinghouse allocates (a yearly sequence) or records (a CVE).
 */
export const disclosure = `
ALTER TABLE cases
  -- exploitation observed in the wild (an analyst sets it): the embargo policy is the short one
  ADD COLUMN exploited boolean NOT NULL DEFAULT false,
  ADD COLUMN vuln_id text UNIQUE,
  ADD COLUMN cve_id text UNIQUE;

CREATE TABLE case_participants (
  case_id text NOT NULL REFERENCES cases(id),
  org_id uuid NOT NULL REFERENCES orgs(id),
  -- reporters are not stored: they are the organizations of the case's findings, which merges and splits move
  role text NOT NULL CHECK (role IN ('vendor', 'coordinator')),
  source text NOT NULL CHECK (source IN ('auto', 'manual')),
  -- why an analyst added it by hand (a manual vendor is released to regardless of its capacity)
  reason text,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  -- vendors: the acknowledgement of the release, and the SLA notices already recorded
  acknowledged_at timestamptz,
  acknowledged_by text,
  reminded_on date,
  escalated_at timestamptz,
  PRIMARY KEY (case_id, org_id, role)
);
CREATE INDEX case_participants_org ON case_participants (org_id, case_id);

CREATE TABLE case_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  -- null: the whole case's thread; else the vendor whose private thread with the coordinators it is
  thread_vendor_id uuid REFERENCES orgs(id),
  tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 20000),
  author text NOT NULL,
  -- null for the system itself (host CLI)
  author_org_id uuid REFERENCES orgs(id),
  author_role text NOT NULL CHECK (author_role IN ('reporter', 'vendor', 'coordinator')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_messages_case ON case_messages (case_id, id);

CREATE TABLE case_vendor_status (
  case_id text NOT NULL REFERENCES cases(id),
  vendor_org_id uuid NOT NULL REFERENCES orgs(id),
  status text NOT NULL CHECK (status IN ('affected', 'not_affected', 'fixed', 'under_investigation', 'unknown')),
  statement text,
  set_by text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, vendor_org_id)
);

CREATE TABLE case_embargoes (
  case_id text PRIMARY KEY REFERENCES cases(id),
  ends_at timestamptz NOT NULL,
  -- IANA zone the date is kept in and shown in
  zone text NOT NULL,
  basis text NOT NULL CHECK (basis IN ('policy', 'exploited', 'extension', 'early-release', 'manual')),
  reason text NOT NULL,
  -- the parties who agreed to the last extension (organization slugs; 'coordinator')
  agreed_by text[] NOT NULL DEFAULT '{}',
  -- when the first vendor was notified: the policy counts from here (null: set by hand before any release)
  notified_at timestamptz,
  set_by text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE embargo_extensions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id text NOT NULL REFERENCES cases(id),
  -- the end it extends, and the end it asks for
  from_at timestamptz NOT NULL,
  until_at timestamptz NOT NULL,
  reason text NOT NULL,
  -- pending | applied | superseded (the embargo changed before everyone agreed)
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'superseded')),
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
-- one open request per case at a time
CREATE UNIQUE INDEX embargo_extensions_pending ON embargo_extensions (case_id) WHERE status = 'pending';

CREATE TABLE embargo_agreements (
  extension_id uuid NOT NULL REFERENCES embargo_extensions(id),
  -- 'coordinator', or the vendor organization's id
  party text NOT NULL,
  agreed_by text NOT NULL,
  agreed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (extension_id, party)
);

-- the last number given out per year; numbers only grow, so an id is never given twice
CREATE TABLE vuln_id_sequences (
  year integer PRIMARY KEY,
  last integer NOT NULL
);
`;
