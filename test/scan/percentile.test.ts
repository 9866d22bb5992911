/**
 * ink.ts's percentile (the paper white of a box, of each 4 mm block, and the noise's median) was a
 * sort of a Float32Array copy per call; it is now a selection. It must give exactly the value of
 * the sort-based definition, written out here, on any input — so the tally's decisions do not move.
 */
import { describe, expect, it } from 'vitest';
import { percentile, selectKth } from '../../src/scan/percentile.js';
import { prng as rng } from '../sim/simulate.js';

/** The definition: the values as single floats, sorted ascending, the one at floor(p·n) (at most n − 1); 255 for none. */
function percentileBySort(vals: ArrayLike<number>, p: number): number {
  const a = Float32Array.from(vals).sort();
  if (a.length === 0) return 255;
  return a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
}

const PS = [0, 0.1, 0.5, 0.8, 0.9, 0.999, 1];

describe('percentile (selection) equals the sort-based definition', () => {
  it('on random data of many sizes: grey levels, blurred floats, differences with ties and negatives', () => {
    const r = rng(20261202);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(r() * (trial < 200 ? 50 : 3000));
      const kind = trial % 4;
      const vals: number[] = [];
      for (let i = 0; i < n; i++) {
        if (kind === 0)
          vals.push(Math.floor(r() * 256)); // integer grey levels
        else if (kind === 1)
          vals.push(r() * 255); // blurred (not representable exactly as float32)
        else if (kind === 2)
          vals.push(r() < 0.85 ? 231 + Math.floor(r() * 3) : r() * 80); // mostly paper, some ink
        else vals.push((r() - 0.5) * 60); // paper − pixel differences
      }
      for (const p of PS) expect(percentile(vals, p), `trial ${trial} n ${n} p ${p}`).toBe(percentileBySort(vals, p));
      const f32 = Float32Array.from(vals);
      for (const p of PS) expect(percentile(f32, p)).toBe(percentileBySort(f32, p));
    }
  });

  it('on the edge cases: empty, one value, all equal, sorted, reversed, two values', () => {
    expect(percentile([], 0.5)).toBe(255);
    expect(percentile(new Float32Array(0), 0.9)).toBe(255);
    const sorted = Array.from({ length: 1001 }, (_, i) => i / 7);
    const cases: number[][] = [
      [42],
      new Array(500).fill(233),
      sorted,
      [...sorted].reverse(),
      [1, 0],
      [0, 0, 0, 1],
      [5, 5, 5, 5, 4, 5, 5, 6, 5],
    ];
    for (const c of cases) for (const p of PS) expect(percentile(c, p)).toBe(percentileBySort(c, p));
  });

  it('does not change the caller’s values', () => {
    const vals = [3, 1, 2];
    percentile(vals, 0.5);
    expect(vals).toEqual([3, 1, 2]);
  });

  it('selectKth finds every rank', () => {
    const r = rng(7);
    const vals = Float32Array.from({ length: 300 }, () => Math.floor(r() * 20));
    const s = Float32Array.from(vals).sort();
    for (let k = 0; k < vals.length; k++) expect(selectKth(Float32Array.from(vals), k)).toBe(s[k]);
  });
});
