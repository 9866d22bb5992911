/**
 * Registration: from the QR's position and orientation, predict the four corner marks, find each
 * one locally (a filled dark square of the right size), and fit a homography from page points
 * (top-left origin) to image pixels.
 */
import QRCode from 'qrcode';
import type { ManifestPage } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import type { GrayImage } from './decode.js';
import { applyH, cropGray, downscaleGray, fitAffine, fitHomography, type Homography } from './image.js';
import type { Point, QrHit } from './qr.js';

/** Quiet zone the drawing leaves around the QR symbol, in modules (src/draw/pdf.ts QR_QUIET). */
const QR_QUIET = 4;

export interface Registration {
  /** Page points → image pixels. */
  H: Homography;
  /** Clockwise rotation of the page in the image, degrees in [0, 360). */
  rotation: number;
  /** Image pixels per page point, roughly (average over the page). */
  scale: number;
  /** How many of the four marks were found. */
  marksFound: number;
  /** Worst disagreement between the fit and the QR corners / marks, in mm. */
  residualMm: number;
  note?: string;
}

export type RegisterResult = { ok: true; reg: Registration } | { ok: false; note: string };

/** The QR symbol's four corners on the page (points), TL, TR, BR, BL. */
export function qrSymbolCorners(page: Pick<ManifestPage, 'qr' | 'code'>): [number, number][] {
  const n = QRCode.create(page.code, { errorCorrectionLevel: 'M' }).modules.size;
  const [qx, qy, side] = page.qr;
  const mod = side / (n + 2 * QR_QUIET);
  const x0 = qx + QR_QUIET * mod;
  const y0 = qy + QR_QUIET * mod;
  const s = n * mod;
  return [
    [x0, y0],
    [x0 + s, y0],
    [x0 + s, y0 + s],
    [x0, y0 + s],
  ];
}

interface Blob {
  x: number;
  y: number;
  area: number;
}

/** Dark, filled, square-ish blobs of about `side` pixels in a greyscale image. */
function squareBlobs(img: GrayImage, side: number): Blob[] {
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
    let area = 0, sx = 0, sy = 0, minX = w, minY = h, maxX = 0, maxY = 0;
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
      if (x > 0 && label[p - 1] === 0 && data[p - 1]! < t) { label[p - 1] = id; stack.push(p - 1); }
      if (x < w - 1 && label[p + 1] === 0 && data[p + 1]! < t) { label[p + 1] = id; stack.push(p + 1); }
      if (y > 0 && label[p - w] === 0 && data[p - w]! < t) { label[p - w] = id; stack.push(p - w); }
      if (y < h - 1 && label[p + w] === 0 && data[p + w]! < t) { label[p + w] = id; stack.push(p + w); }
    }
    if (area < 0.35 * want || area > 2.5 * want) continue;
    const bw = maxX - minX + 1;
    const bh = maxY - minY + 1;
    if (bw / bh > 1.7 || bh / bw > 1.7) continue;
    if (area / (bw * bh) < 0.6) continue;
    if (minX === 0 || minY === 0 || maxX === w - 1 || maxY === h - 1) continue; // cut by the window
    // A mark stands alone on white paper: a ring around it (0.7 × its side) is nearly free of ink.
    // Bold heading letters, table corners and stamps are not.
    const m = Math.max(2, Math.round(0.7 * side));
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

