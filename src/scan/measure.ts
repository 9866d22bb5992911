/**
 * Measuring one signature box of a registered page.
 *
 * The box is resampled into page coordinates at GRID px/mm, shrunk inward to drop the printed
 * borders, with the printed row-number label masked out. Ink is decided relative to the local
 * paper white (per 4 mm block, so uneven light and grey paper do not count), printed straight
 * lines (borders, guide lines) are removed, specks are dropped, and strokes that only enter from the
 * edge (a neighbour's signature spilling over the border) are discounted. What is left is measured
 * SDAPS-style: 2×2 mm tiles stepped 1 mm, a tile is inked above 6 % coverage, and the box is
 * written only when the inked tiles span enough width and are numerous enough — a tick, a dot or
 * scattered noise never is.
 *
 * score (0..1) = min(span evidence, mass evidence):
 *   span evidence = (span of inked tiles − 5 mm) / 4 mm, clamped; the span is the wider of the
 *     horizontal one (gaps up to 4 mm bridged) and the vertical extent;
 *   mass evidence = (number of inked tiles − 6) / 12, clamped.
 * A tick (≤ 4.5 mm, span ≤ 6) or a dot stays below 0.3; 8 mm of real writing reaches 0.6.
 * Decision: score < UNSIGNED_BELOW → unsigned, score ≥ SIGNED_FROM → signed, else uncertain.
 */
import sharp from 'sharp';
import type { ManifestBox } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import type { BoxDecision } from './types.js';
import type { GrayImage } from './decode.js';
import { applyH, boxBlur, sample, type Homography } from './image.js';

/** Grid resolution, pixels per millimetre (0.25 mm pixels). */
export const GRID = 4;
/** Inward shrink of the box rect to drop its printed borders (mm). */
export const SHRINK_MM = 1.5;
export const UNSIGNED_BELOW = 0.3;
export const SIGNED_FROM = 0.6;

export interface BoxMeasure {
  decision: BoxDecision;
  score: number;
  /** Horizontal span of inked tiles (mm). */
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

function percentile(vals: Float32Array | number[], p: number): number {
  const a = Float32Array.from(vals).sort();
  if (a.length === 0) return 255;
  return a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
}

/** Ink mask relative to the local paper white. */
function inkMask(g: Grid, paper: number): Uint8Array {
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
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Bilinear background between block centres.
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / B - 0.5));
      const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / B - 0.5));
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const x1 = Math.min(bw - 1, x0 + 1), y1 = Math.min(bh - 1, y0 + 1);
      const ax = fx - x0, ay = fy - y0;
      const b =
        (bg[y0 * bw + x0]! * (1 - ax) + bg[y0 * bw + x1]! * ax) * (1 - ay) +
        (bg[y1 * bw + x0]! * (1 - ax) + bg[y1 * bw + x1]! * ax) * ay;
      const val = v[y * w + x]!;
      if (val < 0.62 * b && b - val > 35) m[y * w + x] = 1;
    }
  }
  return m;
}

/** Remove straight printed lines: long horizontal or vertical thin runs. */
function removeLines(m: Uint8Array, w: number, h: number): void {
  const minRun = 12 * GRID; // 12 mm
  const thick = Math.round(0.9 * GRID);
  const kill = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let x = 0;
    while (x < w) {
      if (!m[y * w + x]) { x++; continue; }
      const s = x;
      // Allow 1-pixel gaps (dotted/dithered lines).
      while (x < w && (m[y * w + x] || (x + 1 < w && m[y * w + x + 1]))) x++;
      if (x - s >= minRun) {
        // Only thin: the rows `thick` above and below are mostly clear along the run.
        let above = 0, below = 0;
        for (let k = s; k < x; k++) {
          if (y - thick >= 0 && m[(y - thick) * w + k]) above++;
          if (y + thick < h && m[(y + thick) * w + k]) below++;
        }
        if (above < 0.3 * (x - s) && below < 0.3 * (x - s)) for (let k = s; k < x; k++) kill[y * w + k] = 1;
      }
    }
  }
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      if (!m[y * w + x]) { y++; continue; }
      const s = y;
      while (y < h && (m[y * w + x] || (y + 1 < h && m[(y + 1) * w + x]))) y++;
      if (y - s >= Math.min(minRun, Math.round(0.85 * h))) {
        let left = 0, right = 0;
        for (let k = s; k < y; k++) {
          if (x - thick >= 0 && m[k * w + x - thick]) left++;
          if (x + thick < w && m[k * w + x + thick]) right++;
        }
        if (left < 0.3 * (y - s) && right < 0.3 * (y - s)) for (let k = s; k < y; k++) kill[k * w + x] = 1;
      }
    }
  }
  for (let i = 0; i < m.length; i++) if (kill[i]) m[i] = 0;
}

/**
 * Keep only the ink that belongs to this box. The mask covers the box widened by X_EXT_MM on the
 * left and right; [x0, x1) is the box itself. Components are labelled on a slightly dilated mask
 * (so a stroke cut by the removed border line stays one stroke) and then:
 * - specks (under 0.6 mm² inside the box) are dropped;
 * - a stroke with more of its ink in the neighbour's measured area than in ours is a neighbour's
 *   signature spilling over the left/right border: dropped;
 * - a stroke touching the top or bottom that never reaches 2.5 mm inside is a signature from the
 *   row above or below: dropped.
 * Returns the mask of the box alone (x1 − x0 wide).
 */
