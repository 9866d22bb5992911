/**
 * Indonesian dates, times and numbers in words, for documents. Pure: every date is a calendar date
 * (YYYY-MM-DD) computed with Date.UTC, never through the machine's time zone or ICU.
 */

export const DAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;
export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Parses "YYYY-MM-DD" into a real calendar date; null for anything else (incl. 2024-02-30). */
export function parseIsoDate(iso: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso).trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

function mustParse(iso: string): CalendarDate {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return d;
}

/** Day of the week, 0 = Minggu (Sunday) … 6 = Sabtu, of a calendar date. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function dayName(iso: string): string {
  return DAYS_ID[weekdayOf(mustParse(iso))]!;
}

/** "4 November 2024", or with weekday "Senin, 4 November 2024". No zero padding. */
export function formatDateId(iso: string, opts: { weekday?: boolean } = {}): string {
  const d = mustParse(iso);
  const body = `${d.day} ${MONTHS_ID[d.month - 1]} ${d.year}`;
  return opts.weekday ? `${DAYS_ID[weekdayOf(d)]}, ${body}` : body;
}

/** "Sukamara, 4 November 2024". */
export function placeDate(city: string, iso: string): string {
  const c = city.trim();
  return c ? `${c}, ${formatDateId(iso)}` : formatDateId(iso);
}

/** "07.30" + "WIB" → "07.30 WIB". Accepts "7:30" / "07.30" / "0730"; anything else passes through. */
export function formatTime(time: string, zone?: string): string {
  const t = String(time).trim();
  let out = t;
  const m = /^(\d{1,2})[.:](\d{2})$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (m) out = `${m[1]!.padStart(2, '0')}.${m[2]}`;
  return zone ? `${out} ${zone}` : out;
}

const ONES = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

function below1000(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 1) parts.push('seratus');
  else if (h > 1) parts.push(`${ONES[h]} ratus`);
  if (rest > 0) {
    if (rest < 12) parts.push(ONES[rest]!);
    else if (rest < 20) parts.push(`${ONES[rest - 10]} belas`);
    else {
      parts.push(`${ONES[Math.floor(rest / 10)]} puluh`);
      if (rest % 10) parts.push(ONES[rest % 10]!);
    }
  }
  return parts.join(' ');
}

const SCALES: [bigint, string][] = [
  [1_000_000_000_000n, 'triliun'],
  [1_000_000_000n, 'miliar'],
  [1_000_000n, 'juta'],
  [1_000n, 'ribu'],
];

/** Whole numbers in Indonesian words: 11 → "sebelas", 1000 → "seribu", 2024 → "dua ribu dua puluh empat". */
export function terbilang(value: number | bigint | string): string {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`terbilang needs a whole number, got ${value}`);
    n = BigInt(value);
  } else {
    const s = value.trim().replace(/[.\s]/g, '');
    if (!/^-?\d+$/.test(s)) throw new RangeError(`terbilang needs a whole number, got ${JSON.stringify(value)}`);
    n = BigInt(s);
  }
  if (n < 0n) return `minus ${terbilang(-n)}`;
  if (n === 0n) return 'nol';
  if (n >= 1_000_000_000_000_000n) throw new RangeError('terbilang: number too large');
  const parts: string[] = [];
  let rest = n;
  for (const [size, word] of SCALES) {
    const q = rest / size;
    rest %= size;
    if (q === 0n) continue;
    if (q === 1n && word === 'ribu') parts.push('seribu');
    else parts.push(`${below1000(Number(q))} ${word}`);
  }
  if (rest > 0n) parts.push(below1000(Number(rest)));
  return parts.join(' ');
}

/** "Senin tanggal empat bulan November tahun dua ribu dua puluh empat" (berita acara style). */
export function dateInWords(iso: string): string {
  const d = mustParse(iso);
  return `${DAYS_ID[weekdayOf(d)]} tanggal ${terbilang(d.day)} bulan ${MONTHS_ID[d.month - 1]} tahun ${terbilang(d.year)}`;
}
