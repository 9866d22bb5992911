/**
 * Measuring one signature box of a registered page.
 *
 * A window around the box (X_EXT_MM left and right, Y_EXT_MM above and below) is resampled into
 * page coordinates at GRID px/mm. Ink is decided relative to the local paper white (per 4 mm block,
 * so uneven light, shadow and grey paper do not count), with hysteresis: clearly dark pixels seed
 * the ink and fainter ones count only when connected to them (thin blurred strokes in blue ink on a
 * phone photo). Printed straight lines are removed where the manifest says they run (near the box
 * edges), so a long flat stroke inside a box is never taken for a line.
 *
 * Whose ink is it? Every pixel of the window is ours (the box shrunk by SHRINK_MM, or its border
 * band), another box's, a printed row-number label's (nobody's, never evidence) or nobody's (the
 * empty half of a zig-zag row, other columns). Strokes are judged whole (ownInk): specks dropped; a
 * stroke with more ink in another box than in ours is that box's spill, dropped; a stroke with at
 * least a third of its ink in our box is ours, and its ink in nobody's part of the signature column
 * counts too (a signature crossing into the empty half of its row or over the row line keeps its
 * size) — but not the remains of a printed line it touches; anything else counts only inside our
 * measured rect.
 *
 * What is left is measured SDAPS-style: 2×2 mm tiles stepped 1 mm, a tile is inked above 6 %
 * coverage; only ink in an inked tile counts for the span.
 *
 * score (0..1) = min(span evidence, mass evidence):
 *   span evidence = (span − 5 mm) / 4 mm, clamped; the span is the wider of the horizontal extent
 *     of the ink (gaps up to 4 mm bridged, or any gap the same strokes cross under a label or a
 *     line) and its vertical extent;
 *   mass evidence = (number of inked tiles − 6) / 12, clamped.
 * A tick (≤ 4.5 mm) or a dot stays at 0; 8 mm of real writing reaches 0.75.
 * Decision: score < UNSIGNED_BELOW → unsigned, score ≥ SIGNED_FROM → signed, else uncertain. A box
 * read unsigned whose strokes would look like writing if the ink hidden under the printed label or
 * along a printed line counted is made uncertain instead (a person looks; never signed on that).
 */
import sharp from 'sharp';
import type { ManifestBox } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import type { BoxDecision } from './types.js';
import type { GrayImage } from './decode.js';
import { applyH, boxBlur, sample, type Homography } from './image.js';
import { strokeGeometry, type StrokeGeometry } from './strokes.js';

/** Grid resolution, pixels per millimetre (0.25 mm pixels). */
export const GRID = 4;
/** Inward shrink of the box rect to drop its printed borders (mm). */
export const SHRINK_MM = 1.5;
export const UNSIGNED_BELOW = 0.3;
export const SIGNED_FROM = 0.6;

export interface BoxMeasure {
  decision: BoxDecision;
  score: number;
  /** Span of the ink (mm): the wider of the horizontal and the vertical extent. */
  spanMm: number;
  /** Number of inked 2×2 mm tiles. */
  tiles: number;
  /** Fraction of the measured area that is ink. */
  inkFraction: number;
}

/** A box region resampled in page space: w × h grid pixels, 0 = black. */
export interface Grid {
  w: number;
  h: number;
  v: Float32Array;
}

/** Resample a page rectangle (points) into a grid at `ppm` pixels per mm. */
export function resample(img: GrayImage, H: Homography, x: number, y: number, w: number, h: number, ppm = GRID): Grid {
  const gw = Math.max(1, Math.round((w / MM) * ppm));
  const gh = Math.max(1, Math.round((h / MM) * ppm));
  const v = new Float32Array(gw * gh);
  const step = MM / ppm;
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const [u, t] = applyH(H, x + (i + 0.5) * step, y + (j + 0.5) * step);
      v[j * gw + i] = sample(img, u, t);
    }
  }
  return { w: gw, h: gh, v };
}

/** The box's own paper white: a high percentile of its measured rect (most of a box is paper even when signed). */
function paperOf(g: Grid, r: [number, number, number, number]): number {
  const inner: number[] = [];
  for (let y = r[1]; y < r[3]; y++) for (let x = r[0]; x < r[2]; x++) inner.push(g.v[y * g.w + x]!);
  return percentile(inner, 0.9);
}

