/**
 * CSV for Excel on Indonesian Windows, the one writer of every CSV ikrar makes (rekap.csv, the
 * review's overrides.csv, init's roster.csv): `;`-separated, UTF-8 with BOM, CRLF, cells quoted only
 * when they must be. A cell that Excel would read as a formula (= + - @ TAB CR at its start) gets a
 * leading `'`, which Excel shows as text and the roster and tally readers remove again.
 */

export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(raw: string): string {
  const cell = neutralise(raw);
  return /[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows → CSV text with BOM and CRLF line ends. */
export function toCsv(rows: string[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(';') + '\r\n').join('');
}
