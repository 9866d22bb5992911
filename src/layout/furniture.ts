/**
 * The zones a machine-readable page keeps free for its furniture (src/model/pagecode.ts): the four
 * registration marks, the QR square and the code text beside it. Content must stay out of them.
 */
import { MM, pageFurniture } from '../model/pagecode.js';
import type { Metrics, Rect } from './types.js';

/** Size of the human-readable page code printed beside the QR. */
export const CODE_TEXT_SIZE = 7;
/** A page code of the widest shape, to reserve room for the printed code text. */
export const CODE_TEXT_SAMPLE = 'IK2-WWWWWW-000000-WWWW';

/** Clear space kept around each furniture element. */
export const FURNITURE_CLEARANCE = 2 * MM;

/** Rectangles (x, y, w, h) that content must not touch on a machine-readable page of size w × h. */
export function furnitureZones(w: number, h: number, m: Metrics): Rect[] {
  const f = pageFurniture(w, h);
  const c = FURNITURE_CLEARANCE;
  const zones: Rect[] = f.marks.map(
    ([cx, cy]) => [cx - f.markSize / 2 - c, cy - f.markSize / 2 - c, f.markSize + 2 * c, f.markSize + 2 * c] as Rect,
  );
  for (const [qx, qy, qs] of f.qrs) zones.push([qx - c, qy - c, qs + 2 * c, qs + 2 * c]);
  const tw = m.widthOf(CODE_TEXT_SAMPLE, 'regular', CODE_TEXT_SIZE);
  const asc = m.ascent(CODE_TEXT_SIZE);
  const desc = m.descent(CODE_TEXT_SIZE);
  zones.push([f.codeText[0] - c, f.codeText[1] - asc - c, tw + 2 * c, asc + desc + 2 * c]);
  return zones;
}

/** Right end of the footer line on a machine-readable page: clear of the bottom QR square. */
export function footerEnd(w: number, h: number): number {
  const f = pageFurniture(w, h);
  return Math.min(...f.qrs.filter(([, qy]) => qy > h / 2).map(([qx]) => qx)) - FURNITURE_CLEARANCE - MM;
}
