/**
 * `ikrar init [DIR] [--force] [--from-siasn FILE]`: a ready-to-edit event folder (event.yaml,
 * roster.csv, logo.png, templates/, BACA-SAYA.txt). Exit 0 when written; 2 when files exist
 * (without --force) or the export cannot be read — then nothing is written.
 */
import type { Command } from 'commander';
import path from 'node:path';
import type { CommandContext } from './context.js';
import { printProblems } from './output.js';
import { initEventFolder, type InitOptions } from '../init/init.js';
import { shellArg } from '../init/texts.js';
import { t, tn } from '../i18n/index.js';
import { localPath } from './paths.js';
import { SMALL_UNIT } from '../check/grouping.js';

interface InitFlags {
  force?: boolean;
  fromSiasn?: string;
  contoh?: boolean;
  example?: boolean;
}

async function action(dir: string | undefined, flags: InitFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const opts: InitOptions = { dir: dir === undefined ? '.' : localPath(dir) };
  if (flags.force) opts.force = true;
  if (flags.fromSiasn !== undefined) opts.fromSiasn = localPath(flags.fromSiasn);
  if (flags.contoh || flags.example) opts.example = true;
  const r = await initEventFolder(opts);
  const where = r.dir === '.' || r.dir === '' ? t('init.here') : r.dir;
  o.out(o.color.bold(tn('init.title', r.files.length, { where })));
  for (const f of r.files)
    o.out(`  ${path.join(r.dir, f)}${r.overwritten.includes(f) ? o.color.yellow(t('init.overwritten')) : ''}`);
  if (r.columns) {
    o.out(
      '  ' +
        tn('init.columns', r.columns.mapped.length, { roster: r.roster ?? '', file: path.join(r.dir, 'event.yaml') }),
    );
  }
  if (r.units) {
    const u = r.units;
    const file = path.join(r.dir, 'event.yaml');
    o.out(
      '  ' +
        (u.finer
          ? t('init.units.finer', {
              column: u.column,
              units: u.units,
              finer: u.finer.column,
              finerUnits: u.finer.units,
              small: u.finer.small,
              min: SMALL_UNIT,
              file,
            })
          : t('init.units', { column: u.column, units: u.units })),
    );
  }
  if (r.warnings.length) printProblems(o, r.warnings, o.out);
  o.out('');
  o.out(t('init.next'));
  if (!(r.dir === '.' || r.dir === '')) o.out(`  cd ${shellArg(r.dir)}`);
  o.out(`  ${r.commands.check}`);
  o.out(`  ${r.commands.render}`);
  o.out(`  ${r.commands.tally}`);
  ctx.setExit(0);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description(t('init.description'))
    .argument('[dir]', t('init.arg.dir'))
    .option('--force', t('init.opt.force'))
    .option('--from-siasn <file>', t('init.opt.fromSiasn'))
    .option('--contoh', t('init.opt.contoh'))
    .option('--example', t('init.opt.example'))
    .action((dir: string | undefined, flags: InitFlags) => action(dir, flags, ctx));
}
