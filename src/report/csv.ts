/**
 * rekap.csv for Excel on Indonesian Windows: `;`-separated, UTF-8 with BOM, CRLF. A cell that Excel
 * would read as a formula (= + - @ TAB CR at its start) gets a leading `'`. NIPs are written spaced
 * ("19860926 201505 1 001"), which Excel keeps as text with every digit.
 */
import type { TallyPerson, TallyResult } from '../model/tally.js';
import { STATUS_WORDS, decimal, sourceText, spacedNip } from './format.js';
import { toCsv } from '../util/csv.js';

export const REKAP_COLUMNS = ['No', 'Unit', 'Nama', 'NIP', 'Status', 'Skor', 'Halaman', 'Sumber', 'Manual'];

function rows(list: TallyPerson[]): string[][] {
  return [
    REKAP_COLUMNS,
    ...list.map((p, i) => [
      String(i + 1),
      p.unit,
      p.name,
      spacedNip(p.nip),
      STATUS_WORDS[p.status],
      p.score === null ? '' : decimal(p.score, 2),
      p.page ?? '',
      sourceText(p.source),
      p.manual ? 'Ya' : '',
    ]),
  ];
}

/** rekap.csv: one row per person, signing-sheet status. */
export function rekapCsv(result: TallyResult): string {
  return toCsv(rows(result.people));
}
