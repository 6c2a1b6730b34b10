import { benchColdStart } from './cold-start.js';
import { benchImport, type ImportRow } from './import.js';
import { benchLoad, type LoadRow } from './load.js';
import { benchMatch } from './match.js';
import { machine, rate } from './machine.js';
import { backends, hasCorpus } from '../test/db.js';

/**
 * npm run bench — everything measured on this run, both backends side by side, on the compiled
 * code users run (tsconfig.bench.json builds it into dist-bench/).
 * PostgreSQL joins when AICC_TEST_DATABASE_URL is set (as in CI: the local server).
 * AICC_BENCH_SECONDS bounds each load test (default 10).
 */
const seconds = Number(process.env.AICC_BENCH_SECONDS ?? 10);
process.stdout.write(`AICC bench — ${new Date().toISOString()}\nmachine: ${machine()}\n\n`);
if (!hasCorpus) {
  process.stdout.write('SKIPPED import and load benchmarks: ../shared/corpus is not present\n');
} else {
  const imports: ImportRow[] = [];
  const loads: LoadRow[] = [];
  for (const backend of backends()) {
    process.stderr.write(`import on ${backend}\n`);
    imports.push(...(await benchImport(backend)));
  }
  for (const backend of backends()) {
    process.stderr.write(`load on ${backend}\n`);
    loads.push(...(await benchLoad(backend, seconds)));
  }
  const b = backends();
  process.stdout.write('Import from ../shared/corpus (records/s; rejected)\n');
  const W = 40;
  process.stdout.write(`${'set'.padEnd(28)}${b.map((x) => x.padStart(W)).join('')}\n`);
  for (const what of [...new Set(imports.map((r) => r.what))]) {
    const cells = b.map((backend) => {
      const r = imports.find((x) => x.backend === backend && x.what === what);
      return (r ? `${r.records} in ${(r.ms / 1000).toFixed(2)} s = ${rate(r.records, r.ms)}; ${r.rejected}` : '-').padStart(W);
    });
    process.stdout.write(`${what.padEnd(28)}${cells.join('')}\n`);
  }
  process.stdout.write(`\nAPI on loopback, ${seconds} s each, 50 connections (req/s; p50/p99 ms; failures)\n`);
  process.stdout.write(`${'request'.padEnd(28)}${b.map((x) => x.padStart(W)).join('')}\n`);
  for (const what of [...new Set(loads.map((r) => r.what))]) {
    const cells = b.map((backend) => {
      const r = loads.find((x) => x.backend === backend && x.what === what);
      return (r ? `${Math.round(r.rps)} req/s; ${r.p50}/${r.p99} ms; ${r.failures}` : '-').padStart(W);
    });
    process.stdout.write(`${what.padEnd(28)}${cells.join('')}\n`);
  }
}
if (hasCorpus) {
  process.stderr.write('matching\n');
  const m = benchMatch();
  process.stdout.write(
    `\nMatching (in memory): ${m.components.toLocaleString('en-US')}-component SBOM against ${m.affectedEntries.toLocaleString('en-US')} affected-package entries ` +
      `(${m.records.toLocaleString('en-US')} records, the corpus scaled by renaming; index built in ${Math.round(m.buildMs)} ms, RSS ${Math.round(m.rssMb)} MB)\n` +
      `  match: ${m.matchMs.toFixed(2)} ms (${rate(m.components, m.matchMs)} components), ${m.findings} affected components\n` +
      `  floor, a bare Map lookup of the same purls: ${m.floorMs.toFixed(2)} ms — match/floor = ${(m.matchMs / m.floorMs).toFixed(1)}×\n`,
  );
}
const cold = await benchColdStart();
if (cold) {
  const sorted = [...cold.startsMs].sort((a, b) => a - b);
  process.stdout.write(`\nCold start of the built server on an existing PGlite data dir: median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms (runs: ${cold.startsMs.map(Math.round).join(', ')}; first start with create + demo seed: ${Math.round(cold.firstMs)} ms)\n`);
}
