/**
 * The geometry of a small mark written inside a box: how far its strokes reach and how long they
 * are, measured on their centre lines (a skeleton), so a pen's width, a blur or a light ink do not
 * change it much. This is what tells a paraf (initials, a short scribble, a tick-like paraf 4 mm or
 * more across) from a speck or a small tick: a speck's centre line is a point, a small tick's a
 * few millimetres; a paraf's strokes run 6 mm and more.
 */

export interface StrokeGeometry {
  /** Extent of the ink, mm: the wider of width and height of its bounding box. */
  inkSpanMm: number;
  /** Extent of the centre lines, mm: the wider of width and height. */
  spanMm: number;
  /** Total length of the centre lines, mm. */
  lengthMm: number;
  /**
   * How far the pen travelled across, mm: the wider of the centre lines' extent and the ink's extent
   * less the stroke's mean width (its area over its centre-line length). See `reachOf`.
   */
  reachMm: number;
}

/**
 * The reach of a pen's path. Ink is the path widened by the stroke's width t on every side (t/2
 * each way, round ends), so the ink reaches t further than the path; the stroke's area is about its
 * length × t, so t ≈ area / centre-line length — a blur or a bold pen widens both alike and cancels
 * out. Thinning takes a pixel or two off each end of the centre lines on the 0.25 mm grid (a flat
 * 4 mm tick's centre lines reach 3.25–3.75 mm); the ink less its width does not shorten so. The
 * width is over-estimated where the strokes cross or the blur fills a loop (more area per length),
 * so this errs short, never long: a blob or a cluster of specks reaches less than its extent.
 */
function reachOf(inkSpanMm: number, spanMm: number, areaMm2: number, lengthMm: number): number {
  if (lengthMm <= 0) return spanMm;
  return Math.max(spanMm, inkSpanMm - areaMm2 / lengthMm);
}

/**
 * Thin a binary mask (1 = ink) to one-pixel centre lines, in place, within the rectangle
 * [x0, x1) × [y0, y1) (the mask is zero on and outside its border). Border pixels are peeled one
 * side at a time (north, east, south, west: the side's pixels as the pass starts, so the peeling
 * never runs along a line) and one pixel at a time, each only when it is a simple
 * point (Hilditch's crossing number 1: removing it neither splits nor joins anything) and not the
 * end of a line — so a line is never erased whatever its slant (Zhang–Suen's parallel version
 * erases two-pixel diagonals).
 */
function thin(m: Uint8Array, w: number, x0: number, y0: number, x1: number, y1: number): void {
  const dirs = [-w, 1, w, -1];
  // The 8 neighbours in ring order: N, NE, E, SE, S, SW, W, NW.
  const ring = [-w, -w + 1, 1, w + 1, w, w - 1, -1, -w - 1];
  const x = new Uint8Array(8);
  const border: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const d of dirs) {
      border.length = 0;
      for (let y = y0; y < y1; y++)
        for (let xx = x0; xx < x1; xx++) {
          const i = y * w + xx;
          if (m[i] && !m[i + d]) border.push(i);
        }
      for (const i of border) {
        let b = 0;
        for (let k = 0; k < 8; k++) b += x[k] = m[i + ring[k]!]!;
        if (b < 2) continue;
        let cross = 0;
        for (let k = 0; k < 8; k += 2) if (!x[k] && (x[k + 1] || x[(k + 2) % 8])) cross++;
        if (cross !== 1) continue;
        m[i] = 0;
        changed = true;
      }
    }
  }
}

/**
 * Centre-line geometry of the ink in `m` (w × h, `ppm` pixels per mm). The mask is copied into a
 * frame one pixel wider on every side, so ink touching the edge thins like any other.
 */
export function strokeGeometry(m: Uint8Array, w: number, h: number, ppm: number): StrokeGeometry {
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (m[y * w + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return { inkSpanMm: 0, spanMm: 0, lengthMm: 0, reachMm: 0 };
  const fw = x1 - x0 + 3,
    fh = y1 - y0 + 3;
  const f = new Uint8Array(fw * fh);
  let area = 0;
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++)
      if (m[y * w + x]) {
        f[(y - y0 + 1) * fw + (x - x0 + 1)] = 1;
        area++;
      }
  thin(f, fw, 1, 1, fw - 1, fh - 1);
  let sx0 = fw,
    sy0 = fh,
    sx1 = -1,
    sy1 = -1;
  let length = 0;
  for (let y = 1; y < fh - 1; y++) {
    for (let x = 1; x < fw - 1; x++) {
      const i = y * fw + x;
      if (!f[i]) continue;
      if (x < sx0) sx0 = x;
      if (x > sx1) sx1 = x;
      if (y < sy0) sy0 = y;
      if (y > sy1) sy1 = y;
      // Each link counted once (to the right and downward): straight 1, diagonal √2 — unless the
      // diagonal is already joined through a straight neighbour.
      if (f[i + 1]) length += 1;
      if (f[i + fw]) length += 1;
      if (f[i + fw + 1] && !f[i + 1] && !f[i + fw]) length += Math.SQRT2;
      if (f[i + fw - 1] && !f[i - 1] && !f[i + fw]) length += Math.SQRT2;
    }
  }
  const spanPx = sx1 < 0 ? 0 : Math.max(sx1 - sx0, sy1 - sy0);
  const inkSpanMm = (Math.max(x1 - x0, y1 - y0) + 1) / ppm,
    spanMm = spanPx / ppm,
    lengthMm = length / ppm;
  return { inkSpanMm, spanMm, lengthMm, reachMm: reachOf(inkSpanMm, spanMm, area / (ppm * ppm), lengthMm) };
}
