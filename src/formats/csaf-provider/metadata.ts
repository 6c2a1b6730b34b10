/**
 * provider-metadata.json of a CSAF 2.0 trusted provider.
 *
 * CSAF 2.0 §7.2 roles: a *trusted provider* is a provider (requirements 1–7, at least one of 8–10,
 * and either 11–14 (directory based) or 15–17 (ROLIE based)) that also meets 18–20. AICC
 * distributes by ROLIE (15; 16 and 17 are optional by their own text and not produced) and also
 * writes the directory files (11–13).
 *
 * What this folder's pure functions satisfy:
 *   2  file names from the tracking id (paths.ts, csafFileName)
 *   7  provider-metadata.json, checked against the official schema (this file)
 *   11 one folder per year of initial_release_date (paths.ts)
 *   12 index.txt, 13 changes.csv, one pair per TLP tree (index-files.ts)
 *   15 one ROLIE feed per TLP label, each entry linking its hash and signature files (rolie.ts)
 *   18 the hash files' names and contents (paths.ts neighbours, integrity.ts)
 *   19 the signature file's name (.asc beside the document) and its link in the feed
 *   20 the public keys' fingerprints and URLs, listed here (at least one is required)
 *   5  in part: every TLP label has its own tree (white/, green/, amber/, red/), its feed inside it,
 *      so AMBER and RED sit under other paths than WHITE and GREEN and one prefix guards each
 *
 * What the server must do (routes and storage):
 *   1  serve only valid CSAF documents (the CSAF exporter and validator)
 *   3  TLS for every URL named here (settings.ts refuses non-https URLs)
 *   4  TLP:WHITE (white/) freely accessible, without authentication
 *   5  access control: amber/ and red/ (documents, feeds, index files, listings) only to
 *      authenticated, entitled recipients; green/ as its policy says; never a public copy
 *   6  no redirects; 9 serve this file at /.well-known/csaf/provider-metadata.json (canonical_url);
 *   8  security.txt with a `CSAF:` field pointing here; 10 the csaf.data.security DNS name, if used
 *   14 directory listings, when enabled (then set `directoryListings` so the metadata names them)
 *   18, 19 compute the hashes and the OpenPGP signature of the exact bytes served (integrity.ts
 *      formats the hash files); 20 serve the public key at the URL given here
 */
import type { Problem } from '../../domain/errors.js';
import { fail, ok, type Parsed } from '../result.js';
import { ofLabel, placeDocuments, type PublishedDocument } from './documents.js';
import { CSAF_TLP_LABELS, feedPath, isDateTime, tlpDirectory, urlOf, type CsafTlpLabel } from './paths.js';
import { validateProviderMetadata } from './provider-schema.js';
import { settingsProblems, type CsafPublisher, type ProviderSettings } from './settings.js';

export interface RolieFeedRef {
  summary: string;
  tlp_label: CsafTlpLabel;
  url: string;
}

export type Distribution = { rolie: { feeds: RolieFeedRef[] } } | { directory_url: string };

export interface ProviderMetadata {
  canonical_url: string;
  distributions: Distribution[];
  last_updated: string;
  list_on_CSAF_aggregators: boolean;
  metadata_version: '2.0';
  mirror_on_CSAF_aggregators: boolean;
  public_openpgp_keys: Array<{ fingerprint: string; url: string }>;
  publisher: CsafPublisher;
  role: 'csaf_trusted_provider';
}

/**
 * The TLP trees the provider publishes: WHITE always (requirement 15: a WHITE, GREEN or unlabeled
 * feed MUST exist, so WHITE stays even while empty), then every label that has a document.
 */
export function publishedLabels(labels: Iterable<CsafTlpLabel>): CsafTlpLabel[] {
  const used = new Set<CsafTlpLabel>(['WHITE', ...labels]);
  return CSAF_TLP_LABELS.filter((l) => used.has(l));
}

/**
 * provider-metadata.json for these settings and documents. The documents decide which feeds are
 * listed; a document that cannot be placed refuses the whole file, so no feed is announced for it.
 * The result is validated against the official schema before it is returned.
 */
export function providerMetadata(settings: ProviderSettings, documents: readonly PublishedDocument[], lastUpdated: string): Parsed<ProviderMetadata> {
  const problems: Problem[] = settingsProblems(settings);
  if (!isDateTime(lastUpdated)) problems.push({ pointer: '/lastUpdated', message: `'${lastUpdated}' is not an RFC 3339 date-time` });
  const placed = placeDocuments(documents);
  if (!placed.ok) problems.push(...placed.problems);
  if (problems.length || !placed.ok) return fail(problems);

  const labels = publishedLabels(placed.value.map((d) => d.label));
  const feeds = labels.map((label) => ({
    summary: `All TLP:${label} advisories of ${settings.publisher.name}.`,
    tlp_label: label,
    url: urlOf(settings.baseUrl, feedPath(label)),
  }));
  const directories = settings.directoryListings
    ? labels.filter((l) => ofLabel(placed.value, l).length > 0).map((l) => ({ directory_url: urlOf(settings.baseUrl, `${tlpDirectory(l)}/`) }))
    : [];
  const metadata: ProviderMetadata = {
    canonical_url: settings.canonicalUrl,
    distributions: [{ rolie: { feeds } }, ...directories],
    last_updated: lastUpdated,
    list_on_CSAF_aggregators: settings.listOnAggregators,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: settings.mirrorOnAggregators,
    public_openpgp_keys: settings.publicKeys.map((k) => ({ fingerprint: k.fingerprint, url: k.url })),
    publisher: publisherOf(settings.publisher),
    role: 'csaf_trusted_provider',
  };
  const invalid = validateProviderMetadata(metadata);
  return invalid.length ? fail(invalid) : ok(metadata);
}

/** Only the fields the schema knows, so nothing else riding on the settings object is published. */
function publisherOf(p: CsafPublisher): CsafPublisher {
  const { category, name, namespace, contact_details, issuing_authority } = p;
  return { category, name, namespace, ...(contact_details !== undefined ? { contact_details } : {}), ...(issuing_authority !== undefined ? { issuing_authority } : {}) };
}
