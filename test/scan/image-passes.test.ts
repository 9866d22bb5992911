/**
 * The page worker's two whole-page pixel passes (downscaleGray: registration windows, proof images,
 * QR fallbacks; boxBlur: the page smoothed before measuring) are rewritten for speed. They must give
 * exactly the pixels of their definitions (written out plainly here), so the tally's results and
 * its proof JPEGs do not change by a byte; and they must stay faster than those definitions.
 */
import { describe, expect, it } from 'vitest';
import { boxBlur, boxBlurWithin, downscaleGray } from '../../src/scan/image.js';
import type { GrayImage } from '../../src/scan/pixels.js';

/** Area average: each source pixel goes to target (floor(x·(W/w)), floor(y·(H/h))); a target hit by none is white. */
function downscaleDefinition(img: GrayImage, s: number): GrayImage {
  const { width: w, height: h, data } = img;
  const W = Math.max(1, Math.round(w * s));
  const H = Math.max(1, Math.round(h * s));
  const fx = W / w;
  const fy = H / h;
  const sum = new Float64Array(W * H);
  const cnt = new Float64Array(W * H);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = Math.min(H - 1, Math.floor(y * fy)) * W + Math.min(W - 1, Math.floor(x * fx));
      sum[i] += data[y * w + x]!;
      cnt[i]++;
    }
  }
  const out = new Uint8Array(W * H);
  for (let i = 0; i < out.length; i++) out[i] = cnt[i] ? Math.round(sum[i]! / cnt[i]!) : 255;
  return { width: W, height: H, data: out };
}

/** Mean of the (2r+1)² window, edges clamped, rounded. */
function blurDefinition(img: GrayImage, radius: number): GrayImage {
  if (radius < 1) return img;
  const r = Math.floor(radius);
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const n = (2 * r + 1) ** 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let dy = -r; dy <= r; dy++) {
        const yy = Math.min(h - 1, Math.max(0, y + dy));
        for (let dx = -r; dx <= r; dx++) s += data[yy * w + Math.min(w - 1, Math.max(0, x + dx))]!;
      }
      out[y * w + x] = Math.round(s / n);
    }
  }
  return { width: w, height: h, data: out };
}

/** A page-like image: grey paper with grain, dark strokes and hard edges (deterministic). */
function testImage(w: number, h: number, seed = 1): GrayImage {
  const data = new Uint8Array(w * h);
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s >>> 16) & 255;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = 215 + (rnd() & 31);
      if ((x + 2 * y) % 37 < 3 || (x > w / 3 && x < w / 3 + 4)) v = rnd() & 63;
      data[y * w + x] = v;
    }
  }
  return { width: w, height: h, data };
}

const same = (a: GrayImage, b: GrayImage) =>
  a.width === b.width && a.height === b.height && Buffer.compare(Buffer.from(a.data), Buffer.from(b.data)) === 0;

describe('downscaleGray and boxBlur give exactly the pixels of their definitions', () => {
  const sizes: [number, number][] = [
    [1, 1],
    [1, 9],
    [9, 1],
    [2, 3],
    [13, 17],
    [100, 37],
    [37, 100],
    [255, 256],
    [431, 613],
  ];
  it('downscaleGray, every size and scale', () => {
    for (const [w, h] of sizes) {
      const img = testImage(w, h, w * 31 + h);
      for (const s of [1, 0.999, 0.9, 0.75, 0.6, 0.5, 0.46, 0.423, 0.33, 0.25, 0.1, 0.013]) {
        expect(same(downscaleGray(img, s), downscaleDefinition(img, s)), `${w}×${h} at ${s}`).toBe(true);
      }
    }
  });
  it('boxBlur, every size and radius', () => {
    for (const [w, h] of sizes) {
      const img = testImage(w, h, w * 17 + h);
      for (const r of w * h > 100_000
        ? [0, 1, 1.5, 2, 3]
        : w * h > 2_000
          ? [0, 0.5, 1, 1.5, 2, 3, 5]
          : [1, 2, 8, 20, 40]) {
        expect(same(boxBlur(img, r), blurDefinition(img, r)), `${w}×${h} radius ${r}`).toBe(true);
      }
    }
  });
});

describe('boxBlurWithin: the blur only where it is read', () => {
  it('inside the rectangle it is boxBlur exactly, at the edges of the image too; outside it is the image', () => {
    const img = testImage(211, 157, 5);
    const rects: [number, number, number, number][] = [
      [0, 0, 211, 157],
      [0, 0, 1, 1],
      [50, 40, 120, 100],
      [-20, -5, 30, 400],
      [200, 150, 260, 200],
      [100, 0, 211, 3],
      [10, 10, 10, 50],
      [300, 300, 400, 400],
    ];
    for (const r of [1, 2, 3, 7]) {
      const full = boxBlur(img, r);
      for (const rect of rects) {
        const got = boxBlurWithin(img, r, rect);
        expect([got.width, got.height]).toEqual([img.width, img.height]);
        const [x0, y0, x1, y1] = [
          Math.max(0, rect[0]),
          Math.max(0, rect[1]),
          Math.min(img.width, rect[2]),
          Math.min(img.height, rect[3]),
        ];
        let wrong = 0;
        for (let y = 0; y < img.height; y++) {
          for (let x = 0; x < img.width; x++) {
            const i = y * img.width + x;
            const inside = x >= x0 && x < x1 && y >= y0 && y < y1;
            if (got.data[i] !== (inside ? full.data[i] : img.data[i])) wrong++;
          }
        }
        expect(wrong, `radius ${r}, rect ${rect.join(',')}`).toBe(0);
      }
    }
  });
});
