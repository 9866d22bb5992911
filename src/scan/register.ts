/**
 * Registration: from the position and orientation of a page code QR found in the scan, predict the
 * page's registration marks, find each one locally (a filled dark square of the right size), and
 * fit a map from page points (top-left origin) to image pixels from whatever is in view.
 *
 * A page carries its code twice and six marks (src/model/pagecode.ts), so a page seen only in part
 * (an F4 page on A4 glass, a corner cut by a skewed feed) still registers: the QR that was read
 * says where it sits on the page; the marks are looked for nearest first, each one found refining
 * the prediction of the next; then
 * - four or more marks, not all on one line: a homography through the marks and the QR corners;
 * - three marks (or marks on one line, plus the QR corners): an affine fit, refused when the page
 *   is seen in perspective (an affine map cannot place the boxes then);
 * - fewer: refused. Every mark used must be the size the fitted page says, and the fit must agree
 *   with every point within MAX_RESIDUAL_MM.
 */
import type { ManifestPage, Rect } from '../model/manifest.js';
import { MARK_NAMES, MM } from '../model/pagecode.js';
import type { GrayImage } from './pixels.js';
import { applyH, cropGray, downscaleGray, fitAffine, fitHomography, type Homography } from './image.js';
import type { Point, QrHit } from './qr.js';

export interface Registration {
  /** Page points → image pixels. */
  H: Homography;
  /** Clockwise rotation of the page in the image, degrees in [0, 360). */
  rotation: number;
  /** Image pixels per page point, roughly (average over the page). */
  scale: number;
  /** How many of the page's marks were found. */
  marksFound: number;
  /** Worst disagreement between the fit and the QR corners / marks, in mm. */
  residualMm: number;
  note?: string;
}

export type RegisterResult = { ok: true; reg: Registration } | { ok: false; note: string };

/** The four corners of a QR symbol's square on the page (points): TL, TR, BR, BL. */
export function symbolCorners(symbol: Rect): [number, number][] {
  const [x0, y0, s] = symbol;
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
function findMark(
  img: GrayImage,
  pred: Point,
  r: number,
  markPx: number,
  size: [number, number] = [0.35, 2.5],
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
    if (d < bestD && d <= r) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

/** The similarity (rotation, uniform scale, translation) taking a → A and b → B, as a homography. */
function fitSimilarity(
  a: [number, number],
  b: [number, number],
  A: [number, number],
  B: [number, number],
): Homography | null {
  const dx = b[0] - a[0],
    dy = b[1] - a[1];
  const DX = B[0] - A[0],
    DY = B[1] - A[1];
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

/** Twice the area of the triangle with the largest area among the points (page points²). */
function spread(pts: [number, number][]): number {
  let best = 0;
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++)
      for (let k = j + 1; k < pts.length; k++) {
        const [a, b, c] = [pts[i]!, pts[j]!, pts[k]!];
        best = Math.max(best, Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])));
      }
  return best;
}

interface Attempt {
  found: (Mark | null)[];
  /** Which of the page's QR squares the hit is. */
  qrIndex: number;
  hit: QrHit;
}

