/**
 * Scan simulator (test-only): rasterise rendered pages, write synthetic signatures, ticks, dots,
 * stamps and stray marks into them, then apply scanner or phone-camera effects. Deterministic
 * from a seed. Every box gets its ground truth.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { ManifestPage } from '../../src/model/manifest.js';
import { MM } from '../../src/model/pagecode.js';

/** Mulberry32: small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Truth = 'signed' | 'empty' | 'tick' | 'dot';

export interface SimPage {
  /** Encoded image (JPEG / PNG / TIFF). */
  bytes: Buffer;
  ext: 'jpg' | 'png' | 'tif';
  truth: Map<string, Truth>;
  code: string;
  describe: string;
  /** Set by the scan-set builder: which accuracy targets apply. */
  category?: 'scanner' | 'phone';
}

const rasterCache = new Map<string, Buffer>();

/** Greyscale PNG of one PDF page at `dpi` (poppler's pdftoppm, test-only). */
export function rasterise(pdf: Buffer | string, page: number, dpi: number): Buffer {
  const key = `${typeof pdf === 'string' ? pdf : pdf.length + ':' + pdf.subarray(0, 64).toString('hex')}#${page}@${dpi}`;
  const hit = rasterCache.get(key);
  if (hit) return hit;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ikrar-sim-'));
  try {
    let file = pdf as string;
    if (typeof pdf !== 'string') {
      file = path.join(dir, 'in.pdf');
      writeFileSync(file, pdf);
    }
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-gray',
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      path.join(dir, 'out'),
    ]);
    const png = readFileSync(path.join(dir, 'out.png'));
    rasterCache.set(key, png);
    return png;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INKS = ['#151515', '#202020', '#0d1f6b', '#1a2a80', '#16308f', '#26338a'];

/** A scribbled signature inside (and around) a rect of w × h pixels at (x, y). */
function drawSignature(
  ctx: SKRSContext2D,
  rnd: () => number,
  x: number,
  y: number,
  w: number,
  h: number,
  pxPerMm: number,
): void {
  const ink = INKS[Math.floor(rnd() * INKS.length)]!;
  ctx.strokeStyle = ink;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = (0.3 + rnd() * 0.4) * pxPerMm;
  const slant = (rnd() - 0.5) * 0.6;
  const n = 4 + Math.floor(rnd() * 5);
  const cy = y + h / 2;
  const pts: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const px = x + (i / n) * w + (rnd() - 0.5) * (w / n) * 0.6;
    const py = cy + (rnd() - 0.5) * h;
    pts.push([px + slant * (py - cy), py]);
  }
  ctx.beginPath();
  ctx.moveTo(pts[0]![0], pts[0]![1]);
  for (let i = 1; i < pts.length; i++) {
    const [px, py] = pts[i]!;
    const [qx, qy] = pts[i - 1]!;
    ctx.bezierCurveTo(
      qx + (rnd() - 0.3) * w * 0.3,
      qy - h * (0.3 + rnd() * 0.6),
      px - (rnd() - 0.3) * w * 0.3,
      py + h * (0.3 + rnd() * 0.6),
      px,
      py,
    );
  }
  ctx.stroke();
  // Sometimes a flourish underline or a second loop.
  if (rnd() < 0.5) {
    ctx.beginPath();
    const uy = cy + h * (0.2 + rnd() * 0.3);
    ctx.moveTo(x + w * rnd() * 0.3, uy);
    ctx.quadraticCurveTo(x + w * 0.5, uy + h * (rnd() - 0.5) * 0.4, x + w * (0.7 + rnd() * 0.4), uy - h * rnd() * 0.3);
    ctx.stroke();
  }
}

function drawTick(ctx: SKRSContext2D, rnd: () => number, cx: number, cy: number, pxPerMm: number): void {
  const s = (2 + rnd() * 2.5) * pxPerMm;
  ctx.strokeStyle = INKS[Math.floor(rnd() * INKS.length)]!;
  ctx.lineWidth = (0.3 + rnd() * 0.3) * pxPerMm;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx - s * 0.4, cy);
  ctx.lineTo(cx - s * 0.1, cy + s * 0.35);
  ctx.lineTo(cx + s * 0.45, cy - s * 0.5);
  ctx.stroke();
}

