/**
 * Consensus over the marks found: which blobs taken for marks agree with each other and the QR
 * on one homography, and which one to leave out when they do not.
 */
import type { ManifestPage } from '../model/manifest.js';
import type { Mark } from './find-marks.js';
import { fitHomography, type Homography } from './image.js';
import { type Attempt, MAX_RESIDUAL_MM, residualMm, spread, symbolCorners } from './page-points.js';

/**
 * Consensus over the marks found: while five or more marks and the QR corners do not agree on one
 * homography (a blob taken for a mark is not one), leave each mark out in turn and drop the one
 * whose absence lets the others agree best. A wrong blob pulls a least-squares fit through all the
 * points towards it, so the worst residual of that fit may sit on a good mark; left out, the wrong
 * one stands out. Deterministic: marks are tried in their printed order.
 */
export function dropOutliers(
  page: ManifestPage,
  a: Attempt,
  scale: number,
): { found: (Mark | null)[]; alternatives?: (Mark | null)[][]; misfitMm?: number } {
  const found = [...a.found];
  const qrPage = symbolCorners(page.qrs[a.qrIndex]!.symbol);
  const qrImg = a.hit.corners.map((p) => [p.x, p.y] as [number, number]);
  const [pw, ph] = page.size;
  /** The homography through the QR corners and marks `idx`, or null when they do not span the page. */
  const fitThrough = (idx: number[]): Homography | null => {
    const marks = idx.map((k) => page.marks[k]!);
    if (spread(marks) <= (0.2 * Math.min(pw, ph)) ** 2) return null;
    return fitHomography(
      [...qrPage, ...marks],
      [...qrImg, ...idx.map((k) => [found[k]!.x, found[k]!.y] as [number, number])],
    );
  };
  const errMm = (H: Homography, k: number) => residualMm(H, [page.marks[k]!], [found[k]!], scale);
  /** Worst misfit of the fit through `idx` at its own points. */
  const misfit = (idx: number[]): number => {
    const H = fitThrough(idx);
    if (!H) return Infinity;
    return Math.max(
      residualMm(H, qrPage, a.hit.corners, scale),
      residualMm(
        H,
        idx.map((k) => page.marks[k]!),
        idx.map((k) => found[k]!),
        scale,
      ),
    );
  };
  /** How far mark k lies from where the fit through the others puts it. */
  const leftOut = (idx: number[], k: number): number => {
    const H = fitThrough(idx.filter((j) => j !== k));
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
export const MAX_LEFT_OUT_MM = 2.5;
