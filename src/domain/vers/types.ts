/** The comparators of vers. `*` stands alone and matches every version. */
export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '*';

export const COMPARATORS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>=', '*'];

/** One constraint; for `*` the version is the empty string. */
export interface Constraint {
  readonly comparator: Comparator;
  readonly version: string;
}

/** A decoded vers: its versioning scheme (lower case) and its constraints, versions percent-decoded. */
export interface Vers {
  readonly scheme: string;
  readonly constraints: readonly Constraint[];
}

export type VersResult = { ok: true; vers: Vers } | { ok: false; error: string };
