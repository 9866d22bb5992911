/**
 * `ikrar render`: flags → RenderOptions, progress bar on a terminal, summary, exit codes.
 */
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import { addCommand, type CommandContext } from './main.js';
import { printProblems } from './output.js';
import { IkrarError } from '../model/problems.js';
import type { PaperName } from '../model/event.js';
import { DOCUMENT_KINDS, FILES, render, type DocumentKind, type RenderOptions } from '../render/render.js';

interface RenderFlags {
  roster: string;
  event: string;
  out: string;
  templates?: string;
  paper?: PaperName;
  only?: string;
}

/** "sheets,pakta" → ['sheets','pakta']; unknown names → IkrarError (exit 2). */
export function parseOnly(value: string): DocumentKind[] {
  const parts = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => !(DOCUMENT_KINDS as readonly string[]).includes(p));
  if (bad.length || parts.length === 0) {
    throw new IkrarError(`--only: ${bad.length ? `unknown document ${bad.map((b) => `"${b}"`).join(', ')}` : 'nothing given'}`, [
      { severity: 'error', code: 'bad-option', file: '--only', message: `expected a comma-separated list of ${DOCUMENT_KINDS.join(', ')}`, hint: 'e.g. --only sheets,pakta' },
    ]);
  }
  return DOCUMENT_KINDS.filter((k) => parts.includes(k));
}

async function action(flags: RenderFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const opts: RenderOptions = { roster: flags.roster, event: flags.event, out: flags.out };
  if (flags.templates !== undefined) opts.templates = flags.templates;
  if (flags.paper !== undefined) opts.paper = flags.paper;
  if (flags.only !== undefined) opts.only = parseOnly(flags.only);

  let bar: cliProgress.SingleBar | undefined;
  if (o.interactive) {
    bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'rendering [{bar}] {value}/{total} {what}', hideCursor: true, clearOnComplete: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    opts.onProgress = (done, total, what) => {
      if (!bar) return;
      if (done === 1) bar.start(total, 0, { what: '' });
      bar.update(done, { what: what.length > 40 ? what.slice(0, 39) + '…' : what });
    };
  }
  let result;
  try {
    result = await render(opts);
  } finally {
    bar?.stop();
  }
  const m = result.manifest;
  const sheets = m.pages.filter((p) => p.document === 'sheets');
  const pakta = m.pages.filter((p) => p.document === 'pakta');
  const units = new Set(sheets.map((p) => p.unit)).size;
  const paktaPeople = new Set(pakta.map((p) => p.boxes[0]?.key ?? p.code)).size;
  o.out(o.color.bold(`ikrar render: ${m.event.title} — ${m.event.label}`));
  o.out(`  ${m.people.length} people, paper ${m.paper.toUpperCase()}, event code ${m.event.code}`);
  const has = (f: string) => result.files.includes(f);
  if (has(FILES.sheets)) o.out(`  ${path.join(flags.out, FILES.sheets)}  ${sheets.length} pages, ${units} units (one file each in ${path.join(flags.out, FILES.sheetsDir)})`);
  if (has(FILES.script)) o.out(`  ${path.join(flags.out, FILES.script)}`);
  if (has(FILES.pakta)) o.out(`  ${path.join(flags.out, FILES.pakta)}  ${pakta.length} pages, ${paktaPeople} signers (one file each in ${path.join(flags.out, FILES.paktaDir)})`);
  o.out(`  ${path.join(flags.out, FILES.manifest)}  ${m.pages.length} machine-readable pages`);
  if (result.warnings.length) printProblems(o, result.warnings);
  ctx.setExit(0);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('render')
    .description('make the signing sheets, reading script and pakta integritas PDFs, and manifest.json')
    .requiredOption('--roster <file>', 'roster of people (CSV or XLSX)')
    .requiredOption('--event <file>', 'event file (YAML or JSON)')
    .option('--out <dir>', 'output folder', 'out')
    .option('--templates <dir>', 'folder with your own .hbs templates (others come from the built-in ones)')
    .addOption(new Option('--paper <size>', 'paper size (default: from the event file, else F4)').choices(['f4', 'a4', 'letter']))
    .option('--only <list>', `only these documents: ${DOCUMENT_KINDS.join(',')}`)
    .action((flags: RenderFlags) => action(flags, ctx));
}

addCommand(register);
