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
import { findMark, type Mark } from './find-marks.js';
import { applyH, fitAffine, fitHomography, type Homography } from './image.js';
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
    const taken = found.filter((f): f is Mark => f !== null);
    found[i] = findMark(img, { x: px, y: py }, near ? R : Rfar, markPx, near ? [0.35, 2.5] : [0.15, 4.5], taken);
    const got = found.flatMap((f, m) => (f ? [{ page: page.marks[m]!, img: [f.x, f.y] as [number, number] }] : []));
    const [pw0, ph0] = page.size;
    if (got.length >= 4 && spread(got.map((g) => g.page)) > (0.2 * Math.min(pw0, ph0)) ** 2) {
      // Four marks spanning the page: a homography through them (and the QR corners) follows the
      // perspective, which an affine prediction of the remaining marks misses by centimetres.
      const src: [number, number][] = [...qrPage, ...got.map((g) => g.page)];
      const dst: [number, number][] = [...qrImg, ...got.map((g) => g.img)];
      model = fitHomography(src, dst) ?? model;
    } else if (got.length === 2 && spread([...got.map((g) => g.page), ...qrPage]) < (20 * MM) ** 2) {
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
  const first = fitFrom(img, page, hits, best, best.found, scale, rotation);
  if (!first.ok) return first;
  // Check the fit against the page itself: look for every mark again, in a small window where the
  // fitted page puts it. A mark in view that was not used (not found from the first predictions,
  // or dropped), or one found elsewhere than the blob used for it, means the first fit may rest on
  // a blob that is not a mark: fit again from what this search finds, with the same consensus, and
  // refuse when that does not hold.
  const again = researchMarks(img, page, first.reg.H);
  const same = again.every((g, k) => {
    const f = best.found[k];
    return g ? f !== null && Math.hypot(g.x - f!.x, g.y - f!.y) <= 1 * first.reg.scale * MM : true;
  });
  if (same && again.filter(Boolean).length <= first.reg.marksFound) return first;
  return fitFrom(img, page, hits, best, again, scale, rotation);
}

/**
 * Consensus, then the page fit. When the marks disagree and leaving out either of two of them lets
 * the rest agree, each reading is tried and checked against the page: the one under which more
 * marks are found again where it puts them wins; a tie is refused.
 */
function fitFrom(
  img: GrayImage,
  page: ManifestPage,
  hits: QrHit[],
  best: Attempt,
  marks: (Mark | null)[],
  scale: number,
  rotation: number,
): RegisterResult {
  const { found, alternatives, misfitMm } = dropOutliers(page, { ...best, found: marks }, scale);
  if (!alternatives) return fitDropping(page, hits, best, found, scale, rotation);
  let chosen: RegisterResult | null = null;
  let most = -1;
  let tie = false;
  for (const alt of alternatives) {
    const r = fitDropping(page, hits, best, alt, scale, rotation);
    if (!r.ok) continue;
    const n = support(img, page, r.reg.H, scale);
    if (n > most) [chosen, most, tie] = [r, n, false];
    else if (n === most) tie = true;
  }
  if (chosen && !tie) return chosen;
  return {
    ok: false,
    note: `the page outline does not fit its marks (misfit ${(misfitMm ?? 0).toFixed(1)} mm): the page could not be aligned`,
  };
}

/** How many of the page's marks are found again within MAX_LEFT_OUT_MM of where `H` puts them. */
function support(img: GrayImage, page: ManifestPage, H: Homography, scale: number): number {
  return researchMarks(img, page, H).filter((g, k) => {
    if (!g) return false;
    const [u, v] = applyH(H, page.marks[k]![0], page.marks[k]![1]);
    return Math.hypot(u - g.x, v - g.y) / scale / MM <= MAX_LEFT_OUT_MM;
  }).length;
}

/** The page fit, dropping a mark the fit names as not fitting, down to three. */
function fitDropping(
  page: ManifestPage,
  hits: QrHit[],
  best: Attempt,
  marks: (Mark | null)[],
  scale: number,
  rotation: number,
): RegisterResult {
  const found = [...marks];
  for (;;) {
    const r = fitPage(page, hits, { ...best, found }, scale, rotation);
    if (r.ok || r.drop === undefined || found.filter(Boolean).length <= 3)
      return r.ok ? r : { ok: false, note: r.note };
    found[r.drop] = null;
  }
}

