import { join } from 'node:path';
import { corpusAgreement, type AgreementGap } from '../src/formats/ssvc/csv-agreement.js';
import { CORPUS, hasCorpus } from '../test/db.js';

export interface SsvcTableRow {
  table: string;
  csv: string;
  rows: number;
  agreed: number;
}

export interface SsvcBench {
  /** null when ../shared/corpus is not present */
  tables: SsvcTableRow[] | null;
  gaps: AgreementGap[];
  ms: number;
}

/** Every CSV rendering of an SSVC decision table in the corpus, row by row through decide() on its JSON table. */
export function benchSsvc(): SsvcBench {
  if (!hasCorpus) return { tables: null, gaps: [], ms: 0 };
  const started = performance.now();
  const { tables, gaps } = corpusAgreement(join(CORPUS, 'ssvc', 'data'));
  return { tables: tables.map(({ table, csv, rows, agreed }) => ({ table, csv, rows, agreed })), gaps, ms: performance.now() - started };
}