function percentile(vals: Float32Array | number[], p: number): number {
  const a = Float32Array.from(vals).sort();
  if (a.length === 0) return 255;
  return a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
}

/** Ink: darker than this fraction of the local paper white (seeds), or than WEAK_INK and connected to a seed. */
export const STRONG_INK = 0.62;
export const WEAK_INK = 0.72;

/**
 * Light ink: darker than the local paper white by this fraction (seeds; weak pixels), and by many
 * times the noise. A thin (0.2 mm) light-grey or light-blue ballpoint line at 150 dpi, spread over
 * ~0.7 mm by the scan's blur, is only 40–50 levels darker than the paper at its centre: a seed floor
 * of 0.18 missed such a paraf whole. The weak floor is unchanged, so no stroke grows wider.
 */
export const LIGHT_SEED = 0.12;
export const LIGHT_WEAK = 0.1;

/** Robust noise sigma of a window: 1.4826 × the median absolute deviation of (paper − pixel). */
function noiseOf(v: Float32Array, bgAt: Float32Array): number {
  const d: number[] = [];
  for (let i = 0; i < v.length; i += 3) d.push(bgAt[i]! - v[i]!);
  const med = percentile(d, 0.5);
  return 1.4826 * percentile(d.map((x) => Math.abs(x - med)), 0.5);
}

/** Ink mask relative to the local paper white, and which of its pixels are dark ink (not only light). */
function inkMask(g: Grid, paper: number): { m: Uint8Array; dark: Uint8Array } {
  const { w, h, v } = g;
  const B = 4 * GRID; // 4 mm blocks
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const bg = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const vals: number[] = [];
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y++) for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x++) vals.push(v[y * w + x]!);
      // A block full of ink must not become "paper": clamp to the box's paper level.
      bg[by * bw + bx] = Math.max(percentile(vals, 0.8), 0.85 * paper);
    }
  }
  const bgAt = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Bilinear background between block centres.
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / B - 0.5));
      const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / B - 0.5));
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const x1 = Math.min(bw - 1, x0 + 1), y1 = Math.min(bh - 1, y0 + 1);
      const ax = fx - x0, ay = fy - y0;
      bgAt[y * w + x] =
        (bg[y0 * bw + x0]! * (1 - ax) + bg[y0 * bw + x1]! * ax) * (1 - ay) +
        (bg[y1 * bw + x0]! * (1 - ax) + bg[y1 * bw + x1]! * ax) * ay;
    }
  }
  // Light ink (a grey or light-blue ballpoint, a thin line at 150 dpi) is far from black but stands
  // clear of the paper's own grain: a pixel darker than the paper by many times the paper's noise
  // (robust sigma of the window) is ink too, though never on less than LIGHT_SEED (LIGHT_WEAK) of
  // the paper's white.
  const sigma = noiseOf(v, bgAt);
  const m = new Uint8Array(w * h);
  const dark = new Uint8Array(w * h);
  const seeds: number[] = [];
  for (let i = 0; i < m.length; i++) {
    const b = bgAt[i]!;
    const val = v[i]!;
    const d = b - val;
    if (val < STRONG_INK * b && d > 35) dark[i] = 1;
    const seed = dark[i] === 1 || (d > LIGHT_SEED * b && d > 7 * sigma);
    if (seed || (val < WEAK_INK * b && d > 25) || (d > LIGHT_WEAK * b && d > 4 * sigma)) {
      m[i] = 2;
      if (seed) seeds.push(i);
    }
  }
  // Hysteresis: clearly dark pixels seed the ink; fainter pixels count only when connected to them
  // (a thin blurred stroke in blue ink, a phone photo) — faint specks and paper texture never do.
  for (const s of seeds) m[s] = 1;
  const stack = [...seeds];
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % w;
    const y = (p - x) / w;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const X = x + dx, Y = y + dy;
        if (X < 0 || Y < 0 || X >= w || Y >= h) continue;
        const q = Y * w + X;
        if (m[q] === 2) { m[q] = 1; stack.push(q); }
      }
    }
  }
  for (let i = 0; i < m.length; i++) if (m[i] === 2) m[i] = 0;
  return { m, dark };
}

