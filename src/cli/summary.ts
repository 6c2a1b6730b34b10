import type { ImportSummary } from '../app/knowledge.js';
import { formatProblem } from '../domain/errors.js';
import { table } from './table.js';

export function printSummary(s: ImportSummary, seconds: number): void {
  const rows = Object.entries(s.byFormat).map(([format, c]) => [format, String(c.imported), String(c.updated), String(c.unchanged), String(c.rejected)]);
  rows.push(['total', String(s.imported), String(s.updated), String(s.unchanged), String(s.rejected)]);
  process.stdout.write(table(['format', 'imported', 'updated', 'unchanged', 'rejected'], rows));
  const records = s.imported + s.updated + s.unchanged;
  process.stdout.write(`${records} records in ${seconds.toFixed(1)} s${seconds > 0 ? ` (${Math.round(records / seconds)}/s)` : ''}\n`);
  if (s.problems.length) {
    process.stderr.write(`rejected documents (${s.rejected}):\n`);
    for (const p of s.problems) process.stderr.write(`  ${formatProblem(p)}\n`);
  }
}
