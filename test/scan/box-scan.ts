/**
 * One printed signature box scanned at a chosen resolution and blur, for measuring drawn marks of
 * known geometry (test/scan/specks.test.ts, test/scan/parafs.test.ts).
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { ManifestBox } from '../../src/model/manifest.js';
import { MM } from '../../src/model/pagecode.js';
import type { GrayImage } from '../../src/scan/pixels.js';
import { boxBlur } from '../../src/scan/image.js';
import { measureBox, prepareForMeasure, type BoxMeasure } from '../../src/scan/measure.js';

/** A 17 × 11 mm box at (10, 8) mm with its row-number label, on a 40 × 30 mm piece of paper. */
const BOX: ManifestBox = {
  key: 'k1',
  nip: '198609262015051001',
  number: 7,
  side: 'left',
  rect: [10 * MM, 8 * MM, 17 * MM, 11 * MM],
  label: [10 * MM + 1, 8 * MM + 1, 2.4 * MM, 3.1 * MM],
} as ManifestBox;

export type Draw = (ctx: SKRSContext2D, mm: (v: number) => number) => void;

/** A pen line through `pts` (mm), round caps and joins. */
export const line = (
  ctx: SKRSContext2D,
  mm: (v: number) => number,
  pts: [number, number][],
  width = 0.35,
  ink = '#1a2a80',
): void => {
  ctx.strokeStyle = ink;
  ctx.lineWidth = mm(width);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(mm(pts[0]![0]), mm(pts[0]![1]));
  for (const [x, y] of pts.slice(1)) ctx.lineTo(mm(x), mm(y));
  ctx.stroke();
};

/** A round dot `d` mm across centred on (x, y) mm. */
export const dot = (
  ctx: SKRSContext2D,
  mm: (v: number) => number,
  x: number,
  y: number,
  d: number,
  ink = '#1a1a1a',
): void => {
  ctx.fillStyle = ink;
  ctx.beginPath();
  ctx.arc(mm(x), mm(y), mm(d / 2), 0, Math.PI * 2);
  ctx.fill();
};

/**
 * Grey paper `wMm` × `hMm` with a 17 × 11 mm box printed at (bx, by) mm as the sheets print it — the
 * table's lines running on across the paper, the row number in the top-left corner — then `draw`,
 * as a grey image at `ppm` pixels per mm.
 */
export function printedBox(ppm: number, wMm: number, hMm: number, bx: number, by: number, draw: Draw): GrayImage {
  const W = Math.round(wMm * ppm),
    Hh = Math.round(hMm * ppm);
  const c = createCanvas(W, Hh);
  const ctx = c.getContext('2d');
  const mm = (v: number) => v * ppm;
  ctx.fillStyle = '#f2f2f2';
  ctx.fillRect(0, 0, W, Hh);
  for (const x of [bx, bx + 17])
    line(
      ctx,
      mm,
      [
        [x, 0],
        [x, hMm],
      ],
      0.25,
      '#000',
    );
  for (const y of [by, by + 11])
    line(
      ctx,
      mm,
      [
        [0, y],
        [wMm, y],
      ],
      0.25,
      '#000',
    );
  ctx.fillStyle = '#000';
  ctx.font = `${mm(2.6)}px sans-serif`;
  ctx.fillText('7.', mm(bx + 0.4), mm(by + 2.8));
  draw(ctx, mm);
  const rgba = ctx.getImageData(0, 0, W, Hh).data;
  const data = new Uint8Array(W * Hh);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 1]!;
  return { width: W, height: Hh, data };
}

/** The printed box, then `draw` in box millimetres (0, 0 = the box's top-left corner), scanned at `dpi` with a blur of `blur` px. */
export function scanBox(dpi: number, blur: number, draw: Draw): { img: GrayImage; ppm: number } {
  const ppm = dpi / 25.4;
  const img = printedBox(ppm, 40, 30, 10, 8, (ctx, mm) => {
    ctx.save();
    ctx.translate(mm(10), mm(8));
    draw(ctx, mm);
    ctx.restore();
  });
  return { img: blur ? boxBlur(img, blur) : img, ppm };
}

/** The scan saved as a JPEG of `quality` and decoded again (its blocks and ringing). */
export async function asJpeg(
  { img, ppm }: { img: GrayImage; ppm: number },
  quality: number,
): Promise<{ img: GrayImage; ppm: number }> {
  const jpg = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
  const data = await sharp(jpg).greyscale().raw().toBuffer();
  return { img: { width: img.width, height: img.height, data: new Uint8Array(data) }, ppm };
}

export function measureScan({ img, ppm }: { img: GrayImage; ppm: number }): BoxMeasure {
  const pt = ppm * (25.4 / 72);
  return measureBox(prepareForMeasure(img, ppm), [pt, 0, 0, 0, pt, 0, 0, 0, 1], BOX, [BOX]);
}
