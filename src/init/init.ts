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
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { IkrarError, type Problem } from '../model/problems.js';
import { readRoster } from '../roster/read.js';
import { columnsSection, planColumns, type ColumnPlan, type UnitsChoice } from './columns.js';
import { currentGrouping, isFragmented, proposeGrouping } from '../check/grouping.js';
import type { Person } from '../model/person.js';
import { makeFolder, writeFailure } from '../output/disk.js';
import { toCsv } from '../util/csv.js';

/** The package root (holds examples/ and templates/); the same from src/ under vitest and from dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_EVENT = path.join(PACKAGE_ROOT, 'examples', 'event.yaml');
export const EXAMPLE_ROSTER = path.join(PACKAGE_ROOT, 'examples', 'roster.csv');
export const EXAMPLE_SCANS = path.join(PACKAGE_ROOT, 'examples', 'scans');
export const BUILTIN_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** Names of what init writes inside DIR. */
export const INIT_FILES = {
  event: 'event.yaml',
  roster: 'roster.csv',
  logo: 'logo.png',
  readme: 'BACA-SAYA.txt',
  templatesDir: 'templates',
} as const;

/** Default output folders named in BACA-SAYA.txt. */
export const RENDER_OUT = 'hasil';
export const SCANS_DIR = 'pindaian';
export const TALLY_OUT = 'rekap';

export const ROSTER_HEADERS = [
  'NIP',
  'NAMA',
  'GELAR DEPAN',
  'GELAR BELAKANG',
  'PANGKAT/GOL',
  'JABATAN',
  'UNIT KERJA',
  'STATUS',
] as const;

/**
 * Fictional people, one per unit the example event names an officer for, so `ikrar check` on a
 * fresh folder has no warnings: a head of a division (the only one in his unit, so its head by the
 * example's sheets.heads rule: he signs a pakta under `signers: heads`),
 * a PNS doctor, and a PPPK employee.
 */
export const ROSTER_ROWS: readonly (readonly string[])[] = [
  [
    '198203142006041003',
    'Andi Pratama',
    '',
    'S.Pd., M.Pd.',
    'Penata Tingkat I, III/d',
    'Kepala Bidang Pembinaan Sekolah Dasar',
    'Dinas Pendidikan',
    'PNS',
  ],
  [
    '199005212015032001',
    'Rina Marlina',
    'dr.',
    '',
    'Penata Muda Tingkat I, III/b',
    'Dokter Ahli Pertama',
    'RSUD Bumi Sukamara',
    'PNS',
  ],
  [
    '199108172023212004',
    'Dewi Lestari',
    '',
    'S.Kom.',
    'Golongan IX',
    'Pranata Komputer Ahli Pertama',
    'Kecamatan Sukamara',
    'PPPK',
  ],
];

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
  commands: { check: string; render: string; tally: string };
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

// ------------------------------------------------------------------ pure parts

/** Quotes an argument for a shell (cmd, PowerShell or sh) only when it needs it. */
export function shellArg(s: string): string {
  if (/^[\p{L}\p{N}_.,/\\:+=@-]+$/u.test(s)) return s;
  return `"${s.replace(/"/g, '\\"')}"`;
}

/**
 * How the clerk types ikrar: after the documented `npm install` only `npx ikrar` finds it (a bare
 * `ikrar` is "command not found" unless installed globally).
 */
export const IKRAR = 'npx ikrar';

/** The check, render and tally commands for a folder whose roster is `roster` (relative path). */
export function commandsFor(roster: string): InitResult['commands'] {
  const r = shellArg(roster);
  return {
    check: `${IKRAR} check --roster ${r} --event ${INIT_FILES.event}`,
    render: `${IKRAR} render --roster ${r} --event ${INIT_FILES.event} --templates ${INIT_FILES.templatesDir} --out ${RENDER_OUT}`,
    tally: `${IKRAR} tally ${SCANS_DIR} --manifest ${RENDER_OUT}/manifest.json --event ${INIT_FILES.event} --templates ${INIT_FILES.templatesDir} --out ${TALLY_OUT}`,
  };
}

/** roster.csv: `;`, UTF-8 with BOM, CRLF, cells quoted only when they must be, formulas neutralised (`toCsv`). */
export function rosterTemplate(rows: readonly (readonly string[])[] = ROSTER_ROWS): Buffer {
  return Buffer.from(toCsv([[...ROSTER_HEADERS], ...rows.map((r) => [...r])]), 'utf8');
}

/**
 * event.yaml from the example's text: a note on top, the logo pointing at `logoName`, the roster
 * column section replaced, and (with an export) the check command naming the export.
 */
