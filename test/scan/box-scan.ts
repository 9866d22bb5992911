/**
 * One printed signature box scanned at a chosen resolution and blur, for measuring drawn marks of
 * known geometry (test/scan/specks.test.ts, test/scan/parafs.test.ts).
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { ManifestBox } from '../../src/model/manifest.js';
import { MM } from '../../src/model/pagecode.js';
import type { GrayImage } from '../../src/scan/decode.js';
import { boxBlur } from '../../src/scan/image.js';
import { measureBox, prepareForMeasure, type BoxMeasure } from '../../src/scan/measure.js';

/** A 17 × 11 mm box at (10, 8) mm with its row-number label, on a 40 × 30 mm piece of paper. */
const BOX: ManifestBox = { key: 'k1', nip: '198609262015051001', number: 7, side: 'left', rect: [10 * MM, 8 * MM, 17 * MM, 11 * MM], label: [10 * MM + 1, 8 * MM + 1, 2.4 * MM, 3.1 * MM] } as ManifestBox;

/** The printed box, then `draw` in box millimetres (0, 0 = the box's top-left corner), scanned at `dpi` with a blur of `blur` px. */
export function scanBox(dpi: number, blur: number, draw: (ctx: SKRSContext2D, mm: (v: number) => number) => void): { img: GrayImage; ppm: number } {
  const ppm = dpi / 25.4;
  const W = Math.round(40 * ppm), Hh = Math.round(30 * ppm);
  const c = createCanvas(W, Hh);
  const ctx = c.getContext('2d');
  const mm = (v: number) => v * ppm;
  ctx.fillStyle = '#f2f2f2';
  ctx.fillRect(0, 0, W, Hh);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = mm(0.25);
  for (const [a, b, e, f] of [[10, 0, 10, 30], [27, 0, 27, 30], [0, 8, 40, 8], [0, 19, 40, 19]] as const) {
    ctx.beginPath();
    ctx.moveTo(mm(a), mm(b));
    ctx.lineTo(mm(e), mm(f));
    ctx.stroke();
  }
  ctx.fillStyle = '#000';
  ctx.font = `${mm(2.6)}px sans-serif`;
  ctx.fillText('7.', mm(10.4), mm(10.8));
  ctx.save();
  ctx.translate(mm(10), mm(8));
  draw(ctx, mm);
  ctx.restore();
  const rgba = ctx.getImageData(0, 0, W, Hh).data;
  const data = new Uint8Array(W * Hh);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 1]!;
  const img = { width: W, height: Hh, data };
  return { img: blur ? boxBlur(img, blur) : img, ppm };
}

export function measureScan({ img, ppm }: { img: GrayImage; ppm: number }): BoxMeasure {
  const pt = ppm * (25.4 / 72);
  return measureBox(prepareForMeasure(img, ppm), [pt, 0, 0, 0, pt, 0, 0, 0, 1], BOX, [BOX]);
}

