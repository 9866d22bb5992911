import type { Block } from '../../model/markup.js';
import { LAYOUT } from '../defaults.js';
import type { Header, LayoutContext, PageOut, Slice } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, wrapRuns, type Line, type LineAlign } from '../text.js';

/** A plain ruled table: header rows (the leading ones) repeat on every page; rows never split. */
export function layOutTable(
  c: LayoutContext,
  block: Extract<Block, { type: 'table' }>,
  keepLastWithNext: boolean,
): void {
  const m = c.m;
  const size = block.size ?? c.spec.baseSize - 1;
  const { x0, x1 } = c.f;
  const padX = LAYOUT.tablePadX + 1;
  const padY = LAYOUT.tablePadY + 0.5;
  const grid = LAYOUT.tableGrid;
  const lh = lineHeightOf(m, size, 1.1);
  const base = baselineIn(m, size, lh);
  const cols = block.columns;
  if (!cols.length) return;
  // Fixed widths as given; "*" columns share what is left; everything scaled down if too wide.
  const total = x1 - x0;
  const fixed = cols.reduce((s, c) => s + (c.width ?? 0), 0);
  const free = cols.filter((c) => c.width === undefined).length;
  const share = free ? Math.max(0, total - fixed) / free : 0;
  let widths = cols.map((c) => c.width ?? share);
  const sum = widths.reduce((s, w) => s + w, 0);
  if (sum > total + 1e-6 || (!free && sum > 0)) widths = widths.map((w) => (w * total) / sum);
  const xs: number[] = [x0];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  xs[xs.length - 1] = x1;

  interface CellOut {
    x: number;
    w: number;
    lines: Line[];
    align: LineAlign;
  }
  const rowOf = (row: (typeof block.rows)[number]): { cells: CellOut[]; height: number } => {
    let col = 0;
    const cells: CellOut[] = [];
    for (const c of row.cells) {
      const first = Math.min(col, cols.length - 1);
      const last = Math.min(col + Math.max(1, c.span), cols.length);
      const x = xs[first]!;
      const w = xs[last]! - x;
      const align: LineAlign = c.align ?? (row.header ? 'center' : cols[first]!.align);
      cells.push({ x, w, align, lines: wrapRuns(c.runs, size, m, Math.max(1, w - 2 * padX), { bold: row.bold }) });
      col += Math.max(1, c.span);
    }
    const n = Math.max(1, ...cells.map((c) => c.lines.length));
    return { cells, height: n * lh + 2 * padY };
  };
  const drawRow = (r: { cells: CellOut[]; height: number }, y: number, out: PageOut) => {
    const h = r.height;
    out.items.push({ t: 'line', x1: x0, y1: y, x2: x1, y2: y, width: grid });
    out.items.push({ t: 'line', x1: x0, y1: y + h, x2: x1, y2: y + h, width: grid });
    for (const c of r.cells) {
      out.items.push({ t: 'line', x1: c.x, y1: y, x2: c.x, y2: y + h, width: grid });
      const ty = y + (h - c.lines.length * lh) / 2;
      c.lines.forEach((l, i) => {
        placeLine(l, c.x + padX, ty + i * lh + base, c.w - 2 * padX, c.align, size, out.items);
      });
    }
    out.items.push({ t: 'line', x1: x1, y1: y, x2: x1, y2: y + h, width: grid });
  };

  let k = 0;
  const headRows: { cells: CellOut[]; height: number }[] = [];
  while (k < block.rows.length && block.rows[k]!.header) headRows.push(rowOf(block.rows[k++]!));
  let header: Header | undefined;
  if (headRows.length) {
    header = {
      height: headRows.reduce((s, r) => s + r.height, 0),
      gapBefore: c.pendingGap,
      draw: (y, out) => {
        let ry = y;
        for (const r of headRows) {
          drawRow(r, ry, out);
          ry += r.height;
        }
      },
    };
    c.pendingGap = 0;
  }
  const body = block.rows.slice(k);
  body.forEach((row, i) => {
    const r = rowOf(row);
    const slice: Omit<Slice, 'gapBefore'> & { gapBefore?: number } = {
      height: r.height,
      keepWithNext: i === body.length - 1 ? keepLastWithNext : false,
      draw: (y, out) => drawRow(r, y, out),
    };
    if (header) slice.header = header;
    c.push(slice, i === 0 && !header);
  });
  if (!body.length && header) c.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, header, draw: () => {} });
  c.pendingGap += block.spaceAfter ?? LAYOUT.paragraphSpaceAfter;
}
