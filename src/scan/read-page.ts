/**
 * readPage: one decoded page against the manifest. Page pipeline: blank check → QR (qr.ts) →
 * validate the code with its check value and against the manifest → register from the marks
 * (register.ts) → measure and decide each box (measure.ts). When anything is doubtful the page is
 * reported (unidentified/foreign with a note), never guessed.
 */
import type { ManifestPage } from '../model/manifest.js';
import { decodePageCode, MM } from '../model/pagecode.js';
import type { GrayImage } from './pixels.js';
import { applyH, downscaleGray, type Homography } from './image.js';
import { boxCrop, measureBox, measureWindow, prepareForMeasure } from './measure.js';
import { boxQuad, isNearMiss, rowCrop } from './proof-base.js';
import { findQr, type QrHit } from './qr.js';
import { register } from './register.js';
import type { BoxReading, PageReading, ScanPageSource } from './types.js';

/** Below this fraction of inked pixels a page with no page code is blank. */
export const BLANK_INK_FRACTION = 0.0015;

/** Fraction of the page (downscaled to ~50 dpi) that is clearly darker than the paper. */
export function inkFraction(img: GrayImage): number {
  const s = Math.min(1, 600 / Math.max(img.width, img.height));
  const small = s < 1 ? downscaleGray(img, s) : img;
  const hist = new Uint32Array(256);
  for (const v of small.data) hist[v]++;
  let acc = 0;
  let paper = 255;
  for (let v = 255; v >= 0; v--) {
    acc += hist[v]!;
    if (acc >= 0.5 * small.data.length) {
      paper = v;
      break;
    }
  }
  let ink = 0;
  for (const v of small.data) if (v < 0.6 * paper && paper - v > 40) ink++;
  return ink / small.data.length;
}

/** Whether the box lies wholly inside the image, with `marginPx` to spare on every side. */
export function boxInView(img: GrayImage, H: Homography, rect: readonly number[], marginPx: number): boolean {
  const [x, y, w, h] = rect as [number, number, number, number];
  for (const [u, v] of [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
  ] as [number, number][]) {
    const [px, py] = applyH(H, u, v);
    if (!(px >= marginPx && py >= marginPx && px <= img.width - 1 - marginPx && py <= img.height - 1 - marginPx))
      return false;
  }
  return true;
}

/**
 * The image pixels [x0, y0, x1, y1) that measuring these boxes reads (their measuring windows'
 * corners mapped into the image, bilinear sampling's neighbours included), or null for none.
 */
export function measuredArea(
  H: Homography,
  boxes: readonly ManifestPage['boxes'][number][],
): [number, number, number, number] | null {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const box of boxes) {
    const [x, y, w, h] = measureWindow(box);
    for (const [u, v] of [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ] as [number, number][]) {
      const [px, py] = applyH(H, u, v);
      x0 = Math.min(x0, px);
      y0 = Math.min(y0, py);
      x1 = Math.max(x1, px);
      y1 = Math.max(y1, py);
    }
  }
  if (!(x1 >= x0 && y1 >= y0)) return null;
  return [Math.floor(x0) - 2, Math.floor(y0) - 2, Math.ceil(x1) + 3, Math.ceil(y1) + 3];
}

/** Why a well-formed page code of this event is not one of this manifest's pages. */
function notInManifest(serial: number, version: 1 | 2, pages: Iterable<ManifestPage>): string {
  let sameSerial = false;
  for (const p of pages) if (p.serial === serial) sameSerial = true;
  if (version === 1) {
    return `page ${serial} was printed from an earlier render of this event, by an older ikrar: use that render's manifest.json (--manifest)`;
  }
  return sameSerial
    ? `page ${serial} was printed from an earlier render of this event: use that render's manifest.json (--manifest); this manifest's page ${serial} holds other people or another layout`
    : `page ${serial} was printed from an earlier render of this event: use that render's manifest.json (--manifest); this manifest has no page ${serial}`;
}

/** Read one decoded page against the manifest. */
export async function readPage(
  img: GrayImage,
  source: ScanPageSource,
  eventCode: string,
  byCode: Map<string, ManifestPage>,
): Promise<PageReading> {
  const base = { source, boxes: [] as BoxReading[] };
  const valid = (h: QrHit) => decodePageCode(h.text) !== null;
  const hits = await findQr(img, valid);
  const codes = [...new Set(hits.filter(valid).map((h) => h.text.trim()))];
  if (codes.length === 0) {
    if (inkFraction(img) < BLANK_INK_FRACTION) return { ...base, status: 'blank' };
    const other = hits.length > 0;
    return {
      ...base,
      status: 'unidentified',
      note: other
        ? 'a QR code was found but it is not an ikrar page code'
        : 'no page code found (QR missing, cut off, too blurred or too small)',
    };
  }
  if (codes.length > 1) {
    return {
      ...base,
      status: 'unidentified',
      note: `more than one page code on this image (${codes.join(', ')}): scan pages one at a time`,
    };
  }
  const code = codes[0]!;
  const decoded = decodePageCode(code)!;
  const withCode = { ...base, code, serial: decoded.serial };
  if (decoded.eventCode !== eventCode) {
    return {
      ...withCode,
      status: 'foreign',
      note: `page of another event (${decoded.eventCode}, this manifest is ${eventCode})`,
    };
  }
  const page = byCode.get(code);
  if (!page)
    return { ...withCode, status: 'foreign', note: notInManifest(decoded.serial, decoded.version, byCode.values()) };
  const r = register(
    img,
    page,
    hits.filter((h) => h.text.trim() === code),
  );
  if (!r.ok) return { ...withCode, status: 'unidentified', note: r.note };
  const { reg } = r;
  const pxPerMm = reg.scale * MM;
  const inView = page.boxes.filter((box) => boxInView(img, reg.H, box.rect, pxPerMm));
  // Only the pixels the measurement reads are smoothed (a fifth of a signing sheet).
  const prepared = prepareForMeasure(img, pxPerMm, measuredArea(reg.H, inView) ?? [0, 0, 0, 0]);
  const boxes: BoxReading[] = [];
  let outside = 0;
  for (const box of page.boxes) {
    const quad = boxQuad(reg.H, box.rect);
    if (!inView.includes(box)) {
      outside++;
      boxes.push({ key: box.key, number: box.number, side: box.side, decision: 'outside', score: 0, quad });
      continue;
    }
    const m = measureBox(prepared, reg.H, box, page.boxes);
    const reading: BoxReading = {
      key: box.key,
      number: box.number,
      side: box.side,
      decision: m.decision,
      score: m.score,
      quad,
    };
    if (m.decision === 'uncertain' || isNearMiss(m.decision, m.score)) {
      reading.crop = await boxCrop(img, reg.H, box);
      reading.rowCrop = await rowCrop(img, reg.H, box, page.size);
    }
    boxes.push(reading);
  }
  const notes = [
    reg.note,
    outside ? `${outside} of ${page.boxes.length} boxes are outside the scan: scan this page again, whole` : undefined,
  ].filter(Boolean);
  return {
    ...withCode,
    status: 'identified',
    rotation: reg.rotation,
    boxes,
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}
