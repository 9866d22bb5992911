/** Small pure image helpers on greyscale pages, and plane homographies. */
import type { GrayImage } from './pixels.js';

export function cropGray(img: GrayImage, x: number, y: number, w: number, h: number): GrayImage {
  x = Math.max(0, Math.floor(x));
  y = Math.max(0, Math.floor(y));
  w = Math.max(1, Math.min(img.width - x, Math.floor(w)));
  h = Math.max(1, Math.min(img.height - y, Math.floor(h)));
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) out.set(img.data.subarray((y + r) * img.width + x, (y + r) * img.width + x + w), r * w);
  return { width: w, height: h, data: out };
}

/** Area-average downscale by factor s (0 < s ≤ 1). */
export function downscaleGray(img: GrayImage, s: number): GrayImage {
  const { width: w, height: h, data } = img;
  const W = Math.max(1, Math.round(w * s));
  const H = Math.max(1, Math.round(h * s));
  const fx = W / w;
  const fy = H / h;
  // Source column → target column, once (not per pixel).
  const colOf = new Int32Array(w);
  for (let x = 0; x < w; x++) colOf[x] = Math.min(W - 1, Math.floor(x * fx));
  const sum = new Uint32Array(W * H);
  const cnt = new Uint32Array(W * H);
  for (let y = 0; y < h; y++) {
    const Y = Math.min(H - 1, Math.floor(y * fy)) * W;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const i = Y + colOf[x]!;
      sum[i] += data[row + x]!;
      cnt[i]++;
    }
  }
  const out = new Uint8Array(W * H);
  for (let i = 0; i < out.length; i++) out[i] = cnt[i] ? Math.round(sum[i]! / cnt[i]!) : 255;
  return { width: W, height: H, data: out };
}

