/** Numbered, lettered or plain lists. */
import { MM } from '../../model/pagecode.js';
import type { Block } from '../../model/markup.js';
import { LAYOUT } from '../defaults.js';
import type { LayoutContext } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, wrapRuns } from '../text.js';

function alphaLabel(n: number): string {
  let s = '';
  let k = n;
  while (k > 0) {
    k--;
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  }
  return s;
}

export function layOutList(c: LayoutContext, block: Extract<Block, { type: 'list' }>): void {
  const m = c.m;
  const size = block.size ?? c.spec.baseSize;
  const labels = block.items.map((_, i) =>
    block.style === 'decimal' ? `${i + 1}.` : block.style === 'alpha' ? `${alphaLabel(i + 1)}.` : '',
  );
  const labelX = c.f.x0 + (block.indent ?? 0);
  const maxLabel = labels.reduce((mx, l) => Math.max(mx, m.widthOf(l, 'regular', size)), 0);
  const labelW = block.style === 'none' ? 0 : Math.max(maxLabel + size * 0.6, 7.5 * MM);
  const textX = labelX + labelW;
  const width = c.f.x1 - textX;
  const lh = lineHeightOf(m, size, block.lineHeight ?? LAYOUT.proseLineHeight);
  const base = baselineIn(m, size, lh);
  block.items.forEach((runs, idx) => {
    const lines = wrapRuns(runs, size, m, width);
    const label = labels[idx]!;
    c.lineSlices(
      lines,
      lh,
      (line, i, top, out) => {
        if (i === 0 && label)
          out.items.push({ t: 'text', x: labelX, y: top + base, text: label, style: 'regular', size });
        placeLine(line, textX, top + base, width, 'justify', size, out.items);
      },
      false,
      idx === 0,
      idx === 0 ? 0 : LAYOUT.listItemGap,
    );
  });
  c.pendingGap += block.spaceAfter ?? LAYOUT.listSpaceAfter;
}
