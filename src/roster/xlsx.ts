/**
 * XLSX rosters: exceljs's streaming reader (with a whole-file fallback), after zip.ts has checked
 * what the workbook unpacks to; rows and columns past Excel's own limits are a named error.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Problem } from '../model/problems.js';
import type { PeopleBuilder } from './people.js';
import { XLSX_MAX_INFLATED, checkInflatedSize, type Oversize } from './zip.js';
import { listSome, quoteValue } from '../util/listing.js';

const MB = (n: number) => Math.ceil(n / (1024 * 1024)).toLocaleString('en-US');

function oversizeProblem(file: string, o: Oversize): Problem {
  const limit = MB(XLSX_MAX_INFLATED);
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

function beyondSheet(file: string, row: number, columns: number): Problem | undefined {
  if (row <= XLSX_MAX_ROWS && columns <= XLSX_MAX_COLUMNS) return undefined;
  const what = row > XLSX_MAX_ROWS ? `row ${row} is beyond Excel's last row (${XLSX_MAX_ROWS})` : `row ${row} has ${columns} columns, more than Excel's ${XLSX_MAX_COLUMNS}`;
  return {
    severity: 'error',
    code: 'roster-xlsx-too-large',
    file,
    line: Math.min(row, XLSX_MAX_ROWS + 1),
    message: `${what}: the workbook is damaged; rows from there were not read`,
    hint: 'open it in Excel and save it again, or export the roster again',
    params: row > XLSX_MAX_ROWS ? { _m: 'rows', _h: 'damaged', row, max: XLSX_MAX_ROWS } : { _m: 'columns', _h: 'damaged', row, columns, max: XLSX_MAX_COLUMNS },
  };
}

// ---------------------------------------------------------------- XLSX

interface SheetInfo {
  name: string;
  state?: string;
}

interface XlsxRead {
  builder: PeopleBuilder;
  sheet?: string;
  sheets: string[];
  problems: Problem[];
}

/**
 * exceljs's streaming reader (through unzipper) now and then misses zip entries at the end of the
 * archive: the workbook part (it then throws), or the shared strings (every text cell would read
 * as empty). Such a read is thrown away and done again; after two misses the workbook is read whole
 * (JSZip), which is reliable but holds the workbook in memory.
 */
class IncompleteRead extends Error {}

export async function readXlsx(file: string, makeBuilder: () => PeopleBuilder, wanted: string | undefined): Promise<XlsxRead> {
  const over = await checkInflatedSize(file);
  if (over) return { builder: makeBuilder(), sheets: [], problems: [oversizeProblem(file, over)] };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await readXlsxStreaming(file, makeBuilder(), wanted);
    } catch (e) {
      if (!(e instanceof IncompleteRead)) break;
    }
  }
  return readXlsxWhole(file, makeBuilder(), wanted);
}

const sameSheet = (name: string, want: string) => name === want || name.trim().toLowerCase() === want.trim().toLowerCase();

/** The sheet to read: the named one (exact, else ignoring case and outer spaces), else the first visible one. */
function chooseSheet(list: SheetInfo[], wanted: string | undefined): string | undefined {
  if (wanted !== undefined) return (list.find((s) => s.name === wanted) ?? list.find((s) => sameSheet(s.name, wanted)))?.name;
  return (list.find((s) => !s.state || s.state === 'visible') ?? list[0])?.name;
}

function sheetMissing(file: string, wanted: string, names: string[]): Problem {
  const sheets = listSome(names.map((n) => quoteValue(n)));
  return {
    severity: 'error',
    code: 'roster-sheet-missing',
    file,
    field: 'sheet',
    message: `the workbook has no sheet named ${quoteValue(wanted)}; its sheets are: ${sheets.text}`,
    hint: names.length ? `write the sheet name exactly as on its tab, e.g. sheet: "${names[0]}"` : 'check the workbook',
    params: { wanted: quoteValue(wanted), sheets: sheets.textId, first: names[0] ?? '', ...(names.length ? {} : { _h: 'none' }) },
  };
}

