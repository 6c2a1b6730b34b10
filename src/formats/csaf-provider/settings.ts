import type { Problem } from '../../domain/errors.js';

/** CSAF 2.0 /document/publisher, as the provider metadata repeats it (requirement 7). */
export interface CsafPublisher {
  category: 'coordinator' | 'discoverer' | 'other' | 'translator' | 'user' | 'vendor';
  name: string;
  /** a URL under the publisher's control */
  namespace: string;
  contact_details?: string;
  issuing_authority?: string;
}

export interface ProviderSettings {
  /** where provider-metadata.json is served: `https://aicc.example.org/.well-known/csaf/provider-metadata.json` */
  canonicalUrl: string;
  /** the root of the TLP trees: `https://aicc.example.org/.well-known/csaf` */
  baseUrl: string;
  publisher: CsafPublisher;
  /** the OpenPGP keys that sign the documents (requirement 20) */
  publicKeys: Array<{ fingerprint: string; url: string }>;
  listOnAggregators: boolean;
  mirrorOnAggregators: boolean;
  /**
   * Set only when the server serves directory listings of the TLP trees (requirement 14): the
   * metadata then also names each tree as a directory distribution (requirements 11 to 14).
   */
  directoryListings?: boolean;
}

/** Requirement 3: whatever a retriever is sent to is HTTPS; a query or fragment has no place in a base. */
export function httpsProblems(value: string, pointer: string): Problem[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ pointer, message: `'${value}' is not a URL` }];
  }
  if (url.protocol !== 'https:') return [{ pointer, message: `'${value}' is not an https URL (CSAF requirement 3: TLS)` }];
  if (/[?#]/.test(value)) return [{ pointer, message: `'${value}' carries a query or fragment` }];
  return [];
}

/** What providerMetadata and the feeds need of the settings, with pointers `/settings/<field>`. */
export function settingsProblems(settings: ProviderSettings): Problem[] {
  const problems = [
    ...httpsProblems(settings.baseUrl, '/settings/baseUrl'),
    ...httpsProblems(settings.canonicalUrl, '/settings/canonicalUrl'),
    ...settings.publicKeys.flatMap((k, i) => httpsProblems(k.url, `/settings/publicKeys/${i}/url`)),
  ];
  // A trusted provider signs every document (requirements 19, 20): its keys must be named.
  if (settings.publicKeys.length === 0) problems.push({ pointer: '/settings/publicKeys', message: 'a CSAF trusted provider names at least one public OpenPGP key (requirement 20)' });
  return problems;
}
