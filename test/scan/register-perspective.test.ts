/**
 * Registration of phone photos in steep perspective (issue #10: a WhatsApp photo at 19°, upside
 * down, was refused although its page code was read). Pages made here from fixed seeds with the
 * field simulator at 15–20° tilt; a page is placed right when every one of its six marks, mapped
 * through the fitted page, lands on black ink. And a fake mark-sized blob near where a mark should
 * be (the real mark gone) never places the page wrongly: it is refused, or placed right.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestPage } from '../../src/model/manifest.js';
import { MM } from '../../src/model/pagecode.js';
import { applyH, type Homography } from '../../src/scan/image.js';
import type { GrayImage } from '../../src/scan/pixels.js';
import { register } from '../../src/scan/register.js';
import { type Shot, type SteepCase, steepShots } from '../sim/steep.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-persp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 830 034 was refused before the fix (issue #10). */
const CASES: SteepCase[] = [
  ['whatsapp', 830_034, 19, true, 34],
  ['whatsapp', 810_001, 19, true, 0],
  ['whatsapp', 810_002, 18, true, 1],
  ['whatsapp', 810_003, 20, false, 2],
  ['phone', 810_004, 19, true, 3],
  ['whatsapp', 810_005, 17, true, 4],
  ['phone', 810_006, 20, false, 5],
  ['whatsapp', 810_007, 19, false, 6],
  ['whatsapp', 810_008, 16, true, 7],
];

/** Each photo with only its own page's codes. */
const shots: (Shot & { name: string })[] = [];

beforeAll(async () => {
  for (const s of await steepShots(tmp, CASES))
    shots.push({ ...s, name: s.describe, hits: s.hits.filter((h) => h.text.trim() === s.page.code) });
}, 300_000);

/** Mean grey of a 3 × 3 patch (out of the image: white). */
function grey(img: GrayImage, x: number, y: number): number {
  let s = 0;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) {
      const X = Math.round(x + dx),
        Y = Math.round(y + dy);
      s += X >= 0 && Y >= 0 && X < img.width && Y < img.height ? img.data[Y * img.width + X]! : 255;
    }
  return s / 9;
}

/** The marks whose centre, through H, is not on black ink (the page is misplaced there). */
function misplacedMarks(img: GrayImage, page: ManifestPage, H: Homography): number[] {
  return page.marks.flatMap((m, k) => {
    const [x, y] = applyH(H, m[0], m[1]);
    const inView = x >= 0 && y >= 0 && x < img.width && y < img.height;
    return inView && grey(img, x, y) > 110 ? [k] : [];
  });
}

describe('registration in steep perspective', () => {
  it('reads the page code of every steep photo (the precondition of the issue)', () => {
    expect(shots.map((s) => `${s.name}: ${s.hits.length > 0}`)).toEqual(shots.map((s) => `${s.name}: true`));
  });

  it('places every steep photo whose page code was read, with every mark on its black square', () => {
    const out = shots.map((s) => {
      const r = register(s.img, s.page, s.hits);
      if (!r.ok) return `${s.name}: refused (${r.note})`;
      const bad = misplacedMarks(s.img, s.page, r.reg.H);
      return `${s.name}: ${bad.length ? `misplaced at marks ${bad.join(', ')}` : 'placed'}`;
    });
    expect(out).toEqual(shots.map((s) => `${s.name}: placed`));
  });

  it('a fake mark beside a missing mark never places the page wrongly', () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const s of shots) {
      const truth = register(s.img, s.page, s.hits);
      if (!truth.ok) continue;
      const T = truth.reg.H;
      const pxPerMm = truth.reg.scale * MM;
      for (const k of s.page.marks.keys()) {
        // Erase mark k (paint it paper-white) and print a mark-sized black square 6 mm beside it,
        // towards the page's centre line, where a search from a poor prediction could take it.
        const img: GrayImage = { ...s.img, data: Uint8Array.from(s.img.data) };
        const [mx, my] = s.page.marks[k]!;
        const half = s.page.markSize / 2;
        const toward = mx < s.page.size[0] / 2 ? 1 : -1;
        const paint = (cx: number, cy: number, h: number, v: number) => {
          const q = [-h, h].flatMap((dx) => [-h, h].map((dy) => applyH(T, cx + dx, cy + dy)));
          const xs = q.map((p) => p[0]),
            ys = q.map((p) => p[1]);
          for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++)
            for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++)
              if (x >= 0 && y >= 0 && x < img.width && y < img.height) img.data[y * img.width + x] = v;
        };
        paint(mx, my, half * 1.6, 235);
        paint(mx + toward * 6 * MM, my, half, 20);
        tried++;
        const r = register(img, s.page, s.hits);
        if (!r.ok) continue;
        const others = misplacedMarks(img, s.page, r.reg.H).filter((j) => j !== k);
        const [ex, ey] = applyH(r.reg.H, mx, my);
        const [tx, ty] = applyH(T, mx, my);
        const off = Math.hypot(ex - tx, ey - ty) / pxPerMm;
        if (others.length || off > 1.5)
          wrong.push(`${s.name}, mark ${k} faked: placed ${off.toFixed(1)} mm off, marks ${others.join(', ')} off ink`);
      }
    }
    expect(tried).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });
});
