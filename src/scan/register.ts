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
 * Before the fit, the marks found go through consensus (mark-consensus.ts: a blob that is not a
 * mark is left out); after it, every mark is looked for again where the fit puts it, and the page
 * is fitted again when that finds marks the first fit did not rest on (fit-page.ts fits and
 * accepts; find-marks.ts finds one mark).
 */
import type { ManifestPage } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import { findMark, type Mark } from './find-marks.js';
import { fitDropping } from './fit-page.js';
import { applyH, fitAffine, fitHomography, type Homography } from './image.js';
import { dropOutliers, MAX_LEFT_OUT_MM } from './mark-consensus.js';
import {
  type Attempt,
  type FitContext,
  markAreaPx,
  type RegisterResult,
  spread,
  symbolCorners,
} from './page-points.js';
import type { GrayImage } from './pixels.js';
import type { QrHit } from './qr.js';

export type { Registration, RegisterResult } from './page-points.js';

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
  const ctx: FitContext = { page, hits, best, scale, rotation };
  const first = fitFrom(img, ctx, best.found);
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
  return fitFrom(img, ctx, again);
}

/**
 * Consensus, then the page fit. When the marks disagree and leaving out either of two of them lets
 * the rest agree, each reading is tried and checked against the page: the one under which more
 * marks are found again where it puts them wins; a tie is refused.
 */
function fitFrom(img: GrayImage, ctx: FitContext, marks: (Mark | null)[]): RegisterResult {
  const { page, best, scale } = ctx;
  const { found, alternatives, misfitMm } = dropOutliers(page, { ...best, found: marks }, scale);
  if (!alternatives) return fitDropping(ctx, found);
  let chosen: RegisterResult | null = null;
  let most = -1;
  let tie = false;
  for (const alt of alternatives) {
    const r = fitDropping(ctx, alt);
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

/** Every mark looked for again within 15 mm of where `H` puts it, at the size `H` gives it there. */
function researchMarks(img: GrayImage, page: ManifestPage, H: Homography): (Mark | null)[] {
  const found: (Mark | null)[] = [];
  for (const [k, [mx, my]] of page.marks.entries()) {
    const side = Math.sqrt(markAreaPx(page, H, k));
    const [px, py] = applyH(H, mx, my);
    const taken = found.filter((f): f is Mark => f !== null);
    // 15 mm at the local scale of the page (side / markSize is pixels per point there): a fit
    // through four marks, one of them a wrong blob, meets them all and is centimetres off elsewhere.
    const r = Math.max((15 * MM * side) / page.markSize, 2 * side);
    found.push(findMark(img, { x: px, y: py }, r, side, [0.35, 2.5], taken));
  }
  return found;
}