/** Enlarge a greyscale image k times (k ≥ 1), bilinear: small codes get enough pixels per module. */
export function upscaleGray(img: GrayImage, k: number): GrayImage {
  const { width: w, height: h, data } = img;
  const W = Math.max(1, Math.round(w * k));
  const H = Math.max(1, Math.round(h * k));
  const out = new Uint8Array(W * H);
  for (let Y = 0; Y < H; Y++) {
    const fy = Math.min(h - 1, Math.max(0, (Y + 0.5) / k - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(h - 1, y0 + 1), ay = fy - y0;
    for (let X = 0; X < W; X++) {
      const fx = Math.min(w - 1, Math.max(0, (X + 0.5) / k - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(w - 1, x0 + 1), ax = fx - x0;
      const top = data[y0 * w + x0]! * (1 - ax) + data[y0 * w + x1]! * ax;
      const bot = data[y1 * w + x0]! * (1 - ax) + data[y1 * w + x1]! * ax;
      out[Y * W + X] = Math.round(top * (1 - ay) + bot * ay);
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * Black where a pixel is darker than the mean of its (2r+1)² neighbourhood, white elsewhere: a
 * blurred code whose modules are a few pixels wide keeps its pattern, whatever the light.
 */
export function thresholdLocal(img: GrayImage, r: number): GrayImage {
  const mean = boxBlur(img, r);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! < mean.data[i]! - 2 ? 0 : 255;
  return { width: img.width, height: img.height, data: out };
}

/**
 * Separable box blur with radius r (pixels), edges clamped: each output pixel is the mean of the
 * (2r+1)² window, rounded. Integer running sums, O(1) per pixel whatever r. Only 2r+2 rows of
 * horizontal sums are kept (a ring), so apart from the output the work stays in the cache.
 */
export function boxBlur(img: GrayImage, radius: number): GrayImage {
  if (radius < 1) return img;
  const r = Math.floor(radius);
  const w = img.width;
  const h = img.height;
  const data = img.data;
  const n = 2 * r + 1;
  const nn = n * n;
  const slots = n + 1;
  const ring = new Int32Array(slots * w);
  // Rounded means by table when it is small (it is: 2,296 entries for r = 1).
  const max = 255 * nn;
  const lut = new Uint8Array(max < 1 << 20 ? max + 1 : 0);
  for (let c = 0; c < lut.length; c++) lut[c] = Math.round(c / nn);
  const col = new Int32Array(w);
  const out = new Uint8Array(w * h);
  // Row sequence position p holds the horizontal sums of source row p - r (clamped), in ring
  // slot p % slots. Output row y is the sum of positions y … y + 2r.
  for (let p = 0; p < h + n - 1; p++) {
    const sy = p - r;
    const row = (sy < 0 ? 0 : sy >= h ? h - 1 : sy) * w;
    const last = row + w - 1;
    const o = (p % slots) * w;
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += data[k < 0 ? row : k >= w ? last : row + k]!;
    const lo = w < r ? w : r;
    const hi = w - r - 1 > lo ? w - r - 1 : lo;
    let x = 0;
    for (; x < lo; x++) {
      ring[o + x] = acc;
      const add = x + r + 1;
      acc += data[add >= w ? last : row + add]! - data[row]!;
    }
    for (; x < hi; x++) {
      ring[o + x] = acc;
      acc += data[row + x + r + 1]! - data[row + x - r]!;
    }
    for (; x < w; x++) {
      ring[o + x] = acc;
      const sub = x - r;
      acc += data[last]! - data[sub < 0 ? row : row + sub]!;
    }
    if (p < n) {
      for (let i = 0; i < w; i++) col[i] += ring[o + i]!;
    } else {
      // Slide down: add position p, drop position p - n.
      const os = ((p - n) % slots) * w;
      for (let i = 0; i < w; i++) col[i] += ring[o + i]! - ring[os + i]!;
    }
    if (p >= n - 1) {
      const y = p - (n - 1);
      const oo = y * w;
      if (lut.length) for (let i = 0; i < w; i++) out[oo + i] = lut[col[i]!]!;
      else for (let i = 0; i < w; i++) out[oo + i] = Math.round(col[i]! / nn);
    }
  }
  return { width: w, height: h, data: out };
}

/** Bilinear sample with white outside the image. */
export function sample(img: GrayImage, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 >= img.width - 1 || y0 >= img.height - 1) {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return 255;
    return img.data[yi * img.width + xi]!;
  }
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * img.width + x0;
  const d = img.data;
  const a = d[i]! + (d[i + 1]! - d[i]!) * fx;
  const b = d[i + img.width]! + (d[i + img.width + 1]! - d[i + img.width]!) * fx;
  return a + (b - a) * fy;
}

/** A 3×3 homography as 9 numbers, row-major; maps (x, y, 1). */
export type Homography = number[];

export function applyH(H: Homography, x: number, y: number): [number, number] {
  const w = H[6]! * x + H[7]! * y + H[8]!;
  return [(H[0]! * x + H[1]! * y + H[2]!) / w, (H[3]! * x + H[4]! * y + H[5]!) / w];
}

/** Solve A x = b (n×n) by Gaussian elimination with partial pivoting; null when singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    if (Math.abs(M[p]![c]!) < 1e-12) return null;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

/**
 * Least-squares homography from ≥ 4 point pairs (src → dst), with h33 = 1. Points are normalised
 * first for numerical stability.
 */
export function fitHomography(src: [number, number][], dst: [number, number][]): Homography | null {
  const norm = (pts: [number, number][]) => {
    const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
    const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    const d = pts.reduce((a, p) => a + Math.hypot(p[0] - cx, p[1] - cy), 0) / pts.length || 1;
    const s = Math.SQRT2 / d;
    return { T: [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1], pts: pts.map(([x, y]) => [s * (x - cx), s * (y - cy)] as [number, number]) };
  };
  const a = norm(src);
  const b = norm(dst);
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const [x, y] = a.pts[i]!;
    const [u, v] = b.pts[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    rhs.push(u);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    rhs.push(v);
  }
  // Normal equations.
  const AtA = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const Atb = new Array<number>(8).fill(0);
  for (let r = 0; r < rows.length; r++) {
    for (let i = 0; i < 8; i++) {
      Atb[i]! += rows[r]![i]! * rhs[r]!;
      for (let j = 0; j < 8; j++) AtA[i]![j]! += rows[r]![i]! * rows[r]![j]!;
    }
  }
  const h = solve(AtA, Atb);
  if (!h) return null;
  const Hn = [...h, 1];
  // H = Tb^-1 · Hn · Ta
  const TbInv = invert3(b.T);
  if (!TbInv) return null;
  return mul3(mul3(TbInv, Hn), a.T);
}

/** Affine (6 dof) least squares from ≥ 3 pairs, as a homography. */
export function fitAffine(src: [number, number][], dst: [number, number][]): Homography | null {
  const AtA = Array.from({ length: 3 }, () => new Array<number>(3).fill(0));
  const bx = [0, 0, 0];
  const by = [0, 0, 0];
  for (let i = 0; i < src.length; i++) {
    const v = [src[i]![0], src[i]![1], 1];
    for (let r = 0; r < 3; r++) {
      bx[r]! += v[r]! * dst[i]![0];
      by[r]! += v[r]! * dst[i]![1];
      for (let c = 0; c < 3; c++) AtA[r]![c]! += v[r]! * v[c]!;
    }
  }
  const px = solve(AtA, bx);
  const py = solve(AtA, by);
  if (!px || !py) return null;
  return [px[0]!, px[1]!, px[2]!, py[0]!, py[1]!, py[2]!, 0, 0, 1];
}

export function mul3(a: number[], b: number[]): number[] {
  const o = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) o[r * 3 + c]! += a[r * 3 + k]! * b[k * 3 + c]!;
  return o;
}

export function invert3(m: number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-15) return null;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}
