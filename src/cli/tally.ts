/**
 * `ikrar tally`: flags → TallyOptions, progress bar on a terminal (stderr), the per-unit table,
 * warnings, the output folder, and `--json` on stdout. Exit 0 whenever the tally completed.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import { addCommand, type CommandContext } from './main.js';
import { printProblems, type Output } from './output.js';
import { runTally, type TallyOptions } from '../tally/run.js';
import type { Counts, TallyResult } from '../tally/types.js';

interface TallyFlags {
  manifest: string;
  out: string;
  overrides?: string;
  json?: boolean;
}

/** The JSON printed by --json: the contract fields of the result. */
export function tallyJson(result: TallyResult): unknown {
  return { people: result.people, pakta: result.pakta, pages: result.pages, summary: result.summary };
}

function pad(s: string, n: number, right = false): string {
  const w = [...s].length;
  if (w >= n) return s;
  return right ? ' '.repeat(n - w) + s : s + ' '.repeat(n - w);
}

/** The per-unit table as lines (no colour). */
export function unitTable(result: TallyResult): string[] {
  const head = ['Unit', 'People', 'Signed', 'Unsigned', 'Uncertain', 'Not scanned', '%'];
  const row = (name: string, c: Counts) => [name, String(c.people), String(c.signed), String(c.unsigned), String(c.uncertain), String(c.notScanned), c.percent.toFixed(1)];
  const s = result.summary;
  const body = s.units.map((u) => row(u.unit, u));
  const total = row('Total', s);
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const fmt = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const lines = [fmt(head), rule, ...body.map(fmt), rule, fmt(total)];
  if (s.pakta.people > 0) {
    lines.push('', `Pakta integritas: ${s.pakta.signed} of ${s.pakta.people} signed (${s.pakta.percent.toFixed(1)}%), ${s.pakta.unsigned} unsigned, ${s.pakta.uncertain} uncertain, ${s.pakta.notScanned} not scanned`);
  }
  return lines;
}

/** Pages of the manifest that no scan showed, per unit (their people are "not scanned"). */
export function missingLines(result: TallyResult): string[] {
  const byUnit = new Map<string, string[]>();
  for (const m of result.summary.missingPages) {
    const list = byUnit.get(m.unit) ?? [];
    list.push(`${m.file} p. ${m.page}`);
    byUnit.set(m.unit, list);
  }
  const lines: string[] = [];
  for (const [unit, pages] of byUnit) {
    const people = result.people.filter((p) => p.unit === unit && p.status === 'not-scanned').length;
    const pakta = result.pakta.filter((p) => p.unit === unit && p.status === 'not-scanned').length;
    const who = [people ? `${people} ${people === 1 ? 'person' : 'people'}` : '', pakta ? `${pakta} pakta` : ''].filter(Boolean).join(', ');
    lines.push(`  ${unit}: ${pages.join(', ')}${who ? ` (${who})` : ''}`);
  }
  return lines;
}

function printSummary(o: Output, write: (l: string) => void, result: TallyResult, outDir: string, files: string[]): void {
  const s = result.summary;
  const pg = s.pages;
  write(o.color.bold(`ikrar tally: ${pg.scanned} page${pg.scanned === 1 ? '' : 's'} read — ${pg.identified} identified, ${pg.duplicate} duplicate, ${pg.unidentified} unidentified, ${pg.foreign} foreign, ${pg.blank} blank`));
  write('');
  for (const l of unitTable(result)) write('  ' + l);
  const missing = missingLines(result);
  if (missing.length) {
    write('');
    write(o.color.yellow(`Not scanned yet (${s.missingPages.length} page${s.missingPages.length === 1 ? '' : 's'}):`));
    for (const l of missing) write(l);
  }
  const uncertain = s.uncertain + s.pakta.uncertain;
  write('');
  if (uncertain) write(o.color.yellow(`${uncertain} uncertain box${uncertain === 1 ? '' : 'es'}: look at ${path.join(outDir, 'review', 'index.html')}, fill in ${path.join(outDir, 'review', 'overrides.csv')}, then run again with --overrides`));
  write(`Written: ${files.filter((f) => !f.startsWith('review/')).map((f) => path.join(outDir, f)).join(', ')}, ${path.join(outDir, 'review')}${path.sep}`);
}

async function action(scans: string[], flags: TallyFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const opts: TallyOptions = { manifest: flags.manifest, scans };
  if (flags.overrides !== undefined) opts.overrides = flags.overrides;
  let bar: cliProgress.SingleBar | undefined;
  if (o.interactive) {
    bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'reading scans [{bar}] {value}/{total} pages', hideCursor: true, clearOnComplete: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    opts.onProgress = (done, total) => {
      if (!bar) return;
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    };
  }
  let run;
  try {
    run = await runTally(opts);
  } finally {
    bar?.stop();
  }
  const files = await run.write(flags.out);
  if (flags.json) {
    process.stdout.write(JSON.stringify(tallyJson(run.result), null, 2) + '\n');
    printSummary(o, o.err, run.result, flags.out, files);
  } else {
    printSummary(o, o.out, run.result, flags.out, files);
  }
  if (run.problems.length) printProblems(o, run.problems);
  ctx.setExit(0);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('tally')
    .description('read the signed sheets back (scans, photos, marks CSV) and write the recap')
    .argument('<scan...>', 'scan files or folders (PDF, TIFF, JPEG, PNG, phone photos) and marks CSVs')
    .requiredOption('--manifest <file>', 'manifest.json written by `ikrar render`')
    .option('--out <dir>', 'output folder for rekap.csv, rekap.json, rekap.pdf and review/', 'rekap')
    .option('--overrides <file>', "the clerk's decisions (review/overrides.csv with keputusan filled in)")
    .option('--json', 'print the result as JSON on stdout (the summary goes to stderr)')
    .action((scans: string[], flags: TallyFlags) => action(scans, flags, ctx));
}

addCommand(register);
