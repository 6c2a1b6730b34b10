/**
 * The parts of a CVE JSON 5.x record this adapter reads, as the official schema guarantees them.
 * Only trusted after schema validation; everything else in a record is ignored.
 */

export interface Cve5Description {
  lang: string;
  value: string;
}

export interface Cve5ProviderMetadata {
  orgId: string;
  shortName?: string;
  dateUpdated?: string;
}

export interface Cve5Version {
  version: string;
  status: string;
  versionType?: string;
  lessThan?: string;
  lessThanOrEqual?: string;
}

export interface Cve5Product {
  vendor?: string;
  product?: string;
  collectionURL?: string;
  packageName?: string;
  /** not in the 5.1 schema, which allows unknown product properties; later versions add it */
  packageURL?: unknown;
  cpes?: string[];
  defaultStatus?: string;
  versions?: Cve5Version[];
}

export interface Cve5Cvss {
  vectorString: string;
}

export interface Cve5Metric {
  cvssV2_0?: Cve5Cvss;
  cvssV3_0?: Cve5Cvss;
  cvssV3_1?: Cve5Cvss;
  cvssV4_0?: Cve5Cvss;
  other?: { type: string; content: Record<string, unknown> };
}

export interface Cve5Reference {
  url: string;
  tags?: string[];
}

export interface Cve5ProblemType {
  descriptions: Array<{ lang: string; description: string; cweId?: string }>;
}

/** What the CNA published container and ADP containers share. */
export interface Cve5Container {
  providerMetadata: Cve5ProviderMetadata;
  title?: string;
  descriptions?: Cve5Description[];
  affected?: Cve5Product[];
  problemTypes?: Cve5ProblemType[];
  references?: Cve5Reference[];
  metrics?: Cve5Metric[];
  credits?: Array<{ lang: string; value: string }>;
}

export interface Cve5RejectedContainer {
  providerMetadata: Cve5ProviderMetadata;
  rejectedReasons: Cve5Description[];
  replacedBy?: string[];
}

export interface Cve5Metadata {
  cveId: string;
  assignerOrgId: string;
  assignerShortName?: string;
  state: 'PUBLISHED' | 'REJECTED';
  dateReserved?: string;
  datePublished?: string;
  dateUpdated?: string;
  dateRejected?: string;
}

export interface Cve5PublishedRecord {
  dataType: 'CVE_RECORD';
  dataVersion: string;
  cveMetadata: Cve5Metadata & { state: 'PUBLISHED' };
  containers: { cna: Cve5Container; adp?: Cve5Container[] };
}

export interface Cve5RejectedRecord {
  dataType: 'CVE_RECORD';
  dataVersion: string;
  cveMetadata: Cve5Metadata & { state: 'REJECTED' };
  containers: { cna: Cve5RejectedContainer };
}

export type Cve5Record = Cve5PublishedRecord | Cve5RejectedRecord;
