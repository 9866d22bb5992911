/**
 * `ikrar render`: flags → RenderOptions, progress bar on a terminal, summary, exit codes.
 */
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import type { CommandContext } from './context.js';
import { printProblems } from './output.js';
import { IkrarError } from '../model/problems.js';
import type { PaperName } from '../model/event.js';
import { FILES, render, type LeanRenderResult, type RenderOptions } from '../render/render.js';
import { RENDERED_DOCUMENTS, type RenderedDocument } from '../model/documents.js';
import { t, tn } from '../i18n/index.js';
import { clipValue } from '../util/listing.js';
import { localPath } from './paths.js';
import { nodeWorld } from '../world/node.js';

interface RenderFlags {
  roster: string;
  event: string;
  out: string;
  templates?: string;
  paper?: PaperName;
  only?: string;
  jobs?: string;
}

/** "sheets,pakta" → ['sheets','pakta']; unknown names → IkrarError (exit 2). */
export function parseOnly(value: string): RenderedDocument[] {
  const parts = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => !(RENDERED_DOCUMENTS as readonly string[]).includes(p));
  if (bad.length || parts.length === 0) {
    throw new IkrarError(
      bad.length ? t('render.only.unknown', { names: bad.map((b) => `"${b}"`).join(', ') }) : t('render.only.empty'),
      [
        {
          severity: 'error',
          code: 'bad-option',
          file: '--only',
          message: t('render.only.expected', { kinds: RENDERED_DOCUMENTS.join(', ') }),
          hint: t('render.only.hint'),
        },
      ],
    );
  }
  return RENDERED_DOCUMENTS.filter((k) => parts.includes(k));
}

/** "--jobs 3" → 3; anything but a whole number from 1 → IkrarError (exit 2). */
export function parseJobs(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new IkrarError(t('render.jobs.bad', { value: clipValue(value, 20, 19) }), [
      {
        severity: 'error',
        code: 'bad-option',
        file: '--jobs',
        message: t('render.jobs.expected'),
        hint: t('render.jobs.hint'),
      },
    ]);
  }
  return n;
}

async function action(flags: RenderFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const opts: RenderOptions & { keepManifest: false } = {
    roster: localPath(flags.roster),
    event: localPath(flags.event),
    out: localPath(flags.out),
    keepManifest: false,
    world: nodeWorld,
  };
  if (flags.templates !== undefined) opts.templates = localPath(flags.templates);
  if (flags.paper !== undefined) opts.paper = flags.paper;
  if (flags.only !== undefined) opts.only = parseOnly(flags.only);
  if (flags.jobs !== undefined) opts.jobs = parseJobs(flags.jobs);

  let bar: cliProgress.SingleBar | undefined;
  if (o.interactive) {
    bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: t('render.progress') + ' [{bar}] {value}/{total} {what}',
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    opts.onProgress = (done, total, what) => {
      if (!bar) return;
      if (done === 1) bar.start(total, 0, { what: '' });
      bar.update(done, { what: clipValue(what, 40, 39) });
    };
  }
  let result: LeanRenderResult;
  try {
    result = await render(opts);
  } finally {
    bar?.stop();
  }
  const m = result.summary;
  o.out(o.color.bold(t('render.title', { title: m.event.title, label: m.event.label })));
  o.out(
    '  ' +
      t('render.people', { people: tn('tally.persons', m.people), paper: m.paper.toUpperCase(), code: m.event.code }),
  );
  const has = (f: string) => result.files.includes(f);
  if (has(FILES.sheets))
    o.out(
      '  ' +
        t('render.sheets', {
          file: path.join(flags.out, FILES.sheets),
          pages: tn('count.pages', m.sheets.pages),
          units: tn('count.units', m.sheets.units),
          dir: path.join(flags.out, FILES.sheetsDir),
        }),
    );
  if (has(FILES.script)) o.out(`  ${path.join(flags.out, FILES.script)}`);
  if (has(FILES.pakta))
    o.out(
      '  ' +
        t('render.pakta', {
          file: path.join(flags.out, FILES.pakta),
          pages: tn('count.pages', m.pakta.pages),
          signers: tn('count.signers', m.pakta.signers),
          dir: path.join(flags.out, FILES.paktaDir),
        }),
    );
  if (has(FILES.deklarasi))
    o.out(
      '  ' +
        t('render.deklarasi', {
          file: path.join(flags.out, FILES.deklarasi),
          pages: tn('count.pages', m.deklarasi.pages),
          signers: tn('count.signatories', m.deklarasi.signers),
        }),
    );
  o.out(
    '  ' +
      t('render.manifest', {
        file: path.join(flags.out, FILES.manifest),
        pages: tn('count.machinePages', m.manifestPages),
      }),
  );
  if (result.warnings.length) printProblems(o, result.warnings);
  ctx.setExit(0);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('render')
    .description(t('render.description'))
    .requiredOption('--roster <file>', t('opt.roster'))
    .requiredOption('--event <file>', t('opt.event'))
    .option('--out <dir>', t('render.opt.out'), 'out')
    .option('--templates <dir>', t('render.opt.templates'))
    .addOption(new Option('--paper <size>', t('render.opt.paper')).choices(['f4', 'a4', 'letter']))
    .option('--only <list>', t('render.opt.only', { kinds: RENDERED_DOCUMENTS.join(',') }))
    .option('--jobs <n>', t('render.opt.jobs'))
    .action((flags: RenderFlags) => action(flags, ctx));
}
