/** The signing sheet's table: No, Nama, NIP, Pangkat/Gol., Jabatan, and two signature boxes a row. */
import type { Block, SigningRow } from '../../model/markup.js';
import { DEFAULT_WORDING, type SigningTableWords } from '../../model/wording.js';
import { LAYOUT } from '../defaults.js';
import type { Header, LayoutContext, PageOut, Slice } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, plain, wrapRuns, type Line, type LineAlign } from '../text.js';

export function layOutSigningTable(
  c: LayoutContext,
  block: Extract<Block, { type: 'signing-table' }>,
  keepLastWithNext: boolean,
): void {
  const m = c.m;
  const size = block.size ?? c.spec.baseSize - 3;
  const { x0, x1 } = c.f;
  const padX = LAYOUT.tablePadX;
  const padY = LAYOUT.tablePadY;
  const grid = LAYOUT.tableGrid;
  const lh = lineHeightOf(m, size, 1);
  const base = baselineIn(m, size, lh);
  // Column widths: No and NIP sized to their content, the rest shared out.
  const word = (k: keyof SigningTableWords): string => block[k] ?? DEFAULT_WORDING[k];
  const heads = [
    word('noHeader'),
    word('nameHeader'),
    word('idHeader'),
    word('rankHeader'),
    word('positionHeader'),
    word('signHeader'),
  ];
  const noW = Math.max(m.widthOf(heads[0]!, 'bold', size), m.widthOf('999.', 'regular', size)) + 2 * padX;
  const nipW = m.widthOf('00000000 000000 0 000', 'regular', size) + 2 * padX;
  const rest = x1 - x0 - noW - nipW;
  const nameW = rest * 0.26;
  const rankW = rest * 0.18;
  const sigW = rest * 0.3;
  const posW = rest - nameW - rankW - sigW;
  const widths = [noW, nameW, nipW, rankW, posW, sigW];
  const xs: number[] = [x0];
  for (const cw of widths) xs.push(xs[xs.length - 1]! + cw);
  xs[xs.length - 1] = x1;
  const sigX = xs[5]!;
  const halfW = (x1 - sigX) / 2;
  const headLines = heads.map((t, i) => wrapRuns(plain(t, true), size, m, widths[i]! - 2 * padX));
  const headH = Math.max(...headLines.map((l) => l.length)) * lh + 2 * padY + 2;
  const unitSize = size + 1;
  const unitLh = lineHeightOf(m, unitSize, 1.1);
  const unitLines = wrapRuns(
    [{ text: `${word('unitLabel')} ` }, { text: block.unit, bold: true }],
    unitSize,
    m,
    x1 - x0,
  );
  const unitGap = 4;
  const unitH = unitLines.length * unitLh + unitGap;

  const vlines = (out: PageOut, top: number, bottom: number) => {
    for (const x of xs) out.items.push({ t: 'line', x1: x, y1: top, x2: x, y2: bottom, width: grid });
  };
  const hline = (out: PageOut, y: number) => out.items.push({ t: 'line', x1: x0, y1: y, x2: x1, y2: y, width: grid });
  const cellLines = (out: PageOut, lines: Line[], col: number, top: number, rowH: number, align: LineAlign) => {
    const n = lines.length;
    const ty = top + (rowH - n * lh) / 2;
    lines.forEach((l, i) => {
      placeLine(l, xs[col]! + padX, ty + i * lh + base, widths[col]! - 2 * padX, align, size, out.items);
    });
  };

  const header: Header = {
    height: unitH + headH,
    gapBefore: c.pendingGap,
    draw: (y, out) => {
      const ub = baselineIn(m, unitSize, unitLh);
      unitLines.forEach((l, i) => {
        placeLine(l, x0, y + i * unitLh + ub, x1 - x0, 'left', unitSize, out.items);
      });
      const top = y + unitH;
      hline(out, top);
      hline(out, top + headH);
      vlines(out, top, top + headH);
      headLines.forEach((lines, col) => {
        cellLines(out, lines, col, top, headH, 'center');
      });
    },
  };
  c.pendingGap = 0;

  const numSize = LAYOUT.tableNumberSize;
  const numAsc = m.ascent(numSize);
  const numDesc = m.descent(numSize);
  const inset = LAYOUT.boxInset;
  const rowSlice = (row: SigningRow, last: boolean): Slice => {
    const cells: [Line[], number, LineAlign][] = [
      [wrapRuns(plain(`${row.number}.`), size, m, widths[0]! - 2 * padX), 0, 'center'],
      [wrapRuns(plain(row.name), size, m, widths[1]! - 2 * padX), 1, 'left'],
      [wrapRuns(plain(row.nipText), size, m, widths[2]! - 2 * padX), 2, 'center'],
      [wrapRuns(plain(row.rank), size, m, widths[3]! - 2 * padX), 3, 'left'],
      [wrapRuns(plain(row.position), size, m, widths[4]! - 2 * padX), 4, 'left'],
    ];
    const maxLines = Math.max(...cells.map(([l]) => l.length));
    const rowH = Math.max(LAYOUT.tableMinRow, maxLines * lh + 2 * padY);
    const side: 'left' | 'right' = row.number % 2 === 1 ? 'left' : 'right';
    const numText = `${row.number}.`;
    return {
      height: rowH,
      gapBefore: 0,
      keepWithNext: last && keepLastWithNext,
      header,
      draw: (y, out) => {
        vlines(out, y, y + rowH);
        out.items.push({ t: 'line', x1: sigX + halfW, y1: y, x2: sigX + halfW, y2: y + rowH, width: grid });
        hline(out, y + rowH);
        for (const [lines, col, align] of cells) cellLines(out, lines, col, y, rowH, align);
        const hx = side === 'left' ? sigX : sigX + halfW;
        const nx = hx + inset + 1.5;
        const ny = y + inset + 1.5;
        out.items.push({ t: 'text', x: nx, y: ny + numAsc, text: numText, style: 'regular', size: numSize });
        out.boxes.push({
          key: row.key,
          nip: row.nip,
          number: row.number,
          side,
          rect: [hx + inset, y + inset, halfW - 2 * inset, rowH - 2 * inset],
          label: [nx - 0.5, ny - 0.5, m.widthOf(numText, 'regular', numSize) + 1, numAsc + numDesc + 1],
        });
      },
    };
  };
  block.rows.forEach((row, i) => {
    c.slices.push(rowSlice(row, i === block.rows.length - 1));
  });
  if (block.rows.length === 0) {
    // An empty unit still shows its header, so the clerk sees the sheet is empty rather than lost.
    c.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, header, draw: () => {} });
  }
  c.pendingGap += LAYOUT.tableSpaceAfter;
}
