/**
 * `ikrar tally`: flags → TallyOptions, progress bar on a terminal (stderr), the per-unit table,
 * warnings, the output folder, and `--json` on stdout. Exit 0 whenever the tally completed.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import type { CommandContext } from './context.js';
import { printProblems, type Output } from './output.js';
import { runTally, type TallyOptions } from '../tally/run.js';
import type { Counts, TallyResult } from '../model/tally.js';
import { t, tn } from '../i18n/index.js';
import { localPath } from './paths.js';

interface TallyFlags {
  manifest: string;
  out: string;
  overrides?: string;
  json?: boolean;
  event?: string;
  templates?: string;
}

/** The JSON printed by --json: the contract fields of the result. */
export function tallyJson(result: TallyResult): unknown {
  return {
    people: result.people,
    pakta: result.pakta,
    deklarasi: result.deklarasi,
    pages: result.pages,
    summary: result.summary,
  };
}

function pad(s: string, n: number, right = false): string {
  const w = [...s].length;
  if (w >= n) return s;
  return right ? ' '.repeat(n - w) + s : s + ' '.repeat(n - w);
}

/** The per-unit table as lines (no colour). */
export function unitTable(result: TallyResult): string[] {
  const head = [
    t('tally.col.unit'),
    t('tally.col.people'),
    t('tally.col.signed'),
    t('tally.col.unsigned'),
    t('tally.col.uncertain'),
    t('tally.col.notScanned'),
    '%',
  ];
  const row = (name: string, c: Counts) => [
    name,
    String(c.people),
    String(c.signed),
    String(c.unsigned),
    String(c.uncertain),
    String(c.notScanned),
    c.percent.toFixed(1),
  ];
  const s = result.summary;
  const body = s.units.map((u) => row(u.unit, u));
  const total = row(t('tally.total'), s);
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const fmt = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const lines = [fmt(head), rule, ...body.map(fmt), rule, fmt(total)];
  if (s.pakta.people > 0) {
    const k = s.pakta;
    lines.push(
      '',
      t('tally.pakta', {
        signed: k.signed,
        people: k.people,
        percent: k.percent.toFixed(1),
        unsigned: k.unsigned,
        uncertain: k.uncertain,
        notScanned: k.notScanned,
      }),
    );
  }
  if (s.deklarasi.people > 0) {
    const k = s.deklarasi;
    lines.push(
      t('tally.deklarasi', {
        signed: k.signed,
        people: k.people,
        percent: k.percent.toFixed(1),
        unsigned: k.unsigned,
        uncertain: k.uncertain,
        notScanned: k.notScanned,
      }),
    );
  }
  return lines;
}

/** Pages of the manifest that no scan showed, per unit (their people are "not scanned"). */
export function missingLines(result: TallyResult): string[] {
  const byUnit = new Map<string, string[]>();
  for (const m of result.summary.missingPages) {
    const list = byUnit.get(m.unit) ?? [];
    list.push(t('tally.pageRef', { file: m.file, page: m.page }));
    byUnit.set(m.unit, list);
  }
  const lines: string[] = [];
  for (const [unit, pages] of byUnit) {
    const people = result.people.filter((p) => p.unit === unit && p.status === 'not-scanned').length;
    const pakta = result.pakta.filter((p) => p.unit === unit && p.status === 'not-scanned').length;
    const who = [people ? tn('tally.persons', people) : '', pakta ? t('tally.paktaCount', { n: pakta }) : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${unit}: ${pages.join(', ')}${who ? ` (${who})` : ''}`);
  }
  return lines;
}

/** The rekap folder as the clerk types it after `ikrar review` (quoted when it holds a space). */
function reviewArg(dir: string): string {
  return /[\s"&|<>^]/.test(dir) ? `"${dir}"` : dir;
}

function printSummary(
  o: Output,
  write: (l: string) => void,
  result: TallyResult,
  outDir: string,
  files: string[],
): void {
  const s = result.summary;
  const pg = s.pages;
  write(
    o.color.bold(
      tn('tally.title', pg.scanned, {
        identified: pg.identified,
        duplicate: pg.duplicate,
        unidentified: pg.unidentified,
        foreign: pg.foreign,
        blank: pg.blank,
      }),
    ),
  );
  write('');
  for (const l of unitTable(result)) write('  ' + l);
  const missing = missingLines(result);
  if (missing.length) {
    write('');
    write(o.color.yellow(tn('tally.notScanned', s.missingPages.length)));
    for (const l of missing) write(l);
  }
  if (s.rescanPages.length) {
    write('');
    write(o.color.yellow(tn('tally.rescan', s.rescanPages.length)));
    for (const r of s.rescanPages)
      write(
        '  ' +
          tn('tally.rescanLine', r.outside, {
            source: t('tally.pageRef', { file: r.source.file, page: r.source.page }),
            unit: r.unit,
          }),
      );
  }
  const uncertain = s.uncertain + s.pakta.uncertain;
  write('');
  if (uncertain)
    write(
      o.color.yellow(
        tn('tally.uncertain', uncertain, {
          index: path.join(outDir, 'review', 'index.html'),
          csv: path.join(outDir, 'review', 'overrides.csv'),
        }),
      ),
    );
  write(
    uncertain
      ? o.color.yellow(t('tally.reviewHint', { dir: reviewArg(outDir) }))
      : t('tally.reviewAlways', { dir: reviewArg(outDir) }),
  );
  write(
    t('tally.written', {
      files: files
        .filter((f) => !f.startsWith('review/'))
        .map((f) => path.join(outDir, f))
        .join(', '),
      review: `${path.join(outDir, 'review')}${path.sep}`,
    }),
  );
}

async function action(scans: string[], flags: TallyFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const opts: TallyOptions = {
    manifest: localPath(flags.manifest),
    scans: scans.map(localPath),
    out: localPath(flags.out),
  };
  if (flags.overrides !== undefined) opts.overrides = localPath(flags.overrides);
  if (flags.event !== undefined) opts.event = localPath(flags.event);
  if (flags.templates !== undefined) opts.templates = localPath(flags.templates);
  let bar: cliProgress.SingleBar | undefined;
  if (o.interactive) {
    bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${t('tally.progress')} [{bar}] {value}/{total} ${t('tally.progressPages')}`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
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
  let run: Awaited<ReturnType<typeof runTally>>;
  try {
    run = await runTally(opts);
  } finally {
    bar?.stop();
  }
  const files = await run.write(localPath(flags.out));
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
    .description(t('tally.description'))
    .argument('<scan...>', t('tally.arg.scan'))
    .requiredOption('--manifest <file>', t('tally.opt.manifest'))
    .option('--out <dir>', t('tally.opt.out'), 'rekap')
    .option('--overrides <file>', t('tally.opt.overrides'))
    .option('--json', t('tally.opt.json'))
    .option('--event <file>', t('tally.opt.event'))
    .option('--templates <dir>', t('tally.opt.templates'))
    .action((scans: string[], flags: TallyFlags) => action(scans, flags, ctx));
}
