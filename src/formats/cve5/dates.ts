const HAS_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * An ISO 8601 UTC timestamp, or null for text that is no date. CVE records may omit the zone
 * (the schema says GMT is then assumed); JavaScript would read such a time as local, so the
 * zone is made explicit before parsing (a bare date already parses as UTC). Output is uniform
 * (`toISOString`) so stored dates compare as strings; sub-millisecond digits are dropped.
 */
export function utcTimestamp(text: string): string | null {
  const date = new Date(HAS_ZONE.test(text) || !text.includes('T') ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