/**
 * Remove straight printed lines: long (12 mm) thin horizontal or vertical runs. A line may wander by
 * a pixel (registration, dithering) and have short gaps (faint print, 1-bit scans), so a run is
 * followed in a 3-pixel band and gaps up to 0.75 mm are bridged; the band is cleared. Only where
 * lines are printed (rowZone / colZone: near the box edges), so a long flat stroke of a signature
 * inside a box is never taken for one.
 */
function removeLines(m: Uint8Array, w: number, h: number, rowZone?: Uint8Array, colZone?: Uint8Array): void {
  const minRun = 12 * GRID; // 12 mm
  const thick = Math.round(0.9 * GRID) + 1;
  const maxGap = 3;
  const kill = new Uint8Array(w * h);
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && m[y * w + x] === 1;
  for (let y = 0; y < h; y++) {
    if (rowZone && !rowZone[y]) continue;
    const on = (x: number) => at(x, y) || at(x, y - 1) || at(x, y + 1);
    let x = 0;
    while (x < w) {
      if (!on(x)) { x++; continue; }
      const s = x;
      let last = x;
      while (x < w && x - last <= maxGap) { if (on(x)) last = x; x++; }
      const e = last + 1;
      x = e;
      if (e - s < minRun) continue;
      // Only thin: the rows `thick` above and below are not both mostly inked along the run (a
      // signature lying on the line on one side does not stop its removal).
      let above = 0, below = 0;
      for (let k = s; k < e; k++) {
        if (at(k, y - thick)) above++;
        if (at(k, y + thick)) below++;
      }
      if (above < 0.6 * (e - s) && below < 0.6 * (e - s)) {
        for (let k = s; k < e; k++) for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) kill[yy * w + k] = 1;
      }
    }
  }
  const minCol = Math.min(minRun, Math.round(0.85 * h));
  for (let x = 0; x < w; x++) {
    if (colZone && !colZone[x]) continue;
    const on = (y: number) => at(x, y) || at(x - 1, y) || at(x + 1, y);
    let y = 0;
    while (y < h) {
      if (!on(y)) { y++; continue; }
      const s = y;
      let last = y;
      while (y < h && y - last <= maxGap) { if (on(y)) last = y; y++; }
      const e = last + 1;
      y = e;
      if (e - s < minCol) continue;
      let left = 0, right = 0;
      for (let k = s; k < e; k++) {
        if (at(x - thick, k)) left++;
        if (at(x + thick, k)) right++;
      }
      if (left < 0.6 * (e - s) && right < 0.6 * (e - s)) {
        for (let k = s; k < e; k++) for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) kill[k * w + xx] = 1;
      }
    }
  }
  for (let i = 0; i < m.length; i++) if (kill[i]) m[i] = 0;
}

/** A rectangle in grid pixels: [x0, y0, x1, y1), clamped to the grid. */
type GRect = [number, number, number, number];

/**
 * What each pixel of the window is, for judging whose a stroke is (see ownInk):
 * OURS — our measured rect; BAND — the rest of our box; THEIRS — another box of the page;
 * LABEL — a printed row-number label (any box's: printed, never evidence, owned by nobody);
 * NOBODY — anything else (the empty half of a row, the gaps between boxes, other columns).
 */
const NOBODY = 0, OURS = 1, BAND = 2, THEIRS = 3, LABEL = 4;

interface Ownership {
  /** One of NOBODY … LABEL per pixel. */
  where: Uint8Array;
  /**
   * Pixels outside our measured rect where ink of a stroke that is ours still counts: inside the
   * table's signature columns, not ours' or another box's, and away from the printed lines.
   */
  extend: Uint8Array;
}

