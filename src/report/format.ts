/** Wording and number formats shared by the reports (Bahasa Indonesia, as offices write it). */
import type { ScanPageSource } from '../scan/types.js';
import type { PersonStatus, TallyPerson } from '../model/tally.js';
import { formatNip } from '../roster/nip.js';
import { formatDateId, parseIsoDate } from '../util/dates.js';

export const STATUS_WORDS: Record<PersonStatus, string> = {
  signed: 'Sudah TTD',
  unsigned: 'Belum TTD',
  uncertain: 'Perlu diperiksa',
  'not-scanned': 'Belum dipindai',
};

/** "2024-11-04" → "Senin, 4 November 2024"; a text that is not a calendar date is shown as it is. */
export function indonesianDate(iso: string, weekday = true): string {
  return parseIsoDate(iso) ? formatDateId(iso, { weekday }) : iso;
}

/** A NIP as the printed documents write it (`formatNip`: "19860926 201505 1 001", an old 9-digit NIP as is); null → "". */
export function spacedNip(nip: string | null): string {
  return nip ? formatNip(nip) : '';
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
