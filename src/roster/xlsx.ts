/**
 * XLSX rosters, read by ikrar itself (issue #13): zip.ts checks what the workbook unpacks to, then
 * finds every part through the central directory (xlsx-parts.ts), and the chosen sheet is inflated
 * and cut into rows as it streams (xml.ts), so a 170,000-row sheet is never held whole. Nothing
 * depends on the order of the zip's entries, so a read never misses a part and is never retried.
 * Rows and columns past Excel's own limits are a named error.
 */
import type { Problem } from '../model/problems.js';
import type { PeopleBuilder } from './people.js';
import {
  cellText,
  chooseSheet,
  noSheets,
  numberText,
  oversizeProblem,
  pushRow,
  serialDateText,
  sheetMissing,
  type XlsxRead,
} from './sheets.js';
import { unreadable } from './workbook.js';
import { readWorkbookParts, streamText, Unreadable, type Workbook } from './xlsx-parts.js';
import { attributes, decodeXml, ElementCutter, elements, inner, stringItemText } from './xml.js';
import { checkInflatedSize } from './zip.js';

export async function readXlsx(
  file: string,
  makeBuilder: () => PeopleBuilder,
  wanted: string | undefined,
): Promise<XlsxRead> {
  const builder = makeBuilder();
  const fail = (p: Problem): XlsxRead => ({ builder, sheets: [], problems: [p] });
  const over = await checkInflatedSize(file);
  if (over) return fail(oversizeProblem(file, over));
  let wb: Workbook | undefined;
  try {
    wb = await readWorkbookParts(file);
    if (!wb || wb.sheets.length === 0)
      return { builder, sheets: wb?.sheets.map((s) => s.name) ?? [], problems: [noSheets(file)] };
    const sheets = wb.sheets.map((s) => s.name);
    const target = chooseSheet(wb.sheets, wanted);
    const sheet = wb.sheets.find((s) => s.name === target);
    if (!sheet) return { builder, sheets, problems: [sheetMissing(file, wanted ?? '', sheets)] };
    if (!sheet.part)
      throw new Unreadable(`it lists the sheet '${sheet.name}' but holds no part ${sheet.target || 'for it'}`);
    const beyond = await readRows(wb, sheet.part, builder);
    return { builder, sheet: sheet.name, sheets, problems: beyond ? [beyond] : [] };
  } catch (e) {
    return {
      ...fail(unreadable(file, 'xlsx', e instanceof Error ? e.message : String(e))),
      sheets: wb?.sheets.map((s) => s.name) ?? [],
    };
  }
}

/** Streams the sheet's rows into the builder; stops at the first row past Excel's limits and returns its problem. */
async function readRows(
  wb: Workbook,
  part: Parameters<typeof streamText>[1],
  builder: PeopleBuilder,
): Promise<Problem | undefined> {
  let beyond: Problem | undefined;
  let last = 0;
  const cut = new ElementCutter('row', (row) => {
    if (beyond) return;
    const gt = row.indexOf('>');
    const r = Number(attributes(row.slice(0, gt)).r);
    last = Number.isInteger(r) && r > 0 ? r : last + 1;
    beyond = pushRow(builder, wb.file, last, row[gt - 1] === '/' ? [] : rowCells(wb, row));
  });
  await streamText(wb.file, part, (text) => {
    cut.write(text);
    return !beyond;
  });
  return beyond;
}

/** The texts of a row's cells, each at its column (`r="C7"`; a cell without one follows the one before). */
function rowCells(wb: Workbook, row: string): string[] {
  const cells: string[] = [];
  for (const c of elements(row, 'c')) {
    const gt = c.indexOf('>');
    const a = attributes(c.slice(0, gt));
    const col = a.r ? columnIndex(a.r) : cells.length;
    while (cells.length < col) cells.push('');
    cells[col] = c[gt - 1] === '/' ? '' : cellValue(wb, a, c);
  }
  return cells;
}

/** "AB12" → 27 (0-based); a reference without letters: the next column. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i) & ~32;
    if (k < 65 || k > 90) break;
    n = n * 26 + (k - 64);
  }
  return Math.min(n, 16_385) - 1;
}

function cellValue(wb: Workbook, a: Record<string, string>, c: string): string {
  if (a.t === 'inlineStr') {
    const is = elements(c, 'is')[0];
    return is ? unescapeXml(stringItemText(is)) : '';
  }
  const v = elements(c, 'v')[0];
  if (v === undefined) return '';
  const value = decodeXml(inner(v));
  switch (a.t) {
    case 's':
      return unescapeXml(wb.strings[Number(value)] ?? '');
    case 'str':
    case 'e':
      return unescapeXml(value);
    case 'b':
      return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'd':
      return cellText(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`));
    default: {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) return value;
      return (wb.dateStyles[Number(a.s ?? 0)] && serialDateText(n, wb.date1904)) || numberText(n);
    }
  }
}

/**
 * OOXML writes characters XML cannot hold as `_xHHHH_` (Excel a CR in a cell as `_x000D_`, a
 * literal `_x` as `_x005F_x`).
 */
export function unescapeXml(text: string): string {
  return text.indexOf('_x') < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
