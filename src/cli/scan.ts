import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { SYSTEM } from '../app/identity.js';
import { meetsFailOn, scanSbom, type FailOn, type ScanOutput } from '../app/scan.js';
import { toCycloneDxVex, toSarif } from '../formats/scan-output/index.js';
import { UsageError, withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';
import { AppError } from '../domain/errors.js';
import { parseIgnoreFile, type IgnoreRule } from '../formats/ignore.js';

const FORMATS = ['table', 'json', 'sarif', 'cyclonedx-vex'] as const;
const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none', 'kev'] as const;

function printTable(out: ScanOutput): void {
  const rows = out.results.flatMap((r) =>
    r.vulnerabilities.map((v) => [
      `${r.component.name}@${r.component.version}`,
      v.id,
      v.severity ? `${v.severity} ${v.cvss?.baseScore.toFixed(1) ?? ''}`.trim() : '-',
      v.kev ? 'KEV' : '',
      v.epss === null ? '' : `${(v.epss * 100).toFixed(1)}%`,
      v.fixed.join(', ') || '-',
      r.upgrade ?? '-',
    ]),
  );
  if (rows.length) process.stdout.write(table(['component', 'vulnerability', 'severity', 'kev', 'epss', 'fixed in', 'upgrade to'], rows));
  const vulns = new Set(out.results.flatMap((r) => r.vulnerabilities.map((v) => v.id))).size;
  process.stdout.write(
    `${out.sbom.components} components (${out.sbom.unmatchable} without purl or version), ${out.results.length} affected, ${vulns} vulnerabilities` +
      `${out.ignored.length ? `, ${out.ignored.length} findings ignored` : ''}\n`,
  );
  for (const u of out.unevaluated) {
    process.stdout.write(`not evaluated: ${u.component.name}@${u.component.version} — ${u.ids.join(', ')} state affected commits (GIT ranges) only\n`);
  }
}

/**
 * The SBOM as SARIF names it: relative to the working directory (a CI job runs at the repository
 * root, and code scanning resolves relative URIs against the checkout), else an absolute file URI.
 */
function sbomUri(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  if (rel && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return rel.split(sep).map(encodeURIComponent).join('/');
  return pathToFileURL(resolve(file)).href;
}

function print(out: ScanOutput, format: string, file: string, toolVersion: string): void {
  const json = (doc: object) => process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  if (format === 'json') json(out);
  else if (format === 'sarif') json(toSarif(out, { toolVersion, sbomUri: sbomUri(file) }));
  else if (format === 'cyclonedx-vex') json(toCycloneDxVex(out, { sbomName: out.sbom.name ?? basename(file), timestamp: new Date().toISOString(), toolVersion }));
  else printTable(out);
}

export function scanCommand(program: Command): void {
  program
    .command('scan')
    .description('match an SBOM (CycloneDX JSON/XML, SPDX JSON/tag-value) against the knowledge base')
    .argument('<sbom>', 'SBOM file')
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'table')
    .option('--fail-on <level>', `exit 1 when a finding is at least this severe (${FAIL_ON.join(', ')}; none = any finding, kev = any known exploited)`)
    .option('--ignore-file <file>', 'accepted risks, one a line: ID [pkg:purl] [until=YYYY-MM-DD] [# reason]')
    .option('--data <dir>', 'embedded database directory (AICC_DATA_DIR, default ./.aicc)')
    .action(async (file: string, options: GlobalOptions & { format: string; failOn?: string; ignoreFile?: string }) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got '${options.format}'`);
      if (options.failOn !== undefined && !(FAIL_ON as readonly string[]).includes(options.failOn)) {
        throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got '${options.failOn}'`);
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      let ignore: IgnoreRule[] = [];
      if (options.ignoreFile) {
        let rules: string;
        try {
          rules = await readFile(options.ignoreFile, 'utf8');
        } catch (err) {
          throw new UsageError(`cannot read ${options.ignoreFile}: ${err instanceof Error ? err.message : String(err)}`);
        }
        const parsed = parseIgnoreFile(rules, options.ignoreFile);
        if (!parsed.ok) throw new AppError('VALIDATION_FAILED', `${options.ignoreFile} has malformed lines`, { problems: parsed.problems });
        ignore = parsed.value;
      }
      const out = await withDatabase(options, 'aicc scan', (ctx) => scanSbom(ctx, SYSTEM, file, text, { ignore }));
      print(out, options.format, file, program.version() ?? 'unknown');
      if (options.failOn && meetsFailOn(out, options.failOn as FailOn)) process.exitCode = 1;
    });
}
