/**
 * Inventories: an organization's SBOMs, kept so that a new advisory can be matched back to every
 * asset holding an affected version (the reverse match). One row per inventory, its components
 * reduced to what matching needs; the SBOM text itself is not kept.
 */
export const inventories = `
CREATE TABLE inventories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id),
  name text NOT NULL,
  format text NOT NULL,
  spec_version text NOT NULL,
  sha256 text NOT NULL,
  components integer NOT NULL,
  unmatchable integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

CREATE TABLE inventory_components (
  inventory_id uuid NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  purl text NOT NULL,
  match_key text NOT NULL,
  version text NOT NULL,
  name text NOT NULL,
  direct boolean
);
CREATE INDEX inventory_components_inventory ON inventory_components (inventory_id);
CREATE INDEX inventory_components_key ON inventory_components (match_key);
`;
