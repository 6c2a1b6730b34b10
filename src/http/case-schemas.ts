import { Type, type TSchema } from 'typebox';

/** Response shapes of the case (triage) routes. */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Priority = Type.Object({ score: Type.Number(), parts: Type.Array(Type.String()) });

export const CaseSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String({ description: 'new | needs-info | confirmed | not-a-vulnerability | duplicate' }),
  severity: Type.String(),
  findings: Type.Integer(),
  reporters: Type.Integer(),
  firstSeen: Type.String(),
  updatedAt: Type.String(),
  triageOutcome: Nullable(Type.String()),
  reproduction: Nullable(Type.String()),
  reporterPrecision: Type.Number(),
  priority: Priority,
});

const Location = Type.Object({ file: Nullable(Type.String()), startLine: Nullable(Type.Integer()), endLine: Nullable(Type.Integer()), symbol: Nullable(Type.String()) });

export const CaseFinding = Type.Object({
  id: Type.String(),
  submissionId: Type.String(),
  reporter: Type.Object({ slug: Type.String(), name: Type.String() }),
  externalId: Type.String(),
  title: Type.String(),
  description: Type.String(),
  severity: Nullable(Type.String()),
  purl: Nullable(Type.String()),
  affectedVersions: Nullable(Type.String()),
  repository: Nullable(Type.String()),
  commit: Nullable(Type.String()),
  location: Location,
  cwes: Type.Array(Type.String()),
  claimedImpact: Nullable(Type.String()),
  aliases: Type.Array(Type.String()),
  ruleId: Nullable(Type.String()),
  provenance: Type.Object({ tool: Type.String(), toolVersion: Nullable(Type.String()), runId: Nullable(Type.String()), configHash: Nullable(Type.String()) }),
  attachments: Type.Array(Type.Object({ name: Type.String(), kind: Type.String(), mediaType: Type.String(), sha256: Type.String(), size: Type.Integer() })),
  dedup: Type.Object({ reason: Type.String(), score: Type.Number(), explanation: Type.String() }),
  receivedAt: Type.String(),
});

const Indicator = Type.Object({ key: Type.String(), direction: Type.String(), label: Type.String(), evidence: Type.String() });

export const CaseDetail = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  access: Type.String({ description: 'analyst | reporter | vendor: how much of the case the caller sees' }),
  verdict: Nullable(Type.Object({ reason: Nullable(Type.String()), by: Nullable(Type.String()), at: Nullable(Type.String()), duplicateOf: Nullable(Type.String()) })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  reporters: Type.Array(Type.Object({
    orgId: Type.String(), slug: Type.String(), name: Type.String(), firstSeen: Type.String(), findings: Type.Integer(), precision: Nullable(Type.Number()), decided: Nullable(Type.Integer()),
  })),
  otherReporters: Type.Integer(),
  findings: Type.Array(CaseFinding),
  priority: Nullable(Priority),
  triage: Nullable(Type.Object({
    tableId: Type.String(), inputs: Type.Record(Type.String(), Type.String()), outcome: Type.String(), indicators: Type.Array(Type.String()), decidedBy: Type.String(), decidedAt: Type.String(),
  })),
  credibility: Nullable(Type.Object({ indicators: Type.Array(Indicator), suggested: Type.String() })),
  events: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), kind: Type.String(), details: Type.Unknown() })),
  releases: Type.Array(Type.Object({ vendorOrgId: Type.String(), releasedAt: Type.String() })),
});

export const ReporterRecord = Type.Object({
  orgId: Type.String(), slug: Type.String(), name: Type.String(), findings: Type.Integer(), cases: Type.Integer(), confirmed: Type.Integer(),
  notVulnerability: Type.Integer(), pending: Type.Integer(), precision: Nullable(Type.Number()), smoothed: Type.Number(),
});

export const VendorSchedule = Type.Object({
  orgId: Type.String(), slug: Type.String(), name: Type.String(), prefixes: Type.Array(Type.String()), casesPerWeek: Type.Integer(), releasedLastWeek: Type.Integer(),
  queued: Type.Array(Type.Object({ caseId: Type.String(), title: Type.String(), priority: Type.Number(), releasableAt: Type.String() })),
});

export const DecisionTableInfo = Type.Object({
  id: Type.String(), name: Type.String(),
  inputs: Type.Array(Type.Object({
    id: Type.String(), key: Type.String(), name: Type.String(), definition: Type.String(),
    values: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), definition: Type.String() })),
  })),
  outcome: Type.Object({ id: Type.String(), name: Type.String(), values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })) }),
});

export const SubmissionSummary = Type.Object({
  id: Type.String(), clientKey: Type.String(), name: Type.String(), format: Type.String(), sha256: Type.String(), findings: Type.Integer(), receivedAt: Type.String(),
});
