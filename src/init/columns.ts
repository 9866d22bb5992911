/**
 * The `columns:` part of a fresh event file. Without an export it is a commented explanation of
 * every roster field; with `--from-siasn` it is built from the export's header row: fields the known
 * header spellings find are written explicitly (so the clerk sees the mapping), fields they do not
 * find are written as commented suggestions (the closest headers, or the usual spelling).
 */
import type { RosterField } from '../model/event.js';
import { HEADER_ALIASES, closestHeaders, mapHeaders } from '../roster/headers.js';
import { SMALL_UNIT } from '../check/grouping.js';

/** Every roster field in the order it is written, with its explanation in Indonesian. */
export const FIELD_NOTES: readonly { field: RosterField; example: string; note: string }[] = [
  { field: 'nip', example: 'NIP', note: 'NIP 18 angka (boleh kosong untuk pegawai non-ASN)' },
  { field: 'nipLama', example: 'NIP LAMA', note: 'NIP lama 9 angka (tidak wajib)' },
  { field: 'name', example: 'NAMA', note: 'nama pegawai (wajib)' },
  { field: 'frontTitle', example: 'GELAR DEPAN', note: 'gelar di depan nama, mis. Dr., H., Hj. (tidak wajib)' },
  { field: 'backTitle', example: 'GELAR BELAKANG', note: 'gelar di belakang nama, mis. S.Pd., M.Si. (tidak wajib)' },
  { field: 'rank', example: 'PANGKAT/GOL', note: 'pangkat/golongan, mis. "Penata, III/c", III/c, 3C, Golongan IX' },
  { field: 'position', example: 'JABATAN', note: 'jabatan' },
  { field: 'unit', example: 'UNIT KERJA', note: 'unit kerja / perangkat daerah (wajib): satu lembar per unit' },
  { field: 'kind', example: 'STATUS', note: 'status pegawai: PNS, PPPK, atau non-ASN' },
  { field: 'sex', example: 'JENIS KELAMIN', note: 'jenis kelamin L/P (tidak wajib)' },
  { field: 'key', example: 'KODE PESERTA', note: 'kode peserta untuk yang tidak ber-NIP (tidak wajib)' },
  {
    field: 'eselon',
    example: 'ESELON',
    note: 'eselon jabatan struktural, mis. II.b (tidak wajib): kepala unit = eselon tertinggi',
  },
];

export interface ColumnPlan {
  /** Fields the known spellings found, with the header as written in the export. */
  mapped: { field: RosterField; header: string }[];
  /** Fields not found; `required` ones stop the roster from loading until they are mapped. */
  missing: { field: RosterField; required: boolean; suggestions: string[] }[];
}

/** Which fields the header row gives, and suggestions for the rest. */
export function planColumns(headers: string[]): ColumnPlan {
  const m = mapHeaders(headers);
  const taken = new Set<number>(Object.values(m.fields).filter((i): i is number => i !== undefined));
  const required = new Set<RosterField>(['name', 'unit']);
  if (m.fields.kind === undefined) required.add('nip');
  const plan: ColumnPlan = { mapped: [], missing: [] };
  for (const { field } of FIELD_NOTES) {
    const idx = m.fields[field];
    if (idx !== undefined) plan.mapped.push({ field, header: m.headers[idx]! });
    else
      plan.missing.push({ field, required: required.has(field), suggestions: closestHeaders(m.headers, field, taken) });
  }
  return plan;
}

/** A YAML scalar for a header: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(s: string): string {
  const plain = /^[\p{L}][\p{L}\p{N} ._/()'’,-]*$/u.test(s) && !/\s$/.test(s) && !/[:#]/.test(s);
  const reserved = /^(true|false|null|yes|no|on|off|y|n)$/i.test(s);
  return plain && !reserved ? s : JSON.stringify(s);
}

const COMMENT_COLUMN = 38;

function line(text: string, comment: string): string {
  const pad = text.length < COMMENT_COLUMN ? ' '.repeat(COMMENT_COLUMN - text.length) : '  ';
  return `${text}${pad}# ${comment}`;
}

const RULE = '# --- Daftar pegawai ---------------------------------------------------------------------';

/**
 * The "Daftar pegawai" section of the event file. `plan` absent: every field commented out with
 * the usual header. `plan` given: the mapping from `source` (the export's name, for the comment).
 */
export function columnsSection(plan?: ColumnPlan, source?: string, sheet?: string, units?: UnitsChoice): string {
  return columnLines(plan, source, sheet).join('\n') + '\n' + unitsLines(units).join('\n') + '\n';
}

/** What `init --from-siasn` chose to group people by (src/check/grouping.ts). */
export interface UnitsChoice {
  column: string;
  units: number;
  /** The roster's own unit column, when it was not chosen, and what it would give. */
  finer?: { column: string; units: number; small: number };
}

