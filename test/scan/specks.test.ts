/**
 * The speck rule (issue #10): every connected mark is judged on its own, so a speck or a dot up to
 * 1.5 mm stays unsigned whatever other specks lie around it, several specks together are no
 * signature though their bounding box spans 5 mm or more, and specks the blur joins into one blob
 * are still a speck (short, compact centre lines). Drawn marks of known geometry at 150–300 dpi.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { ManifestBox } from '../../src/model/manifest.js';
import { MM } from '../../src/model/pagecode.js';
import type { GrayImage } from '../../src/scan/decode.js';
import { boxBlur } from '../../src/scan/image.js';
import { measureBox, prepareForMeasure } from '../../src/scan/measure.js';

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

export function measureScan({ img, ppm }: { img: GrayImage; ppm: number }) {
  const pt = ppm * (25.4 / 72);
  return measureBox(prepareForMeasure(img, ppm), [pt, 0, 0, 0, pt, 0, 0, 0, 1], BOX, [BOX]);
}

const dot = (ctx: SKRSContext2D, mm: (v: number) => number, x: number, y: number, d: number, ink = '#1a1a1a') => {
  ctx.fillStyle = ink;
  ctx.beginPath();
  ctx.arc(mm(x), mm(y), mm(d / 2), 0, Math.PI * 2);
  ctx.fill();
};

/** A small deterministic generator (numerical recipes LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INKS = ['#1a1a1a', '#1a2a80', '#707070', '#929292'];

describe('specks stay unsigned', () => {
  it('two dark 1.5 mm dots 5 mm apart are no paraf', () => {
    for (const dpi of [150, 200, 300]) {
      for (const blur of [0, 1, 2]) {
        const r = measureScan(scanBox(dpi, blur, (ctx, mm) => { dot(ctx, mm, 6, 5, 1.5); dot(ctx, mm, 11, 6, 1.5); }));
        expect(`${dpi} dpi blur ${blur}: ${r.decision}`).toBe(`${dpi} dpi blur ${blur}: unsigned`);
      }
    }
  });

  it('specks the blur joins into one blob are a speck', () => {
    const wrong: string[] = [];
    for (const dpi of [150, 200, 300]) {
      for (const blur of [1, 2]) {
        // Two or three 1.2–1.5 mm specks touching or 0.2 mm apart, in a row or a cluster.
        const cases: [number, number, number][][] = [
          [[6, 5, 1.5], [7.6, 5.2, 1.5]],
          [[6, 5, 1.5], [7.4, 5.8, 1.2], [8.6, 5, 1.4]],
          [[9, 4, 1.4], [9.3, 5.5, 1.5], [10.6, 5, 1.2]],
        ];
        for (const [k, c] of cases.entries()) {
          const r = measureScan(scanBox(dpi, blur, (ctx, mm) => { for (const [x, y, d] of c) dot(ctx, mm, x, y, d); }));
          if (r.decision !== 'unsigned') wrong.push(`${dpi} dpi blur ${blur} case ${k}: ${r.decision} ${r.score}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('one to five specks of 0.3–1.5 mm anywhere in the box, in any ink, at any blur, are unsigned', () => {
    const rnd = lcg(1010);
    const wrong: string[] = [];
    for (let t = 0; t < 150; t++) {
      const dpi = [150, 200, 300][t % 3]!;
      const blur = Math.floor(rnd() * 3);
      const n = 1 + Math.floor(rnd() * 5);
      const specks: string[] = [];
      let x = 2 + rnd() * 12, y = 2 + rnd() * 8;
      const r = measureScan(scanBox(dpi, blur, (ctx, mm) => {
        for (let i = 0; i < n; i++) {
          // Scattered over the box, or near the last one (specks come in clusters).
          if (rnd() < 0.5) { x = 1.5 + rnd() * 14; y = 1.5 + rnd() * 8; } else { x += (rnd() - 0.5) * 4; y += (rnd() - 0.5) * 3; }
          const d = 0.3 + rnd() * 1.2;
          const ink = INKS[Math.floor(rnd() * INKS.length)]!;
          dot(ctx, mm, x, y, d, ink);
          specks.push(`(${x.toFixed(1)}, ${y.toFixed(1)}) ${d.toFixed(1)} mm ${ink}`);
        }
      }));
      if (r.decision !== 'unsigned') wrong.push(`${dpi} dpi blur ${blur}: ${r.decision} ${r.score} — ${specks.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });
});
