import { MM } from '../../model/pagecode.js';
import type { Block, GridCell } from '../../model/markup.js';
import { LAYOUT } from '../defaults.js';
import type { LayoutContext } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, plain, wrapRuns, type Line } from '../text.js';

/**
 * A grid of signature blocks (the deklarasi): `columns` cells to a row; each row is one slice, so a
 * block is never split and rows continue over pages. Cells and rows stand apart (gridColGap,
 * gridRowGap), each in a frame of its own. A cell, in a thin frame: position and
 * institution (centred), the signing space with the signer's number in its corner (the recorded
 * box), then the name (bold, underlined), rank and identifier. The spaces of a row line up.
 */
export function layOutSignatureGrid(c: LayoutContext, block: Extract<Block, { type: 'signature-grid' }>): void {
  // The first row goes with what comes before it (the place-date line), as a signature block does.
  c.keepPreviousWithNext();
  const m = c.m;
  const size = block.size ?? c.spec.baseSize - 2;
  const small = size - 1;
  const lh = lineHeightOf(m, size, 1.05);
  const base = baselineIn(m, size, lh);
  const slh = lineHeightOf(m, small, 1.05);
  const sbase = baselineIn(m, small, slh);
  const space = block.space ?? LAYOUT.gridSpace;
  const n = Math.max(1, block.columns);
  const { x0 } = c.f;
  const colGap = n > 1 ? LAYOUT.gridColGap : 0;
  const cellW = (c.width - (n - 1) * colGap) / n;
  const pad = 2 * MM;
  const textW = cellW - 2 * pad;
  const inset = LAYOUT.boxInset;
  const numSize = LAYOUT.tableNumberSize;
  const numAsc = m.ascent(numSize);
  const numDesc = m.descent(numSize);
  interface CellOut {
    cell: GridCell;
    top: { line: Line; small: boolean }[];
    bottom: { line: Line; small: boolean }[];
  }
  const build = (cell: GridCell): CellOut => {
    const top: CellOut['top'] = [];
    for (const l of wrapRuns(plain(cell.position, true), size, m, textW)) top.push({ line: l, small: false });
    if (cell.institution)
      for (const l of wrapRuns(plain(cell.institution), small, m, textW)) top.push({ line: l, small: true });
    const bottom: CellOut['bottom'] = [];
    for (const l of wrapRuns([{ text: cell.name || ' ', bold: true, underline: true }], size, m, textW))
      bottom.push({ line: l, small: false });
    if (cell.rank) for (const l of wrapRuns(plain(cell.rank), small, m, textW)) bottom.push({ line: l, small: true });
    if (cell.idText)
      for (const l of wrapRuns(plain(cell.idText), small, m, textW)) bottom.push({ line: l, small: true });
    return { cell, top, bottom };
  };
  const heightOf = (ls: { small: boolean }[]) => ls.reduce((s, l) => s + (l.small ? slh : lh), 0);
  const gap = LAYOUT.gridRowGap;
  for (let r = 0; r < block.cells.length; r += n) {
    const row = block.cells.slice(r, r + n).map(build);
    const topH = Math.max(...row.map((c) => heightOf(c.top)));
    const bottomH = Math.max(...row.map((c) => heightOf(c.bottom)));
    const rowH = pad + topH + space + bottomH + pad;
    const first = r === 0;
    // The last row goes with what follows (the witnesses), so they never stand alone on a page.
    const last = r + n >= block.cells.length;
    c.push(
      {
        height: rowH,
        gapBefore: first ? LAYOUT.signaturesSpaceBefore : gap,
        keepWithNext: last,
        draw: (y, out) => {
          row.forEach((c, i) => {
            const cx = x0 + i * (cellW + colGap);
            out.items.push({ t: 'rect', x: cx, y, w: cellW, h: rowH, stroke: true, width: 0.5 });
            // One cell's lines, from `top` down, centred; small lines in the small size.
            const placeLines = (lines: typeof c.top, top: number) => {
              let ly = top;
              for (const t of lines) {
                placeLine(
                  t.line,
                  cx + pad,
                  ly + (t.small ? sbase : base),
                  textW,
                  'center',
                  t.small ? small : size,
                  out.items,
                );
                ly += t.small ? slh : lh;
              }
            };
            // Top lines end at the same height in every cell of the row.
            placeLines(c.top, y + pad + topH - heightOf(c.top));
            const spaceY = y + pad + topH;
            placeLines(c.bottom, spaceY + space);
            const numText = `${c.cell.number}.`;
            const nx = cx + inset + 1.5;
            const ny = spaceY + inset + 1.5;
            out.items.push({ t: 'text', x: nx, y: ny + numAsc, text: numText, style: 'regular', size: numSize });
            out.boxes.push({
              key: c.cell.key,
              nip: c.cell.nip,
              number: c.cell.number,
              side: 'pakta',
              rect: [cx + inset, spaceY + inset, cellW - 2 * inset, space - 2 * inset],
              label: [nx - 0.5, ny - 0.5, m.widthOf(numText, 'regular', numSize) + 1, numAsc + numDesc + 1],
            });
          });
        },
      },
      first,
    );
  }
  c.pendingGap += LAYOUT.paragraphSpaceAfter;
}
