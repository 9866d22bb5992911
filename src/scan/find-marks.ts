/**
 * Finding a registration mark in the scan: a filled dark square of about the expected size,
 * standing alone on white paper, nearest to where the page's geometry predicts it.
 */
import { cropGray, downscaleGray } from './image.js';
import type { GrayImage } from './pixels.js';
import type { Point } from './qr.js';

interface Blob {
  x: number;
  y: number;
  area: number;
}

/** Dark, filled, square-ish blobs of about `side` pixels in a greyscale image. */
function squareBlobs(img: GrayImage, side: number, minArea = 0.35, maxArea = 2.5): Blob[] {
  const { width: w, height: h, data } = img;
  // Threshold halfway between the paper (a high percentile) and the darkest ink.
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]++;
  const pct = (p: number) => {
    let acc = 0;
    const goal = p * data.length;
    for (let v = 0; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= goal) return v;
    }
    return 255;
  };
  const white = pct(0.9);
  const dark = pct(0.002);
  if (white - dark < 40) return [];
  const t = (white + dark) / 2;
  const label = new Int32Array(w * h);
  const blobs: Blob[] = [];
  const stack: number[] = [];
  const want = side * side;
  let next = 1;
  for (let start = 0; start < data.length; start++) {
    if (label[start] !== 0 || data[start]! >= t) continue;
    const id = next++;
    label[start] = id;
    stack.push(start);
    let area = 0,
      sx = 0,
      sy = 0,
      minX = w,
      minY = h,
      maxX = 0,
      maxY = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      area++;
      sx += x;
      sy += y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (x > 0 && label[p - 1] === 0 && data[p - 1]! < t) {
        label[p - 1] = id;
        stack.push(p - 1);
      }
      if (x < w - 1 && label[p + 1] === 0 && data[p + 1]! < t) {
        label[p + 1] = id;
        stack.push(p + 1);
      }
      if (y > 0 && label[p - w] === 0 && data[p - w]! < t) {
        label[p - w] = id;
        stack.push(p - w);
      }
      if (y < h - 1 && label[p + w] === 0 && data[p + w]! < t) {
        label[p + w] = id;
        stack.push(p + w);
      }
    }
    if (area < minArea * want || area > maxArea * want) continue;
    const bw = maxX - minX + 1;
    const bh = maxY - minY + 1;
    if (bw / bh > 1.7 || bh / bw > 1.7) continue;
    if (area / (bw * bh) < 0.6) continue;
    if (minX === 0 || minY === 0 || maxX === w - 1 || maxY === h - 1) continue; // cut by the window
    // A mark stands alone on white paper: a ring around it (0.7 × its side) is nearly free of ink.
    // Bold heading letters, table corners and stamps are not.
    // The ring is measured from the blob's own size when it is smaller than expected: in a photo
    // in perspective the far marks come out at two thirds of the scale of the near ones, and a
    // ring sized for the near scale reaches the table's printed border beside the middle marks.
    const m = Math.max(2, Math.round(0.7 * Math.min(side, Math.sqrt(area))));
    let ringDark = 0;
    let ringAll = 0;
    for (let y = Math.max(0, minY - m); y <= Math.min(h - 1, maxY + m); y++) {
      for (let x = Math.max(0, minX - m); x <= Math.min(w - 1, maxX + m); x++) {
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) continue;
        ringAll++;
        if (data[y * w + x]! < t && label[y * w + x] !== id) ringDark++;
      }
    }
    if (ringAll && ringDark / ringAll > 0.04) continue;
    blobs.push({ x: sx / area + 0.5, y: sy / area + 0.5, area });
  }
  return blobs;
}

/** A mark found in the image: its centre and its area (pixels). */
export interface Mark extends Point {
  area: number;
}

/**
 * Find the mark nearest to `pred` within radius r (pixels). `size` is the range of areas accepted,
 * relative to a mark of markPx × markPx.
 */
export function findMark(
  img: GrayImage,
  pred: Point,
  r: number,
  markPx: number,
  size: [number, number] = [0.35, 2.5],
  taken: readonly Point[] = [],
): Mark | null {
  const x0 = Math.round(pred.x - r);
  const y0 = Math.round(pred.y - r);
  if (pred.x + r < 0 || pred.y + r < 0 || pred.x - r > img.width || pred.y - r > img.height) return null;
  const cx = Math.max(0, x0);
  const cy = Math.max(0, y0);
  const win = cropGray(img, cx, cy, Math.min(img.width, x0 + 2 * r) - cx, Math.min(img.height, y0 + 2 * r) - cy);
  const f = Math.min(1, 18 / markPx);
  const small = f < 1 ? downscaleGray(win, f) : win;
  const fx = win.width / small.width;
  const fy = win.height / small.height;
  const blobs = squareBlobs(small, markPx / fx, size[0], size[1]);
  let best: Mark | null = null;
  let bestD = Infinity;
  for (const b of blobs) {
    const p = { x: cx + b.x * fx, y: cy + b.y * fy, area: b.area * fx * fy };
    const d = Math.hypot(p.x - pred.x, p.y - pred.y);
    // A blob already taken for another mark is not this one (the marks lie 100 mm or more apart).
    if (taken.some((t) => Math.hypot(t.x - p.x, t.y - p.y) < markPx)) continue;
    if (d < bestD && d <= r) {
      bestD = d;
      best = p;
    }
  }
  return best;
}
