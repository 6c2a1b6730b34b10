import { Type, type TSchema } from 'typebox';

/** Response shapes for OpenAPI (and fast serialization); requests are declared beside their routes. */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(
        Type.Object({
          message: Type.String(),
          pointer: Type.Optional(Type.String()),
          file: Type.Optional(Type.String()),
          line: Type.Optional(Type.Integer()),
        }),
      ),
    }),
  },
  { $id: 'ErrorEnvelope' },
);

export const errors = { '4xx': ErrorEnvelope, '5xx': ErrorEnvelope };

const Package = Type.Object({ ecosystem: Type.String(), name: Type.String(), purl: Nullable(Type.String()) });

export const VulnSummary = Type.Object({
  id: Type.String(),
  source: Type.String(),
  summary: Type.String(),
  aliases: Type.Array(Type.String()),
  modified: Type.String(),
  published: Nullable(Type.String()),
  withdrawn: Nullable(Type.String()),
  maxScore: Nullable(Type.Number()),
  severity: Nullable(Type.String()),
  kev: Type.Boolean(),
  epss: Nullable(Type.Object({ score: Type.Number(), percentile: Type.Number() })),
  packages: Type.Array(Package),
});

export const SearchResult = Type.Object({ items: Type.Array(VulnSummary), nextCursor: Nullable(Type.String()) });

export const Org = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), roles: Type.Array(Type.String()), createdAt: Type.String() });

export const User = Type.Object({
  id: Type.String(), orgId: Type.String(), email: Type.String(), name: Type.String(), isAdmin: Type.Boolean(), disabled: Type.Boolean(), createdAt: Type.String(),
});

export const Token = Type.Object({
  id: Type.String(), orgId: Type.String(), userId: Nullable(Type.String()), name: Type.String(), prefix: Type.String(),
  scopes: Type.Array(Type.String()), createdAt: Type.String(), expiresAt: Nullable(Type.String()), lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

export const SessionUser = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), isAdmin: Type.Boolean(),
  org: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), roles: Type.Array(Type.String()) }),
});

const Counts = { imported: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), rejected: Type.Integer() };

export const ImportResult = Type.Object({
  summary: Type.Object({
    ...Counts,
    problems: Type.Array(Type.Object({ message: Type.String(), pointer: Type.Optional(Type.String()), file: Type.Optional(Type.String()), line: Type.Optional(Type.Integer()) })),
    byFormat: Type.Record(Type.String(), Type.Object(Counts)),
  }),
});

const ScanResult = Type.Object({
  component: Type.Object({ purl: Type.String(), name: Type.String(), version: Type.String(), direct: Nullable(Type.Boolean()) }),
  upgrade: Nullable(Type.String()),
  vulnerabilities: Type.Array(
    Type.Object({
      id: Type.String(),
      aliases: Type.Array(Type.String()),
      summary: Type.String(),
      fixed: Type.Array(Type.String()),
      cwes: Type.Array(Type.String()),
      cvss: Nullable(Type.Object({ version: Type.String(), vector: Type.String(), baseScore: Type.Number() })),
      severity: Nullable(Type.String()),
      kev: Type.Boolean(),
      epss: Nullable(Type.Number()),
    }),
  ),
});

export const ScanOutput = Type.Object({
  ignored: Type.Array(Type.Object({ id: Type.String(), purl: Type.String(), line: Type.Integer() })),
  sbom: Type.Object({ format: Type.String(), specVersion: Type.String(), name: Nullable(Type.String()), components: Type.Integer(), unmatchable: Type.Integer() }),
  results: Type.Array(ScanResult),
  unevaluated: Type.Array(Type.Object({ component: Type.Object({ purl: Type.String(), name: Type.String(), version: Type.String() }), ids: Type.Array(Type.String()) })),
});

const InventoryFields = {
  id: Type.String(),
  org: Type.String(),
  name: Type.String(),
  format: Type.String(),
  specVersion: Type.String(),
  sha256: Type.String(),
  components: Type.Integer(),
  unmatchable: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};

export const Inventory = Type.Object(InventoryFields);
export const InventoryPut = Type.Object({ ...InventoryFields, status: Type.Union([Type.Literal('created'), Type.Literal('replaced'), Type.Literal('unchanged')]) });
export const InventoryDetail = Type.Object({ ...InventoryFields, results: Type.Array(ScanResult) });
export const AffectedInventories = Type.Object({
  items: Type.Array(
    Type.Object({
      inventory: Type.Object({ id: Type.String(), org: Type.String(), name: Type.String() }),
      components: Type.Array(Type.Object({ package: Type.String(), version: Type.String() })),
    }),
  ),
});

export const Claim = Type.Object({
  id: Type.String(),
  targetId: Type.String(),
  org: Type.String(),
  scope: Type.String(),
  method: Type.String(),
  status: Type.String({ description: 'active | queued | closed | released' }),
  leaseHours: Type.Integer(),
  createdAt: Type.String(),
  startsAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
});

const TargetCoverage = Type.Object({ reports: Type.Integer(), methods: Type.Integer(), lastScanned: Nullable(Type.String()) });

export const ScanTarget = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  key: Type.String(),
  display: Type.String(),
  criticality: Type.Number(),
  inputs: Type.Object({ subscribers: Type.Integer(), kev: Type.Integer(), weight: Type.Integer() }),
  coverage: TargetCoverage,
  claims: Type.Array(Claim),
});

export const ScanReport = Type.Object({
  id: Type.String(),
  targetId: Type.String(),
  claimId: Nullable(Type.String()),
  revision: Type.String(),
  tool: Type.String(),
  toolVersion: Type.String(),
  runId: Type.String(),
  durationSeconds: Type.Integer(),
  findings: Type.Integer(),
  createdAt: Type.String(),
});

export const Coverage = Type.Object({
  targets: Type.Integer(),
  scanned: Type.Integer(),
  neverScanned: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.String(), display: Type.String(), kind: Type.String(), criticality: Type.Number(), coverage: TargetCoverage, activeClaim: Nullable(Type.String()),
  })),
});

export const Receipt = Type.Object({
  submission: Type.Object({
    id: Type.String(), clientKey: Type.String(), name: Type.String(), format: Type.String(), sha256: Type.String(), receivedAt: Type.String(), findings: Type.Integer(),
  }),
  status: Type.String({ description: 'accepted | unchanged' }),
  findings: Type.Array(Type.Object({
    externalId: Type.String(),
    findingId: Type.String(),
    caseId: Type.String(),
    status: Type.String({ description: 'new-case | duplicate' }),
    reason: Type.String({ description: 'fingerprint | alias | location | similar-text | new' }),
    score: Type.Number(),
    explanation: Type.String(),
  })),
});
