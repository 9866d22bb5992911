/** The letterhead (kop surat): logo, centred lines, a thick and a thin rule. */
import { MM } from '../../model/pagecode.js';
import type { Block } from '../../model/markup.js';
import { LAYOUT } from '../defaults.js';
import type { LayoutContext } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, plain, wrapRuns } from '../text.js';

export function layOutLetterhead(c: LayoutContext, block: Extract<Block, { type: 'letterhead' }>): void {
  const m = c.m;
  const { x0, x1 } = c.f;
  let logoW = 0;
  let logoH = 0;
  if (block.logo) {
    logoH = LAYOUT.letterheadLogoHeight;
    const px = m.imageSize?.(block.logo);
    const aspect = px ? px[0] / px[1] : 1;
    logoW = Math.min(logoH * aspect, 35 * MM);
    if (logoW < logoH * aspect) logoH = logoW / aspect;
  }
  const gap = logoW > 0 ? 4 * MM : 0;
  // Centre the text on the page when every line clears the logo; else in the space beside it.
  const fullW = x1 - x0 - 2 * (logoW + gap);
  const fits = block.lines.every((l) => m.widthOf(l.text, l.bold ? 'bold' : 'regular', l.size) <= fullW);
  const tx0 = fits ? x0 + logoW + gap : x0 + logoW + gap;
  const tx1 = fits ? x1 - logoW - gap : x1;
  const tw = tx1 - tx0;
  const wrapped = block.lines.map((l) => {
    const lines = wrapRuns(plain(l.text, l.bold), l.size, m, tw);
    const lh = lineHeightOf(m, l.size, 1.05);
    return { lines, lh, size: l.size };
  });
  const textH = wrapped.reduce((s, l) => s + l.lines.length * l.lh, 0);
  const blockH = Math.max(textH, logoH);
  const ruleTop = blockH + 4;
  const height = ruleTop + LAYOUT.letterheadRuleThick + LAYOUT.letterheadRuleGap + LAYOUT.letterheadRuleThin;
  const logo = block.logo;
  c.push(
    {
      height,
      keepWithNext: true,
      draw: (y, out) => {
        if (logo && logoW > 0)
          out.items.push({ t: 'image', path: logo, x: x0, y: y + (blockH - logoH) / 2, w: logoW, h: logoH });
        let ty = y + (blockH - textH) / 2;
        for (const l of wrapped) {
          const base = baselineIn(m, l.size, l.lh);
          for (const line of l.lines) {
            placeLine(line, tx0, ty + base, tw, 'center', l.size, out.items);
            ty += l.lh;
          }
        }
        const thickY = y + ruleTop + LAYOUT.letterheadRuleThick / 2;
        out.items.push({ t: 'line', x1: x0, y1: thickY, x2: x1, y2: thickY, width: LAYOUT.letterheadRuleThick });
        const thinY =
          y + ruleTop + LAYOUT.letterheadRuleThick + LAYOUT.letterheadRuleGap + LAYOUT.letterheadRuleThin / 2;
        out.items.push({ t: 'line', x1: x0, y1: thinY, x2: x1, y2: thinY, width: LAYOUT.letterheadRuleThin });
      },
    },
    true,
  );
  c.pendingGap += LAYOUT.letterheadSpaceAfter;
}
