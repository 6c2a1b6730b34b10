import type { RangeEvent } from '../types.js';

export interface Interval {
  introduced: string;
  fixed?: string;
  lastAffected?: string;
  limit?: string;
}

/**
 * A range's events, in the order given, as intervals: "introduced" opens one; "fixed", "last_affected"
 * or "limit" closes it. A display aid only: matching versions is the server's job.
 */
export function intervals(events: RangeEvent[]): Interval[] {
  const out: Interval[] = [];
  let open: string | null = null;
  for (const event of events) {
    if (event.introduced !== undefined) {
      // A second "introduced" inside an open interval changes nothing: still affected since the first.
      open ??= event.introduced;
    } else if (event.fixed !== undefined || event.last_affected !== undefined || event.limit !== undefined) {
      out.push({
        introduced: open ?? '0',
        ...(event.fixed !== undefined ? { fixed: event.fixed } : {}),
        ...(event.last_affected !== undefined ? { lastAffected: event.last_affected } : {}),
        ...(event.limit !== undefined ? { limit: event.limit } : {}),
      });
      open = null;
    }
  }
  if (open !== null) out.push({ introduced: open });
  return out;
}
