/**
 * Text the fonts cannot print is measured as what is drawn (□), so it wraps inside its box; a line
 * that still cannot fit (one glyph wider than the box) is clipped to the box.
 */
import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { fontFiles, loadMetrics, missingGlyphs, openFont, printable } from '../../src/draw/fonts.js';
import { placeLine, plain, wrapRuns } from '../../src/layout/text.js';
import type { DrawItem } from '../../src/layout/types.js';

const m = loadMetrics('sans');
const regular = openFont(fontFiles('sans').regular);

describe('text the font lacks', () => {
  it('is measured as the □ glyphs that are drawn, and wraps within the width', () => {
    expect(printable(regular, '王小明 Budi 🙂\uFE0F')).toBe('□□□ Budi □');
    expect(m.widthOf('王小明', 'regular', 10)).toBeCloseTo(m.widthOf('□□□', 'regular', 10), 6);
    for (const name of ['محمد عبد الله الرحمن', '王小明张伟李娜刘洋陈静杨帆赵磊黄敏周杰吴婷', '😀'.repeat(20)]) {
      const lines = wrapRuns(plain(name), 8, m, 60);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(l.width).toBeLessThanOrEqual(60 + 1e-6);
    }
  });

  it('is listed by missingGlyphs, once per character; the serif face draws ? where it has no □', () => {
    expect(missingGlyphs('sans', 'Budi Santoso, S.Pd.')).toEqual([]);
    expect(missingGlyphs('sans', 'Ñoño Müller')).toEqual([]);
    expect(missingGlyphs('sans', '王王小 🙂')).toEqual(['王', '小', '🙂']);
    const bonum = fontkit.openSync(fontFiles('serif').regular);
    expect(printable(bonum, '王')).toBe('?');
  });

  it('a line wider than its box (one glyph wider than the box) is clipped to the box', () => {
    const [line] = wrapRuns(plain('W'), 40, m, 5);
    const out: DrawItem[] = [];
    placeLine(line!, 100, 50, 5, 'center', 40, out);
    expect(out[0]).toMatchObject({ t: 'text', x: 100, clip: [100, 105] });
    const fits: DrawItem[] = [];
    placeLine(wrapRuns(plain('W'), 10, m, 50)[0]!, 100, 50, 50, 'center', 10, fits);
    expect(fits[0]).not.toHaveProperty('clip');
  });
});
