/**
 * Header recognition: which roster column holds which person field.
 * Headers are compared case- and space-insensitively, ignoring `_`, `.`, `-`, `/`, quotes and a BOM.
 */
import type { RosterField } from '../model/event.js';
import { clipValue, headersFound } from '../util/listing.js';

/** Known header spellings per field, best first (the first alias found wins when several are present). */
export const HEADER_ALIASES: Record<RosterField, readonly string[]> = {
  nip: [
    'NIP BARU',
    'NIP',
    'NIP 18',
    'NIP 18 DIGIT',
    'NO NIP',
    'NOMOR NIP',
    'NOMOR INDUK PEGAWAI',
    'NIP/NRPTT',
    'NIP/NI PPPK',
    'NI PPPK',
    'NIP/NRP',
    'NRP/NIP',
    'NIP / NRP',
    'NIP NRP',
  ],
  nrp: ['NRP', 'NOMOR REGISTRASI POKOK', 'NO NRP', 'NRP TNI', 'NRP POLRI'],
  nipLama: ['NIP LAMA', 'NIP 9', 'NIP LAMA 9 DIGIT'],
  name: ['NAMA', 'NAMA LENGKAP', 'NAMA PEGAWAI', 'NAMA ASN', 'NAMA PESERTA', 'NAMA TANPA GELAR', 'NAMA DAN GELAR'],
  frontTitle: ['GELAR DEPAN', 'GELAR DPN', 'GLR DEPAN'],
  backTitle: ['GELAR BELAKANG', 'GELAR BLKG', 'GLR BELAKANG'],
  rank: [
    'GOL AKHIR NAMA',
    'GOLRU',
    'GOL',
    'GOLONGAN',
    'PANGKAT',
    'PANGKAT/GOL',
    'PANGKAT/GOLONGAN',
    'PANGKAT GOL',
    'PANGKAT/GOL RUANG',
    'PANGKAT/GOL/RUANG',
    'PANGKAT GOLONGAN',
    'GOL/RUANG',
    'GOLONGAN/RUANG',
    'GOL RUANG',
    'GOL AKHIR',
    'PANGKAT/GOLRU',
    'PANGKAT, GOL',
    'PANGKAT, GOLONGAN',
    'PANGKAT DAN GOLONGAN',
  ],
  position: ['JABATAN NAMA', 'JABATAN', 'NAMA JABATAN', 'JABATAN TERAKHIR', 'JABATAN SEKARANG'],
  unit: [
    'UNIT KERJA',
    'UNOR NAMA',
    'OPD',
    'SKPD',
    'PERANGKAT DAERAH',
    'NAMA OPD',
    'NAMA SKPD',
    'UNIT ORGANISASI',
    'UNOR',
    'SATKER',
    'SATUAN KERJA',
    'UNIT',
    'INSTANSI',
    'NAMA UNIT KERJA',
    'UNIT KERJA/OPD',
    'OPD/UNIT KERJA',
  ],
  kind: [
    'JENIS PEGAWAI NAMA',
    'STATUS',
    'STATUS PEGAWAI',
    'JENIS PEGAWAI',
    'STATUS KEPEGAWAIAN',
    'JENIS',
    'STATUS ASN',
    'KATEGORI',
    'KIND',
    'JENIS PESERTA',
    'STATUS PESERTA',
    'UNSUR',
    'KATEGORI PESERTA',
  ],
  sex: ['JENIS KELAMIN', 'JK', 'L/P', 'KELAMIN', 'SEX', 'GENDER'],
  key: ['KEY', 'KUNCI', 'ID PESERTA', 'KODE PESERTA'],
  eselon: ['ESELON', 'ESELON NAMA', 'ESELON JABATAN', 'ESELON ID', 'ESL', 'ESELONERING'],
};

/** Human-readable labels for messages. */
export const FIELD_LABELS: Record<RosterField, string> = {
  nip: 'NIP',
  nrp: 'NRP',
  nipLama: 'NIP lama',
  name: 'nama',
  frontTitle: 'gelar depan',
  backTitle: 'gelar belakang',
  rank: 'pangkat/golongan',
  position: 'jabatan',
  unit: 'unit kerja',
  kind: 'status (PNS/PPPK/TNI/Polri/Wali Nagari/non-ASN)',
  sex: 'jenis kelamin',
  key: 'key',
  eselon: 'eselon',
};

