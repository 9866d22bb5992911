/** Headings and paragraphs: wrapped lines, with orphan and widow control. */
import type { Run } from '../../model/markup.js';
import type { LayoutContext } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, wrapRuns, type LineAlign } from '../text.js';

export function layOutText(
  c: LayoutContext,
  runs: Run[],
  o: {
    size: number;
    align: LineAlign;
    bold: boolean;
    lineHeight: number;
    spaceBefore: number;
    spaceAfter: number;
    keepWithNext: boolean;
    indent: number;
    firstIndent: number;
  },
): void {
  const m = c.m;
  const x = c.f.x0 + o.indent;
  const width = c.f.x1 - x;
  const lines = wrapRuns(runs, o.size, m, width, { firstWidth: width - o.firstIndent, bold: o.bold });
  const lh = lineHeightOf(m, o.size, o.lineHeight);
  const base = baselineIn(m, o.size, lh);
  c.lineSlices(
    lines,
    lh,
    (line, i, top, out) => {
      const lx = i === 0 ? x + o.firstIndent : x;
      const lw = i === 0 ? width - o.firstIndent : width;
      placeLine(line, lx, top + base, lw, o.align, o.size, out.items);
    },
    o.keepWithNext,
    true,
    o.spaceBefore,
  );
  c.pendingGap += o.spaceAfter;
}
