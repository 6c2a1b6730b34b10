#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { adminCommands } from './admin.js';
import { importCommands } from './import.js';
import { inventoryCommands } from './inventory.js';
import { remediationCommands } from './remediation.js';
import { assetCommands } from './assets.js';
import { keyCommands } from './keys.js';
import { reportError } from './runtime.js';
import { scanCommand } from './scan.js';
import { scanningCommands } from './scanning.js';
import { serveCommand } from './serve.js';
import { ssvcCommands } from './ssvc.js';
import { submitCommands } from './submit.js';
import { targetCommands } from './targets.js';
import { vulnCommands } from './vuln.js';

export function buildProgram(): Command {
  const program = new Command('aicc')
    .description('AICC — AI Cybersecurity Clearinghouse')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  serveCommand(program);
  importCommands(program);
  vulnCommands(program);
  scanCommand(program);
  inventoryCommands(program);
  remediationCommands(program);
  assetCommands(program);
  scanningCommands(program);
  targetCommands(program);
  adminCommands(program);
  keyCommands(program);
  ssvcCommands(program);
  submitCommands(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportError(err);
  }
}

/**
 * Run as a program, not imported (tests import buildProgram). Compared as real paths: the script may be
 * reached through a link (npm's bin, a link of one's own) or lie under a folder whose name a file URL escapes.
 */
function invokedAsProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedAsProgram() || process.argv[1]?.endsWith('/aicc')) {
  process.exitCode = await run(process.argv);
}