const FIELD_ORDER: RosterField[] = [
  'nip',
  'nrp',
  'nipLama',
  'name',
  'frontTitle',
  'backTitle',
  'rank',
  'position',
  'unit',
  'kind',
  'sex',
  'key',
  'eselon',
];

/** Strips a BOM, quotes, a leading `'`; trims; collapses spaces. This is how a header is shown. */
export function cleanHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/^['"]+|["]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Comparison key: upper-case letters and digits only. "Nip_Baru", "NIP BARU", "nip.baru" → "NIPBARU". */
export function headerKey(h: string): string {
  return cleanHeader(h)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

const ALIAS_INDEX: Map<string, { field: RosterField; rank: number }> = (() => {
  const m = new Map<string, { field: RosterField; rank: number }>();
  for (const field of FIELD_ORDER) {
    HEADER_ALIASES[field].forEach((alias, rank) => {
      const k = headerKey(alias);
      if (!m.has(k)) m.set(k, { field, rank });
    });
  }
  return m;
})();

export interface HeaderMapping {
  /** Column index per recognised field. */
  fields: Partial<Record<RosterField, number>>;
  /** Cleaned headers, in column order (empty strings for unnamed columns). */
  headers: string[];
  /** Problems found while mapping (missing required columns, event mappings that name no column). */
  errors: HeaderError[];
}

export interface HeaderError {
  code: 'missing-column' | 'column-mapping-missing';
  field: string;
  message: string;
  hint?: string;
  /** Values for the message in the interface language (see Problem.params). */
  params?: Record<string, string | number>;
}

/** Edit distance (Levenshtein), capped work for long strings. */
function distance(a: string, b: string): number {
  if (a.length > 64) a = a.slice(0, 64);
  if (b.length > 64) b = b.slice(0, 64);
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

function tokens(h: string): string[] {
  return cleanHeader(h)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length > 0);
}

/** Similarity in [0, 1] between a header and the best alias of a field (edit distance and shared words). */
function similarity(header: string, field: RosterField): number {
  const hk = headerKey(header);
  if (!hk) return 0;
  const ht = new Set(tokens(header));
  let best = 0;
  for (const alias of HEADER_ALIASES[field]) {
    const ak = headerKey(alias);
    const d = distance(hk, ak);
    const edit = 1 - d / Math.max(hk.length, ak.length);
    const at = tokens(alias);
    const shared = at.filter((t) => ht.has(t)).length;
    const overlap = shared / Math.max(at.length, ht.size);
    best = Math.max(best, edit, overlap * 0.9);
  }
  return best;
}

/** Up to two headers most like the field's known names, best first. */
export function closestHeaders(headers: string[], field: RosterField, exclude: Set<number> = new Set()): string[] {
  const scored = headers
    .map((h, i) => ({ h, i, s: exclude.has(i) ? 0 : similarity(h, field) }))
    .filter((x) => x.s >= 0.4)
    .sort((a, b) => b.s - a.s || a.i - b.i);
  return scored.slice(0, 2).map((x) => x.h);
}

function shorten(h: string, max = 40): string {
  return clipValue(h, max, max - 1);
}

/** "NIP, NAMA, SATKER" — at most 20 headers, each at most 40 characters, then "and 46 more". */
export function listHeaders(headers: string[]): string {
  return headersListed(headers).text;
}

/** The same in both languages (the Indonesian for a translated message's params). */
function headersListed(headers: string[]): { text: string; textId: string } {
  return headersFound(
    headers.map((h) => shorten(h)),
    20,
  );
}

/**
 * Maps header cells to fields. `columns` (from the event file) names the header for a field and
 * overrides recognition. Required: name and unit; nip unless a status/kind column is present.
 */
export function mapHeaders(rawHeaders: string[], columns: Partial<Record<RosterField, string>> = {}): HeaderMapping {
  const headers = rawHeaders.map(cleanHeader);
  const keys = headers.map(headerKey);
  const fields: Partial<Record<RosterField, number>> = {};
  const errors: HeaderError[] = [];
  const taken = new Set<number>();

  // 1. Explicit mappings from the event file.
  for (const field of FIELD_ORDER) {
    const wanted = columns[field];
    if (wanted === undefined || wanted === null || String(wanted).trim() === '') continue;
    const k = headerKey(String(wanted));
    const idx = keys.indexOf(k);
    if (idx >= 0) {
      fields[field] = idx;
      taken.add(idx);
    } else {
      const close = closestByText(headers, String(wanted));
      errors.push({
        code: 'column-mapping-missing',
        field: `columns.${field}`,
        message:
          `the event file maps ${FIELD_LABELS[field]} to the column '${String(wanted)}', but the roster has no such column; ` +
          `headers found: ${listHeaders(headers)}` +
          (close.length ? `; closest: ${close.map((c) => `'${c}'`).join(' or ')}` : ''),
        hint: close.length
          ? `write the header exactly as in the roster, e.g. columns: { ${field}: "${close[0]}" }`
          : 'write the header exactly as it appears in the first row of the roster',
      });
    }
  }

  // 2. Known spellings; among several candidates for one field, the best-ranked alias wins.
  const best: Partial<Record<RosterField, { idx: number; rank: number }>> = {};
  keys.forEach((k, idx) => {
    if (taken.has(idx) || k === '') return;
    const hit = ALIAS_INDEX.get(k);
    if (!hit || columns[hit.field]) return;
    const cur = best[hit.field];
    if (!cur || hit.rank < cur.rank) best[hit.field] = { idx, rank: hit.rank };
  });
  for (const field of FIELD_ORDER) {
    const b = best[field];
    if (b && fields[field] === undefined) {
      fields[field] = b.idx;
      taken.add(b.idx);
    }
  }

  // 3. Required columns.
  const required: RosterField[] = ['name', 'unit'];
  if (fields.kind === undefined) required.unshift('nip');
  const missing = required.filter((f) => fields[f] === undefined && !columns[f]);
  if (missing.length > 0) {
    const parts = missing.map((f) => {
      const close = closestHeaders(headers, f, taken);
      const known = HEADER_ALIASES[f].slice(0, 3).join(' / ');
      return {
        f,
        close,
        text:
          `${FIELD_LABELS[f]} (${known})` +
          (close.length ? ` — closest: ${close.map((c) => `'${shorten(c)}'`).join(' or ')}` : ''),
      };
    });
    const example = parts.map((p) => `${p.f}: "${p.close[0] ?? HEADER_ALIASES[p.f][0]}"`).join(', ');
    errors.push({
      code: 'missing-column',
      field: missing.map((f) => HEADER_ALIASES[f][0]).join(', '),
      message:
        `the roster has no column for ${parts.map((p) => p.text).join('; ')}. Headers found: ${listHeaders(headers)}` +
        (missing.includes('nip')
          ? '. (The NIP column may only be left out when a STATUS column marks everyone as non-ASN.)'
          : ''),
      hint: `rename the column in the roster, or map it in the event file: columns: { ${example} }`,
      // for the message in the interface language (src/i18n); "≈" marks the closest headers
      params: {
        ...(missing.includes('nip') ? { _m: 'nip' } : {}),
        columns: parts
          .map(
            (p) =>
              `${FIELD_LABELS[p.f]} (${HEADER_ALIASES[p.f].slice(0, 3).join(' / ')})` +
              (p.close.length ? ` ≈ ${p.close.map((c) => `'${shorten(c)}'`).join(' / ')}` : ''),
          )
          .join('; '),
        headers: headersListed(headers).textId,
        example,
      },
    });
  }
  return { fields, headers, errors };
}

function closestByText(headers: string[], wanted: string): string[] {
  const wk = headerKey(wanted);
  return headers
    .map((h, i) => ({ h, i, d: distance(headerKey(h), wk) / Math.max(1, Math.max(headerKey(h).length, wk.length)) }))
    .filter((x) => x.h !== '' && x.d <= 0.6)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, 2)
    .map((x) => x.h);
}

/** How many headers of a row are known header spellings (to find the header row under title rows). */
export function countKnownHeaders(cells: string[]): { known: number; hasName: boolean } {
  let known = 0;
  let hasName = false;
  const seen = new Set<RosterField>();
  for (const c of cells) {
    const hit = ALIAS_INDEX.get(headerKey(c));
    if (hit && !seen.has(hit.field)) {
      seen.add(hit.field);
      known++;
      if (hit.field === 'name') hasName = true;
    }
  }
  return { known, hasName };
}