/**
 * Keep only the ink that belongs to this box, as evidence. The mask covers the box widened by
 * X_EXT_MM left and right and Y_EXT_MM above and below. Components are labelled on a slightly
 * dilated mask (so a stroke cut by a removed border line stays one stroke) and judged by where
 * their ink lies (printed labels count for nobody):
 * - specks and dots (under 0.6 mm² in our box, under SPECK_MM across, or round and under DOT_MM)
 *   are dropped;
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
function ownInk(m: Uint8Array, w: number, h: number, o: Ownership): { ink: Uint8Array; bridge: Uint8Array; compact: Uint8Array } {
  const d = 2; // dilation for labelling (0.5 mm)
  const dil = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!m[y * w + x]) continue;
      for (let yy = Math.max(0, y - d); yy <= Math.min(h - 1, y + d); yy++) for (let xx = Math.max(0, x - d); xx <= Math.min(w - 1, x + d); xx++) dil[yy * w + xx] = 1;
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
    let x0 = w, x1 = -1, y0 = h, y1 = -1;
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
          const X = x + dx, Y = y + dy;
          if (X < 0 || Y < 0 || X >= w || Y >= h) continue;
          const q = Y * w + X;
          if (dil[q] && !label[q]) { label[q] = id; stack.push(q); }
        }
      }
    }
    if (ours < minArea) continue;
    // A speck or a dot is no evidence, however many lie in the box: under SPECK_MM across, or under
    // DOT_MM and round (its centre line under 1.5 mm: a blurred dot, not a piece of a stroke).
    const extent = Math.max(x1 - x0, y1 - y0) + 1;
    if (extent < SPECK_MM * GRID) continue;
    if (extent < DOT_MM * GRID && centreLength(pix, w, x0, y0, x1, y1) < 1.5) continue;
    if (theirs > ours) continue;
    const whole = ours >= 0.35 * total;
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
/** Round ink narrower and lower than this (mm) is a dot (a speck blurred by a phone photo). */
export const DOT_MM = 3;

/** Centre-line length (mm) of the pixels `pix` lying in [x0, x1] × [y0, y1] of a w-wide mask. */
function centreLength(pix: number[], w: number, x0: number, y0: number, x1: number, y1: number): number {
  const cw = x1 - x0 + 1, ch = y1 - y0 + 1;
  const c = new Uint8Array(cw * ch);
  for (const p of pix) c[(Math.floor(p / w) - y0) * cw + (p % w) - x0] = 1;
  return strokeGeometry(c, cw, ch, GRID).lengthMm;
}

/** How far left and right of the box the measurement looks to tell a neighbour's spill (mm). */
export const X_EXT_MM = 8;
/** How far above and below (mm). */
export const Y_EXT_MM = 6;

export interface MeasureGeometry {
  /** Region measured (page points), after shrinking. */
  rect: [number, number, number, number];
  /** Label region to ignore (page points), already expanded. */
  label?: [number, number, number, number];
}

export function measureGeometry(box: ManifestBox): MeasureGeometry {
  const s = SHRINK_MM * MM;
  const [x, y, w, h] = box.rect;
  const rect: [number, number, number, number] = [x + s, y + s, Math.max(1, w - 2 * s), Math.max(1, h - 2 * s)];
  if (!box.label) return { rect };
  const e = 0.5 * MM;
  const [lx, ly, lw, lh] = box.label;
  return { rect, label: [lx - e, ly - e, lw + 2 * e, lh + 2 * e] };
}

/**
 * Smooth a page before measuring: a light blur so JPEG noise and grey noise average out, a
 * stronger one for bilevel (dithered) scans so dithered paper turns back into grey paper.
 */
export function prepareForMeasure(img: GrayImage, pxPerMm: number): GrayImage {
  let mid = 0, n = 0;
  for (let i = 0; i < img.data.length; i += 97) {
    const v = img.data[i]!;
    if (v > 30 && v < 225) mid++;
    n++;
  }
  const bilevel = mid / n < 0.02;
  const r = Math.max(bilevel ? 1 : 0, Math.round((bilevel ? 0.3 : 0.1) * pxPerMm));
  return boxBlur(img, r);
}

/**
 * Measure a box; `img` should be the page prepared by prepareForMeasure. `pageBoxes` are all the
 * boxes of the page (this one included): they say whose a stroke crossing a border is.
 */
