/**
 * The speck rule (issue #10): every connected mark is judged on its own, so a speck or a dot up to
 * 1.5 mm stays unsigned whatever other specks lie around it, several specks together are no
 * signature though their bounding box spans 5 mm or more, and specks the blur joins into one blob
 * are still a speck (short, compact centre lines). Drawn marks of known geometry at 150–300 dpi.
 */
import { describe, expect, it } from 'vitest';
import { dot, measureScan, scanBox } from './box-scan.js';

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
        const r = measureScan(
          scanBox(dpi, blur, (ctx, mm) => {
            dot(ctx, mm, 6, 5, 1.5);
            dot(ctx, mm, 11, 6, 1.5);
          }),
        );
        expect(`${dpi} dpi blur ${blur}: ${r.decision}`).toBe(`${dpi} dpi blur ${blur}: unsigned`);
      }
    }
  });

  it('specks the blur joins into one blob are a speck', () => {
    const wrong: string[] = [];
    for (const dpi of [150, 200, 300]) {
      for (const blur of [1, 2]) {
        // Two 1.2–1.5 mm specks touching or 0.2 mm apart, or three in a tight cluster (under 3.5 mm
        // across: three in a row reach 4 mm, the size of a short bold dash, and may be doubtful).
        const cases: [number, number, number][][] = [
          [
            [6, 5, 1.5],
            [7.6, 5.2, 1.5],
          ],
          [
            [6, 5, 1.2],
            [7.3, 5.6, 1.4],
          ],
          [
            [9, 4, 1.4],
            [9.3, 5.5, 1.5],
            [10.4, 4.8, 1.2],
          ],
        ];
        for (const [k, c] of cases.entries()) {
          const r = measureScan(
            scanBox(dpi, blur, (ctx, mm) => {
              for (const [x, y, d] of c) dot(ctx, mm, x, y, d);
            }),
          );
          if (r.decision !== 'unsigned') wrong.push(`${dpi} dpi blur ${blur} case ${k}: ${r.decision} ${r.score}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  // Clusters of four or five specks, some touching, can reach 4 mm as one mark: such a mark may be
  // doubtful (a person looks), never signed; lone and scattered specks are always unsigned.
  it('one to five specks of 0.3–1.5 mm anywhere in the box, in any ink, at any blur, are never signed and rarely doubtful', () => {
    const rnd = lcg(1010);
    const wrong: string[] = [];
    let doubtful = 0;
    for (let t = 0; t < 150; t++) {
      const dpi = [150, 200, 300][t % 3]!;
      const blur = Math.floor(rnd() * 3);
      const n = 1 + Math.floor(rnd() * 5);
      const specks: string[] = [];
      let x = 2 + rnd() * 12,
        y = 2 + rnd() * 8;
      const r = measureScan(
        scanBox(dpi, blur, (ctx, mm) => {
          for (let i = 0; i < n; i++) {
            // Scattered over the box, or near the last one (specks come in clusters).
            if (rnd() < 0.5) {
              x = 1.5 + rnd() * 14;
              y = 1.5 + rnd() * 8;
            } else {
              x += (rnd() - 0.5) * 4;
              y += (rnd() - 0.5) * 3;
            }
            const d = 0.3 + rnd() * 1.2;
            const ink = INKS[Math.floor(rnd() * INKS.length)]!;
            dot(ctx, mm, x, y, d, ink);
            specks.push(`(${x.toFixed(1)}, ${y.toFixed(1)}) ${d.toFixed(1)} mm ${ink}`);
          }
        }),
      );
      if (r.decision === 'signed' || (r.decision === 'uncertain' && n < 4))
        wrong.push(`${dpi} dpi blur ${blur}: ${r.decision} ${r.score} — ${specks.join(', ')}`);
      if (r.decision === 'uncertain') doubtful++;
    }
    expect(wrong).toEqual([]);
    expect(doubtful).toBeLessThanOrEqual(8);
  });
});
