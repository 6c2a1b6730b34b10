/** The files of a CSAF 2.0 trusted provider, computed from settings and published documents (no I/O). */
export { placeDocuments, type PlacedDocument, type PublishedDocument } from './documents.js';
export { providerFiles, type ProviderFile } from './files.js';
export { changesCsv, indexTxt } from './index-files.js';
export { hashFiles } from './integrity.js';
export { providerMetadata, publishedLabels, type Distribution, type ProviderMetadata, type RolieFeedRef } from './metadata.js';
export {
  CSAF_TLP_LABELS,
  changesCsvPath,
  csafFileName,
  csafTlpLabel,
  documentDirectory,
  documentPath,
  feedPath,
  indexTxtPath,
  neighbours,
  releaseYear,
  tlpDirectory,
  urlOf,
  type CsafTlpLabel,
  type DocumentKey,
} from './paths.js';
export { PROVIDER_METADATA_SCHEMA, validateProviderMetadata } from './provider-schema.js';
export { rolieFeed, type RolieEntry, type RolieFeed, type RolieLink } from './rolie.js';
export { settingsProblems, type CsafPublisher, type ProviderSettings } from './settings.js';
