/**
 * Excel 97–2003 (.xls, BIFF8 inside an OLE2 file) and OpenDocument (.ods) rosters read with SheetJS
 * (@e965/xlsx, Apache-2.0; it reads an XLSX too, which the tests use to check xlsx.ts against it):
 * the whole file is parsed in memory, which is bounded first — an .xls by its size (BIFF8 holds at
 * most 65,536 rows), an .ods or .xlsx by what its zip unpacks to (zip.ts; xlsx.ts checks it for
 * XLSX). Sheets are chosen, and cells turned into text, as for XLSX (xlsx.ts): a date as
 * YYYY-MM-DD from its serial number (no time zone), a number as Excel shows it in a General cell, so
 * an 18-digit NIP stored as a number shows its damage and nip.ts refuses it with its row.
 */
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import type { Problem } from '../model/problems.js';
import type { PeopleBuilder } from './people.js';
import {
  cellText,
  chooseSheet,
  isDateFormat,
  noSheets,
  numberText,
  oversizeProblem,
  pushRow,
  serialDateText,
  sheetMissing,
  type SheetInfo,
  type XlsxRead,
} from './sheets.js';
import { checkInflatedSize } from './zip.js';

export type WholeWorkbook = 'xls' | 'ods' | 'xlsx';

/** An .xls of a full 65,536-row sheet with SIASN's 66 columns is about 40 MB. */
export const XLS_MAX_BYTES = 128 * 1024 * 1024;
/** What an .ods may unpack to: its content.xml is read whole, as one string. */
export const ODS_MAX_INFLATED = 200 * 1024 * 1024;

const WHAT: Record<'xls' | 'ods', string> = {
  xls: 'an Excel 97–2003 workbook (.xls)',
  ods: 'an OpenDocument spreadsheet (.ods)',
};
const CODE: Record<WholeWorkbook, string> = { xls: 'roster-xls', ods: 'roster-format', xlsx: 'roster-xlsx-unreadable' };
const HINT: Record<WholeWorkbook, string> = {
  xls: 'open it in Excel and save it again as "Excel Workbook (*.xlsx)", or as "CSV UTF-8 (Comma delimited) (*.csv)"',
  ods: 'open it in LibreOffice and save it again as "Excel 2007-365 (.xlsx)", or as CSV (UTF-8)',
  xlsx: 'open it in Excel and save it again as "Excel Workbook (*.xlsx)", or save it as CSV UTF-8',
};

export function unreadable(file: string, type: WholeWorkbook, why: string): Problem {
  return {
    severity: 'error',
    code: CODE[type],
    file,
    message:
      type === 'xlsx'
        ? `'${file}' cannot be read as an Excel workbook (.xlsx): ${why}`
        : `'${file}' is ${WHAT[type]} that cannot be read: ${why}`,
    hint: HINT[type],
    params: { _m: `${type}-unreadable`, _h: `${type}-unreadable`, file, why },
  };
}

export async function readWholeWorkbook(
  file: string,
  type: WholeWorkbook,
  makeBuilder: () => PeopleBuilder,
  wanted: string | undefined,
): Promise<XlsxRead> {
  const builder = makeBuilder();
  const fail = (p: Problem): XlsxRead => ({ builder, sheets: [], problems: [p] });
  if (type === 'ods') {
    const over = await checkInflatedSize(file, ODS_MAX_INFLATED);
    if (over) return fail(oversizeProblem(file, over, ODS_MAX_INFLATED));
  }
  let wb: XLSX.WorkBook;
  try {
    const buf = await readFile(file);
    if (type === 'xls' && buf.length > XLS_MAX_BYTES)
      return fail(
        unreadable(
          file,
          type,
          `it is ${Math.ceil(buf.length / 2 ** 20)} MB, more than an Excel 97–2003 sheet can hold`,
        ),
      );
    wb = quietly(() =>
      XLSX.read(buf, {
        type: 'buffer',
        dense: true,
        cellNF: true,
        cellDates: false,
        cellFormula: false,
        cellHTML: false,
        cellStyles: false,
        WTF: false,
      }),
    );
  } catch (e) {
    return fail(unreadable(file, type, e instanceof Error ? e.message : String(e)));
  }
  const states = wb.Workbook?.Sheets ?? [];
  const list: SheetInfo[] = wb.SheetNames.map((name, i) => ({ name, state: states[i]?.Hidden ? 'hidden' : 'visible' }));
  const sheets = list.map((s) => s.name);
  if (list.length === 0) return { builder, sheets, problems: [noSheets(file)] };
  const target = chooseSheet(list, wanted);
  const ws = target === undefined ? undefined : wb.Sheets[target];
  if (!ws) return { builder, sheets, problems: [sheetMissing(file, wanted ?? '', sheets)] };
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const rows = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  let beyond: Problem | undefined;
  for (let r = 0; r < rows.length && !beyond; r++) {
    const row = rows[r];
    if (row)
      beyond = pushRow(
        builder,
        file,
        r + 1,
        Array.from(row, (c) => sheetCellText(c, date1904)),
      );
  }
  return { builder, sheet: target!, sheets, problems: beyond ? [beyond] : [] };
}

/**
 * Runs a synchronous SheetJS call with the console muted: it writes notes of its own to
 * console.error ("ODS number format may be incorrect" for LibreOffice's default number styles),
 * and only src/cli/ prints.
 */
function quietly<T>(f: () => T): T {
  const { error, warn } = console;
  console.error = console.warn = () => {};
  try {
    return f();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

/** The text of a SheetJS cell, as cellText gives it for the same cell of an XLSX. */
function sheetCellText(c: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!c || c.v === undefined || c.v === null) return '';
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      return (typeof c.z === 'string' && isDateFormat(c.z) && serialDateText(v, date1904)) || numberText(v);
    }
    case 'e':
      return c.w ?? '';
    case 'z':
      return '';
    default:
      return cellText(c.v);
  }
}