/** Look for every mark of the page, starting from the QR hit taken as the page's QR square `j`. */
function searchMarks(img: GrayImage, page: ManifestPage, hit: QrHit, j: number, scale: number): Attempt | null {
  const qrPage = symbolCorners(page.qrs[j]!.symbol);
  const qrImg = hit.corners.map((p) => [p.x, p.y] as [number, number]);
  const A = fitAffine(qrPage, qrImg);
  if (!A) return null;
  const markPx = page.markSize * scale;
  const [pw] = page.size;
  // The marks beside the QR are predicted well; the far ones (across the page) can be far from an
  // affine prediction on a phone photo in perspective, so they are looked for in a wide window —
  // safe because only isolated, filled squares qualify (squareBlobs).
  const R = Math.max(0.22 * pw * scale, 8 * markPx);
  const Rfar = Math.max(0.5 * pw * scale, 8 * markPx);
  const [qx, qy, qs] = page.qrs[j]!.square;
  const qrC: [number, number] = [qx + qs / 2, qy + qs / 2];
  const order = page.marks
    .map((m, i) => ({ i, d: Math.hypot(m[0] - qrC[0], m[1] - qrC[1]) }))
    .sort((a, b) => a.d - b.d)
    .map((o) => o.i);
  const found: (Mark | null)[] = page.marks.map(() => null);
  let model: Homography = A;
  for (const [k, i] of order.entries()) {
    const [px, py] = applyH(model, page.marks[i]![0], page.marks[i]![1]);
    // The far marks may look much smaller or larger than the QR suggests: the far edge of a page
    // photographed at 20° comes out at about two thirds of the scale of the near one. Each mark's
    // size is checked against the fitted page afterwards.
    const near = k < 2;
    found[i] = findMark(img, { x: px, y: py }, near ? R : Rfar, markPx, near ? [0.35, 2.5] : [0.15, 4.5]);
    const got = found.flatMap((f, m) => (f ? [{ page: page.marks[m]!, img: [f.x, f.y] as [number, number] }] : []));
    if (got.length === 2 && spread([...got.map((g) => g.page), ...qrPage]) < (20 * MM) ** 2) {
      // Two marks and a small QR beside them nearly on one line: an affine fit would extrapolate
      // the page's other direction from the QR alone, which perspective distorts. A similarity
      // through the two marks (the page's own proportions) predicts the far marks much better.
      model = fitSimilarity(got[0]!.page, got[1]!.page, got[0]!.img, got[1]!.img) ?? model;
    } else if (got.length >= 1) {
      const src: [number, number][] = [...qrPage];
      const dst: [number, number][] = [...qrImg];
      // Marks weigh more than the four clustered QR corners.
      for (const g of got) for (let rep = 0; rep < 3; rep++) src.push(g.page), dst.push(g.img);
      model = fitAffine(src, dst) ?? model;
    }
  }
  return { found, qrIndex: j, hit };
}

/**
 * How well an attempt's marks agree with the page around its QR: the worst misfit (mm) of a fit
 * through them and the QR corners — a homography when four or more marks span the page (so a
 * photo in perspective agrees), else affine.
 */
function agreement(page: ManifestPage, a: Attempt, scale: number): { n: number; misfit: number } {
  const qrPage = symbolCorners(page.qrs[a.qrIndex]!.symbol);
  const qrImg = a.hit.corners.map((p) => [p.x, p.y] as [number, number]);
  const idx = a.found.map((f, k) => (f ? k : -1)).filter((k) => k >= 0);
  const marks = idx.map((k) => page.marks[k]!);
  const src = [...qrPage, ...marks];
  const dst = [...qrImg, ...idx.map((k) => [a.found[k]!.x, a.found[k]!.y] as [number, number])];
  const [pw, ph] = page.size;
  const H =
    idx.length >= 4 && spread(marks) > (0.2 * Math.min(pw, ph)) ** 2 ? fitHomography(src, dst) : fitAffine(src, dst);
  if (!H) return { n: 0, misfit: Infinity };
  let misfit = 0;
  src.forEach((p, i) => {
    const [u, v] = applyH(H, p[0], p[1]);
    misfit = Math.max(misfit, Math.hypot(u - dst[i]![0], v - dst[i]![1]) / scale / MM);
  });
  return { n: idx.length, misfit };
}

function markName(i: number): string {
  return MARK_NAMES[i] ?? `#${i + 1}`;
}

/**
 * Register a page from the QR hits of its code (one or both printed copies were read) and its marks.
 */
