/**
 * Requirement 15: all CSAF documents of one TLP label in a single ROLIE feed (RFC 8322, JSON), each
 * entry linking the document, both hash files (requirement 18) and the signature (requirement 19).
 * The shape follows the spec's example feed and the reference provider (csaf_distribution).
 */
import { fail, ok, type Parsed } from '../result.js';
import { newestFirst, ofLabel, placeDocuments, type PublishedDocument } from './documents.js';
import { feedPath, isDateTime, neighbours, tlpDirectory, urlOf, type CsafTlpLabel } from './paths.js';
import { httpsProblems, type ProviderSettings } from './settings.js';

export interface RolieLink {
  rel: 'self' | 'hash' | 'signature';
  href: string;
}

export interface RolieEntry {
  id: string;
  title: string;
  link: RolieLink[];
  published: string;
  updated: string;
  summary?: { content: string };
  content: { type: 'application/json'; src: string };
  format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json'; version: '2.0' };
}

export interface RolieFeed {
  feed: {
    id: string;
    title: string;
    link: RolieLink[];
    category: Array<{ scheme: 'urn:ietf:params:rolie:category:information-type'; term: 'csaf' }>;
    updated: string;
    entry: RolieEntry[];
  };
}

/**
 * The feed of one TLP label. `documents` may hold every label: only `label`'s are listed (the TLP
 * separation). Entries are newest first by current_release_date; `published` is the initial and
 * `updated` the current release date. `updated` is when the caller last changed the feed.
 */
export function rolieFeed(
  settings: Pick<ProviderSettings, 'baseUrl' | 'publisher'>,
  label: CsafTlpLabel,
  documents: readonly PublishedDocument[],
  updated: string,
): Parsed<RolieFeed> {
  const problems = httpsProblems(settings.baseUrl, '/settings/baseUrl');
  if (!isDateTime(updated)) problems.push({ pointer: '/updated', message: `'${updated}' is not an RFC 3339 date-time` });
  const placed = placeDocuments(documents);
  if (!placed.ok) problems.push(...placed.problems);
  if (problems.length || !placed.ok) return fail(problems);

  const entry = ofLabel(placed.value, label)
    .sort(newestFirst)
    .map((doc): RolieEntry => {
      const src = urlOf(settings.baseUrl, doc.path);
      const files = neighbours(src);
      return {
        id: doc.id,
        title: doc.title,
        link: [
          { rel: 'self', href: src },
          { rel: 'hash', href: files.sha256 },
          { rel: 'hash', href: files.sha512 },
          { rel: 'signature', href: files.asc },
        ],
        published: doc.initialReleaseDate,
        updated: doc.currentReleaseDate,
        ...(doc.summary?.trim() ? { summary: { content: doc.summary } } : {}),
        content: { type: 'application/json', src },
        format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
      };
    });
  return ok({
    feed: {
      id: `csaf-feed-tlp-${tlpDirectory(label)}`,
      title: `${settings.publisher.name} CSAF feed (TLP:${label})`,
      link: [{ rel: 'self', href: urlOf(settings.baseUrl, feedPath(label)) }],
      category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
      updated,
      entry,
    },
  });
}
