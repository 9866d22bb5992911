/**
 * `ikrar init [DIR]`: a ready-to-edit event folder.
 *
 *   event.yaml        the bundled example (Sukamara) with its Indonesian comments, the roster-column
 *                     section rewritten (every field explained; or the mapping from --from-siasn)
 *   roster.csv        a roster template (`;`, UTF-8 with BOM, CRLF: what Excel on Indonesian Windows
 *                     opens) with three fictional people; not written with --from-siasn, where the
 *                     export itself is the roster
 *   logo.png          the example's emblem, which event.yaml names
 *   templates/        copies of the built-in templates and their README, for customising
 *   BACA-SAYA.txt     the three commands to run (check, render, tally) with this folder's file names
 *
 * Nothing is overwritten without `force`: existing files are listed in an IkrarError (exit 2) before
 * anything is written. Files are written under temporary names first and renamed at the end, so a
 * failure leaves no half-written folder.
 */
import { lstat, readFile, readdir, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { IkrarError, type Problem } from '../model/problems.js';
import { columnsSection, type ColumnPlan, type UnitsChoice } from './columns.js';
import { makeFolder, writeFailure } from '../output/disk.js';
import { fromExport } from './siasn.js';
import {
  BUILTIN_TEMPLATES,
  EXAMPLE_EVENT,
  EXAMPLE_ROSTER,
  EXAMPLE_SCANS,
  IKRAR,
  INIT_FILES,
  SCANS_DIR,
  commandsFor,
  eventText,
  readmeText,
  rosterTemplate,
  type InitCommands,
} from './texts.js';

export interface InitOptions {
  /** The folder, as the user gave it (created when missing). */
  dir: string;
  /** Overwrite files that exist. */
  force?: boolean;
  /** A SIASN export (CSV/XLSX) whose header row pre-fills `columns:`. */
  fromSiasn?: string;
  /**
   * The whole bundled example instead of the 3-row roster template: its 300-person roster and its
   * scanned, signed sheets in pindaian/, so the three commands run end to end at once.
   */
  example?: boolean;
}

export interface InitResult {
  /** The folder as given. */
  dir: string;
  /** Files written, relative to `dir`, with `/` separators, in writing order. */
  files: string[];
  /** Of `files`, those that existed and were overwritten (only with `force`). */
  overwritten: string[];
  /** The three commands, to be run inside `dir`. */
  commands: InitCommands;
  /** The roster the commands name, relative to `dir` (roster.csv, or the export). */
  roster: string;
  /** With --from-siasn: what the header row gave. */
  columns?: ColumnPlan;
  /** With --from-siasn: the column people are grouped into sheets by (written as units: when it is not the unit column). */
  units?: UnitsChoice;
  /** Warnings for the clerk (required columns not found in the export). */
  warnings: Problem[];
}

interface Planned {
  /** Relative to DIR, `/` separators. */
  rel: string;
  data: Buffer;
}

// ------------------------------------------------------------------ the command

async function exists(p: string): Promise<'file' | 'dir' | 'other' | undefined> {
  try {
    const st = await lstat(p);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return 'other';
    throw e;
  }
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}

/** Creates the event folder. Throws IkrarError (exit 2) for anything the user can fix. */
export async function initEventFolder(opts: InitOptions): Promise<InitResult> {
  const dirAbs = path.resolve(opts.dir);
  const shown = (rel: string) => (opts.dir === '.' || opts.dir === '' ? rel : path.join(opts.dir, rel));

  // 1. What the folder will hold.
  let plan: ColumnPlan | undefined;
  let sheet: string | undefined;
  let units: UnitsChoice | undefined;
  let roster: string = INIT_FILES.roster;
  const warnings: Problem[] = [];
  if (opts.fromSiasn !== undefined) {
    const x = await fromExport(opts.fromSiasn);
    plan = x.plan;
    sheet = x.sheet;
    units = x.units;
    // Inside the folder: its relative name; elsewhere: the absolute path, which works from the folder.
    const abs = path.resolve(opts.fromSiasn);
    const rel = path.relative(dirAbs, abs);
    roster = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? toSlash(rel) : abs;
    for (const m of plan.missing.filter((m) => m.required)) {
      const close = m.suggestions.length ? `; closest: ${m.suggestions.map((s) => `'${s}'`).join(' or ')}` : '';
      warnings.push({
        severity: 'warning',
        code: 'init-column-not-found',
        file: shown(INIT_FILES.event),
        field: `columns.${m.field}`,
        message: `the export ${opts.fromSiasn} has no column the known headers find for ${m.field}${close}`,
        hint: `a commented suggestion is in ${shown(INIT_FILES.event)}: remove its # and write the right header`,
      });
    }
  }

  const example = await readFile(EXAMPLE_EVENT, 'utf8');
  const logoValue = parseDocument(example).getIn(['government', 'logo']);
  const logoSrc = path.resolve(
    path.dirname(EXAMPLE_EVENT),
    typeof logoValue === 'string' && logoValue ? logoValue : 'logo.png',
  );
  const templateNames = (await readdir(BUILTIN_TEMPLATES))
    .filter((n) => n.endsWith('.hbs') || n === 'README.md')
    .sort();
  if (opts.example && opts.fromSiasn !== undefined) {
    throw new IkrarError('--contoh and --from-siasn cannot be used together', [
      {
        severity: 'error',
        code: 'init-options',
        file: '--contoh',
        message: '--contoh copies the example roster; --from-siasn uses your own export',
        hint: 'choose one of the two',
      },
    ]);
  }

  const files: Planned[] = [];
  const columns = columnsSection(
    plan,
    opts.fromSiasn !== undefined ? path.basename(opts.fromSiasn) : undefined,
    sheet,
    units,
  );
  files.push({
    rel: INIT_FILES.event,
    data: Buffer.from(eventText(example, { logoName: INIT_FILES.logo, columns, roster }), 'utf8'),
  });
  if (!plan)
    files.push({ rel: INIT_FILES.roster, data: opts.example ? await readFile(EXAMPLE_ROSTER) : rosterTemplate() });
  if (opts.example) {
    for (const n of (await readdir(EXAMPLE_SCANS)).sort())
      files.push({ rel: `${SCANS_DIR}/${n}`, data: await readFile(path.join(EXAMPLE_SCANS, n)) });
  }
  files.push({ rel: INIT_FILES.logo, data: await readFile(logoSrc) });
  for (const n of templateNames)
    files.push({ rel: `${INIT_FILES.templatesDir}/${n}`, data: await readFile(path.join(BUILTIN_TEMPLATES, n)) });
  files.push({
    rel: INIT_FILES.readme,
    data: Buffer.from(
      readmeText({ roster, fromSiasn: plan !== undefined, templates: templateNames, example: opts.example === true }),
      'utf8',
    ),
  });

  // 2. Check before writing anything.
  const dirKind = await exists(dirAbs);
  if (dirKind !== undefined && dirKind !== 'dir') {
    throw new IkrarError(`${opts.dir} exists and is not a folder`, [
      {
        severity: 'error',
        code: 'init-not-a-folder',
        file: opts.dir,
        message: 'ikrar init needs a folder here',
        hint: 'give the name of a new or existing folder',
      },
    ]);
  }
  const tplKind = await exists(path.join(dirAbs, INIT_FILES.templatesDir));
  if (tplKind !== undefined && tplKind !== 'dir') {
    throw new IkrarError(`${shown(INIT_FILES.templatesDir)} exists and is not a folder`, [
      {
        severity: 'error',
        code: 'init-not-a-folder',
        file: shown(INIT_FILES.templatesDir),
        message: 'ikrar init copies the templates into a folder of this name',
        hint: 'rename or remove that file',
      },
    ]);
  }
  const existing: string[] = [];
  const blocked: string[] = [];
  const source = opts.fromSiasn !== undefined ? path.resolve(opts.fromSiasn) : undefined;
  for (const f of files) {
    const abs = path.join(dirAbs, f.rel);
    if (source !== undefined && abs === source) blocked.push(f.rel);
    const k = await exists(abs);
    if (k === 'file') existing.push(f.rel);
    else if (k !== undefined) blocked.push(f.rel);
  }
  if (blocked.length) {
    throw new IkrarError(
      `cannot write ${blocked.map((b) => shown(b)).join(', ')}: ${blocked.length === 1 ? 'it is' : 'they are'} a folder or the export itself`,
      blocked.map((b) => ({
        severity: 'error' as const,
        code: 'init-blocked',
        file: shown(b),
        message: 'this name is taken by a folder, a special file, or the --from-siasn export',
        hint: `move it away, or run ${IKRAR} init in another folder`,
      })),
    );
  }
  if (existing.length && !opts.force) {
    const n = existing.length;
    throw new IkrarError(
      `${n} file${n === 1 ? '' : 's'} already exist${n === 1 ? 's' : ''} in ${opts.dir || '.'}; nothing was written (use --force to overwrite ${n === 1 ? 'it' : 'them'}, or choose another folder)`,
      existing.map((e) => ({
        severity: 'error' as const,
        code: 'init-file-exists',
        file: shown(e),
        message: 'already exists',
      })),
    );
  }

  // 3. Write under temporary names, then rename; undo on failure.
  /** Folders init created, deepest first, for the undo. */
  const createdDirs: string[] = [];
  const temps: { tmp: string; abs: string; rel: string }[] = [];
  const renamed: string[] = [];
  const tag = `.ikrar-init-${process.pid}.tmp`;
  try {
    for (const d of [
      dirAbs,
      path.join(dirAbs, INIT_FILES.templatesDir),
      ...(opts.example ? [path.join(dirAbs, SCANS_DIR)] : []),
    ]) {
      const first = await makeFolder(d);
      if (first !== undefined) {
        // mkdir returns the first folder it made; every folder from d up to it is new.
        for (let x = d; ; x = path.dirname(x)) {
          createdDirs.unshift(x);
          if (x === first || path.dirname(x) === x) break;
        }
      }
    }
    for (const f of files) {
      const abs = path.join(dirAbs, f.rel);
      const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}${tag}`);
      temps.push({ tmp, abs, rel: f.rel });
      await writeFile(tmp, f.data, { flag: 'w' });
    }
    for (const t of temps) {
      await rename(t.tmp, t.abs);
      if (!existing.includes(t.rel)) renamed.push(t.abs);
    }
  } catch (e) {
    for (const t of temps) await unlink(t.tmp).catch(() => undefined);
    for (const r of renamed) await unlink(r).catch(() => undefined);
    for (const d of [...createdDirs].sort((a, b) => b.length - a.length)) await rmdir(d).catch(() => undefined);
    // a full or read-only disk, no permission: the message every command gives (exit 2)
    throw writeFailure(opts.dir || '.', e, 'folder');
  }

  const result: InitResult = {
    dir: opts.dir,
    files: files.map((f) => f.rel),
    overwritten: existing,
    commands: commandsFor(roster),
    roster,
    warnings,
  };
  if (plan) result.columns = plan;
  if (units) result.units = units;
  return result;
}