function drawDot(ctx: SKRSContext2D, rnd: () => number, cx: number, cy: number, pxPerMm: number): void {
  ctx.fillStyle = INKS[Math.floor(rnd() * INKS.length)]!;
  ctx.beginPath();
  ctx.arc(cx, cy, (0.3 + rnd() * 0.5) * pxPerMm, 0, Math.PI * 2);
  ctx.fill();
}

function drawStamp(ctx: SKRSContext2D, rnd: () => number, cx: number, cy: number, pxPerMm: number): void {
  ctx.strokeStyle = rnd() < 0.5 ? 'rgba(60,40,160,0.8)' : 'rgba(120,40,140,0.75)';
  ctx.lineWidth = 0.6 * pxPerMm;
  const r = (14 + rnd() * 5) * pxPerMm;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.7, 0, Math.PI * 2);
  ctx.stroke();
  ctx.fillStyle = ctx.strokeStyle;
  ctx.font = `${3 * pxPerMm}px sans-serif`;
  ctx.fillText('DINAS', cx - 6 * pxPerMm, cy + pxPerMm);
}

export interface Effects {
  kind: 'scanner' | 'phone';
  dpi: number;
  /** Quarter turns clockwise applied to the paper (0 upright, 2 upside down, 1/3 sideways). */
  quarter?: number;
  output?: 'jpeg' | 'dither' | 'png';
  /** Phone only: camera tilt from straight above, degrees (default: random 0–20). */
  tiltDeg?: number;
  /** JPEG quality (default: random, 50–90 scanner, 70–90 phone). */
  quality?: number;
  /** Scanner grey noise sigma (default: random 3–12). */
  noise?: number;
}

export interface Marking {
  /** Fraction of boxes signed. */
  signed: number;
  ticks: number;
  dots: number;
  /** Let some signatures overflow into the neighbouring half / rows. */
  spill: boolean;
  stamps: boolean;
}

