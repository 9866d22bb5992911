/** Label : value rows. */
import type { Block } from '../../model/markup.js';
import { LAYOUT } from '../defaults.js';
import type { LayoutContext } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, plain, wrapRuns } from '../text.js';

export function layOutFields(c: LayoutContext, block: Extract<Block, { type: 'fields' }>): void {
  const m = c.m;
  const size = block.size ?? c.spec.baseSize;
  const labelX = c.f.x0 + (block.indent ?? 0);
  const widest = block.rows.reduce((mx, r) => Math.max(mx, m.widthOf(r.label, 'regular', size)), 0);
  const labelW = block.labelWidth ?? widest + size * 0.8;
  const colonX = labelX + labelW;
  const valueX = colonX + m.widthOf(':', 'regular', size) + size * 0.5;
  const width = c.f.x1 - valueX;
  const lh = lineHeightOf(m, size, LAYOUT.proseLineHeight);
  const base = baselineIn(m, size, lh);
  block.rows.forEach((row, idx) => {
    // A label wider than its column wraps inside it.
    const labelLines = wrapRuns(plain(row.label), size, m, Math.max(labelW - size * 0.5, 10));
    const valueLines = wrapRuns(row.value, size, m, width);
    const n = Math.max(labelLines.length, valueLines.length);
    c.push(
      {
        height: n * lh,
        gapBefore: idx === 0 ? 0 : LAYOUT.fieldsRowGap,
        keepWithNext: false,
        draw: (y, out) => {
          labelLines.forEach((l, i) => {
            placeLine(l, labelX, y + i * lh + base, labelW, 'left', size, out.items);
          });
          out.items.push({ t: 'text', x: colonX, y: y + base, text: ':', style: 'regular', size });
          valueLines.forEach((l, i) => {
            placeLine(l, valueX, y + i * lh + base, width, 'left', size, out.items);
          });
        },
      },
      idx === 0,
    );
  });
  c.pendingGap += LAYOUT.fieldsSpaceAfter;
}