export function measureBox(img: GrayImage, H: Homography, box: ManifestBox, pageBoxes: readonly ManifestBox[] = [box]): BoxMeasure {
  const geo = measureGeometry(box);
  const [x, y, w, h] = geo.rect;
  const ex = X_EXT_MM * MM;
  const ey = Y_EXT_MM * MM;
  const wx = x - ex, wy = y - ey;
  const g = resample(img, H, wx, wy, w + 2 * ex, h + 2 * ey);
  const toG = (r: readonly number[]): GRect => [
    Math.max(0, Math.min(g.w, Math.round(((r[0]! - wx) / MM) * GRID))),
    Math.max(0, Math.min(g.h, Math.round(((r[1]! - wy) / MM) * GRID))),
    Math.max(0, Math.min(g.w, Math.round(((r[0]! + r[2]! - wx) / MM) * GRID))),
    Math.max(0, Math.min(g.h, Math.round(((r[1]! + r[3]! - wy) / MM) * GRID))),
  ];
  const own = toG(geo.rect);
  if (own[2] <= own[0]) own[2] = Math.min(g.w, own[0] + 1);
  if (own[3] <= own[1]) own[3] = Math.min(g.h, own[1] + 1);
  const all = pageBoxes.includes(box) ? pageBoxes : [...pageBoxes, box];
  const ownFull = toG(box.rect);
  const where = new Uint8Array(g.w * g.h);
  const fill = (r: GRect, k: number) => {
    for (let yy = r[1]; yy < r[3]; yy++) for (let xx = r[0]; xx < r[2]; xx++) where[yy * g.w + xx] = k;
  };
  for (const b of all) if (b !== box) fill(toG(b.rect), THEIRS);
  fill(ownFull, BAND);
  fill(own, OURS);
  const e = 0.5 * MM;
  for (const b of all) if (b.label) fill(toG([b.label[0] - e, b.label[1] - e, b.label[2] + 2 * e, b.label[3] + 2 * e]), LABEL);
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
  for (let yy = ty0; yy < ty1; yy++) for (let xx = tx0; xx < tx1; xx++) {
    const k = where[yy * g.w + xx];
    if (k === NOBODY || k === BAND) extend[yy * g.w + xx] = 1;
  }
  const { m: inkM, dark } = inkMask(g, paperOf(g, own));
  const before = Uint8Array.from(inkM);
  const W = g.w;
  const lw = Math.round(1.25 * GRID);
  const run = Math.round(1.5 * GRID);
  const gx = (px: number) => Math.round(((px - wx) / MM) * GRID);
  const gy = (py: number) => Math.round(((py - wy) / MM) * GRID);
  const rowZone = new Uint8Array(g.h);
  const colZone = new Uint8Array(W);
  const zw = Math.round(1.75 * GRID);
  for (const b of all) {
    for (const e of [gx(b.rect[0]), gx(b.rect[0] + b.rect[2])]) for (let k = e - zw; k <= e + zw; k++) if (k >= 0 && k < W) colZone[k] = 1;
    for (const e of [gy(b.rect[1]), gy(b.rect[1] + b.rect[3])]) for (let k = e - zw; k <= e + zw; k++) if (k >= 0 && k < g.h) rowZone[k] = 1;
  }
  removeLines(inkM, g.w, g.h, rowZone, colZone);
  // Along each box edge, the rows (columns) where the printed line actually ran: where
  // removeLines took the most ink, or — when nothing was taken there — 0.5 mm outside the edge,
  // where it is printed. Ink left on those rows in runs of 1.5 mm or more is what remains of the
  // line, not writing.
  const lineRows = (e: number, outward: number, horizontal: boolean): number[] => {
    const lo = Math.max(0, e - lw), hi = Math.min(horizontal ? g.h : W, e + lw);
    const counts: number[] = [];
    for (let t = lo; t < hi; t++) {
      let c = 0;
      const n = horizontal ? W : g.h;
      for (let u = 0; u < n; u++) {
        const i = horizontal ? t * W + u : u * W + t;
        if (before[i] && !inkM[i]) c++;
      }
      counts.push(c);
    }
    const max = Math.max(0, ...counts);
    const at: number[] = [];
    if (max >= 3 * GRID) counts.forEach((c, k) => { if (c >= 0.5 * max) at.push(lo + k); });
    else at.push(e + outward * 2);
    const out = new Set<number>();
    for (const t of at) for (let d = -1; d <= 1; d++) if (t + d >= 0 && t + d < (horizontal ? g.h : W)) out.add(t + d);
    return [...out];
  };
  const hRun = (xx: number, yy: number) => {
    let a = xx, b = xx;
    while (a > 0 && inkM[yy * W + a - 1]) a--;
    while (b < W - 1 && inkM[yy * W + b + 1]) b++;
    return b - a + 1;
  };
  const vRun = (xx: number, yy: number) => {
    let a = yy, b = yy;
    while (a > 0 && inkM[(a - 1) * W + xx]) a--;
    while (b < g.h - 1 && inkM[(b + 1) * W + xx]) b++;
    return b - a + 1;
  };
  const xEdges = new Map<number, number>();
  const yEdges = new Map<number, number>();
  for (const b of all) {
    xEdges.set(gx(b.rect[0]), -1);
    xEdges.set(gx(b.rect[0] + b.rect[2]), 1);
    yEdges.set(gy(b.rect[1]), -1);
    yEdges.set(gy(b.rect[1] + b.rect[3]), 1);
  }
  for (const [e, out] of xEdges) {
    if (e + lw < 0 || e - lw >= W) continue;
    for (const xx of lineRows(e, out, false)) for (let yy = 0; yy < g.h; yy++) {
      if (inkM[yy * W + xx] && vRun(xx, yy) >= run) extend[yy * W + xx] = 0;
    }
  }
  for (const [e, out] of yEdges) {
    if (e + lw < 0 || e - lw >= g.h) continue;
    for (const yy of lineRows(e, out, true)) for (let xx = 0; xx < W; xx++) {
      if (inkM[yy * W + xx] && hRun(xx, yy) >= run) extend[yy * W + xx] = 0;
    }
  }
  const m = inkM;
  const { ink, bridge, compact } = ownInk(m, g.w, g.h, { where, extend });
  let written = 0, darkInk = 0;
  for (let i = 0; i < compact.length; i++) if (compact[i]) { written++; darkInk += dark[i]!; }
  const r = withParaf(decide(ink, g.w, g.h, bridge), strokeGeometry(compact, g.w, g.h, GRID), darkInk < 0.05 * written);
  if (r.decision === 'unsigned') {
    // The same strokes measured with what is hidden under the printed label or along a printed line:
    // if that looks like writing, a person should look (never "signed" on such evidence).
    const upper = decide(bridge, g.w, g.h, bridge);
    if (upper.score >= SIGNED_FROM) return { ...r, decision: 'uncertain', score: Math.max(r.score, UNSIGNED_BELOW) };
  }
  return r;
}

