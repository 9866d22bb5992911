/**
 * XLSX rosters: exceljs's streaming reader (with a whole-file fallback through SheetJS), after
 * zip.ts has checked what the workbook unpacks to; rows and columns past Excel's own limits are a
 * named error.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Problem } from '../model/problems.js';
import type { PeopleBuilder } from './people.js';
import { beyondSheet, cellText, chooseSheet, noSheets, oversizeProblem, sheetMissing, type SheetInfo, type XlsxRead } from './sheets.js';
import { readWholeWorkbook } from './workbook.js';
import { checkInflatedSize } from './zip.js';

/**
 * exceljs's streaming reader (through unzipper) now and then misses zip entries at the end of the
 * archive (0.5–15 % of reads, bench/roster-readers.mjs): the workbook part (it then throws), or the
 * shared strings (every text cell would read as empty). Such a read is thrown away and done again;
 * after two misses the workbook is read whole by SheetJS (workbook.ts), which never misses but
 * holds the workbook in memory. Both give the same cell texts (test/roster/workbooks.test.ts).
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
  return readWholeWorkbook(file, 'xlsx', makeBuilder, wanted);
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
          if (!beyond) builder.push(rowCells(row), row.number);
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

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as unknown[];
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = values[c];
    // A reference into a shared-strings table that was never read.
    if (v !== null && typeof v === 'object' && 'sharedString' in v) throw new IncompleteRead('shared strings not read');
    cells.push(unescapeXml(cellText(v)));
  }
  return cells;
}

/**
 * OOXML writes characters XML cannot hold as `_xHHHH_` (Excel a CR in a cell as `_x000D_`, a
 * literal `_x` as `_x005F_x`); exceljs leaves them as they are.
 */
export function unescapeXml(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