function ownInk(m: Uint8Array, w: number, h: number, x0: number, x1: number): Uint8Array {
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
  const inward = 2.5 * GRID;
  const iw = x1 - x0;
  const out = new Uint8Array(iw * h);
  // Ink in the border band (our shrink + the neighbour's) belongs to nobody: only the neighbour's
  // own measured area counts as "outside", so both boxes judge a shared stroke the same way.
  const band = Math.round(2 * SHRINK_MM * GRID);
  let id = 0;
  for (let s = 0; s < dil.length; s++) {
    if (!dil[s] || label[s]) continue;
    id++;
    label[s] = id;
    stack.push(s);
    const pix: number[] = [];
    let inside = 0;
    let outside = 0;
    let touchesTB = false;
    let deepest = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      if (m[p]) {
        if (x >= x0 && x < x1) {
          inside++;
          pix.push(p);
          if (y === 0 || y === h - 1) touchesTB = true;
          deepest = Math.max(deepest, Math.min(y, h - 1 - y));
        } else if (x < x0 - band || x >= x1 + band) outside++;
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
    if (inside < minArea) continue;
    if (outside > inside) continue;
    if (touchesTB && deepest < inward) continue;
    for (const p of pix) {
      const x = p % w;
      out[((p - x) / w) * iw + (x - x0)] = 1;
    }
  }
  return out;
}

/** How far left and right of the box the measurement looks to tell a neighbour's spill (mm). */
export const X_EXT_MM = 8;

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

/** Measure a box; `img` should be the page prepared by prepareForMeasure. */
export function measureBox(img: GrayImage, H: Homography, box: ManifestBox): BoxMeasure {
  const geo = measureGeometry(box);
  const [x, y, w, h] = geo.rect;
  const ext = X_EXT_MM * MM;
  const g = resample(img, H, x - ext, y, w + 2 * ext, h);
  const x0 = Math.round(X_EXT_MM * GRID);
  const x1 = Math.max(x0 + 1, g.w - x0);
  // The box's own paper white (most of a box is paper even when signed).
  const inner: number[] = [];
  for (let yy = 0; yy < g.h; yy++) for (let xx = x0; xx < x1; xx++) inner.push(g.v[yy * g.w + xx]!);
  const m = inkMask(g, percentile(inner, 0.9));
  removeLines(m, g.w, g.h);
  const own = ownInk(m, g.w, g.h, x0, x1);
  // Mask the printed number label (and its dots) — after the components were judged, so a
  // signature crossing the label still counts as one stroke.
  if (geo.label) {
    const [lx, ly, lw, lh] = geo.label;
    const lx0 = Math.floor(((lx - x) / MM) * GRID), lx1 = Math.ceil(((lx + lw - x) / MM) * GRID);
    const ly0 = Math.floor(((ly - y) / MM) * GRID), ly1 = Math.ceil(((ly + lh - y) / MM) * GRID);
    const iw = x1 - x0;
    for (let yy = Math.max(0, ly0); yy < Math.min(g.h, ly1); yy++) for (let xx = Math.max(0, lx0); xx < Math.min(iw, lx1); xx++) own[yy * iw + xx] = 0;
  }
  return decide(own, x1 - x0, g.h);
}

function decide(m: Uint8Array, w: number, h: number): BoxMeasure {
  const T = 2 * GRID; // tile 2 mm
  const S = GRID; // step 1 mm
  const cols = new Set<number>();
  let tiles = 0;
  let ink = 0;
  for (let i = 0; i < m.length; i++) ink += m[i]!;
  const inkedCols: boolean[] = [];
  for (let tx = 0; tx + T <= w || tx === 0; tx += S) {
    let colInked = false;
    for (let ty = 0; ty + T <= h || ty === 0; ty += S) {
      let c = 0, n = 0;
      for (let y = ty; y < Math.min(h, ty + T); y++) for (let x = tx; x < Math.min(w, tx + T); x++) { c += m[y * w + x]!; n++; }
      if (n && c / n > 0.06) { tiles++; colInked = true; }
      if (ty + T >= h) break;
    }
    inkedCols.push(colInked);
    if (colInked) cols.add(tx);
    if (tx + T >= w) break;
  }
  // Longest cluster of inked tile columns allowing gaps up to 4 mm.
  let best = 0;
  let start = -1, last = -1;
  for (let i = 0; i < inkedCols.length; i++) {
    if (!inkedCols[i]) continue;
    if (start < 0 || i - last > 4) start = i;
    last = i;
    best = Math.max(best, last - start + 2); // tile is 2 mm wide, stepped 1 mm
  }
  // Vertical extent too: a signature pushed half out of its row still shows a long stroke.
  let vBest = 0;
  {
    let first = -1, lastRow = -1;
    for (let ty = 0; ty + T <= h || ty === 0; ty += S) {
      let rowInked = false;
      for (let y = ty; y < Math.min(h, ty + T) && !rowInked; y++) for (let x = 0; x < w; x++) if (m[y * w + x]) { rowInked = true; break; }
      if (rowInked) {
        if (first < 0) first = ty;
        lastRow = ty;
      }
      if (ty + T >= h) break;
    }
    if (first >= 0) vBest = (lastRow - first) / GRID + 2;
  }
  const spanMm = Math.max(best, vBest);
  const sSpan = Math.min(1, Math.max(0, (spanMm - 5) / 4));
  const sMass = Math.min(1, Math.max(0, (tiles - 6) / 12));
  const score = Math.round(Math.min(sSpan, sMass) * 1000) / 1000;
  const decision: BoxDecision = score >= SIGNED_FROM ? 'signed' : score < UNSIGNED_BELOW ? 'unsigned' : 'uncertain';
  return { decision, score, spanMm, tiles, inkFraction: ink / Math.max(1, m.length) };
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
