import type { Problem } from '../../domain/errors.js';
import { fail, ok, type Parsed } from '../result.js';
import { placeDocuments, type PublishedDocument } from './documents.js';
import { changesCsv, indexTxt } from './index-files.js';
import { providerMetadata, publishedLabels } from './metadata.js';
import { changesCsvPath, feedPath, indexTxtPath, urlOf, type CsafTlpLabel } from './paths.js';
import { rolieFeed } from './rolie.js';
import type { ProviderSettings } from './settings.js';

/** One file the provider serves besides the documents and their hash and signature files. */
export interface ProviderFile {
  url: string;
  /**
   * The TLP tree the file belongs to, whose access rule the server applies to it; null for
   * provider-metadata.json, which is public (requirement 7).
   */
  label: CsafTlpLabel | null;
  mediaType: 'application/json' | 'text/plain; charset=utf-8' | 'text/csv; charset=utf-8';
  content: string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every index file at once, all stamped `now`: provider-metadata.json, and per published TLP tree
 * (WHITE always, then each label with documents) its ROLIE feed, index.txt and changes.csv.
 */
export function providerFiles(settings: ProviderSettings, documents: readonly PublishedDocument[], now: string): Parsed<ProviderFile[]> {
  const metadata = providerMetadata(settings, documents, now);
  if (!metadata.ok) return metadata;
  const placed = placeDocuments(documents);
  if (!placed.ok) return placed; // unreachable: providerMetadata placed them already
  const files: ProviderFile[] = [{ url: settings.canonicalUrl, label: null, mediaType: 'application/json', content: json(metadata.value) }];
  const problems: Problem[] = [];
  for (const label of publishedLabels(placed.value.map((d) => d.label))) {
    const feed = rolieFeed(settings, label, documents, now);
    const index = indexTxt(label, documents);
    const changes = changesCsv(label, documents);
    if (!feed.ok || !index.ok || !changes.ok) {
      problems.push(...[feed, index, changes].flatMap((r) => (r.ok ? [] : r.problems)));
      continue;
    }
    files.push(
      { url: urlOf(settings.baseUrl, feedPath(label)), label, mediaType: 'application/json', content: json(feed.value) },
      { url: urlOf(settings.baseUrl, indexTxtPath(label)), label, mediaType: 'text/plain; charset=utf-8', content: index.value },
      { url: urlOf(settings.baseUrl, changesCsvPath(label)), label, mediaType: 'text/csv; charset=utf-8', content: changes.value },
    );
  }
  return problems.length ? fail(problems) : ok(files);
}
