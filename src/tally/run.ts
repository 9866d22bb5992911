/**
 * runTally: the whole `ikrar tally` journey without the terminal. Loads and checks the manifest,
 * expands the SCAN arguments (files and folders), reads the clerk's overrides, reads every scan
 * page (src/scan) and every marks CSV, joins them (tally.ts), and returns the result with its
 * problems and a function that writes the output folder atomically.
 *
 * Unusable input (missing/invalid manifest, a SCAN path that does not exist, an invalid overrides
 * file) is an IkrarError (exit 2). A corrupt or unsupported scan file, a bad marks row, and every
 * page that could not be used are warnings: the rest is still tallied.
 */
import { readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '../model/manifest.js';
import { IkrarError, ProblemList, type Problem } from '../model/problems.js';
import { abortOutput, beginOutput, commitOutput, recoverOutput, writeFailure } from '../output/folder.js';
import { readScans } from '../scan/read.js';
import type { PageReading } from '../scan/types.js';
import type { OutputFile } from '../report/review.js';
import { keepProof, type ProofCache } from '../report/proof-image.js';
import { checkTemplatesDir } from '../templates/folder.js';
import { loadEvent } from '../event/load.js';
import type { EventConfig } from '../model/event.js';
import { loadManifest } from './manifest.js';
import { readMarks } from './marks.js';
import { readOverrides } from './overrides.js';
import { tallyOutputs } from './outputs.js';
import { manifestOrigin, namedFile } from './readings.js';
import type { Mark, Override, TallyPage, TallyResult } from '../model/tally.js';

/** Extensions read as scans when walking a folder (files named explicitly are sniffed instead). */
export const SCAN_EXTENSIONS = [
  '.pdf',
  '.tif',
  '.tiff',
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.heic',
  '.heif',
  '.avif',
  '.gif',
  '.bmp',
];
/** Extensions read as a marks CSV (hand-typed signed/unsigned per person). */
export const MARKS_EXTENSIONS = ['.csv'];

/** The entries `write` owns in the output folder; other files there are left alone. */
export const OUTPUT_ENTRIES = [
  'rekap.csv',
  'rekap.json',
  'rekap.pdf',
  'berita-acara.pdf',
  'bukti.pdf',
  'review',
] as const;

export interface TallyOptions {
  manifest: string;
  /** Files and folders, as the user named them. */
  scans: string[];
  overrides?: string;
  /** Pages read (done / total known so far). */
  onProgress?: (done: number, total: number) => void;
  /** Pages read in parallel (see ReadScansOptions). */
  concurrency?: number;
  /** The event file, for the berita acara (else the event details render recorded in the manifest). */
  event?: string;
  /** The clerk's templates folder (berita-acara.hbs), as for render. */
  templates?: string;
  /** The output folder `write` will be given: what an interrupted earlier run left there is finished first. */
  out?: string;
}

export interface ScanInputs {
  /** Scan files (images, PDFs), sorted, no duplicates. */
  scans: string[];
  /** Marks CSVs, sorted. */
  marks: string[];
  /** Notes about skipped files (warnings). */
  skipped: Problem[];
}

export interface TallyRun {
  manifest: Manifest;
  result: TallyResult;
  /** Every page reading (with the crops of uncertain boxes). */
  readings: PageReading[];
  /** Warnings: unreadable files, bad marks rows, skipped files, and every page that was not used. */
  problems: Problem[];
  /** The files `write` puts into the output folder (paths relative to it). */
  files(): Promise<OutputFile[]>;
  /** Writes rekap.csv, rekap.json, rekap.pdf, berita-acara.pdf and review/ into `dir` atomically; returns the paths. */
  write(dir: string): Promise<string[]>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function kind(p: string): Promise<'file' | 'dir' | 'other' | null> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

async function walk(dir: string, shown: string, out: ScanInputs): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => cmp(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // .DS_Store, editor files, our own staging folders
    const full = path.join(dir, e.name);
    const named = path.join(shown, e.name);
    if (e.isDirectory()) {
      await walk(full, named, out);
      continue;
    }
    // A FIFO, socket or device would block or never end when read: skipped by name. A symlink
    // counts as what it points to when that is a regular file (a link to a folder is not followed).
    if (!e.isFile() && (!e.isSymbolicLink() || (await kind(full)) !== 'file')) {
      out.skipped.push({
        severity: 'warning',
        code: 'scan-skipped',
        file: named,
        message: 'skipped: not a regular file (a pipe, device or socket, or a link to a folder or to nothing)',
        params: { _m: 'special' },
      });
      continue;
    }
    const ext = path.extname(e.name).toLowerCase();
    if (SCAN_EXTENSIONS.includes(ext)) out.scans.push(named);
    else if (MARKS_EXTENSIONS.includes(ext)) out.marks.push(named);
    else {
      out.skipped.push({
        severity: 'warning',
        code: 'scan-skipped',
        file: named,
        message: 'skipped: not a scan (PDF, TIFF, JPEG, PNG) or a marks CSV',
        params: {},
      });
    }
  }
}

/**
 * Expands SCAN arguments: files are taken as given (a .csv is a marks file), folders are walked
 * recursively in name order. Paths that do not exist are an IkrarError naming every one of them.
 */
export async function expandScanArgs(args: string[]): Promise<ScanInputs> {
  const out: ScanInputs = { scans: [], marks: [], skipped: [] };
  const missing: Problem[] = [];
  for (const a of args) {
    const k = await kind(a);
    if (k === null)
      missing.push({ severity: 'error', code: 'scan-missing', file: a, message: 'no such file or folder', params: {} });
    else if (k === 'dir') await walk(a, a, out);
    else if (k === 'other')
      missing.push({
        severity: 'error',
        code: 'scan-missing',
        file: a,
        message: 'is not a file or folder',
        params: { _m: 'other' },
      });
    else if (MARKS_EXTENSIONS.includes(path.extname(a).toLowerCase())) out.marks.push(a);
    else out.scans.push(a);
  }
  if (missing.length) {
    throw new IkrarError(
      `${missing.length === 1 ? `scan ${missing[0]!.file} not found` : `${missing.length} scan paths not found`}`,
      missing,
      2,
      { key: 'scan-missing', params: { n: missing.length, file: missing[0]!.file } },
    );
  }
  // The same file named twice (or through a folder and by name) is read once.
  const dedupe = (list: string[]) => {
    const seen = new Set<string>();
    return list.sort(cmp).filter((f) => {
      const r = path.resolve(f);
      if (seen.has(r)) return false;
      seen.add(r);
      return true;
    });
  };
  out.scans = dedupe(out.scans);
  out.marks = dedupe(out.marks);
  return out;
}

const PAGE_WORDS: Record<Exclude<TallyPage['status'], 'identified'>, string> = {
  unidentified: 'unidentified',
  foreign: 'not a page of this manifest (another event, or printed by another render)',
  duplicate: 'duplicate (scanned twice; counted once)',
  blank: 'blank',
};

/** One warning per page that was not used as the first copy of a manifest page. */
export function pageProblems(result: TallyResult): Problem[] {
  const problems: Problem[] = [];
  for (const p of result.pages) {
    if (p.status === 'identified') continue;
    const what = PAGE_WORDS[p.status];
    const code = p.code ? ` ${p.code}` : '';
    const note = p.note && p.status !== 'duplicate' ? `: ${p.note}` : '';
    problems.push({
      severity: 'warning',
      code: `page-${p.status}`,
      file: p.source.file,
      field: `page ${p.source.page}`,
      message: `${what}${code}${note}`,
      params: { code, note },
    });
  }
  return problems;
}

export async function runTally(opts: TallyOptions): Promise<TallyRun> {
  // Before anything else: a render or tally killed in the middle of its swap is finished.
  await recoverOutput(path.dirname(opts.manifest));
  if (opts.out !== undefined) await recoverOutput(opts.out);
  const manifest = await loadManifest(opts.manifest);
  checkTemplatesDir(opts.templates);
  let eventFile: EventConfig | undefined;
  if (opts.event !== undefined) {
    const loaded = await loadEvent(opts.event);
    if (!loaded.event)
      throw new IkrarError(`the event file ${opts.event} has errors; nothing was written`, loaded.problems);
    eventFile = loaded.event;
  }
  if (opts.scans.length === 0) {
    throw new IkrarError('no scans given', [
      {
        severity: 'error',
        code: 'scan-none',
        file: '(command line)',
        message: 'give at least one scan file or folder after the options',
        hint: 'e.g. npx ikrar tally --manifest out/manifest.json scans/',
      },
    ]);
  }
  const inputs = await expandScanArgs(opts.scans);

  let overrides: Override[] = [];
  if (opts.overrides !== undefined) {
    const k = await kind(opts.overrides);
    if (k !== 'file') {
      throw new IkrarError(`overrides file ${opts.overrides} ${k === null ? 'not found' : 'is not a file'}`, [
        {
          severity: 'error',
          code: 'overrides-missing',
          file: opts.overrides,
          message: k === null ? 'no such file' : 'is not a file',
          hint: 'pass the overrides.csv from the review/ folder after filling in keputusan',
        },
      ]);
    }
    const r = await readOverrides(opts.overrides, manifest);
    const errors = r.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new IkrarError(`overrides file ${opts.overrides} is invalid`, r.problems);
    overrides = r.overrides;
  }

  const problems = new ProblemList();
  problems.merge(inputs.skipped);
  const marks: Mark[] = [];
  for (const f of inputs.marks) {
    const r = await readMarks(f, manifest);
    marks.push(...r.marks);
    // A bad marks line cannot be applied, like an unreadable scan: reported, the rest tallied.
    problems.merge(r.problems.map((p) => ({ ...p, severity: 'warning' as const })));
  }

  const scanOpts: Parameters<typeof readScans>[2] = {};
  if (opts.onProgress) scanOpts.onProgress = opts.onProgress;
  if (opts.concurrency !== undefined) scanOpts.concurrency = opts.concurrency;
  // Each page's proof image is drawn as soon as the page is read, while the workers read the next
  // ones (the main thread is idle then), in its boxes' own colours; proofFiles draws again only
  // those whose colours a decision by hand (overrides, marks) changes.
  const proofCache: ProofCache = new WeakMap();
  const drawing: Promise<void>[] = [];
  scanOpts.onReading = (r) => {
    if (r.proof) drawing.push(keepProof(r, proofCache));
  };
  const read = inputs.scans.length ? await readScans(inputs.scans, manifest, scanOpts) : { pages: [], problems: [] };
  await Promise.all(drawing);
  problems.merge(read.problems.map((p) => ({ ...p, severity: 'warning' as const })));

  const out = await tallyOutputs({
    manifest,
    manifestFile: opts.manifest,
    readings: read.pages,
    marks,
    proofCache,
    overrides,
    ...(eventFile ? { event: eventFile } : {}),
    ...(opts.templates !== undefined ? { templates: opts.templates } : {}),
    origin: {
      manifest: await manifestOrigin(opts.manifest),
      event: opts.event !== undefined ? namedFile(opts.event) : null,
      templates: opts.templates !== undefined ? namedFile(opts.templates) : null,
    },
  });
  const { result, files } = out;
  problems.merge(pageProblems(result));
  problems.merge(out.problems);

  const write = async (dir: string): Promise<string[]> => {
    const list = await files();
    const staging = await beginOutput(dir);
    try {
      await mkdir(path.join(staging.dir, 'review'), { recursive: true });
      for (const f of list) {
        const target = path.join(staging.dir, ...f.path.split('/'));
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, f.data);
      }
    } catch (e) {
      await abortOutput(staging);
      throw writeFailure(dir, e);
    }
    // berita-acara.pdf is one of the entries even when none was made: an older one would no longer
    // agree with the new rekap.json, so it goes with the swap.
    await commitOutput(staging, OUTPUT_ENTRIES, dir);
    return list.map((f) => f.path);
  };

  return { manifest, result, readings: read.pages, problems: problems.items, files, write };
}
