/** Traffic Light Protocol 2.0 labels, least to most restricted. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export function isTlp(value: unknown): value is Tlp {
  return typeof value === 'string' && (TLP_LABELS as readonly string[]).includes(value);
}

export function tlpRank(label: Tlp): number {
  return TLP_LABELS.indexOf(label);
}
