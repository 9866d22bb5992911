/**
 * What registration works with and hands on (src/scan/register.ts and the modules it runs): the
 * registration result, an attempt (the marks found from one QR copy), and the page geometry the
 * steps share — the QR symbol's corners, how far points spread, how well a fit meets them.
 */
import type { ManifestPage, Rect } from '../model/manifest.js';
import { MARK_NAMES, MM } from '../model/pagecode.js';
import type { Mark } from './find-marks.js';
import { applyH, type Homography } from './image.js';
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

export function convex(q: Point[]): boolean {
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
export function residualMm(H: Homography, pagePts: [number, number][], imgPts: Point[], pxPerPt: number): number {
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
export function spread(pts: [number, number][]): number {
  let best = 0;
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++)
      for (let k = j + 1; k < pts.length; k++) {
        const [a, b, c] = [pts[i]!, pts[j]!, pts[k]!];
        best = Math.max(best, Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])));
      }
  return best;
}

export interface Attempt {
  found: (Mark | null)[];
  /** Which of the page's QR squares the hit is. */
  qrIndex: number;
  hit: QrHit;
}

export function markName(i: number): string {
  return MARK_NAMES[i] ?? `#${i + 1}`;
}

/** What a page fit needs besides the marks: the page, the QR copies read, the attempt, the scale and rotation. */
export interface FitContext {
  page: ManifestPage;
  hits: QrHit[];
  best: Attempt;
  scale: number;
  rotation: number;
}

/** The area (pixels) that `H` gives mark k of the page: its square of markSize, mapped. */
export function markAreaPx(page: ManifestPage, H: Homography, k: number): number {
  const half = page.markSize / 2;
  const [mx, my] = page.marks[k]!;
  const q = [
    [mx - half, my - half],
    [mx + half, my - half],
    [mx + half, my + half],
    [mx - half, my + half],
  ].map(([u, v]) => applyH(H, u!, v!));
  let area = 0;
  for (let j = 0; j < 4; j++) area += q[j]![0] * q[(j + 1) % 4]![1] - q[(j + 1) % 4]![0] * q[j]![1];
  return Math.abs(area) / 2;
}