/** Every mark looked for again within 15 mm of where `H` puts it, at the size `H` gives it there. */
function researchMarks(img: GrayImage, page: ManifestPage, H: Homography): (Mark | null)[] {
  const half = page.markSize / 2;
  const found: (Mark | null)[] = [];
  for (const [mx, my] of page.marks) {
    const q = [
      [mx - half, my - half],
      [mx + half, my - half],
      [mx + half, my + half],
      [mx - half, my + half],
    ].map(([u, v]) => applyH(H, u!, v!));
    let area = 0;
    for (let j = 0; j < 4; j++) area += q[j]![0] * q[(j + 1) % 4]![1] - q[(j + 1) % 4]![0] * q[j]![1];
    const side = Math.sqrt(Math.abs(area) / 2);
    const [px, py] = applyH(H, mx, my);
    const taken = found.filter((f): f is Mark => f !== null);
    // 15 mm at the local scale of the page (side / markSize is pixels per point there): a fit
    // through four marks, one of them a wrong blob, meets them all and is centimetres off elsewhere.
    const r = Math.max((15 * MM * side) / page.markSize, 2 * side);
    found.push(findMark(img, { x: px, y: py }, r, side, [0.35, 2.5], taken));
  }
  return found;
}

/**
 * Consensus over the marks found: while five or more marks and the QR corners do not agree on one
 * homography (a blob taken for a mark is not one), leave each mark out in turn and drop the one
 * whose absence lets the others agree best. A wrong blob pulls a least-squares fit through all the
 * points towards it, so the worst residual of that fit may sit on a good mark; left out, the wrong
 * one stands out. Deterministic: marks are tried in their printed order.
 */
function dropOutliers(
  page: ManifestPage,
  a: Attempt,
  scale: number,
): { found: (Mark | null)[]; alternatives?: (Mark | null)[][]; misfitMm?: number } {
  const found = [...a.found];
  const qrPage = symbolCorners(page.qrs[a.qrIndex]!.symbol);
  const qrImg = a.hit.corners.map((p) => [p.x, p.y] as [number, number]);
  const [pw, ph] = page.size;
  const toMm = (px: number) => px / scale / MM;
  /** The homography through the QR corners and marks `idx`, or null when they do not span the page. */
  const fit = (idx: number[]): Homography | null => {
    const marks = idx.map((k) => page.marks[k]!);
    if (spread(marks) <= (0.2 * Math.min(pw, ph)) ** 2) return null;
    return fitHomography(
      [...qrPage, ...marks],
      [...qrImg, ...idx.map((k) => [found[k]!.x, found[k]!.y] as [number, number])],
    );
  };
  const errMm = (H: Homography, k: number) => {
    const [u, v] = applyH(H, page.marks[k]![0], page.marks[k]![1]);
    return toMm(Math.hypot(u - found[k]!.x, v - found[k]!.y));
  };
  /** Worst misfit of the fit through `idx` at its own points. */
  const misfit = (idx: number[]): number => {
    const H = fit(idx);
    if (!H) return Infinity;
    let worst = 0;
    qrPage.forEach((p, i) => {
      const [u, v] = applyH(H, p[0], p[1]);
      worst = Math.max(worst, toMm(Math.hypot(u - qrImg[i]![0], v - qrImg[i]![1])));
    });
    for (const k of idx) worst = Math.max(worst, errMm(H, k));
    return worst;
  };
  /** How far mark k lies from where the fit through the others puts it. */
  const leftOut = (idx: number[], k: number): number => {
    const H = fit(idx.filter((j) => j !== k));
    return H ? errMm(H, k) : 0;
  };
  for (;;) {
    const idx = found.map((f, k) => (f ? k : -1)).filter((k) => k >= 0);
    if (idx.length < 5) return { found };
    if (misfit(idx) <= MAX_RESIDUAL_MM && idx.every((k) => leftOut(idx, k) <= MAX_LEFT_OUT_MM)) return { found };
    // The one mark whose absence lets the others agree, by their fit and each left out in turn. With
    // five marks, four and the QR are met by a fit almost whatever they are: when leaving out
    // either of two marks lets the rest agree, which one is wrong cannot be told — refuse.
    const agreeing = idx.filter((k) => {
      const rest = idx.filter((j) => j !== k);
      return (
        misfit(rest) <= MAX_RESIDUAL_MM && (rest.length < 5 || rest.every((j) => leftOut(rest, j) <= MAX_LEFT_OUT_MM))
      );
    });
    if (agreeing.length > 1)
      return {
        found,
        misfitMm: misfit(idx),
        alternatives: agreeing.map((k) => found.map((f, j) => (j === k ? null : f))),
      };
    if (agreeing.length === 1) {
      found[agreeing[0]!] = null;
      continue;
    }
    // No single mark explains it: drop the one whose absence helps most, and look again.
    let drop = -1;
    let bestRest = Infinity;
    for (const k of idx) {
      const rest = misfit(idx.filter((j) => j !== k));
      if (rest < bestRest) [bestRest, drop] = [rest, k];
    }
    if (drop < 0) return { found };
    found[drop] = null;
  }
}

/**
 * How far a mark may lie from where the other marks and the QR put it (mm). A least-squares fit
 * through all the points hides a blob a few millimetres off under the tolerance at its own points
 * (it bends to meet it); predicted from the others, such a blob stands out by its full offset.
 */
const MAX_LEFT_OUT_MM = 2.5;

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
