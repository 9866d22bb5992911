/**
 * The paraf rule (issue #10): a deliberate mark 4 mm or more across — initials, a short hooked
 * stroke, a short wiggle — written inside the box is never unsigned, even when a phone photo's blur
 * thickens it so much that its centre lines come out short; at worst a person looks (uncertain).
 * A small tick (under 3 mm across) stays unsigned, a bold 4 mm tick is never signed.
 */
import { describe, expect, it } from 'vitest';
import { line, measureScan, scanBox, type Draw } from './box-scan.js';

const stroke = (pts: [number, number][], width: number, ink: string): Draw => (ctx, mm) => line(ctx, mm, pts, width, ink);
const text = (s: string, wMm: number, ink: string, pen = 0.3): Draw => (ctx, mm) => {
  ctx.font = `${mm(wMm * 0.75)}px sans-serif`;
  ctx.fillStyle = ink;
  ctx.strokeStyle = ink;
  ctx.lineWidth = mm(pen);
  ctx.lineJoin = 'miter';
  ctx.textBaseline = 'middle';
  ctx.fillText(s, mm(6), mm(6));
  ctx.strokeText(s, mm(6), mm(6));
};

/** A phone photo: about 170 dpi, the ink blurred to ~1 mm strokes. */
const phone = (draw: Draw, blur = 3) => measureScan(scanBox(170, blur, draw));

describe('a paraf is never unsigned', () => {
  it('a hooked stroke 4 mm across in bold ink on a phone photo is not unsigned', () => {
    const r = phone(stroke([[6, 4.2], [6.6, 4.4], [6.8, 4.8], [9.2, 6.8]], 0.55, '#1a1a1a'));
    expect(r.decision).not.toBe('unsigned');
  });

  it('initials 4–5 mm across, thickened by a phone photo into a blot with short centre lines, are not unsigned', () => {
    const wrong: string[] = [];
    for (const [name, wMm, pen, blur] of [['MS', 4, 0.3, 3], ['BS', 4, 0.5, 2], ['BS', 4.5, 0.5, 3], ['MS', 4.5, 0.3, 2]] as const) {
      const r = phone(text(name, wMm, '#1a2a80', pen), blur);
      if (r.decision === 'unsigned') wrong.push(`${name} ${wMm} mm, pen ${pen} mm, blur ${blur}: ${r.decision} ${r.score}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a short wiggle 4.5 mm across in blue on a phone photo is not unsigned', () => {
    const r = phone(stroke([[6, 6.5], [7, 5.6], [8, 6.4], [9.2, 5.5], [10.5, 6]], 0.45, '#1a2a80'));
    expect(r.decision).not.toBe('unsigned');
  });

  it('a small tick under 3 mm across on a phone photo stays unsigned, and a bold 4 mm tick is not signed', () => {
    expect(phone(stroke([[6, 6], [7, 7.2], [8.6, 4.8]], 0.5, '#1a1a1a')).decision).toBe('unsigned');
    expect(measureScan(scanBox(200, 1, stroke([[6, 6], [7.2, 7.8], [10, 4]], 0.6, '#141414'))).decision).not.toBe('signed');
  });
});
