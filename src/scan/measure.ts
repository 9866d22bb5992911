/**
 * Measuring one signature box of a registered page.
 *
 * A window around the box (X_EXT_MM left and right, Y_EXT_MM above and below) is resampled into
 * page coordinates (grid.ts); ink is found relative to the local paper white (ink.ts); the printed
 * lines are taken off where the manifest says they run (furniture.ts); each mark is judged by whose
 * it is and whether it is a speck (ownership.ts, components.ts); what is left is scored and decided
 * (evidence.ts). A box read unsigned whose strokes would look like writing if the ink hidden under
 * the printed label or along a printed line counted is made uncertain instead (a person looks;
 * never signed on that).
 */
import sharp from 'sharp';
import type { ManifestBox } from '../model/manifest.js';
import { MM } from '../model/pagecode.js';
import type { GrayImage } from './pixels.js';
import { boxBlur, boxBlurWithin, type Homography } from './image.js';
import { GRID, gridWindow, resample } from './grid.js';
import { inkMask, paperOf } from './ink.js';
import { removeFurniture } from './furniture.js';
import { mapOwnership } from './ownership.js';
import { ownInk } from './components.js';
import { scoreWriting, SIGNED_FROM, UNSIGNED_BELOW, withParaf, type BoxMeasure } from './evidence.js';
import { strokeGeometry } from './strokes.js';

export type { BoxMeasure } from './evidence.js';

/** Inward shrink of the box rect to drop its printed borders (mm). */
export const SHRINK_MM = 1.5;

/** How far left and right of the box the measurement looks to tell a neighbour's spill (mm). */
export const X_EXT_MM = 8;
/** How far above and below (mm). */
export const Y_EXT_MM = 6;

export interface MeasureGeometry {
  /** Region measured (page points), after shrinking. */
  rect: [number, number, number, number];
  /** Label region to ignore (page points), already expanded. */
  label?: [number, number, number, number];
}

export function measureGeometry(box: ManifestBox): MeasureGeometry {
  const s = SHRINK_MM * MM;
  const [x, y, w, h] = box.rect;
  const rect: [number, number, number, number] = [x + s, y + s, Math.max(1, w - 2 * s), Math.max(1, h - 2 * s)];
  if (!box.label) return { rect };
  const e = 0.5 * MM;
  const [lx, ly, lw, lh] = box.label;
  return { rect, label: [lx - e, ly - e, lw + 2 * e, lh + 2 * e] };
}

/** The page rectangle [x, y, w, h] (points) that measureBox reads of the page for this box. */
export function measureWindow(box: ManifestBox): [number, number, number, number] {
  const [x, y, w, h] = measureGeometry(box).rect;
  const ex = X_EXT_MM * MM;
  const ey = Y_EXT_MM * MM;
  return [x - ex, y - ey, w + 2 * ex, h + 2 * ey];
}

/**
 * Smooth a page before measuring: a light blur so JPEG noise and grey noise average out, a
 * stronger one for bilevel (dithered) scans so dithered paper turns back into grey paper.
 * `within` (image pixels [x0, y0, x1, y1)): smooth only there, where the boxes are measured.
 */
export function prepareForMeasure(
  img: GrayImage,
  pxPerMm: number,
  within?: readonly [number, number, number, number],
): GrayImage {
  let mid = 0,
    n = 0;
  for (let i = 0; i < img.data.length; i += 97) {
    const v = img.data[i]!;
    if (v > 30 && v < 225) mid++;
    n++;
  }
  const bilevel = mid / n < 0.02;
  const r = Math.max(bilevel ? 1 : 0, Math.round((bilevel ? 0.3 : 0.1) * pxPerMm));
  return within ? boxBlurWithin(img, r, within) : boxBlur(img, r);
}

/**
 * Measure a box; `img` should be the page prepared by prepareForMeasure. `pageBoxes` are all the
 * boxes of the page (this one included): they say whose a stroke crossing a border is.
 */
export function measureBox(
  img: GrayImage,
  H: Homography,
  box: ManifestBox,
  pageBoxes: readonly ManifestBox[] = [box],
): BoxMeasure {
  const geo = measureGeometry(box);
  const win = gridWindow(img, H, ...measureWindow(box));
  const { g, toG } = win;
  const own = toG(geo.rect);
  if (own[2] <= own[0]) own[2] = Math.min(g.w, own[0] + 1);
  if (own[3] <= own[1]) own[3] = Math.min(g.h, own[1] + 1);
  const all = pageBoxes.includes(box) ? pageBoxes : [...pageBoxes, box];
  const { where, extend } = mapOwnership(win, box, own, all);
  const { m, dark } = inkMask(g, paperOf(g, own));
  removeFurniture(m, win, all, extend);
  const { ink, bridge, compact } = ownInk(m, g.w, g.h, { where, extend });
  let written = 0,
    darkInk = 0;
  for (let i = 0; i < compact.length; i++)
    if (compact[i]) {
      written++;
      darkInk += dark[i]!;
    }
  const r = withParaf(
    scoreWriting(ink, g.w, g.h, bridge),
    strokeGeometry(compact, g.w, g.h, GRID),
    darkInk < 0.05 * written,
  );
  if (r.decision === 'unsigned') {
    // The same strokes measured with what is hidden under the printed label or along a printed line:
    // if that looks like writing, a person should look (never "signed" on such evidence).
    const upper = scoreWriting(bridge, g.w, g.h, bridge);
    if (upper.score >= SIGNED_FROM) return { ...r, decision: 'uncertain', score: Math.max(r.score, UNSIGNED_BELOW) };
  }
  return r;
}

/** PNG of a box with a 4 mm margin, for a person to judge. */
export async function boxCrop(img: GrayImage, H: Homography, box: ManifestBox): Promise<Uint8Array> {
  const e = 4 * MM;
  const [x, y, w, h] = box.rect;
  const g = resample(img, H, x - e, y - e, w + 2 * e, h + 2 * e, 6);
  const px = Buffer.alloc(g.w * g.h);
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(g.v[i]!)));
  const png = await sharp(px, { raw: { width: g.w, height: g.h, channels: 1 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