export function register(img: GrayImage, page: ManifestPage, hits: QrHit[]): RegisterResult {
  if (hits.length === 0 || page.qrs.length === 0)
    return { ok: false, note: 'the page code was read but its position makes no sense' };
  // Pixels per point and orientation from the first hit (any copy: they are the same size).
  const h0 = hits[0]!;
  const dx = h0.corners[1].x - h0.corners[0].x;
  const dy = h0.corners[1].y - h0.corners[0].y;
  const scale = Math.hypot(dx, dy) / page.qrs[0]!.symbol[2];
  const rotation = ((Math.atan2(dy, dx) * 180) / Math.PI + 360) % 360;

  // Which printed copy is each hit? Try each hit as each copy and keep the reading that finds the
  // most marks (a wrong guess finds nothing where it looks).
  // The two copies sit in opposite corners, and a wrong guess can find blobs where it looks (the
  // page's other marks, seen from the other corner): a guess whose marks agree with the page's
  // geometry around that QR (a fit through them within 5 mm) wins over one whose do not; then the
  // one with more marks; then the smaller misfit.
  let best: Attempt | null = null;
  let bestKey: [number, number, number] = [-1, -1, Infinity];
  for (const hit of hits) {
    for (let j = 0; j < page.qrs.length; j++) {
      const a = searchMarks(img, page, hit, j, scale);
      if (!a) continue;
      const { n, misfit } = agreement(page, a, scale);
      const key: [number, number, number] = [misfit <= 5 ? 1 : 0, n, misfit];
      const better =
        key[0] > bestKey[0] ||
        (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])));
      if (better) [best, bestKey] = [a, key];
      // Every mark found where this copy puts them, and a fit through them: the other copy cannot do better.
      if (bestKey[0] === 1 && bestKey[1] === page.marks.length) break;
    }
    if (bestKey[0] === 1 && bestKey[1] >= 5) break;
  }
  if (!best) return { ok: false, note: 'the page code was read but its position makes no sense' };
  // A blob that passed for a mark but does not fit with the rest (a fragment of a QR cut by the
  // scan's edge, a bold letter) is dropped and the page fitted again from the others.
  const found = [...best.found];
  for (;;) {
    const r = fitPage(page, hits, { ...best, found }, scale, rotation);
    if (r.ok || r.drop === undefined || found.filter(Boolean).length <= 3)
      return r.ok ? r : { ok: false, note: r.note };
    found[r.drop] = null;
  }
}

type FitResult = { ok: true; reg: Registration } | { ok: false; note: string; drop?: number };

