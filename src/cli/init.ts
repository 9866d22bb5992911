/**
 * `ikrar init [DIR] [--force] [--from-siasn FILE]`: a ready-to-edit event folder (event.yaml,
 * roster.csv, logo.png, templates/, BACA-SAYA.txt). Exit 0 when written; 2 when files exist
 * (without --force) or the export cannot be read — then nothing is written.
 */
import type { Command } from 'commander';
import path from 'node:path';
import { addCommand, type CommandContext } from './main.js';
import { printProblems } from './output.js';
import { initEventFolder, shellArg, type InitOptions } from '../init/init.js';

interface InitFlags {
  force?: boolean;
  fromSiasn?: string;
}

async function action(dir: string | undefined, flags: InitFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const opts: InitOptions = { dir: dir ?? '.' };
  if (flags.force) opts.force = true;
  if (flags.fromSiasn !== undefined) opts.fromSiasn = flags.fromSiasn;
  const r = await initEventFolder(opts);
  const where = r.dir === '.' || r.dir === '' ? 'the current folder' : r.dir;
  o.out(o.color.bold(`ikrar init: ${r.files.length} files written in ${where}`));
  for (const f of r.files) o.out(`  ${path.join(r.dir, f)}${r.overwritten.includes(f) ? o.color.yellow(' (overwritten)') : ''}`);
  if (r.columns) {
    o.out(`  columns: ${r.columns.mapped.length} column${r.columns.mapped.length === 1 ? '' : 's'} of ${r.roster} mapped in ${path.join(r.dir, 'event.yaml')}`);
  }
  if (r.warnings.length) printProblems(o, r.warnings, o.out);
  o.out('');
  o.out('Next (see BACA-SAYA.txt): edit event.yaml, then');
  if (!(r.dir === '.' || r.dir === '')) o.out(`  cd ${shellArg(r.dir)}`);
  o.out(`  ${r.commands.check}`);
  o.out(`  ${r.commands.render}`);
  o.out(`  ${r.commands.tally}`);
  ctx.setExit(0);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create a ready-to-edit event folder: event.yaml, roster.csv, logo.png, templates/, BACA-SAYA.txt')
    .argument('[dir]', 'folder to create or fill (default: the current folder)')
    .option('--force', 'overwrite files that already exist')
    .option('--from-siasn <file>', 'a SIASN export (CSV or XLSX): its header row pre-fills columns: in event.yaml')
    .action((dir: string | undefined, flags: InitFlags) => action(dir, flags, ctx));
}

addCommand(register);