export function eventText(example: string, opts: { logoName: string; columns: string; roster: string }): string {
  const eol = example.includes('\r\n') ? '\r\n' : '\n';
  const lines = example.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((l) => /^# --- Daftar pegawai\b/.test(l));
  if (start < 0) throw new Error('examples/event.yaml has no "# --- Daftar pegawai" section for ikrar init to fill');
  let end = lines.findIndex((l, i) => i > start && /^# ---/.test(l));
  if (end < 0) end = lines.length;
  let keep = end;
  while (keep > start && lines[keep - 1]!.trim() === '') keep--;
  const section = opts.columns.replace(/\n$/, '').split('\n');
  const rest = lines.slice(keep, end);
  const out = [...lines.slice(0, start), ...section, ...(end < lines.length ? [''] : rest), ...lines.slice(end)];
  let text = out.join('\n');
  // logo: whatever the example names becomes the copied file's name.
  text = text.replace(/^([ \t]+logo:[ \t]*)("[^"]*"|'[^']*'|[^\s#]+)/m, `$1${opts.logoName}`);
  if (opts.roster !== INIT_FILES.roster)
    text = text.split(`--roster ${INIT_FILES.roster}`).join(`--roster ${shellArg(opts.roster)}`);
  const note = [
    '# Dibuat oleh "ikrar init". Semua isian di bawah masih CONTOH (Kabupaten Sukamara): ganti dengan',
    `# data pemerintah daerah, pejabat, dan acara Anda, lalu periksa dengan: ${commandsFor(opts.roster).check}`,
    '',
  ];
  return [...note, text].join('\n').replace(/\n/g, eol);
}

/** BACA-SAYA.txt, CRLF so that Notepad shows it right. */
export function readmeText(opts: {
  roster: string;
  fromSiasn: boolean;
  templates: string[];
  example?: boolean;
}): string {
  const c = commandsFor(opts.roster);
  const lines = [
    'IKRAR NETRALITAS ASN — folder acara',
    '===================================',
    '',
    'Folder ini dibuat oleh "ikrar init". Isinya:',
    '',
    `  ${INIT_FILES.event.padEnd(15)}berkas acara: pemerintah daerah, tanggal, tempat, pejabat.`,
    `  ${''.padEnd(15)}Isiannya masih CONTOH (Kabupaten Sukamara): ubah dulu.`,
    opts.fromSiasn
      ? `  ${''.padEnd(15)}Kolom daftar pegawai (columns:) diambil dari ${opts.roster}.`
      : opts.example
        ? `  ${INIT_FILES.roster.padEnd(15)}daftar pegawai CONTOH: 300 orang di 12 unit kerja (Kabupaten Sukamara).`
        : `  ${INIT_FILES.roster.padEnd(15)}daftar pegawai: contoh 3 orang; ganti dengan pegawai Anda (boleh .xlsx).`,
    ...(opts.example
      ? [`  ${(SCANS_DIR + '/').padEnd(15)}CONTOH pindaian lembar yang sudah ditandatangani, untuk mencoba langkah 3.`]
      : []),
    `  ${INIT_FILES.logo.padEnd(15)}lambang daerah: ganti dengan lambang daerah Anda (PNG/JPEG hitam-putih).`,
    `  ${(INIT_FILES.templatesDir + '/').padEnd(15)}templat dokumen (${opts.templates.length} berkas), untuk diubah bila perlu;`,
    `  ${''.padEnd(15)}petunjuknya di ${INIT_FILES.templatesDir}/README.md.`,
    '',
    'Buka Command Prompt / terminal di folder ini, lalu jalankan:',
    '',
    '1. Periksa berkas acara dan daftar pegawai (setiap kesalahan ditunjukkan dengan nomor barisnya):',
    '',
    `     ${c.check}`,
    '',
    '2. Buat dokumen: lembar tanda tangan per unit kerja, naskah ikrar, pakta integritas,',
    `   dan manifest.json, di folder ${RENDER_OUT}/:`,
    '',
    `     ${c.render}`,
    '',
    `3. Sesudah apel: pindai lembar yang sudah ditandatangani ke folder ${SCANS_DIR}/`,
    '   (PDF, TIFF, JPEG, PNG, atau foto ponsel), lalu hitung siapa yang sudah dan belum',
    `   menandatangani; rekap dan berita acara ada di folder ${TALLY_OUT}/:`,
    '',
    `     ${c.tally}`,
    '',
    `Bantuan setiap perintah: ${IKRAR} check --help, ${IKRAR} render --help, ${IKRAR} tally --help.`,
    '',
  ];
  return lines.join('\r\n');
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

/** Reads the export's header row and plans the column mapping. */
async function fromExport(file: string): Promise<{ plan: ColumnPlan; sheet?: string; units?: UnitsChoice }> {
  const r = await readRoster({ file, keepColumns: true });
  if (r.format === undefined) {
    throw new IkrarError(
      `--from-siasn: cannot read ${file}`,
      r.problems.filter((p) => p.severity === 'error'),
    );
  }
  if (r.headers.filter((h) => h !== '').length === 0) {
    throw new IkrarError(`--from-siasn: ${file} has no header row`, [
      {
        severity: 'error',
        code: 'init-no-headers',
        file,
        message: 'no column headers were found in the first rows',
        hint: 'export the roster again from SIASN; the first row must hold the column headers',
      },
    ]);
  }
  const out: { plan: ColumnPlan; sheet?: string; units?: UnitsChoice } = { plan: planColumns(r.headers) };
  if (r.format !== 'csv' && r.sheet !== undefined) out.sheet = r.sheet;
  const units = chooseUnits(r.people, out.plan);
  if (units) out.units = units;
  return out;
}

/** The grouping that gives OPD-sized units: the roster's unit column unless it is split into Seksi. */
export function chooseUnits(people: Person[], plan: ColumnPlan): UnitsChoice | undefined {
  if (people.length === 0) return undefined;
  const own = currentGrouping(people);
  const unitHeader = plan.mapped.find((m) => m.field === 'unit')?.header;
  const better = isFragmented(own) ? proposeGrouping(people) : undefined;
  if (better?.column !== undefined && better.column !== unitHeader && better.units < own.units) {
    return {
      column: better.column,
      units: better.units,
      ...(unitHeader ? { finer: { column: unitHeader, units: own.units, small: own.small } } : {}),
    };
  }
  return unitHeader ? { column: unitHeader, units: own.units } : undefined;
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
