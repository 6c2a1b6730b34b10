/**
 * A finding's record is stored as `json`, not `jsonb`: it is written in bulk (tens of thousands per
 * submission) and read back whole, never searched inside except for a vendor's purl prefix, so the
 * binary form's conversion on every insert buys nothing (it took about a third of the insert).
 */
export const findingsJson = `
ALTER TABLE findings ALTER COLUMN record TYPE json USING record::json;
`;