/**
 * What thinning may have taken off a stroke's centre line: peeling stops at the centre, so each end
 * of a stroke loses about half the stroke's width as seen on the grid — about 0.3 mm for a
 * ballpoint line blurred by a scan (0.6–0.75 mm wide at 150 dpi) — and the ends of a thin line in
 * light ink (no pixel of it dark ink) fade below the ink threshold besides, which dark ink does not.
 * A light mark that looks like a paraf only with this added back (a thin 4 mm paraf in light grey
 * or light blue) is doubtful: uncertain, never signed on that alone; a 3 mm tick stays below even
 * so, and dark ink is judged as measured (a bold 4 mm tick stays unsigned).
 */
export const THINNING_LOSS_MM = 0.65;

/**
 * A paraf is a signature. The strokes written inside the box (no speck, nothing entering across the
 * border from a neighbour) are judged by how far they reach — on their centre lines, so a pen's
 * width does not count (or by their ink less 1 mm, for strokes so thick that thinning shortens
 * them) — and by how long their centre lines are (`lossMm` added to both: see THINNING_LOSS_MM):
 * 3.6 mm across with 4.5 mm of line is doubtful (a person looks), 4.4 mm with 6.5 mm of line is a
 * paraf. A small tick (under 4 mm across, centre lines 3.5 mm) or a dot stays below. The box's
 * score is the better of this and the written-area score.
 */
export function parafScore(s: StrokeGeometry, lossMm = 0): number {
  const span = (Math.max(s.spanMm + lossMm, s.inkSpanMm - 1) - 2.8) / 2.67;
  const length = (s.lengthMm + lossMm - 2.5) / 6.67;
  return Math.round(Math.min(1, Math.max(0, Math.min(span, length))) * 1000) / 1000;
}

