/**
 * Whose is each pixel of a box's grid window: ours (the box shrunk by its border band), our border
 * band, another box's, a printed row-number label's (nobody's, never evidence) or nobody's (the
 * empty half of a zig-zag row, other columns); and where ink of a stroke that is ours may count
 * outside our measured rect.
 */
import type { ManifestBox } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import type { GRect, GridWindow } from './grid.js';

/**
 * What each pixel of the window is, for judging whose a stroke is (see ownInk):
 * OURS — our measured rect; BAND — the rest of our box; THEIRS — another box of the page;
 * LABEL — a printed row-number label (any box's: printed, never evidence, owned by nobody);
 * NOBODY — anything else (the empty half of a row, the gaps between boxes, other columns).
 */
export const NOBODY = 0,
  OURS = 1,
  BAND = 2,
  THEIRS = 3,
  LABEL = 4;

export interface Ownership {
  /** One of NOBODY … LABEL per pixel. */
  where: Uint8Array;
  /**
   * Pixels outside our measured rect where ink of a stroke that is ours still counts: inside the
   * table's signature columns, not ours' or another box's, and away from the printed lines.
   */
  extend: Uint8Array;
}

/**
 * The ownership map of the window `win` around `box` (`own`: its measured rect in grid pixels);
 * `all` are the boxes of the page, this one included. `extend` starts as the table's signature
 * columns outside any box but ours; removeFurniture takes the printed lines' remains off it.
 */
export function mapOwnership(win: GridWindow, box: ManifestBox, own: GRect, all: readonly ManifestBox[]): Ownership {
  const { g, toG } = win;
  const ownFull = toG(box.rect);
  const where = new Uint8Array(g.w * g.h);
  const fill = (r: GRect, k: number) => {
    for (let yy = r[1]; yy < r[3]; yy++) for (let xx = r[0]; xx < r[2]; xx++) where[yy * g.w + xx] = k;
  };
  for (const b of all) if (b !== box) fill(toG(b.rect), THEIRS);
  fill(ownFull, BAND);
  fill(own, OURS);
  const e = 0.5 * MM;
  for (const b of all)
    if (b.label) fill(toG([b.label[0] - e, b.label[1] - e, b.label[2] + 2 * e, b.label[3] + 2 * e]), LABEL);
  // Where a stroke of ours may also count: the table's signature columns (never the name or
  // position columns, the header or the footer), nobody's box — and not on a printed line: near a
  // box edge (1.25 mm either side), ink running along the edge for 1.5 mm or more is taken for
  // what is left of the line (a tick touching a line must not grow by the line).
  const extend = new Uint8Array(g.w * g.h);
  const [tx0, ty0, tx1, ty1] = toG([
    Math.min(...all.map((b) => b.rect[0])),
    Math.min(...all.map((b) => b.rect[1])),
    Math.max(...all.map((b) => b.rect[0] + b.rect[2])) - Math.min(...all.map((b) => b.rect[0])),
    Math.max(...all.map((b) => b.rect[1] + b.rect[3])) - Math.min(...all.map((b) => b.rect[1])),
  ]);
  for (let yy = ty0; yy < ty1; yy++)
    for (let xx = tx0; xx < tx1; xx++) {
      const k = where[yy * g.w + xx];
      if (k === NOBODY || k === BAND) extend[yy * g.w + xx] = 1;
    }
  return { where, extend };
}