/** The commented explanation of units:, example values included. */
export const UNITS_HELP: readonly string[] = [
  '# Pengelompokan pegawai ke lembar tanda tangan (satu set lembar per unit). Bawaan: kolom unit kerja',
  '# (UNIT KERJA / UNOR NAMA). Pada ekspor SIASN, UNOR NAMA adalah unit terkecil (Seksi, Sub Bagian);',
  '# UNOR INDUK NAMA adalah unit di atasnya. Hapus tanda # bila perlu:',
  '# units:',
  line('#   column: UNOR INDUK NAMA', 'kolom yang mengelompokkan pegawai ke lembar'),
  line('#   merge:', 'gabungkan unit ke OPD (name:, in: atau matches:, lalu into:)'),
  '#     - matches: ^UPT Puskesmas',
  '#       into: Dinas Kesehatan',
  line('#   order:', 'urutan lembar (bagan organisasi); unit lain menyusul'),
  '#     - Sekretariat Daerah',
  '#     - Sekretariat DPRD',
  '#     - Inspektorat',
  '#     - matches: "^Dinas "',
  '#     - matches: "^Badan "',
  '#     - matches: "^Kecamatan "',
  '#     - matches: "^Kelurahan "',
];

function unitsLines(units?: UnitsChoice): string[] {
  if (!units || !units.finer) return ['', ...UNITS_HELP];
  const f = units.finer;
  return [
    '',
    `# Diisi oleh "ikrar init --from-siasn": ${f.column} memberi ${f.units} unit, ${f.small} di antaranya kurang`,
    `# dari ${SMALL_UNIT} orang (Seksi, Sub Bagian); ${units.column} memberi ${units.units} unit seukuran OPD.`,
    ...UNITS_HELP.slice(0, 3),
    'units:',
    line(`  column: ${yamlScalar(units.column)}`, 'kolom yang mengelompokkan pegawai ke lembar'),
    ...UNITS_HELP.slice(5),
  ];
}

function columnLines(plan?: ColumnPlan, source?: string, sheet?: string): string[] {
  const out: string[] = [RULE];
  if (!plan) {
    out.push(
      '# ikrar mengenali sendiri judul kolom yang lazim: NIP / NIP BARU, NAMA, GELAR DEPAN, GELAR BELAKANG,',
      '# PANGKAT/GOL / GOLRU / GOL AKHIR NAMA, JABATAN / JABATAN NAMA, UNIT KERJA / UNOR NAMA / OPD, STATUS.',
      '# Bila judul kolom daftar pegawai Anda lain, hapus tanda # di depan "columns:" dan di depan',
      '# baris kolom yang perlu, lalu tulis judul kolom persis seperti pada baris pertama daftar pegawai',
      '# (isian: judul kolom). Kolom yang tidak disebut tetap dikenali sendiri.',
      '# columns:',
    );
    for (const f of FIELD_NOTES) out.push(line(`#   ${f.field}: ${yamlScalar(f.example)}`, f.note));
    out.push(line('# sheet: Pegawai', 'nama lembar kerja pada berkas .xlsx (bawaan: lembar pertama)'));
    return out;
  }
  const src = source ?? 'ekspor SIASN';
  out.push(
    `# Diisi oleh "ikrar init --from-siasn" dari baris judul berkas ${src}.`,
    '# Kolom yang dikenali ditulis lengkap di bawah agar terlihat; ubah bila ada yang keliru',
    '# (isian: judul kolom persis seperti pada baris pertama daftar pegawai).',
  );
  const missingRequired = plan.missing.filter((m) => m.required);
  if (missingRequired.length) {
    out.push(
      '# PERHATIAN: kolom bertanda "WAJIB" belum ditemukan. Hapus tanda # di depannya dan tulis',
      '# judul kolom yang benar; tanpa itu daftar pegawai tidak dapat dibaca.',
    );
  }
  out.push('columns:');
  const notes = new Map(FIELD_NOTES.map((f) => [f.field, f.note]));
  for (const f of FIELD_NOTES) {
    const hit = plan.mapped.find((m) => m.field === f.field);
    if (hit) {
      out.push(line(`  ${f.field}: ${yamlScalar(hit.header)}`, notes.get(f.field)!));
      continue;
    }
    const miss = plan.missing.find((m) => m.field === f.field)!;
    // Suggestions only where a column is needed; optional fields show their usual header.
    const guess = (miss.required ? miss.suggestions[0] : undefined) ?? HEADER_ALIASES[f.field][0] ?? f.example;
    const why = miss.required ? 'WAJIB, belum ditemukan' : 'tidak ditemukan';
    const close =
      miss.required && miss.suggestions.length
        ? `; yang paling mirip: ${miss.suggestions.map((s) => `'${s}'`).join(' atau ')}`
        : '';
    out.push(line(`  # ${f.field}: ${yamlScalar(guess)}`, `${why}: ${notes.get(f.field)!}${close}`));
  }
  if (sheet !== undefined)
    out.push(line(`# sheet: ${yamlScalar(sheet)}`, `lembar kerja yang dibaca dari ${src} (bawaan: lembar pertama)`));
  else out.push(line('# sheet: Pegawai', 'nama lembar kerja pada berkas .xlsx (bawaan: lembar pertama)'));
  return out;
}
