/**
 * Findings are written in bulk (tens of thousands per submission), so the per-row costs of the
 * findings table are paid that many times:
 * - the record is `json`, not `jsonb`: read back whole, never searched inside except for a vendor's
 *   purl prefix, so the binary form's conversion on every insert buys nothing (it was about a third
 *   of the insert);
 * - `org_id` and `submission_id` keep no foreign keys: both come from the submission row written in
 *   the same statement's transaction (store/intake.ts is the only writer, and neither table deletes
 *   rows), and each key is a per-row check — the two took a quarter of the insert on PGlite.
 *   `case_id` keeps its key: case ids come from the deduplication index, whose mistakes it catches.
 */
export const findingsBulk = `
ALTER TABLE findings ALTER COLUMN record TYPE json USING record::json;
ALTER TABLE findings DROP CONSTRAINT findings_org_id_fkey, DROP CONSTRAINT findings_submission_id_fkey;
`;
