/**
 * Registration: from the QR's position and orientation, predict the four corner marks, find each
 * one locally (a filled dark square of the right size), and fit a homography from page points
 * (top-left origin) to image pixels. Once the two marks beside the QR are found, the far two are
 * predicted from those two marks (the page's own proportions) rather than from the small QR, and
 * may look smaller or larger (a phone photo at up to 20°); each mark found must then be the size
 * the fitted page says. With only three marks an affine fit is used, and refused when the page is
 * seen in perspective (it cannot place the boxes then).
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
    if (area < minArea * want || area > maxArea * want) continue;
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

/** A mark found in the image: its centre and its area (pixels). */
interface Mark extends Point {
  area: number;
}

/**
 * Find the mark nearest to `pred` within radius r (pixels). `size` is the range of areas accepted,
 * relative to a mark of markPx × markPx.
 */
function findMark(img: GrayImage, pred: Point, r: number, markPx: number, size: [number, number] = [0.35, 2.5]): Mark | null {
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
    if (d < bestD && d <= r) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

/** The similarity (rotation, uniform scale, translation) taking a → A and b → B, as a homography. */
function fitSimilarity(a: [number, number], b: [number, number], A: [number, number], B: [number, number]): Homography | null {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const DX = B[0] - A[0], DY = B[1] - A[1];
  const d2 = dx * dx + dy * dy;
  if (d2 < 1e-9) return null;
  // z ↦ c·z + t with complex c = (D / d).
  const cr = (DX * dx + DY * dy) / d2;
  const ci = (DY * dx - DX * dy) / d2;
  const tx = A[0] - (cr * a[0] - ci * a[1]);
  const ty = A[1] - (ci * a[0] + cr * a[1]);
  return [cr, -ci, tx, ci, cr, ty, 0, 0, 1];
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
  const found: (Mark | null)[] = [null, null, null, null];
  let model: Homography = A;
  for (const [k, i] of order.entries()) {
    const [px, py] = applyH(model, page.marks[i]![0], page.marks[i]![1]);
    // The far marks may look much smaller or larger than the QR suggests: the far edge of a page
    // photographed at 20° comes out at about two thirds of the scale of the near one. Each mark's
    // size is checked against the fitted page below.
    found[i] = findMark(img, { x: px, y: py }, k < 2 ? R : Rfar, markPx, k < 2 ? [0.35, 2.5] : [0.15, 4.5]);
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
    const got = found.flatMap((f, k) => (f ? [{ page: page.marks[k]!, img: [f.x, f.y] as [number, number] }] : []));
    if (got.length === 2) {
      // Two marks and a small QR beside them nearly on one line: an affine fit would extrapolate the
      // page's height from the QR alone, which perspective distorts. A similarity through the two
      // marks (the page's own proportions) predicts the far marks much better.
      model = fitSimilarity(got[0]!.page, got[1]!.page, got[0]!.img, got[1]!.img) ?? model;
    } else {
      model = fitAffine(src, dst) ?? model;
    }
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
    // An affine fit cannot follow perspective. Fit a homography to the same points too: if the two
    // disagree anywhere on the page by more than 1 mm, the photo was taken at an angle and three
    // marks are not enough to place the boxes — refuse rather than read the wrong boxes.
    const P = fitHomography(src, dst);
    if (H && P) {
      const [pw2, ph2] = page.size;
      let worst = 0;
      for (const [u, v] of [[0, 0], [pw2, 0], [pw2, ph2], [0, ph2], [pw2 / 2, ph2 / 2], [pw2 / 2, 0], [pw2, ph2 / 2], [pw2 / 2, ph2], [0, ph2 / 2]] as [number, number][]) {
        const a = applyH(H, u, v);
        const b = applyH(P, u, v);
        worst = Math.max(worst, Math.hypot(a[0] - b[0], a[1] - b[1]));
      }
      if (worst / scale / MM > 1) {
        return { ok: false, note: `corner mark ${['top-left', 'top-right', 'bottom-right', 'bottom-left'][missing]} not found and the page is seen at an angle: the page could not be aligned (photograph it straight from above, all four corner squares in view)` };
      }
    }
  }
  if (!H) return { ok: false, note: 'the corner marks could not be fitted' };
  // Every mark found must be the size the fitted page says a mark is there (a blob of another size
  // near the predicted place is not a mark).
  const half = page.markSize / 2;
  for (const [k, f] of found.entries()) {
    if (!f) continue;
    const [mx, my] = page.marks[k]!;
    const q = [[mx - half, my - half], [mx + half, my - half], [mx + half, my + half], [mx - half, my + half]].map(([u, v]) => applyH(H!, u!, v!));
    let area = 0;
    for (let j = 0; j < 4; j++) area += q[j]![0] * q[(j + 1) % 4]![1] - q[(j + 1) % 4]![0] * q[j]![1];
    const ratio = f.area / Math.max(1e-9, Math.abs(area) / 2);
    if (ratio < 0.5 || ratio > 2) {
      return { ok: false, note: `the ${['top-left', 'top-right', 'bottom-right', 'bottom-left'][k]} corner mark found does not fit the page: the page could not be aligned` };
    }
  }
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
