/**
 * SSVC decision tables as data (CERT/CC's SSVC JSON, schema 2.0.0): decision points with their
 * values, and a mapping from every combination of the inputs to the outcome. Triage (coordinator
 * triage), prioritization (CISA coordinator, deployer) and BOD 26-04 timelines are all lookups in
 * such tables, so none of them is hard-coded and operators can load their own.
 */
export interface DecisionValue {
  key: string;
  name: string;
  definition: string;
}

export interface DecisionPoint {
  /** `namespace:KEY:version`, as tables refer to it */
  id: string;
  namespace: string;
  key: string;
  version: string;
  name: string;
  definition: string;
  values: DecisionValue[];
}

export interface DecisionTable {
  /** `namespace:KEY:version` of the table */
  id: string;
  name: string;
  definition: string;
  /** the inputs, in the table's order */
  inputs: DecisionPoint[];
  outcome: DecisionPoint;
  /** one row per combination of input value keys, keyed by `inputs` order joined with `|` */
  rows: ReadonlyMap<string, string>;
}

export interface Decision {
  /** the outcome value */
  outcome: DecisionValue;
  /** each input as decided, by decision point id */
  inputs: Record<string, DecisionValue>;
}

export class DecisionInputError extends Error {
  constructor(
    message: string,
    readonly pointId: string,
  ) {
    super(message);
  }
}

/** Finds a value of a decision point by its key or name, case-insensitively (`Y`, `yes`, `Credible`). */
export function valueOf(point: DecisionPoint, given: string): DecisionValue | undefined {
  const g = given.trim().toLowerCase();
  return point.values.find((v) => v.key.toLowerCase() === g) ?? point.values.find((v) => v.name.toLowerCase() === g);
}

/**
 * The table's outcome for the given inputs, each named by decision point id, `namespace:KEY` or
 * plain key (so `ssvc:RC:1.0.0`, `ssvc:RC` and `RC` all name Report Credibility).
 */
export function decide(table: DecisionTable, given: Readonly<Record<string, string>>): Decision {
  const inputs: Record<string, DecisionValue> = {};
  const keys: string[] = [];
  for (const point of table.inputs) {
    const raw = given[point.id] ?? given[`${point.namespace}:${point.key}`] ?? given[point.key];
    if (raw === undefined) throw new DecisionInputError(`${table.name} needs ${point.name} (${point.key}): one of ${point.values.map((v) => v.key).join(', ')}`, point.id);
    const value = valueOf(point, raw);
    if (!value) throw new DecisionInputError(`${point.name} (${point.key}) is one of ${point.values.map((v) => `${v.key} (${v.name})`).join(', ')}; got '${raw}'`, point.id);
    inputs[point.id] = value;
    keys.push(value.key);
  }
  const outcomeKey = table.rows.get(keys.join('|'));
  const outcome = outcomeKey === undefined ? undefined : table.outcome.values.find((v) => v.key === outcomeKey);
  // A parsed table covers every combination (formats/ssvc checks it), so this is a broken invariant.
  if (!outcome) throw new Error(`${table.id} has no row for ${keys.join(', ')}`);
  return { outcome, inputs };
}