/** Make one simulated scan of a rendered page. */
export async function simulate(
  seed: number,
  pdf: Buffer | string,
  pageNo: number,
  page: ManifestPage,
  fx: Effects,
  mk: Marking,
): Promise<SimPage> {
  const rnd = prng(seed);
  const base = rasterise(pdf, pageNo, fx.dpi);
  const img = await loadImage(base);
  const W = img.width;
  const H = img.height;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const s = fx.dpi / 72; // px per point
  const pxPerMm = s * MM;
  const truth = new Map<string, Truth>();
  for (const box of page.boxes) {
    const [bx, by, bw, bh] = box.rect.map((v) => v * s) as [number, number, number, number];
    const r = rnd();
    let t: Truth = 'empty';
    if (r < mk.signed) t = 'signed';
    else if (r < mk.signed + mk.ticks) t = 'tick';
    else if (r < mk.signed + mk.ticks + mk.dots) t = 'dot';
    truth.set(box.key, t);
    if (t === 'signed') {
      const w = bw * (0.55 + rnd() * 0.7);
      const h = bh * (0.45 + rnd() * 0.6);
      let x = bx + (bw - w) * rnd();
      let y = by + (bh - h) * (0.2 + rnd() * 0.6);
      if (mk.spill && rnd() < 0.35) {
        // Cross the border into the neighbouring (empty) half of the row, keeping at least 60 %
        // of the signature in its own box; sometimes also a little over the row line.
        const dir = box.side === 'left' ? 1 : -1;
        const over = w * (0.15 + rnd() * 0.25);
        x = dir > 0 ? bx + bw - w + over : bx - over;
        if (rnd() < 0.4) y += (rnd() < 0.5 ? -1 : 1) * bh * 0.25;
      }
      drawSignature(ctx, rnd, x, y, w, h, pxPerMm);
    } else if (t === 'tick') {
      drawTick(ctx, rnd, bx + bw * (0.3 + rnd() * 0.4), by + bh * (0.4 + rnd() * 0.3), pxPerMm);
    } else if (t === 'dot') {
      drawDot(ctx, rnd, bx + bw * (0.2 + rnd() * 0.6), by + bh * (0.3 + rnd() * 0.4), pxPerMm);
    }
  }
  if (mk.stamps) {
    // A unit stamp over the name column and a stray pen line through the NIP column.
    const first = page.boxes[0];
    if (first) {
      drawStamp(
        ctx,
        rnd,
        60 * pxPerMm + rnd() * 30 * pxPerMm,
        first.rect[1] * s + (20 + rnd() * 60) * pxPerMm,
        pxPerMm,
      );
      ctx.strokeStyle = INKS[0]!;
      ctx.lineWidth = 0.4 * pxPerMm;
      ctx.beginPath();
      const y0 = first.rect[1] * s + rnd() * 100 * pxPerMm;
      ctx.moveTo(70 * pxPerMm, y0);
      ctx.lineTo(110 * pxPerMm, y0 + (rnd() - 0.5) * 10 * pxPerMm);
      ctx.stroke();
    }
  }
  const rgba = ctx.getImageData(0, 0, W, H).data;
  let out = fx.kind === 'scanner' ? scannerEffects(rnd, rgba, W, H, fx) : phoneEffects(rnd, rgba, W, H, fx);
  let bytes: Buffer;
  let ext: SimPage['ext'];
  const q = fx.quarter ?? 0;
  if (fx.kind === 'scanner') {
    const grey = sharp(Buffer.from(out.data), { raw: { width: out.w, height: out.h, channels: 1 } }).rotate(q * 90);
    const blurSigma = 0.4 + rnd() * 0.5;
    if (fx.output === 'dither') {
      const { data, info } = await grey
        .blur(blurSigma)
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const d = dither(new Uint8Array(data), info.width, info.height);
      bytes = await sharp(Buffer.from(d), { raw: { width: info.width, height: info.height, channels: 1 } })
        .toColourspace('b-w')
        .tiff({ compression: 'ccittfax4', bitdepth: 1 })
        .toBuffer();
      ext = 'tif';
    } else if (fx.output === 'png') {
      bytes = await grey.blur(blurSigma).png().toBuffer();
      ext = 'png';
    } else {
      const q50 = 50 + Math.floor(rnd() * 41);
      bytes = await grey
        .blur(blurSigma)
        .jpeg({ quality: fx.quality ?? q50 })
        .toBuffer();
      ext = 'jpg';
    }
  } else {
    bytes = await sharp(Buffer.from(out.data), { raw: { width: out.w, height: out.h, channels: 3 } })
      .rotate(q * 90)
      .blur(0.5 + rnd() * 0.8)
      .jpeg({ quality: fx.quality ?? 70 + Math.floor(rnd() * 21) })
      .toBuffer();
    ext = 'jpg';
  }
  out = undefined as never;
  return {
    bytes,
    ext,
    truth,
    code: page.code,
    describe: `${fx.kind}${fx.output ? '/' + fx.output : ''}@${fx.dpi}q${q}${fx.kind === 'phone' && fx.tiltDeg !== undefined ? ` tilt ${fx.tiltDeg}°` : ''}`,
  };
}

/** Bilinear inverse-mapped warp of `ch`-channel float planes. inv maps output px → input px. */
export function warp(
  src: Float32Array[],
  W: number,
  H: number,
  ow: number,
  oh: number,
  inv: (x: number, y: number) => [number, number],
  bg: number[],
): Float32Array[] {
  const out = src.map(() => new Float32Array(ow * oh));
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [u, v] = inv(x + 0.5, y + 0.5);
      const x0 = Math.floor(u - 0.5),
        y0 = Math.floor(v - 0.5);
      const fx = u - 0.5 - x0,
        fy = v - 0.5 - y0;
      const i = y * ow + x;
      if (x0 < 0 || y0 < 0 || x0 >= W - 1 || y0 >= H - 1) {
        for (let c = 0; c < src.length; c++) out[c]![i] = bg[c]!;
        continue;
      }
      const k = y0 * W + x0;
      for (let c = 0; c < src.length; c++) {
        const p = src[c]!;
        const a = p[k]! + (p[k + 1]! - p[k]!) * fx;
        const b = p[k + W]! + (p[k + W + 1]! - p[k + W]!) * fx;
        out[c]![i] = a + (b - a) * fy;
      }
    }
  }
  return out;
}