function noSheets(file: string): Problem {
  return {
    severity: 'error',
    code: 'roster-xlsx-unreadable',
    file,
    message: `'${file}' is a zip file but holds no Excel worksheets`,
    hint: 'give the roster as an Excel workbook (.xlsx) or a CSV file',
  };
}

async function readXlsxStreaming(file: string, builder: PeopleBuilder, wanted: string | undefined): Promise<XlsxRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const model = () => (reader as unknown as { model?: { sheets?: SheetInfo[] } }).model;
  let target: string | undefined;
  let read: string | undefined;
  let beyond: Problem | undefined;
  const emitted: string[] = [];
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? '';
      emitted.push(name);
      const list = model()?.sheets;
      if (!list) throw new IncompleteRead('workbook part not read');
      target ??= chooseSheet(list, wanted);
      if (read === undefined && target !== undefined && name === target) {
        read = name;
        for await (const row of ws) {
          // Past a limit, rows are still drained (exceljs needs the sheet read to its end), not kept.
          beyond ??= beyondSheet(file, row.number, (row.values as unknown[]).length - 1);
          if (!beyond) builder.push(rowCells(row, true), row.number);
        }
      } else {
        // Drain the sheet unparsed: exceljs deletes a sheet it buffered in a temporary file as soon as
        // the next one is asked for, and a stream left unread would then fail to open and crash.
        for await (const _ of (ws as unknown as { iterator: AsyncIterable<unknown> }).iterator) void _;
      }
    }
  } catch (e) {
    if (e instanceof IncompleteRead) throw e;
    // "Cannot read properties of undefined (reading 'sheets')": the workbook part was missed.
    if (e instanceof TypeError && /'sheets'/.test(e.message) && !model()) throw new IncompleteRead(e.message);
    throw new IncompleteRead(e instanceof Error ? e.message : String(e));
  }
  const list = model()?.sheets;
  if (emitted.length > 0 && !list) throw new IncompleteRead('workbook part not read');
  const sheets = (list ?? []).map((s) => s.name);
  if (emitted.length === 0) return { builder, sheets, problems: [noSheets(file)] };
  if (read === undefined) {
    // A sheet the workbook lists but that never came out of the zip is a missed entry, not a user's mistake.
    if (target !== undefined) throw new IncompleteRead(`sheet '${target}' not read`);
    return { builder, sheets, problems: [sheetMissing(file, wanted ?? '', sheets)] };
  }
  return { builder, sheet: read, sheets, problems: beyond ? [beyond] : [] };
}

async function readXlsxWhole(file: string, builder: PeopleBuilder, wanted: string | undefined): Promise<XlsxRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      builder,
      sheets: [],
      problems: [{
        severity: 'error',
        code: 'roster-xlsx-unreadable',
        file,
        message: `'${file}' cannot be read as an Excel workbook (.xlsx): ${msg}`,
        hint: 'open it in Excel and save it again as "Excel Workbook (*.xlsx)", or save it as CSV UTF-8',
      }],
    };
  }
  const list: SheetInfo[] = wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state }));
  const sheets = list.map((s) => s.name);
  if (list.length === 0) return { builder, sheets, problems: [noSheets(file)] };
  const target = chooseSheet(list, wanted);
  const ws = target === undefined ? undefined : wb.getWorksheet(target);
  if (!ws) return { builder, sheets, problems: [sheetMissing(file, wanted ?? '', sheets)] };
  let beyond: Problem | undefined;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    beyond ??= beyondSheet(file, n, (row.values as unknown[]).length - 1);
    if (!beyond) builder.push(rowCells(row, false), n);
  });
  return { builder, sheet: ws.name, sheets, problems: beyond ? [beyond] : [] };
}

function rowCells(row: ExcelJS.Row, streaming: boolean): string[] {
  const values = row.values as unknown[];
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = values[c];
    // A reference into a shared-strings table that was never read.
    if (streaming && v !== null && typeof v === 'object' && 'sharedString' in v) throw new IncompleteRead('shared strings not read');
    cells.push(cellText(v));
  }
  return cells;
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
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
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
