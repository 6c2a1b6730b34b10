import type { Command } from 'commander';
import { SYSTEM } from '../app/identity.js';
import { vulnsByIdOrAlias, type VulnDetail } from '../app/vulnerabilities.js';
import { severityRating } from '../domain/cvss.js';
import { affectedCommand } from './inventory.js';
import { withDatabase, type GlobalOptions } from './runtime.js';

function describe(v: VulnDetail): string {
  const lines = [`${v.id}  ${v.summary}`];
  if (v.aliases.length) lines.push(`  aliases: ${v.aliases.join(', ')}`);
  if (v.withdrawn) lines.push(`  WITHDRAWN ${v.withdrawn}`);
  lines.push(`  modified: ${v.modified}${v.published ? `  published: ${v.published}` : ''}`);
  for (const s of v.severities) lines.push(`  CVSS ${s.version} ${s.baseScore.toFixed(1)} ${severityRating(s.baseScore).toUpperCase()}  ${s.vector}  (${s.source})`);
  if (v.kev) lines.push(`  KEV: added ${v.kev.dateAdded}, due ${v.kev.dueDate}, ransomware use: ${v.kev.knownRansomwareCampaignUse}`);
  if (v.epss) lines.push(`  EPSS: ${(v.epss.score * 100).toFixed(2)}% (percentile ${(v.epss.percentile * 100).toFixed(1)})`);
  if (v.ssvc) lines.push(`  SSVC: exploitation ${v.ssvc.exploitation}, automatable ${v.ssvc.automatable}, technical impact ${v.ssvc.technicalImpact}`);
  for (const a of v.affected) {
    const ranges = a.ranges.map((r) => r.events.map((e) => Object.entries(e).map(([k, x]) => `${k} ${String(x)}`).join('')).join(', ')).join('; ');
    lines.push(`  affected: ${a.ecosystem} ${a.name}${a.purl ? ` (${a.purl})` : ''}${ranges ? `: ${ranges}` : ''}`);
  }
  for (const p of v.products) lines.push(`  product: ${p.vendor} ${p.product}`);
  return lines.join('\n') + '\n';
}

export function vulnCommands(program: Command): void {
  const vuln = program.command('vuln').description('read the knowledge base');
  affectedCommand(vuln);
  vuln
    .command('show')
    .description('show vulnerabilities by id (an alias finds the records that carry it)')
    .argument('<ids...>')
    .option('--json', 'print JSON (an array of details)')
    .option('--data <dir>', 'embedded database directory')
    .action(async (ids: string[], options: GlobalOptions & { json?: boolean }) => {
      await withDatabase(options, 'aicc vuln show', async (ctx) => {
        const found: VulnDetail[] = [];
        for (const id of ids) {
          const details = await vulnsByIdOrAlias(ctx, SYSTEM, id);
          if (!details.length) {
            process.stderr.write(`aicc: no vulnerability '${id}'\n`);
            process.exitCode = 1;
          }
          found.push(...details);
        }
        process.stdout.write(options.json ? `${JSON.stringify(found, null, 2)}\n` : found.map(describe).join('\n'));
      });
    });
}
