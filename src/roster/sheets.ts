/**
 * What the workbook readers share (xlsx.ts: ikrar's own; workbook.ts: SheetJS): which sheet is read,
 * the problems of a workbook as a whole, Excel's sheet limits, a row handed on, and the text a cell
 * shows (dates from their serial numbers through SheetJS's number-format code, SSF).
 */
import * as XLSX from '@e965/xlsx';
import type { Problem } from '../model/problems.js';
import type { PeopleBuilder } from './people.js';
import { XLSX_MAX_INFLATED, type Oversize } from './zip.js';
import { listSome, quoteValue } from '../util/listing.js';

const MB = (n: number) => Math.ceil(n / (1024 * 1024)).toLocaleString('en-US');

/** A workbook (a zip) that unpacks to more than `max` bytes. */
export function oversizeProblem(file: string, o: Oversize, max = XLSX_MAX_INFLATED): Problem {
  const limit = MB(max);
  const message = o.declared
    ? `'${file}' would unpack to more than ${limit} MB (${MB(o.bytes)} MB by the time of its part ${o.entry}); ikrar reads workbooks up to ${limit} MB unpacked`
    : `'${file}' unpacks to more than ${limit} MB: its part ${o.entry} holds far more than its size says, so reading stopped; ikrar reads workbooks up to ${limit} MB unpacked`;
  return {
    severity: 'error',
    code: 'roster-xlsx-too-large',
    file,
    message,
    hint: 'this is not an ordinary roster workbook (it may be damaged): export the roster again, or save it as "CSV UTF-8" and give that file',
    params: { _m: o.declared ? 'declared' : 'inflated', file, limit, mb: MB(o.bytes), entry: o.entry },
  };
}

/** Rows and columns beyond Excel's own limits only come from a damaged or crafted file. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;

export function beyondSheet(file: string, row: number, columns: number): Problem | undefined {
  if (row <= XLSX_MAX_ROWS && columns <= XLSX_MAX_COLUMNS) return undefined;
  const what =
    row > XLSX_MAX_ROWS
      ? `row ${row} is beyond Excel's last row (${XLSX_MAX_ROWS})`
      : `row ${row} has ${columns} columns, more than Excel's ${XLSX_MAX_COLUMNS}`;
  return {
    severity: 'error',
    code: 'roster-xlsx-too-large',
    file,
    line: Math.min(row, XLSX_MAX_ROWS + 1),
    message: `${what}: the workbook is damaged; rows from there were not read`,
    hint: 'open it in Excel and save it again, or export the roster again',
    params:
      row > XLSX_MAX_ROWS
        ? { _m: 'rows', _h: 'damaged', row, max: XLSX_MAX_ROWS }
        : { _m: 'columns', _h: 'damaged', row, columns, max: XLSX_MAX_COLUMNS },
  };
}

/** A sheet row handed to the builder (trailing empty cells dropped, empty rows skipped); the problem when it is past Excel's limits. */
export function pushRow(builder: PeopleBuilder, file: string, row: number, cells: string[]): Problem | undefined {
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  if (!cells.length) return undefined;
  const beyond = beyondSheet(file, row, cells.length);
  if (!beyond) builder.push(cells, row);
  return beyond;
}

export interface SheetInfo {
  name: string;
  state?: string;
}

export interface XlsxRead {
  builder: PeopleBuilder;
  sheet?: string;
  sheets: string[];
  problems: Problem[];
}

const sameSheet = (name: string, want: string) =>
  name === want || name.trim().toLowerCase() === want.trim().toLowerCase();

/** The sheet to read: the named one (exact, else ignoring case and outer spaces), else the first visible one. */
export function chooseSheet(list: SheetInfo[], wanted: string | undefined): string | undefined {
  if (wanted !== undefined)
    return (list.find((s) => s.name === wanted) ?? list.find((s) => sameSheet(s.name, wanted)))?.name;
  return (list.find((s) => !s.state || s.state === 'visible') ?? list[0])?.name;
}

export function sheetMissing(file: string, wanted: string, names: string[]): Problem {
  const sheets = listSome(names.map((n) => quoteValue(n)));
  return {
    severity: 'error',
    code: 'roster-sheet-missing',
    file,
    field: 'sheet',
    message: `the workbook has no sheet named ${quoteValue(wanted)}; its sheets are: ${sheets.text}`,
    hint: names.length ? `write the sheet name exactly as on its tab, e.g. sheet: "${names[0]}"` : 'check the workbook',
    params: {
      wanted: quoteValue(wanted),
      sheets: sheets.textId,
      first: names[0] ?? '',
      ...(names.length ? {} : { _h: 'none' }),
    },
  };
}

export function noSheets(file: string): Problem {
  return {
    severity: 'error',
    code: 'roster-xlsx-unreadable',
    file,
    message: `'${file}' is a zip file but holds no Excel worksheets`,
    hint: 'give the roster as an Excel workbook (.xlsx) or a CSV file',
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The text a cell holds, as Excel shows it in a General cell. A number of 16 or more digits is shown
 * in scientific notation ("1.98609262015051E+17"): Excel keeps 15 significant digits, so an 18-digit
 * NIP stored as a number has lost its last digits and must not look like a valid NIP.
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const date = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    const h = v.getUTCHours();
    const m = v.getUTCMinutes();
    const s = v.getUTCSeconds();
    if (h === 0 && m === 0 && s === 0) return date;
    return `${date} ${pad2(h)}:${pad2(m)}${s ? `:${pad2(s)}` : ''}`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('error' in o) return String(o.error ?? '');
    if ('text' in o) return cellText(o.text);
    if ('result' in o) return cellText(o.result);
  }
  return '';
}

export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (Math.abs(n) >= 1e15) {
    const [mant, exp] = n.toPrecision(15).split('e');
    const m = mant!.includes('.') ? mant!.replace(/0+$/, '').replace(/\.$/, '') : mant!;
    return `${m}E${exp!.startsWith('-') ? exp : `+${exp!.replace(/^\+/, '')}`}`;
  }
  // Excel shows at most 15 significant digits; this also drops float noise (0.1 + 0.2).
  return String(Number(n.toPrecision(15)));
}

/** A date serial number (days since 1900, with Excel's 1900 leap day, or since 1904) as cellText shows a date. */
export function serialDateText(serial: number, date1904: boolean): string | undefined {
  const d = XLSX.SSF.parse_date_code(serial, { date1904 }) as
    | { y: number; m: number; d: number; H: number; M: number; S: number }
    | undefined;
  return d ? cellText(new Date(Date.UTC(d.y, d.m - 1, d.d, d.H, d.M, d.S))) : undefined;
}

/** Whether a number format shows a date or time: its code, else Excel's built-in format `id` (27–36 and 50–58 are East Asian dates). */
export function isDateFormat(code: string | undefined, id?: number): boolean {
  const builtin = id === undefined ? undefined : (XLSX.SSF.get_table() as Record<number, string>)[id];
  const c = code ?? builtin;
  if (c !== undefined) return Boolean(XLSX.SSF.is_date(c));
  return id !== undefined && ((id >= 27 && id <= 36) || (id >= 50 && id <= 58));
}
