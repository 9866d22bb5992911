/**
 * Which pixels of a grid window are ink. Ink is decided relative to the local paper white (per 4 mm
 * block, so uneven light, shadow and grey paper do not count), with hysteresis: clearly dark pixels
 * seed the ink and fainter ones count only when connected to them (thin blurred strokes in blue ink
 * on a phone photo); light ink counts where it stands many times the paper's noise clear of it.
 */
import { GRID, type Grid } from './grid.js';
import { percentile } from './percentile.js';

/** The box's own paper white: a high percentile of its measured rect (most of a box is paper even when signed). */
export function paperOf(g: Grid, r: [number, number, number, number]): number {
  const inner: number[] = [];
  for (let y = r[1]; y < r[3]; y++) for (let x = r[0]; x < r[2]; x++) inner.push(g.v[y * g.w + x]!);
  return percentile(inner, 0.9);
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
  return (
    1.4826 *
    percentile(
      d.map((x) => Math.abs(x - med)),
      0.5,
    )
  );
}

/** Ink mask relative to the local paper white, and which of its pixels are dark ink (not only light). */
export function inkMask(g: Grid, paper: number): { m: Uint8Array; dark: Uint8Array } {
  const { w, h, v } = g;
  const B = 4 * GRID; // 4 mm blocks
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const bg = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const vals: number[] = [];
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y++)
        for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x++) vals.push(v[y * w + x]!);
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
      const x0 = Math.floor(fx),
        y0 = Math.floor(fy);
      const x1 = Math.min(bw - 1, x0 + 1),
        y1 = Math.min(bh - 1, y0 + 1);
      const ax = fx - x0,
        ay = fy - y0;
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
        const X = x + dx,
          Y = y + dy;
        if (X < 0 || Y < 0 || X >= w || Y >= h) continue;
        const q = Y * w + X;
        if (m[q] === 2) {
          m[q] = 1;
          stack.push(q);
        }
      }
    }
  }
  for (let i = 0; i < m.length; i++) if (m[i] === 2) m[i] = 0;
  return { m, dark };
}
