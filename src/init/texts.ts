/**
 * What `ikrar init` writes, as data: where the bundled files are, the file names, the roster
 * template, the event text with its columns section, BACA-SAYA.txt and the commands it names. Pure.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The three commands, to be run inside the event folder. */
export interface InitCommands {
  check: string;
  render: string;
  tally: string;
}

/** The check, render and tally commands for a folder whose roster is `roster` (relative path). */
export function commandsFor(roster: string): InitCommands {
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
