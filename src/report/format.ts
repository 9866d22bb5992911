/** Wording and number formats shared by the reports (Bahasa Indonesia, as offices write it). */
import type { ScanPageSource } from '../scan/types.js';
import type { PersonStatus, TallyPerson } from '../tally/types.js';

export const STATUS_WORDS: Record<PersonStatus, string> = {
  signed: 'Sudah TTD',
  unsigned: 'Belum TTD',
  uncertain: 'Perlu diperiksa',
  'not-scanned': 'Belum dipindai',
};

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "2024-11-04" → "Senin, 4 November 2024" (a calendar date; no time zone involved). */
export function indonesianDate(iso: string, weekday = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return iso;
  const day = DAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]!;
  const text = `${d} ${MONTHS[mo - 1]} ${y}`;
  return weekday ? `${day}, ${text}` : text;
}

/** "198609262015051001" → "19860926 201505 1 001"; other lengths in groups of three; null → "". */
export function spacedNip(nip: string | null): string {
  if (!nip) return '';
  const d = nip.replace(/\s+/g, '');
  if (/^\d{18}$/.test(d)) return `${d.slice(0, 8)} ${d.slice(8, 14)} ${d.slice(14, 15)} ${d.slice(15)}`;
  if (/^\d+$/.test(d) && d.length > 3) return d.replace(/(\d{3})(?=\d)/g, '$1 ');
  return nip;
}

/** Decimal comma, as Indonesian Excel and readers expect: 83.3 → "83,3". */
export function decimal(n: number, digits = 1): string {
  return n.toFixed(digits).replace('.', ',');
}

export function percentText(n: number): string {
  return `${decimal(n, 1)}%`;
}

/** "scan.pdf hlm. 2", "marks.csv:3", or "" when not scanned. */
export function sourceText(source: ScanPageSource | string | null): string {
  if (source === null) return '';
  if (typeof source === 'string') return source;
  return `${source.file} hlm. ${source.page}`;
}

/** The people who still must sign: everyone not signed, in the given order. */
export function stillToSign(list: TallyPerson[]): TallyPerson[] {
  return list.filter((p) => p.status !== 'signed');
}