function withParaf(r: BoxMeasure, s: StrokeGeometry, light: boolean): BoxMeasure {
  const p = parafScore(s);
  const best = p > r.score ? { ...r, score: p, decision: decisionOf(p) } : r;
  if (!light || best.decision !== 'unsigned' || parafScore(s, THINNING_LOSS_MM) < UNSIGNED_BELOW) return best;
  return { ...best, decision: 'uncertain', score: UNSIGNED_BELOW };
}

const decisionOf = (score: number): BoxDecision => (score >= SIGNED_FROM ? 'signed' : score < UNSIGNED_BELOW ? 'unsigned' : 'uncertain');

function decide(m: Uint8Array, w: number, h: number, bridge?: Uint8Array): BoxMeasure {
  const T = 2 * GRID; // tile 2 mm
  const S = GRID; // step 1 mm
  let tiles = 0;
  let ink = 0;
  for (let i = 0; i < m.length; i++) ink += m[i]!;
  // Ink that lies in an inked tile (isolated specks and thin noise do not count).
  const supported = new Uint8Array(w * h);
  for (let tx = 0; tx + T <= w || tx === 0; tx += S) {
    for (let ty = 0; ty + T <= h || ty === 0; ty += S) {
      let c = 0, n = 0;
      const xe = Math.min(w, tx + T), ye = Math.min(h, ty + T);
      for (let y = ty; y < ye; y++) for (let x = tx; x < xe; x++) { c += m[y * w + x]!; n++; }
      if (n && c / n > 0.06) {
        tiles++;
        for (let y = ty; y < ye; y++) for (let x = tx; x < xe; x++) if (m[y * w + x]) supported[y * w + x] = 1;
      }
      if (ty + T >= h) break;
    }
    if (tx + T >= w) break;
  }
  const colInk = new Uint8Array(w);
  const rowInk = new Uint8Array(h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (supported[y * w + x]) { colInk[x] = 1; rowInk[y] = 1; }
  // Horizontal span: the widest run of inked pixel columns, gaps up to 4 mm bridged (the pen lifts
  // between the parts of a signature), and any gap that the same strokes cross (over a printed
  // label or line, which are not evidence themselves).
  const colBridge = new Uint8Array(w);
  if (bridge) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (bridge[y * w + x]) colBridge[x] = 1;
  let best = 0;
  {
    let start = -1, last = -1;
    for (let x = 0; x < w; x++) {
      if (!colInk[x]) continue;
      let joined = start >= 0 && x - last <= 4 * GRID;
      if (start >= 0 && !joined) {
        joined = true;
        for (let k = last + 1; k < x && joined; k++) if (!colBridge[k]) joined = false;
      }
      if (!joined) start = x;
      last = x;
      best = Math.max(best, last - start + 1);
    }
  }
  // Vertical extent too: a signature pushed half out of its row still shows a long stroke.
  let first = -1, lastRow = -1;
  for (let y = 0; y < h; y++) if (rowInk[y]) { if (first < 0) first = y; lastRow = y; }
  const vBest = first >= 0 ? lastRow - first + 1 : 0;
  const spanMm = Math.round((Math.max(best, vBest) / GRID) * 100) / 100;
  const sSpan = Math.min(1, Math.max(0, (spanMm - 5) / 4));
  const sMass = Math.min(1, Math.max(0, (tiles - 6) / 12));
  const score = Math.round(Math.min(sSpan, sMass) * 1000) / 1000;
  return { decision: decisionOf(score), score, spanMm, tiles, inkFraction: ink / Math.max(1, m.length) };
}

/** PNG of a box with a 4 mm margin, for a person to judge. */
export async function boxCrop(img: GrayImage, H: Homography, box: ManifestBox): Promise<Uint8Array> {
  const e = 4 * MM;
  const [x, y, w, h] = box.rect;
  const g = resample(img, H, x - e, y - e, w + 2 * e, h + 2 * e, 6);
  const px = Buffer.alloc(g.w * g.h);
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(g.v[i]!)));
  const png = await sharp(px, { raw: { width: g.w, height: g.h, channels: 1 } }).png({ compressionLevel: 9 }).toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
