/**
 * Small CSV reader for the hand-made files the tally accepts (marks, overrides): UTF-8 with or
 * without BOM, Windows-1252 when the bytes are not UTF-8, CRLF, delimiter sniffed among ; , TAB | as
 * the roster's is (over the first records, not one line).
 * Returns rows with their 1-based starting line, or a problem when the file cannot be read at all.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Problem } from '../model/problems.js';
import { stripCellMarkers } from '../util/cells.js';
import { sniffDelimiter } from '../util/delimiter.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  rows: CsvRow[];
}

export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), 'win1252');
  }
  return text.replace(/^\uFEFF/, '');
}

export function parseCsvText(text: string, file: string): { table?: CsvTable; problems: Problem[] } {
  const normalised = text.replace(/\r\n?/g, '\n');
  if (normalised.includes('\u0000')) {
    return {
      problems: [
        {
          severity: 'error',
          code: 'csv-binary',
          file,
          message: 'is not a CSV text file (it contains binary data)',
          hint: 'save it from Excel as "CSV UTF-8" or "CSV (dipisahkan koma)"',
        },
      ],
    };
  }
  const delimiter = sniffDelimiter(normalised) ?? ';';
  try {
    const records = parse(normalised, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      relax_quotes: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const rows: CsvRow[] = [];
    for (const r of records) {
      const inner = r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      const cells = r.record.map(stripCellMarkers);
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (cells.length === 0) continue;
      rows.push({ line: r.info.lines - inner, cells });
    }
    return { table: { rows }, problems: [] };
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    return {
      problems: [
        {
          severity: 'error',
          code: 'csv-syntax',
          file,
          line: typeof err.lines === 'number' ? err.lines : undefined,
          message: `is not readable as CSV: ${err.message ?? String(e)}`,
          hint: 'check for an unclosed quote (")',
        },
      ],
    };
  }
}

export async function readCsvFile(file: string): Promise<{ table?: CsvTable; problems: Problem[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a CSV file'
          : `cannot be read (${code ?? (e as Error).message})`;
    return { problems: [{ severity: 'error', code: 'csv-unreadable', file, message: why }] };
  }
  return parseCsvText(decodeText(bytes), file);
}

/** Header matching: case-, space-, underscore- and punctuation-insensitive. */
export function normHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Digits only, for matching NIPs written spaced, with apostrophes or as ="…". */
export function nipDigits(s: string): string {
  return s.replace(/\D+/g, '');
}

export type Decision = 'signed' | 'unsigned';

const SIGNED = new Set([
  'signed',
  'sign',
  'ya',
  'y',
  'yes',
  '1',
  'sudah',
  'sudahttd',
  'ttd',
  'true',
  'v',
  '✓',
  '✔',
  '√',
  'hadir',
  'sudahtandatangan',
  'tandatangan',
  'bertandatangan',
]);
const UNSIGNED = new Set([
  'unsigned',
  'tidak',
  't',
  'no',
  'n',
  '0',
  'belum',
  'belumttd',
  'tidakttd',
  'false',
  'tidakhadir',
  'belumtandatangan',
]);

/** Reads a hand-typed decision; '' for an empty cell, null for something not understood. */
export function parseDecision(raw: string): Decision | '' | null {
  const s = raw.trim().toLowerCase();
  if (s === '') return '';
  const k = s.replace(/[\s._-]+/g, '');
  if (SIGNED.has(s) || SIGNED.has(k)) return 'signed';
  if (UNSIGNED.has(s) || UNSIGNED.has(k)) return 'unsigned';
  return null;
}

export const DECISION_HINT = 'write signed/unsigned, ya/tidak, sudah/belum, 1/0 or TTD';