export function gauss(rnd: () => number): number {
  const u = Math.max(1e-9, rnd());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

export function scannerEffects(
  rnd: () => number,
  rgba: Uint8ClampedArray,
  W: number,
  H: number,
  fx: Effects,
): { data: Uint8Array; w: number; h: number } {
  const g = new Float32Array(W * H);
  for (let i = 0, j = 0; i < g.length; i++, j += 4)
    g[i] = 0.2126 * rgba[j]! + 0.7152 * rgba[j + 1]! + 0.0722 * rgba[j + 2]!;
  const ang = ((rnd() - 0.5) * 6 * Math.PI) / 180; // ±3°
  const sc = 0.97 + rnd() * 0.06;
  const tx = (rnd() - 0.5) * 6 * (fx.dpi / 25.4);
  const ty = (rnd() - 0.5) * 6 * (fx.dpi / 25.4);
  const cos = Math.cos(ang),
    sin = Math.sin(ang);
  // The scanned area is a little larger than the paper (the glass, or an ADF's overscan), 6 mm on
  // each side, showing the white lid: a page rotated 3° and enlarged 3 % keeps its corner marks.
  const m = Math.round(6 * (fx.dpi / 25.4));
  const ow = W + 2 * m,
    oh = H + 2 * m;
  const cx = W / 2,
    cy = H / 2;
  const [warped] = warp(
    [g],
    W,
    H,
    ow,
    oh,
    (x, y) => {
      const dx = (x - m - cx - tx) / sc,
        dy = (y - m - cy - ty) / sc;
      return [cx + cos * dx + sin * dy, cy - sin * dx + cos * dy];
    },
    [250],
  );
  const paper = 225 + rnd() * 25;
  const sigma0 = 3 + rnd() * 9;
  const sigma = fx.noise ?? sigma0;
  const out = new Uint8Array(ow * oh);
  for (let i = 0; i < out.length; i++) {
    const v = (warped![i]! / 255) * paper + gauss(rnd) * sigma;
    out[i] = Math.max(0, Math.min(255, Math.round(v)));
  }
  return { data: out, w: ow, h: oh };
}

export function phoneEffects(
  rnd: () => number,
  rgba: Uint8ClampedArray,
  W: number,
  H: number,
  fx: Effects,
): { data: Uint8Array; w: number; h: number } {
  const planes = [new Float32Array(W * H), new Float32Array(W * H), new Float32Array(W * H)];
  for (let i = 0, j = 0; i < W * H; i++, j += 4) {
    planes[0]![i] = rgba[j]!;
    planes[1]![i] = rgba[j + 1]!;
    planes[2]![i] = rgba[j + 2]!;
  }
  // Output frame a bit larger than the page. The camera looks at the page tilted by up to 20°
  // (about an axis in the page plane, in any direction) from about 0.85 page-lengths away, so the
  // far edge comes out smaller than the near one (true perspective, not a mere keystone), plus a
  // small in-plane rotation; the page is fitted into the frame with a margin.
  const ow = Math.round(W * 1.12);
  const oh = Math.round(H * 1.1);
  const tilt = ((fx.tiltDeg ?? rnd() * 20) * Math.PI) / 180;
  const az = rnd() * 2 * Math.PI;
  const kx = Math.cos(az),
    ky = Math.sin(az);
  const D = 0.85 * Math.max(W, H);
  const ang = ((rnd() - 0.5) * 10 * Math.PI) / 180;
  const proj = ([x, y]: [number, number]): [number, number] => {
    const px = x - W / 2,
      py = y - H / 2;
    const kp = kx * px + ky * py;
    const c = Math.cos(tilt);
    const X = px * c + kx * kp * (1 - c);
    const Y = py * c + ky * kp * (1 - c);
    const Z = (kx * py - ky * px) * Math.sin(tilt);
    const f = D / (D + Z);
    const u = X * f,
      v = Y * f;
    return [Math.cos(ang) * u - Math.sin(ang) * v, Math.sin(ang) * u + Math.cos(ang) * v];
  };
  const corners = (
    [
      [0, 0],
      [W, 0],
      [W, H],
      [0, H],
    ] as [number, number][]
  ).map(proj);
  const xs = corners.map((p) => p[0]),
    ys = corners.map((p) => p[1]);
  const bw = Math.max(...xs) - Math.min(...xs),
    bh = Math.max(...ys) - Math.min(...ys);
  const fit = Math.min((0.92 * ow) / bw, (0.92 * oh) / bh);
  const offX = ow / 2 - ((Math.max(...xs) + Math.min(...xs)) / 2) * fit + (rnd() - 0.5) * 0.03 * ow;
  const offY = oh / 2 - ((Math.max(...ys) + Math.min(...ys)) / 2) * fit + (rnd() - 0.5) * 0.03 * oh;
  const rot = corners.map(([x, y]) => [offX + x * fit, offY + y * fit] as [number, number]);
  const Hm = homography(rot, [
    [0, 0],
    [W, 0],
    [W, H],
    [0, H],
  ]);
  const warped = warp(
    planes,
    W,
    H,
    ow,
    oh,
    (x, y) => {
      const w = Hm[6]! * x + Hm[7]! * y + Hm[8]!;
      return [(Hm[0]! * x + Hm[1]! * y + Hm[2]!) / w, (Hm[3]! * x + Hm[4]! * y + Hm[5]!) / w];
    },
    [70, 60, 50],
  );
  // Uneven light: a gradient plus a soft shadow band; warm white balance; noise.
  const gx = (rnd() - 0.5) * 0.5,
    gy = (rnd() - 0.5) * 0.5;
  const shadowX = rnd() * ow,
    shadowW = (0.1 + rnd() * 0.2) * ow,
    shadowDepth = 0.15 + rnd() * 0.25;
  const bright = 0.85 + rnd() * 0.15;
  const tint = [1, 0.97, 0.9];
  const out = new Uint8Array(ow * oh * 3);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const i = y * ow + x;
      let light = bright * (1 + gx * (x / ow - 0.5) + gy * (y / oh - 0.5));
      const d = Math.abs(x - shadowX) / shadowW;
      if (d < 1) light *= 1 - shadowDepth * (1 - d * d);
      const n = gauss(rnd) * 4;
      for (let c = 0; c < 3; c++)
        out[i * 3 + c] = Math.max(0, Math.min(255, Math.round(warped[c]![i]! * light * tint[c]! + n)));
    }
  }
  return { data: out, w: ow, h: oh };
}

/** Homography mapping `from` → `to` (4 points), 9 numbers row-major. */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const n = 8;
  const M = A.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return [...M.map((r, i) => r[n]! / r[i]!), 1];
}

/** Floyd–Steinberg to 1 bit (0/255), as a fax-mode scanner does. */
export function dither(g: Uint8Array, w: number, h: number): Uint8Array {
  const e = Float32Array.from(g);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const old = e[i]!;
      const nv = old < 128 ? 0 : 255;
      out[i] = nv;
      const err = old - nv;
      if (x + 1 < w) e[i + 1]! += (err * 7) / 16;
      if (y + 1 < h) {
        if (x > 0) e[i + w - 1]! += (err * 3) / 16;
        e[i + w]! += (err * 5) / 16;
        if (x + 1 < w) e[i + w + 1]! += err / 16;
      }
    }
  }
  return out;
}