/** Fit the page from the marks found and the QR copies read; `drop` names a mark that does not fit. */
function fitPage(page: ManifestPage, hits: QrHit[], best: Attempt, scale: number, rotation: number): FitResult {
  const { found } = best;
  const total = page.marks.length;
  const n = found.filter(Boolean).length;
  // The points the fit goes through: the marks found, and the corners of every QR copy read whose
  // position agrees with the marks (the other copy, when both were read, is assigned by position).
  const markSrc: [number, number][] = [];
  const markDst: Point[] = [];
  const markIdx: number[] = [];
  found.forEach((f, k) => {
    if (f) markSrc.push(page.marks[k]!), markDst.push(f), markIdx.push(k);
  });
  const qrSrc: [number, number][] = symbolCorners(page.qrs[best.qrIndex]!.symbol);
  const qrDst: Point[] = [...best.hit.corners];
  if (n < 2) {
    return {
      ok: false,
      note: `only ${n} of the ${total} registration marks were found: the page could not be aligned (scan the whole page, flat, with its black corner squares in view)`,
    };
  }
  const firstFit = fitAffine(
    [...markSrc, ...qrSrc],
    [...markDst, ...qrDst].map((p) => [p.x, p.y] as [number, number]),
  );
  if (firstFit) {
    for (const hit of hits) {
      if (hit === best.hit) continue;
      for (let j = 0; j < page.qrs.length; j++) {
        if (j === best.qrIndex) continue;
        const corners = symbolCorners(page.qrs[j]!.symbol);
        const err = Math.max(
          ...corners.map((c, i) => {
            const [u, v] = applyH(firstFit, c[0], c[1]);
            return Math.hypot(u - hit.corners[i]!.x, v - hit.corners[i]!.y);
          }),
        );
        if (err / scale / MM < 3) {
          qrSrc.push(...corners);
          qrDst.push(...hit.corners);
        }
      }
    }
  }

  const allSrc = [...markSrc, ...qrSrc];
  const allDst = [...markDst, ...qrDst].map((p) => [p.x, p.y] as [number, number]);
  let H: Homography | null = null;
  let note: string | undefined;
  const missing = found.map((f, k) => (f ? -1 : k)).filter((k) => k >= 0);
  const missingText = missing.map(markName).join(', ');
  const [pw, ph] = page.size;
  const outline = [
    [0, 0],
    [pw, 0],
    [pw, ph],
    [0, ph],
  ] as [number, number][];
  // Four marks are enough for a homography when they span the page in both directions.
  const wide = spread(markSrc) > (0.2 * Math.min(pw, ph)) ** 2;
  if (n >= 4 && wide) {
    H = fitHomography(allSrc, allDst);
    if (
      H &&
      !convex(
        outline.map(([u, v]) => {
          const [x, y] = applyH(H!, u, v);
          return { x, y };
        }),
      )
    ) {
      return { ok: false, note: 'the registration marks found do not form a page outline' };
    }
    if (missing.length)
      note = `mark${missing.length > 1 ? 's' : ''} ${missingText} not found; aligned from ${n} of ${total} marks`;
  } else {
    if (spread(allSrc) < (15 * MM) ** 2) {
      return {
        ok: false,
        note: `only ${n} of the ${total} registration marks were found, on one line: the page could not be aligned (scan the whole page, flat, with its black corner squares in view)`,
      };
    }
    H = fitAffine(allSrc, allDst);
    note = `mark${missing.length > 1 ? 's' : ''} ${missingText} not found; aligned from ${n} marks and the page code (less precise)`;
    // An affine fit cannot follow perspective. Where the marks span the page in both directions,
    // fit a homography to the same points too: if the two disagree anywhere on the page by more
    // than 1 mm, the photo was taken at an angle and these points are not enough to place the
    // boxes — refuse rather than read the wrong boxes. (Marks on one line, with the QR beside them,
    // cannot tell a tilt across the line; the residual check below still sees one along it.)
    const P = wide && allSrc.length >= 5 ? fitHomography(allSrc, allDst) : null;
    if (H && P) {
      let worst = 0;
      for (const [u, v] of [...outline, [pw / 2, ph / 2], [pw / 2, 0], [pw, ph / 2], [pw / 2, ph], [0, ph / 2]] as [
        number,
        number,
      ][]) {
        const a = applyH(H, u, v);
        const b = applyH(P, u, v);
        worst = Math.max(worst, Math.hypot(a[0] - b[0], a[1] - b[1]));
      }
      if (worst / scale / MM > 1) {
        return {
          ok: false,
          note: `marks ${missingText} not found and the page is seen at an angle: the page could not be aligned (photograph it straight from above, every black square in view)`,
        };
      }
    }
  }
  if (!H) return { ok: false, note: 'the registration marks could not be fitted' };
  // Every mark found must be the size the fitted page says a mark is there (a blob of another size
  // near the predicted place is not a mark).
  const half = page.markSize / 2;
  for (const [k, f] of found.entries()) {
    if (!f) continue;
    const [mx, my] = page.marks[k]!;
    const q = [
      [mx - half, my - half],
      [mx + half, my - half],
      [mx + half, my + half],
      [mx - half, my + half],
    ].map(([u, v]) => applyH(H!, u!, v!));
    let area = 0;
    for (let j = 0; j < 4; j++) area += q[j]![0] * q[(j + 1) % 4]![1] - q[(j + 1) % 4]![0] * q[j]![1];
    const ratio = f.area / Math.max(1e-9, Math.abs(area) / 2);
    if (ratio < 0.5 || ratio > 2) {
      return {
        ok: false,
        note: `the ${markName(k)} mark found does not fit the page: the page could not be aligned`,
        drop: k,
      };
    }
  }
  const res = Math.max(residualMm(H, qrSrc, qrDst, scale), residualMm(H, markSrc, markDst, scale));
  const limit = n >= 4 && wide ? MAX_RESIDUAL_MM : MAX_RESIDUAL_MM * 1.5;
  if (res > limit) {
    // the mark that fits worst is the one to drop, if any is to be
    let worstK = -1;
    let worstE = 0;
    markSrc.forEach((pt, i) => {
      const [u, v] = applyH(H!, pt[0], pt[1]);
      const e = Math.hypot(u - markDst[i]!.x, v - markDst[i]!.y);
      if (e > worstE) [worstE, worstK] = [e, markIdx[i]!];
    });
    return {
      ok: false,
      note: `the page outline does not fit its marks (misfit ${res.toFixed(1)} mm): the page could not be aligned`,
      ...(worstK >= 0 ? { drop: worstK } : {}),
    };
  }
  return {
    ok: true,
    reg: {
      H,
      rotation: Math.round(rotation * 10) / 10,
      scale,
      marksFound: n,
      residualMm: res,
      ...(note ? { note } : {}),
    },
  };
}
