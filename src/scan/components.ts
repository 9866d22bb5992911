/**
 * Judging each connected mark of the ink on its own: whose it is (ownership), and whether it is a
 * speck or a dot (never evidence) or a stroke.
 */
import { GRID } from './grid.js';
import { BAND, LABEL, OURS, THEIRS, type Ownership } from './ownership.js';
import { strokeGeometry } from './strokes.js';

/**
 * Keep only the ink that belongs to this box, as evidence. The mask covers the box widened by
 * X_EXT_MM left and right and Y_EXT_MM above and below. Components are labelled on a slightly
 * dilated mask (so a stroke cut by a removed border line stays one stroke) and judged by where
 * their ink lies (printed labels count for nobody):
 * - specks and dots (under 0.6 mm² in our box, or a speck by its own geometry: isSpeck) are
 *   dropped, each on its own, however many lie around it;
 * - a stroke with more ink in another box of the page than in ours is that box's signature
 *   spilling over: dropped;
 * - a stroke with at least a third of its ink in our box is ours, wherever the rest lies: its ink
 *   outside the box counts too where `extend` allows (a signature crossing into the empty half of
 *   its row, or over the row line, keeps its size);
 * - any other stroke (mostly in nobody's box) counts only with its ink inside our measured rect.
 * Returns the evidence (`ink`) and, for the span, `bridge`: all the ink of the strokes that are
 * ours (labels and line remains included), which may join two pieces of evidence but never extends
 * them.
 */
export function ownInk(
  m: Uint8Array,
  w: number,
  h: number,
  o: Ownership,
): { ink: Uint8Array; bridge: Uint8Array; compact: Uint8Array } {
  const d = 2; // dilation for labelling (0.5 mm)
  const dil = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!m[y * w + x]) continue;
      for (let yy = Math.max(0, y - d); yy <= Math.min(h - 1, y + d); yy++)
        for (let xx = Math.max(0, x - d); xx <= Math.min(w - 1, x + d); xx++) dil[yy * w + xx] = 1;
    }
  }
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const minArea = 0.6 * GRID * GRID;
  const out = new Uint8Array(w * h);
  const bridge = new Uint8Array(w * h);
  const compact = new Uint8Array(w * h);
  let id = 0;
  for (let s = 0; s < dil.length; s++) {
    if (!dil[s] || label[s]) continue;
    id++;
    label[s] = id;
    stack.push(s);
    const pix: number[] = [];
    let ours = 0; // in our box
    let inner = 0; // in our measured rect (the box less its border band)
    let theirs = 0; // in other boxes
    let total = 0; // anywhere but labels
    let x0 = w,
      x1 = -1,
      y0 = h,
      y1 = -1;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      if (m[p]) {
        pix.push(p);
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        const k = o.where[p]!;
        if (k !== LABEL) total++;
        if (k === OURS || k === BAND) ours++;
        else if (k === THEIRS) theirs++;
        if (k === OURS) inner++;
      }
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const X = x + dx,
            Y = y + dy;
          if (X < 0 || Y < 0 || X >= w || Y >= h) continue;
          const q = Y * w + X;
          if (dil[q] && !label[q]) {
            label[q] = id;
            stack.push(q);
          }
        }
      }
    }
    if (ours < minArea) continue;
    const own = pix.filter((q) => o.where[q] !== LABEL);
    const speck = isSpeck(own, w);
    // A speck is never evidence; one joined to a printed label may be what shows of a stroke hidden
    // under it, so it still counts for the span's bridge (and the doubtful check on it).
    if (speck && own.length === pix.length) continue;
    if (theirs > ours) continue;
    const whole = ours >= 0.35 * total;
    if (speck) {
      if (whole) for (const p of pix) bridge[p] = 1;
      continue;
    }
    // Written inside our box (nearly all its ink inside the border band: a stroke entering across
    // the border is not).
    const inside = inner >= 0.8 * total;
    for (const p of pix) {
      if (o.where[p] === OURS || (whole && o.extend[p])) out[p] = 1;
      if (whole) bridge[p] = 1;
      if (inside && o.where[p] === OURS) compact[p] = 1;
    }
  }
  return { ink: out, bridge, compact };
}

/** Ink narrower and lower than this (mm) is a speck, never evidence. */
export const SPECK_MM = 2;
/** A mark whose centre lines are shorter than this (mm) is a speck or a dot, whatever its extent. */
export const SPECK_LINE_MM = 1.5;
/**
 * A mark whose centre lines are short for its ink — length² under this × its area (mm², mm):
 * a blob, not a line — and that is at most BLOB_MM across, is a speck or two joined by the blur.
 */
export const BLOB_RATIO = 1;
export const BLOB_MM = 3.5;

/**
 * Is one connected mark (its pixels `pix` on a w-wide grid, printed labels left out) a speck — a
 * dot of dust, toner or a pen touching the paper — and never evidence, whatever lies around it?
 * The geometry of ink: a pen line of length L and width t has area ≈ L·t with t ≤ ~1 mm even blurred
 * at 150 dpi, so its centre line is long for its ink (a 4 mm line 0.7 mm wide: L² ≈ 12 mm² against
 * an area of ≈ 3 mm²). A speck up to 1.5 mm — blurred to ~2.5 mm — has a centre line of a point or a
 * stub; two specks joined by the blur make a blob whose centre line runs only from one speck's
 * middle to the other (L ≈ 1.5–2 mm, area ≈ 5 mm²: L² under the area), while a piece of a stroke
 * thickened by a phone's blur (3 mm long, 1.3 mm thick) still has L² above it. So a mark is a
 * speck when it is under SPECK_MM across, when its centre lines are under SPECK_LINE_MM, or when it
 * is at most BLOB_MM across (two specks, not the 4 mm of a paraf) with L² < BLOB_RATIO × area.
 */
export function isSpeck(pix: readonly number[], w: number): boolean {
  if (pix.length === 0) return true;
  let x0 = w,
    x1 = -1,
    y0 = Infinity,
    y1 = -1;
  for (const p of pix) {
    const x = p % w,
      y = (p - x) / w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const extent = Math.max(x1 - x0, y1 - y0) + 1;
  if (extent < SPECK_MM * GRID) return true;
  const length = centreLength(pix, w, x0, y0, x1, y1);
  if (length < SPECK_LINE_MM) return true;
  const area = pix.length / (GRID * GRID);
  return extent <= BLOB_MM * GRID && length * length < BLOB_RATIO * area;
}

/** Centre-line length (mm) of the pixels `pix` lying in [x0, x1] × [y0, y1] of a w-wide mask. */
function centreLength(pix: readonly number[], w: number, x0: number, y0: number, x1: number, y1: number): number {
  const cw = x1 - x0 + 1,
    ch = y1 - y0 + 1;
  const c = new Uint8Array(cw * ch);
  for (const p of pix) c[(Math.floor(p / w) - y0) * cw + (p % w) - x0] = 1;
  return strokeGeometry(c, cw, ch, GRID).lengthMm;
}
