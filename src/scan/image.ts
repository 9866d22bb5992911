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

/**
 * Area-average downscale by factor s (0 < s ≤ 1): source pixel (x, y) goes to target
 * (floor(x·W/w), floor(y·H/h)); a target no source pixel falls on is white. The source rows of one
 * target row are summed column by column first (a plain pass over the rows), then each target
 * column adds up its run of source columns once; the count is that run's width times the rows.
 */
export function downscaleGray(img: GrayImage, s: number): GrayImage {
  const { width: w, height: h, data } = img;
  const W = Math.max(1, Math.round(w * s));
  const H = Math.max(1, Math.round(h * s));
  const fx = W / w;
  const fy = H / h;
  // Target column X takes source columns [start[X], start[X + 1]) (empty when none falls on it).
  const start = new Int32Array(W + 1).fill(w);
  for (let x = w - 1; x >= 0; x--) start[Math.min(W - 1, Math.floor(x * fx))] = x;
  for (let X = W - 1; X >= 0; X--) if (start[X]! > start[X + 1]!) start[X] = start[X + 1]!;
  const acc = new Uint32Array(w);
  const out = new Uint8Array(W * H).fill(255);
  let y = 0;
  while (y < h) {
    const Y = Math.min(H - 1, Math.floor(y * fy));
    let end = y + 1;
    while (end < h && Math.min(H - 1, Math.floor(end * fy)) === Y) end++;
    const rows = end - y;
    // The first row (two when their number is even) sets the sums, then two rows at a time.
    const r0 = y * w;
    if (rows % 2) {
      for (let x = 0; x < w; x++) acc[x] = data[r0 + x]!;
      y++;
    } else {
      const r1 = r0 + w;
      for (let x = 0; x < w; x++) acc[x] = data[r0 + x]! + data[r1 + x]!;
      y += 2;
    }
    for (; y < end; y += 2) {
      const a = y * w;
      const b = a + w;
      for (let x = 0; x < w; x++) acc[x] += data[a + x]! + data[b + x]!;
    }
    const o = Y * W;
    for (let X = 0; X < W; X++) {
      const a = start[X]!;
      const b = start[X + 1]!;
      if (b === a) continue;
      let sum = 0;
      for (let x = a; x < b; x++) sum += acc[x]!;
      out[o + X] = Math.round(sum / ((b - a) * rows));
    }
  }
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
    const y0 = Math.floor(fy),
      y1 = Math.min(h - 1, y0 + 1),
      ay = fy - y0;
    for (let X = 0; X < W; X++) {
      const fx = Math.min(w - 1, Math.max(0, (X + 0.5) / k - 0.5));
      const x0 = Math.floor(fx),
        x1 = Math.min(w - 1, x0 + 1),
        ax = fx - x0;
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
 * (2r+1)² window, rounded. Integer running sums, O(1) per pixel whatever r: the column sums of rows
 * y − r … y + r slide down one row at a time (kept with r clamped columns on either side), and each
 * output row is a running sum along them.
 */
export function boxBlur(img: GrayImage, radius: number): GrayImage {
  if (radius < 1) return img;
  const r = Math.floor(radius);
  const w = img.width;
  const h = img.height;
  const data = img.data;
  const n = 2 * r + 1;
  const nn = n * n;
  // Rounded means by table when it is small (it is: 2,296 entries for r = 1).
  const max = 255 * nn;
  const lut = new Uint8Array(max < 1 << 20 ? max + 1 : 0);
  for (let c = 0; c < lut.length; c++) lut[c] = Math.round(c / nn);
  const out = new Uint8Array(w * h);
  // pad[x + r] is the sum of column x over rows y − r … y + r (clamped); pad[0 … r) and
  // pad[w + r …) repeat the first and last columns.
  const pad = new Int32Array(w + 2 * r);
  const last = (h - 1) * w;
  for (let k = -r; k <= r; k++) {
    const o = k < 0 ? 0 : k >= h ? last : k * w;
    for (let x = 0; x < w; x++) pad[x + r] += data[o + x]!;
  }
  for (let y = 0; y < h; y++) {
    if (y > 0) {
      const ya = y + r;
      const ys = y - r - 1;
      const add = ya >= h ? last : ya * w;
      const sub = ys < 0 ? 0 : ys * w;
      if (add !== sub) for (let x = 0; x < w; x++) pad[x + r] += data[add + x]! - data[sub + x]!;
    }
    const left = pad[r]!;
    const right = pad[w + r - 1]!;
    for (let k = 0; k < r; k++) {
      pad[k] = left;
      pad[w + r + k] = right;
    }
    let acc = 0;
    for (let k = 0; k < n - 1; k++) acc += pad[k]!;
    const oo = y * w;
    if (lut.length) {
      for (let x = 0; x < w; x++) {
        acc += pad[x + n - 1]!;
        out[oo + x] = lut[acc]!;
        acc -= pad[x]!;
      }
    } else {
      for (let x = 0; x < w; x++) {
        acc += pad[x + n - 1]!;
        out[oo + x] = Math.round(acc / nn);
        acc -= pad[x]!;
      }
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * boxBlur computed only inside `rect` = [x0, y0, x1) × [y0, y1) (pixels, clipped to the image):
 * there each pixel is exactly boxBlur(img, radius)'s; elsewhere it is the image's own. The rest of
 * the page costs nothing (the measured boxes of a signing sheet cover a fifth of it).
 */
export function boxBlurWithin(
  img: GrayImage,
  radius: number,
  rect: readonly [number, number, number, number],
): GrayImage {
  if (radius < 1) return img;
  const r = Math.floor(radius);
  const x0 = Math.max(0, Math.floor(rect[0])),
    y0 = Math.max(0, Math.floor(rect[1]));
  const x1 = Math.min(img.width, Math.ceil(rect[2])),
    y1 = Math.min(img.height, Math.ceil(rect[3]));
  const out = img.data.slice();
  if (x1 <= x0 || y1 <= y0) return { width: img.width, height: img.height, data: out };
  // Blur a crop reaching r beyond the rectangle (or to the image's edge, where clamping to the
  // crop's edge is clamping to the image's): inside the rectangle every window is the same.
  const cx = Math.max(0, x0 - r),
    cy = Math.max(0, y0 - r);
  const crop = cropGray(img, cx, cy, Math.min(img.width, x1 + r) - cx, Math.min(img.height, y1 + r) - cy);
  const b = boxBlur(crop, r);
  for (let y = y0; y < y1; y++) {
    const from = (y - cy) * b.width + (x0 - cx);
    out.set(b.data.subarray(from, from + (x1 - x0)), y * img.width + x0);
  }
  return { width: img.width, height: img.height, data: out };
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
    return {
      T: [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1],
      pts: pts.map(([x, y]) => [s * (x - cx), s * (y - cy)] as [number, number]),
    };
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
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) o[r * 3 + c]! += a[r * 3 + k]! * b[k * 3 + c]!;
  return o;
}

export function invert3(m: number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-15) return null;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}