/** Find the mark nearest to `pred` within radius r (pixels). */
function findMark(img: GrayImage, pred: Point, r: number, markPx: number): Point | null {
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
  const blobs = squareBlobs(small, markPx / fx);
  let best: Point | null = null;
  let bestD = Infinity;
  for (const b of blobs) {
    const p = { x: cx + b.x * fx, y: cy + b.y * fy };
    const d = Math.hypot(p.x - pred.x, p.y - pred.y);
    if (d < bestD && d <= r) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

function convex(q: Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % q.length]!;
    const c = q[(i + 2) % q.length]!;
    const z = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (Math.abs(z) < 1e-9) return false;
    const s = Math.sign(z);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Largest disagreement (mm) between H(page point) and the observed image point. */
function residualMm(H: Homography, pagePts: [number, number][], imgPts: Point[], pxPerPt: number): number {
  let worst = 0;
  for (let i = 0; i < pagePts.length; i++) {
    const [u, v] = applyH(H, pagePts[i]![0], pagePts[i]![1]);
    worst = Math.max(worst, Math.hypot(u - imgPts[i]!.x, v - imgPts[i]!.y));
  }
  return worst / pxPerPt / MM;
}

/** Maximum tolerated misfit at the QR corners / marks (mm). */
export const MAX_RESIDUAL_MM = 1.5;

export function register(img: GrayImage, page: ManifestPage, qr: QrHit): RegisterResult {
  const qrPage = qrSymbolCorners(page);
  const qrImg = qr.corners;
  const A = fitAffine(qrPage, qrImg.map((p) => [p.x, p.y]));
  if (!A) return { ok: false, note: 'the page code was read but its position makes no sense' };
  // Pixels per point along the page's x axis from the QR, and orientation.
  const dx = qrImg[1].x - qrImg[0].x;
  const dy = qrImg[1].y - qrImg[0].y;
  const qrSidePt = qrPage[1]![0] - qrPage[0]![0];
  const scale = Math.hypot(dx, dy) / qrSidePt;
  const rotation = ((Math.atan2(dy, dx) * 180) / Math.PI + 360) % 360;
  const markPx = page.markSize * scale;
  const [pw] = page.size;
  // The two marks beside the QR are predicted well; the far two (across the page) can be far from an
  // affine prediction on a phone photo in perspective, so they are looked for in a wide window —
  // safe because only isolated, filled squares qualify (squareBlobs).
  const R = Math.max(0.22 * pw * scale, 8 * markPx);
  const Rfar = Math.max(0.5 * pw * scale, 8 * markPx);

  // Find marks nearest to the QR first, refining the prediction with each mark found.
  const qrC: [number, number] = [page.qr[0] + page.qr[2] / 2, page.qr[1] + page.qr[3] / 2];
  const order = page.marks
    .map((m, i) => ({ i, d: Math.hypot(m[0] - qrC[0], m[1] - qrC[1]) }))
    .sort((a, b) => a.d - b.d)
    .map((o) => o.i);
  const found: (Point | null)[] = [null, null, null, null];
  let model: Homography = A;
  for (const [k, i] of order.entries()) {
    const [px, py] = applyH(model, page.marks[i]![0], page.marks[i]![1]);
    found[i] = findMark(img, { x: px, y: py }, k < 2 ? R : Rfar, markPx);
    const src: [number, number][] = [...qrPage];
    const dst: [number, number][] = qrImg.map((p) => [p.x, p.y]);
    found.forEach((f, k) => {
      if (f) {
        // Marks weigh more than the four clustered QR corners.
        for (let rep = 0; rep < 3; rep++) {
          src.push(page.marks[k]!);
          dst.push([f.x, f.y]);
        }
      }
    });
    model = fitAffine(src, dst) ?? model;
  }
  const n = found.filter(Boolean).length;
  if (n < 3) {
    return { ok: false, note: `only ${n} of the 4 corner marks were found: the page could not be aligned` };
  }
  let H: Homography | null;
  let note: string | undefined;
  if (n === 4) {
    const pts = found as Point[];
    if (!convex(pts)) return { ok: false, note: 'the corner marks found do not form a page outline' };
    H = fitHomography(page.marks, pts.map((p) => [p.x, p.y]));
  } else {
    const missing = found.findIndex((f) => !f);
    const src: [number, number][] = [];
    const dst: [number, number][] = [];
    found.forEach((f, k) => {
      if (f) {
        src.push(page.marks[k]!);
        dst.push([f.x, f.y]);
      }
    });
    src.push(...qrPage);
    dst.push(...qrImg.map((p) => [p.x, p.y] as [number, number]));
    H = fitAffine(src, dst);
    note = `corner mark ${['top-left', 'top-right', 'bottom-right', 'bottom-left'][missing]} not found; aligned from 3 marks (less precise)`;
  }
  if (!H) return { ok: false, note: 'the corner marks could not be fitted' };
  const marksIdx = found.map((f, k) => (f ? k : -1)).filter((k) => k >= 0);
  const res = Math.max(
    residualMm(H, qrPage, qrImg, scale),
    residualMm(H, marksIdx.map((k) => page.marks[k]!), marksIdx.map((k) => found[k]!), scale),
  );
  const limit = n === 4 ? MAX_RESIDUAL_MM : MAX_RESIDUAL_MM * 1.5;
  if (res > limit) {
    return { ok: false, note: `the page outline does not fit its marks (misfit ${res.toFixed(1)} mm): the page could not be aligned` };
  }
  return { ok: true, reg: { H, rotation: Math.round(rotation * 10) / 10, scale, marksFound: n, residualMm: res, ...(note ? { note } : {}) } };
}
