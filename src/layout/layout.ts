/**
 * The layout: a MarkupDocument in, positioned pages out. Pure and synchronous: text is measured
 * through the Metrics interface, nothing here touches a PDF or the file system.
 *
 * Every block becomes a list of slices (a line of a paragraph, a table row, a whole signature
 * block). A slice is never split; `keepWithNext` ties a slice to the following one (headings,
 * first and last lines of paragraphs, the last table row and the signatures after it); a table's
 * header (the unit line and the column heads) is drawn again on top of every page its rows reach.
 *
 * Each block kind is laid out by its own module in blocks/ (into slices, `slices.ts`); `paginate.ts`
 * places the slices on pages; this module adds the running footer.
 */
import { MM } from '../model/pagecode.js';
import type { MarkupDocument } from '../model/markup.js';
import { DEFAULT_WORDING, pageLabelText } from '../model/wording.js';
import { layOutBlock } from './blocks/index.js';
import { LAYOUT } from './defaults.js';
import { footerEnd } from './furniture.js';
import { paginate } from './paginate.js';
import { LayoutContext, type Frame } from './slices.js';
import type { DrawItem, LaidOutPage, Metrics, PageSpec } from './types.js';

/** Lays out the document into pages. */
export function layoutDocument(doc: MarkupDocument, spec: PageSpec, metrics: Metrics): LaidOutPage[] {
  const [w, h] = spec.size;
  const frame: Frame = {
    x0: spec.margins.left,
    x1: w - spec.margins.right,
    y0: spec.margins.top,
    y1: h - spec.margins.bottom,
  };
  const c = new LayoutContext(spec, metrics, frame);
  for (const [i, block] of doc.blocks.entries()) layOutBlock(c, block, doc.blocks[i + 1]);
  const pages = paginate(c.slices, frame);
  const count = pages.length;
  return pages.map((p, i) => {
    const items = p.items;
    addFooter(items, doc, spec, metrics, frame, i + 1, count);
    return { size: [w, h], items, boxes: p.boxes, pageNumber: i + 1, pageCount: count };
  });
}

function addFooter(
  items: DrawItem[],
  doc: MarkupDocument,
  spec: PageSpec,
  m: Metrics,
  frame: Frame,
  n: number,
  count: number,
): void {
  const size = LAYOUT.footerSize;
  const [w, h] = spec.size;
  const baseline = frame.y1 + Math.min(5 * MM + m.ascent(size), (h - frame.y1) / 2);
  // On a machine-readable page the footer line stops short of the bottom QR square; the page code's
  // text sits on its own line below it (src/model/pagecode.ts).
  const end = spec.machineReadable ? Math.min(frame.x1, footerEnd(w, h)) : frame.x1;
  let right = end;
  if (doc.pageNumbers) {
    const text = pageLabelText(doc.pageLabel ?? DEFAULT_WORDING.pageLabel, n, count);
    const tw = m.widthOf(text, 'regular', size);
    items.push({ t: 'text', x: end - tw, y: baseline, text, style: 'regular', size });
    right = end - tw - 4 * MM;
  }
  if (doc.footer && doc.footer.trim()) {
    const left = frame.x0;
    const avail = right - left;
    let text = doc.footer.replace(/\s+/g, ' ').trim();
    if (m.widthOf(text, 'italic', size) > avail) {
      while (text.length > 1 && m.widthOf(`${text}…`, 'italic', size) > avail) text = text.slice(0, -1);
      text = `${text.trimEnd()}…`;
    }
    if (avail > 0) items.push({ t: 'text', x: left, y: baseline, text, style: 'italic', size });
  }
}
