/**
 * Page acceptance: fit the page from the marks found and the QR copies read — a homography when
 * four or more marks span the page, else affine (refused in perspective) — and check that every
 * mark is the size the fit says and that the fit meets every point.
 */
import type { ManifestPage } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import type { Mark } from './find-marks.js';
import { applyH, fitAffine, fitHomography, type Homography } from './image.js';
import {
  type Attempt,
  convex,
  type FitContext,
  MAX_RESIDUAL_MM,
  markAreaPx,
  markName,
  type RegisterResult,
  type Registration,
  residualMm,
  spread,
  symbolCorners,
} from './page-points.js';
import type { Point, QrHit } from './qr.js';

/** The page fit, dropping a mark the fit names as not fitting, down to three. */
export function fitDropping(ctx: FitContext, marks: (Mark | null)[]): RegisterResult {
  const { page, hits, best, scale, rotation } = ctx;
  const found = [...marks];
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
  for (const [k, f] of found.entries()) {
    if (!f) continue;
    const ratio = f.area / Math.max(1e-9, markAreaPx(page, H, k));
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
