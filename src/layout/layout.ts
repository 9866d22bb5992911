/**
 * The paginator: a MarkupDocument in, positioned pages out. Pure and synchronous: text is measured
 * through the Metrics interface, nothing here touches a PDF or the file system.
 *
 * Every block becomes a list of slices (a line of a paragraph, a table row, a whole signature
 * block). A slice is never split; `keepWithNext` ties a slice to the following one (headings,
 * first and last lines of paragraphs, the last table row and the signatures after it); a table's
 * header (the unit line and the column heads) is drawn again on top of every page its rows reach.
 */
import { MM } from '../model/pagecode.js';
import { formatNip } from '../roster/nip.js';
import type { Block, GridCell, MarkupDocument, Run, SignatureBlock, SigningRow } from '../model/markup.js';
import { footerEnd } from './furniture.js';
import { baselineIn, lineHeightOf, placeLine, plain, wrapRuns, type Line, type LineAlign } from './text.js';
import type { DrawItem, LaidOutPage, Metrics, PageBox, PageSpec } from './types.js';

/** What a slice draws into. */
interface PageOut {
  items: DrawItem[];
  boxes: PageBox[];
}

interface Header {
  height: number;
  gapBefore: number;
  draw(y: number, out: PageOut): void;
}

interface Slice {
  height: number;
  /** Space above, dropped at the top of a page. */
  gapBefore: number;
  keepWithNext: boolean;
  /** A header that must be on the page above this slice (drawn again after a page break). */
  header?: Header;
  /** A forced page break before this slice. */
  breakBefore?: boolean;
  /** Empty space that is dropped when it would open a page (other than the first). */
  discardAtTop?: boolean;
  draw(y: number, out: PageOut): void;
}

interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Defaults of the layout, in points unless noted. */
export const LAYOUT = {
  /** Paragraph line height as a multiple of the font's natural line height. */
  proseLineHeight: 1.15,
  paragraphSpaceAfter: 6,
  headingSpaceAfter: 6,
  listItemGap: 3,
  listSpaceAfter: 6,
  fieldsRowGap: 1,
  fieldsSpaceAfter: 6,
  letterheadLogoHeight: 22 * MM,
  letterheadSpaceAfter: 14,
  letterheadRuleThick: 2.5,
  letterheadRuleThin: 0.75,
  letterheadRuleGap: 1.5,
  /** Signature space between the title lines and the name: about 3.25 cm. */
  signatureSpace: 32.5 * MM,
  signaturesSpaceBefore: 12,
  meteraiSize: [30 * MM, 18 * MM] as [number, number],
  tableGrid: 0.75,
  tablePadX: 3,
  tablePadY: 2.5,
  /** A signing row is at least this tall, so there is room to sign. */
  tableMinRow: 11.5 * MM,
  tableNumberSize: 7,
  /** Inset of a signature box inside the printed borders. */
  boxInset: 1.5,
  tableSpaceAfter: 0,
  /**
   * Signing space of a cell of a signature grid (deklarasi), and the gaps between its cells and
   * rows: every cell is a box of its own, so a wide signature that runs over its frame lands in the
   * gap, not in the neighbour's box (where it would be read as the neighbour's signature).
   */
  gridSpace: 22 * MM,
  gridColGap: 4 * MM,
  gridRowGap: 3 * MM,
  footerSize: 9,
} as const;

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

/** Lays out the document into pages. */
export function layoutDocument(doc: MarkupDocument, spec: PageSpec, metrics: Metrics): LaidOutPage[] {
  const [w, h] = spec.size;
  const frame: Frame = {
    x0: spec.margins.left,
    x1: w - spec.margins.right,
    y0: spec.margins.top,
    y1: h - spec.margins.bottom,
  };
  const b = new Builder(spec, metrics, frame);
  doc.blocks.forEach((block, i) => b.add(block, doc.blocks[i + 1]));
  const pages = paginate(b.slices, frame);
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
    const text = `Halaman ${n} dari ${count}`;
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

/** Places slices on pages. */
function paginate(slices: Slice[], frame: Frame): PageOut[] {
  const pages: PageOut[] = [];
  let page: PageOut = { items: [], boxes: [] };
  pages.push(page);
  let y = frame.y0;
  let atTop = true;
  let activeHeader: Header | undefined;
  const newPage = () => {
    page = { items: [], boxes: [] };
    pages.push(page);
    y = frame.y0;
    atTop = true;
    activeHeader = undefined;
  };
  /** Height the slices [i, j) take if placed from the current position. */
  const heightOf = (i: number, j: number): number => {
    let total = 0;
    let top = atTop;
    let hdr = activeHeader;
    for (let k = i; k < j; k++) {
      const s = slices[k]!;
      if (s.header && s.header !== hdr) {
        total += (top ? 0 : Math.max(s.header.gapBefore, s.gapBefore)) + s.header.height;
        hdr = s.header;
        top = false;
      } else {
        total += top ? 0 : s.gapBefore;
      }
      total += s.height;
      top = false;
    }
    return total;
  };
  const place = (s: Slice) => {
    if (s.header && s.header !== activeHeader) {
      if (!atTop) y += Math.max(s.header.gapBefore, s.gapBefore);
      s.header.draw(y, page);
      y += s.header.height;
      activeHeader = s.header;
    } else if (!atTop) {
      y += s.gapBefore;
    }
    s.draw(y, page);
    y += s.height;
    atTop = false;
  };
  let i = 0;
  while (i < slices.length) {
    const s = slices[i]!;
    if (s.breakBefore) {
      if (!atTop) newPage();
      i++;
      continue;
    }
    if (s.discardAtTop && atTop && pages.length > 1) {
      i++;
      continue;
    }
    if (s.discardAtTop && y + heightOf(i, i + 1) > frame.y1 + 1e-6) {
      newPage();
      i++;
      continue;
    }
    let j = i + 1;
    while (j < slices.length && slices[j - 1]!.keepWithNext && !slices[j]!.breakBefore) j++;
    if (y + heightOf(i, j) > frame.y1 + 1e-6 && !atTop) {
      newPage();
    }
    if (y + heightOf(i, j) <= frame.y1 + 1e-6) {
      for (let k = i; k < j; k++) place(slices[k]!);
    } else {
      // Taller than a page: place one slice at a time, breaking where needed.
      for (let k = i; k < j; k++) {
        if (y + heightOf(k, k + 1) > frame.y1 + 1e-6 && !atTop) newPage();
        place(slices[k]!);
      }
    }
    i = j;
  }
  return pages;
}

class Builder {
  readonly slices: Slice[] = [];
  private pendingGap = 0;

  constructor(
    private readonly spec: PageSpec,
    private readonly m: Metrics,
    private readonly f: Frame,
  ) {}

  private get width(): number {
    return this.f.x1 - this.f.x0;
  }

  private push(s: Omit<Slice, 'gapBefore'> & { gapBefore?: number }, first: boolean): void {
    const gap = first ? this.pendingGap + (s.gapBefore ?? 0) : (s.gapBefore ?? 0);
    if (first) this.pendingGap = 0;
    this.slices.push({ ...s, gapBefore: gap });
  }

  add(block: Block, next: Block | undefined): void {
    switch (block.type) {
      case 'letterhead':
        return this.letterhead(block);
      case 'heading':
        return this.text(block.runs, {
          size: block.size ?? this.spec.baseSize,
          align: block.align ?? 'center',
          bold: true,
          lineHeight: 1,
          spaceBefore: block.spaceBefore ?? 0,
          spaceAfter: block.spaceAfter ?? LAYOUT.headingSpaceAfter,
          keepWithNext: true,
          indent: 0,
          firstIndent: 0,
        });
      case 'paragraph':
        return this.text(block.runs, {
          size: block.size ?? this.spec.baseSize,
          align: block.align ?? 'justify',
          bold: false,
          lineHeight: block.lineHeight ?? LAYOUT.proseLineHeight,
          spaceBefore: block.spaceBefore ?? 0,
          spaceAfter: block.spaceAfter ?? LAYOUT.paragraphSpaceAfter,
          keepWithNext: block.keepWithNext ?? false,
          indent: block.indent ?? 0,
          firstIndent: block.firstIndent ?? 0,
        });
      case 'list':
        return this.list(block);
      case 'fields':
        return this.fields(block);
      case 'signatures':
        return this.signatures(block);
      case 'signing-table':
        return this.table(block, next?.type === 'signatures');
      case 'table':
        return this.grid(block, next?.type === 'signatures');
      case 'signature-grid':
        return this.signatureGrid(block);
      case 'spacer':
        this.push({ height: block.height, keepWithNext: false, discardAtTop: true, draw: () => {} }, true);
        return;
      case 'pagebreak':
        this.pendingGap = 0;
        this.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, breakBefore: true, draw: () => {} });
        return;
    }
  }

  /** Slices for wrapped lines, with orphan and widow control. */
  private lineSlices(lines: Line[], lh: number, draw: (line: Line, index: number, top: number, out: PageOut) => void, keepLast: boolean, first: boolean, gap: number) {
    const n = lines.length;
    lines.forEach((line, i) => {
      const keep = i === n - 1 ? keepLast : n <= 3 || i === 0 || i === n - 2;
      this.push(
        { height: lh, gapBefore: i === 0 ? gap : 0, keepWithNext: keep, draw: (y, out) => draw(line, i, y, out) },
        first && i === 0,
      );
    });
  }

  private text(
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
    const m = this.m;
    const x = this.f.x0 + o.indent;
    const width = this.f.x1 - x;
    const lines = wrapRuns(runs, o.size, m, width, { firstWidth: width - o.firstIndent, bold: o.bold });
    const lh = lineHeightOf(m, o.size, o.lineHeight);
    const base = baselineIn(m, o.size, lh);
    this.lineSlices(
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
    this.pendingGap += o.spaceAfter;
  }

  private letterhead(block: Extract<Block, { type: 'letterhead' }>): void {
    const m = this.m;
    const { x0, x1 } = this.f;
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
    this.push(
      {
        height,
        keepWithNext: true,
        draw: (y, out) => {
          if (logo && logoW > 0) out.items.push({ t: 'image', path: logo, x: x0, y: y + (blockH - logoH) / 2, w: logoW, h: logoH });
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
          const thinY = y + ruleTop + LAYOUT.letterheadRuleThick + LAYOUT.letterheadRuleGap + LAYOUT.letterheadRuleThin / 2;
          out.items.push({ t: 'line', x1: x0, y1: thinY, x2: x1, y2: thinY, width: LAYOUT.letterheadRuleThin });
        },
      },
      true,
    );
    this.pendingGap += LAYOUT.letterheadSpaceAfter;
  }

  private list(block: Extract<Block, { type: 'list' }>): void {
    const m = this.m;
    const size = block.size ?? this.spec.baseSize;
    const labels = block.items.map((_, i) =>
      block.style === 'decimal' ? `${i + 1}.` : block.style === 'alpha' ? `${alphaLabel(i + 1)}.` : '',
    );
    const labelX = this.f.x0 + (block.indent ?? 0);
    const maxLabel = labels.reduce((mx, l) => Math.max(mx, m.widthOf(l, 'regular', size)), 0);
    const labelW = block.style === 'none' ? 0 : Math.max(maxLabel + size * 0.6, 7.5 * MM);
    const textX = labelX + labelW;
    const width = this.f.x1 - textX;
    const lh = lineHeightOf(m, size, block.lineHeight ?? LAYOUT.proseLineHeight);
    const base = baselineIn(m, size, lh);
    block.items.forEach((runs, idx) => {
      const lines = wrapRuns(runs, size, m, width);
      const label = labels[idx]!;
      this.lineSlices(
        lines,
        lh,
        (line, i, top, out) => {
          if (i === 0 && label) out.items.push({ t: 'text', x: labelX, y: top + base, text: label, style: 'regular', size });
          placeLine(line, textX, top + base, width, 'justify', size, out.items);
        },
        false,
        idx === 0,
        idx === 0 ? 0 : LAYOUT.listItemGap,
      );
    });
    this.pendingGap += block.spaceAfter ?? LAYOUT.listSpaceAfter;
  }

  private fields(block: Extract<Block, { type: 'fields' }>): void {
    const m = this.m;
    const size = block.size ?? this.spec.baseSize;
    const labelX = this.f.x0 + (block.indent ?? 0);
    const widest = block.rows.reduce((mx, r) => Math.max(mx, m.widthOf(r.label, 'regular', size)), 0);
    const labelW = block.labelWidth ?? widest + size * 0.8;
    const colonX = labelX + labelW;
    const valueX = colonX + m.widthOf(':', 'regular', size) + size * 0.5;
    const width = this.f.x1 - valueX;
    const lh = lineHeightOf(m, size, LAYOUT.proseLineHeight);
    const base = baselineIn(m, size, lh);
    block.rows.forEach((row, idx) => {
      // A label wider than its column wraps inside it.
      const labelLines = wrapRuns(plain(row.label), size, m, Math.max(labelW - size * 0.5, 10));
      const valueLines = wrapRuns(row.value, size, m, width);
      const n = Math.max(labelLines.length, valueLines.length);
      this.push(
        {
          height: n * lh,
          gapBefore: idx === 0 ? 0 : LAYOUT.fieldsRowGap,
          keepWithNext: false,
          draw: (y, out) => {
            labelLines.forEach((l, i) => placeLine(l, labelX, y + i * lh + base, labelW, 'left', size, out.items));
            out.items.push({ t: 'text', x: colonX, y: y + base, text: ':', style: 'regular', size });
            valueLines.forEach((l, i) => placeLine(l, valueX, y + i * lh + base, width, 'left', size, out.items));
          },
        },
        idx === 0,
      );
    });
    this.pendingGap += LAYOUT.fieldsSpaceAfter;
  }

  /** Ties the last slice placed (and any spacing slices before it) to what is placed next. */
  private keepPreviousWithNext(): void {
    for (let k = this.slices.length - 1; k >= 0; k--) {
      const prev = this.slices[k]!;
      if (prev.breakBefore) break;
      prev.keepWithNext = true;
      if (!prev.discardAtTop) break;
    }
  }

  private signatures(block: Extract<Block, { type: 'signatures' }>): void {
    // Never a signature block alone at the top of a page: it goes with the text it signs.
    this.keepPreviousWithNext();
    const m = this.m;
    const size = block.size ?? this.spec.baseSize;
    const lh = lineHeightOf(m, size, 1.05);
    const base = baselineIn(m, size, lh);
    const space = block.space ?? LAYOUT.signatureSpace;
    const colW = this.width / 2;
    const pad = 2 * MM;
    const cols = { left: this.f.x0, right: this.f.x0 + colW };
    const wrap = (text: string, bold = false) => wrapRuns(plain(text, bold), size, m, colW - 2 * pad);
    interface Col {
      x: number;
      top: Line[];
      bottom: { lines: Line[]; underline?: boolean }[];
    }
    const build = (sb: SignatureBlock | undefined, x: number, placeDate?: string): Col | undefined => {
      if (!sb && !placeDate) return undefined;
      const top: Line[] = [];
      if (placeDate) top.push(...wrap(placeDate));
      for (const t of sb?.title ?? []) top.push(...wrap(t));
      const bottom: Col['bottom'] = [];
      if (sb) {
        bottom.push({ lines: wrapRuns([{ text: sb.name, bold: true, underline: true }], size, m, colW - 2 * pad) });
        if (sb.rank) bottom.push({ lines: wrap(sb.rank) });
        if (sb.nip) bottom.push({ lines: wrap(`NIP. ${formatNip(sb.nip)}`) });
        if (sb.nrp) bottom.push({ lines: wrap(`NRP. ${sb.nrp}`) });
      }
      return { x, top, bottom };
    };
    const left = build(block.left, cols.left);
    const right = build(block.right, cols.right, block.placeDate);
    const colsList = [left, right].filter((c): c is Col => c !== undefined);
    const topN = Math.max(0, ...colsList.map((c) => c.top.length));
    const bottomN = Math.max(0, ...colsList.map((c) => c.bottom.reduce((s, b) => s + b.lines.length, 0)));
    const spaceTop = topN * lh;
    const height = spaceTop + space + bottomN * lh;
    const meterai = block.meterai === true && block.right !== undefined;
    const [mw, mh] = LAYOUT.meteraiSize;
    const signerKey = block.signerKey;
    const signerNip = block.right?.nip ?? null;
    this.push(
      {
        height,
        gapBefore: LAYOUT.signaturesSpaceBefore,
        keepWithNext: false,
        draw: (y, out) => {
          for (const c of colsList) {
            const cx = c.x + pad;
            const cw = colW - 2 * pad;
            // Title lines end at the same height in both columns, so the names line up.
            let ly = y + (topN - c.top.length) * lh;
            for (const line of c.top) {
              placeLine(line, cx, ly + base, cw, 'center', size, out.items);
              ly += lh;
            }
            ly = y + spaceTop + space;
            for (const part of c.bottom) {
              for (const line of part.lines) {
                placeLine(line, cx, ly + base, cw, 'center', size, out.items);
                ly += lh;
              }
            }
          }
          const rx = cols.right;
          const spaceY = y + spaceTop;
          let label: [number, number, number, number] | undefined;
          if (meterai) {
            const bx = rx + colW / 2 - mw * 0.8;
            const by = spaceY + (space - mh) / 2;
            const dash: [number, number] = [3, 2];
            out.items.push(
              { t: 'line', x1: bx, y1: by, x2: bx + mw, y2: by, width: 0.75, dash },
              { t: 'line', x1: bx + mw, y1: by, x2: bx + mw, y2: by + mh, width: 0.75, dash },
              { t: 'line', x1: bx + mw, y1: by + mh, x2: bx, y2: by + mh, width: 0.75, dash },
              { t: 'line', x1: bx, y1: by + mh, x2: bx, y2: by, width: 0.75, dash },
            );
            const ms = 8;
            const t1 = 'METERAI';
            const t2 = 'Rp10.000';
            const mid = by + mh / 2;
            out.items.push(
              { t: 'text', x: bx + (mw - m.widthOf(t1, 'bold', ms)) / 2, y: mid - 1.5, text: t1, style: 'bold', size: ms },
              { t: 'text', x: bx + (mw - m.widthOf(t2, 'regular', ms)) / 2, y: mid + m.ascent(ms) + 0.5, text: t2, style: 'regular', size: ms },
            );
            label = [bx - 1, by - 1, mw + 2, mh + 2];
          }
          if (signerKey !== undefined && block.right) {
            const inset = LAYOUT.boxInset;
            const box: PageBox = {
              key: signerKey,
              nip: signerNip,
              number: 1,
              side: 'pakta',
              rect: [rx + inset, spaceY + inset, colW - 2 * inset, space - 2 * inset],
            };
            if (label) box.label = label;
            out.boxes.push(box);
          }
        },
      },
      true,
    );
  }

  /**
   * A grid of signature blocks (the deklarasi): `columns` cells to a row; each row is one slice, so a
   * block is never split and rows continue over pages. Cells and rows stand apart (gridColGap,
   * gridRowGap), each in a frame of its own. A cell, in a thin frame: position and
   * institution (centred), the signing space with the signer's number in its corner (the recorded
   * box), then the name (bold, underlined), rank and identifier. The spaces of a row line up.
   */
  private signatureGrid(block: Extract<Block, { type: 'signature-grid' }>): void {
    // The first row goes with what comes before it (the place-date line), as a signature block does.
    this.keepPreviousWithNext();
    const m = this.m;
    const size = block.size ?? this.spec.baseSize - 2;
    const small = size - 1;
    const lh = lineHeightOf(m, size, 1.05);
    const base = baselineIn(m, size, lh);
    const slh = lineHeightOf(m, small, 1.05);
    const sbase = baselineIn(m, small, slh);
    const space = block.space ?? LAYOUT.gridSpace;
    const n = Math.max(1, block.columns);
    const { x0 } = this.f;
    const colGap = n > 1 ? LAYOUT.gridColGap : 0;
    const cellW = (this.width - (n - 1) * colGap) / n;
    const pad = 2 * MM;
    const textW = cellW - 2 * pad;
    const inset = LAYOUT.boxInset;
    const numSize = LAYOUT.tableNumberSize;
    const numAsc = m.ascent(numSize);
    const numDesc = m.descent(numSize);
    interface CellOut {
      cell: GridCell;
      top: { line: Line; small: boolean }[];
      bottom: { line: Line; small: boolean }[];
    }
    const build = (cell: GridCell): CellOut => {
      const top: CellOut['top'] = [];
      for (const l of wrapRuns(plain(cell.position, true), size, m, textW)) top.push({ line: l, small: false });
      if (cell.institution) for (const l of wrapRuns(plain(cell.institution), small, m, textW)) top.push({ line: l, small: true });
      const bottom: CellOut['bottom'] = [];
      for (const l of wrapRuns([{ text: cell.name || ' ', bold: true, underline: true }], size, m, textW)) bottom.push({ line: l, small: false });
      if (cell.rank) for (const l of wrapRuns(plain(cell.rank), small, m, textW)) bottom.push({ line: l, small: true });
      if (cell.idText) for (const l of wrapRuns(plain(cell.idText), small, m, textW)) bottom.push({ line: l, small: true });
      return { cell, top, bottom };
    };
    const heightOf = (ls: { small: boolean }[]) => ls.reduce((s, l) => s + (l.small ? slh : lh), 0);
    const gap = LAYOUT.gridRowGap;
    for (let r = 0; r < block.cells.length; r += n) {
      const row = block.cells.slice(r, r + n).map(build);
      const topH = Math.max(...row.map((c) => heightOf(c.top)));
      const bottomH = Math.max(...row.map((c) => heightOf(c.bottom)));
      const rowH = pad + topH + space + bottomH + pad;
      const first = r === 0;
      // The last row goes with what follows (the witnesses), so they never stand alone on a page.
      const last = r + n >= block.cells.length;
      this.push(
        {
          height: rowH,
          gapBefore: first ? LAYOUT.signaturesSpaceBefore : gap,
          keepWithNext: last,
          draw: (y, out) => {
            row.forEach((c, i) => {
              const cx = x0 + i * (cellW + colGap);
              out.items.push({ t: 'rect', x: cx, y, w: cellW, h: rowH, stroke: true, width: 0.5 });
              // Top lines end at the same height in every cell of the row.
              let ly = y + pad + topH - heightOf(c.top);
              for (const t of c.top) {
                const h = t.small ? slh : lh;
                placeLine(t.line, cx + pad, ly + (t.small ? sbase : base), textW, 'center', t.small ? small : size, out.items);
                ly += h;
              }
              const spaceY = y + pad + topH;
              ly = spaceY + space;
              for (const t of c.bottom) {
                const h = t.small ? slh : lh;
                placeLine(t.line, cx + pad, ly + (t.small ? sbase : base), textW, 'center', t.small ? small : size, out.items);
                ly += h;
              }
              const numText = `${c.cell.number}.`;
              const nx = cx + inset + 1.5;
              const ny = spaceY + inset + 1.5;
              out.items.push({ t: 'text', x: nx, y: ny + numAsc, text: numText, style: 'regular', size: numSize });
              out.boxes.push({
                key: c.cell.key,
                nip: c.cell.nip,
                number: c.cell.number,
                side: 'pakta',
                rect: [cx + inset, spaceY + inset, cellW - 2 * inset, space - 2 * inset],
                label: [nx - 0.5, ny - 0.5, m.widthOf(numText, 'regular', numSize) + 1, numAsc + numDesc + 1],
              });
            });
          },
        },
        first,
      );
    }
    this.pendingGap += LAYOUT.paragraphSpaceAfter;
  }

  /** A plain ruled table: header rows (the leading ones) repeat on every page; rows never split. */
  private grid(block: Extract<Block, { type: 'table' }>, keepLastWithNext: boolean): void {
    const m = this.m;
    const size = block.size ?? this.spec.baseSize - 1;
    const { x0, x1 } = this.f;
    const padX = LAYOUT.tablePadX + 1;
    const padY = LAYOUT.tablePadY + 0.5;
    const grid = LAYOUT.tableGrid;
    const lh = lineHeightOf(m, size, 1.1);
    const base = baselineIn(m, size, lh);
    const cols = block.columns;
    if (!cols.length) return;
    // Fixed widths as given; "*" columns share what is left; everything scaled down if too wide.
    const total = x1 - x0;
    const fixed = cols.reduce((s, c) => s + (c.width ?? 0), 0);
    const free = cols.filter((c) => c.width === undefined).length;
    const share = free ? Math.max(0, total - fixed) / free : 0;
    let widths = cols.map((c) => c.width ?? share);
    const sum = widths.reduce((s, w) => s + w, 0);
    if (sum > total + 1e-6 || (!free && sum > 0)) widths = widths.map((w) => (w * total) / sum);
    const xs: number[] = [x0];
    for (const w of widths) xs.push(xs[xs.length - 1]! + w);
    xs[xs.length - 1] = x1;

    interface CellOut {
      x: number;
      w: number;
      lines: Line[];
      align: LineAlign;
    }
    const rowOf = (row: (typeof block.rows)[number]): { cells: CellOut[]; height: number } => {
      let col = 0;
      const cells: CellOut[] = [];
      for (const c of row.cells) {
        const first = Math.min(col, cols.length - 1);
        const last = Math.min(col + Math.max(1, c.span), cols.length);
        const x = xs[first]!;
        const w = xs[last]! - x;
        const align: LineAlign = c.align ?? (row.header ? 'center' : cols[first]!.align);
        cells.push({ x, w, align, lines: wrapRuns(c.runs, size, m, Math.max(1, w - 2 * padX), { bold: row.bold }) });
        col += Math.max(1, c.span);
      }
      const n = Math.max(1, ...cells.map((c) => c.lines.length));
      return { cells, height: n * lh + 2 * padY };
    };
    const drawRow = (r: { cells: CellOut[]; height: number }, y: number, out: PageOut) => {
      const h = r.height;
      out.items.push({ t: 'line', x1: x0, y1: y, x2: x1, y2: y, width: grid });
      out.items.push({ t: 'line', x1: x0, y1: y + h, x2: x1, y2: y + h, width: grid });
      for (const c of r.cells) {
        out.items.push({ t: 'line', x1: c.x, y1: y, x2: c.x, y2: y + h, width: grid });
        const ty = y + (h - c.lines.length * lh) / 2;
        c.lines.forEach((l, i) => placeLine(l, c.x + padX, ty + i * lh + base, c.w - 2 * padX, c.align, size, out.items));
      }
      out.items.push({ t: 'line', x1: x1, y1: y, x2: x1, y2: y + h, width: grid });
    };

    let k = 0;
    const headRows: { cells: CellOut[]; height: number }[] = [];
    while (k < block.rows.length && block.rows[k]!.header) headRows.push(rowOf(block.rows[k++]!));
    let header: Header | undefined;
    if (headRows.length) {
      header = {
        height: headRows.reduce((s, r) => s + r.height, 0),
        gapBefore: this.pendingGap,
        draw: (y, out) => {
          let ry = y;
          for (const r of headRows) {
            drawRow(r, ry, out);
            ry += r.height;
          }
        },
      };
      this.pendingGap = 0;
    }
    const body = block.rows.slice(k);
    body.forEach((row, i) => {
      const r = rowOf(row);
      const slice: Omit<Slice, 'gapBefore'> & { gapBefore?: number } = {
        height: r.height,
        keepWithNext: i === body.length - 1 ? keepLastWithNext : false,
        draw: (y, out) => drawRow(r, y, out),
      };
      if (header) slice.header = header;
      this.push(slice, i === 0 && !header);
    });
    if (!body.length && header) this.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, header, draw: () => {} });
    this.pendingGap += block.spaceAfter ?? LAYOUT.paragraphSpaceAfter;
  }

  private table(block: Extract<Block, { type: 'signing-table' }>, keepLastWithNext: boolean): void {
    const m = this.m;
    const size = block.size ?? this.spec.baseSize - 3;
    const { x0, x1 } = this.f;
    const padX = LAYOUT.tablePadX;
    const padY = LAYOUT.tablePadY;
    const grid = LAYOUT.tableGrid;
    const lh = lineHeightOf(m, size, 1);
    const base = baselineIn(m, size, lh);
    // Column widths: No and NIP sized to their content, the rest shared out.
    const noW = Math.max(m.widthOf('No', 'bold', size), m.widthOf('999.', 'regular', size)) + 2 * padX;
    const nipW = m.widthOf('00000000 000000 0 000', 'regular', size) + 2 * padX;
    const rest = x1 - x0 - noW - nipW;
    const nameW = rest * 0.26;
    const rankW = rest * 0.18;
    const sigW = rest * 0.30;
    const posW = rest - nameW - rankW - sigW;
    const widths = [noW, nameW, nipW, rankW, posW, sigW];
    const xs: number[] = [x0];
    for (const cw of widths) xs.push(xs[xs.length - 1]! + cw);
    xs[xs.length - 1] = x1;
    const sigX = xs[5]!;
    const halfW = (x1 - sigX) / 2;
    const heads = ['No', 'Nama', block.idHeader ?? 'NIP', 'Pangkat/Gol.', 'Jabatan', 'Tanda Tangan'];
    const headLines = heads.map((t, i) => wrapRuns(plain(t, true), size, m, widths[i]! - 2 * padX));
    const headH = Math.max(...headLines.map((l) => l.length)) * lh + 2 * padY + 2;
    const unitSize = size + 1;
    const unitLh = lineHeightOf(m, unitSize, 1.1);
    const unitLines = wrapRuns([{ text: 'Unit Kerja: ' }, { text: block.unit, bold: true }], unitSize, m, x1 - x0);
    const unitGap = 4;
    const unitH = unitLines.length * unitLh + unitGap;

    const vlines = (out: PageOut, top: number, bottom: number) => {
      for (const x of xs) out.items.push({ t: 'line', x1: x, y1: top, x2: x, y2: bottom, width: grid });
    };
    const hline = (out: PageOut, y: number) => out.items.push({ t: 'line', x1: x0, y1: y, x2: x1, y2: y, width: grid });
    const cellLines = (out: PageOut, lines: Line[], col: number, top: number, rowH: number, align: LineAlign) => {
      const n = lines.length;
      const ty = top + (rowH - n * lh) / 2;
      lines.forEach((l, i) => placeLine(l, xs[col]! + padX, ty + i * lh + base, widths[col]! - 2 * padX, align, size, out.items));
    };

    const header: Header = {
      height: unitH + headH,
      gapBefore: this.pendingGap,
      draw: (y, out) => {
        const ub = baselineIn(m, unitSize, unitLh);
        unitLines.forEach((l, i) => placeLine(l, x0, y + i * unitLh + ub, x1 - x0, 'left', unitSize, out.items));
        const top = y + unitH;
        hline(out, top);
        hline(out, top + headH);
        vlines(out, top, top + headH);
        headLines.forEach((lines, col) => cellLines(out, lines, col, top, headH, 'center'));
      },
    };
    this.pendingGap = 0;

    const numSize = LAYOUT.tableNumberSize;
    const numAsc = m.ascent(numSize);
    const numDesc = m.descent(numSize);
    const inset = LAYOUT.boxInset;
    const rowSlice = (row: SigningRow, last: boolean): Slice => {
      const cells: [Line[], number, LineAlign][] = [
        [wrapRuns(plain(`${row.number}.`), size, m, widths[0]! - 2 * padX), 0, 'center'],
        [wrapRuns(plain(row.name), size, m, widths[1]! - 2 * padX), 1, 'left'],
        [wrapRuns(plain(row.nipText), size, m, widths[2]! - 2 * padX), 2, 'center'],
        [wrapRuns(plain(row.rank), size, m, widths[3]! - 2 * padX), 3, 'left'],
        [wrapRuns(plain(row.position), size, m, widths[4]! - 2 * padX), 4, 'left'],
      ];
      const maxLines = Math.max(...cells.map(([l]) => l.length));
      const rowH = Math.max(LAYOUT.tableMinRow, maxLines * lh + 2 * padY);
      const side: 'left' | 'right' = row.number % 2 === 1 ? 'left' : 'right';
      const numText = `${row.number}.`;
      return {
        height: rowH,
        gapBefore: 0,
        keepWithNext: last && keepLastWithNext,
        header,
        draw: (y, out) => {
          vlines(out, y, y + rowH);
          out.items.push({ t: 'line', x1: sigX + halfW, y1: y, x2: sigX + halfW, y2: y + rowH, width: grid });
          hline(out, y + rowH);
          for (const [lines, col, align] of cells) cellLines(out, lines, col, y, rowH, align);
          const hx = side === 'left' ? sigX : sigX + halfW;
          const nx = hx + inset + 1.5;
          const ny = y + inset + 1.5;
          out.items.push({ t: 'text', x: nx, y: ny + numAsc, text: numText, style: 'regular', size: numSize });
          out.boxes.push({
            key: row.key,
            nip: row.nip,
            number: row.number,
            side,
            rect: [hx + inset, y + inset, halfW - 2 * inset, rowH - 2 * inset],
            label: [nx - 0.5, ny - 0.5, m.widthOf(numText, 'regular', numSize) + 1, numAsc + numDesc + 1],
          });
        },
      };
    };
    block.rows.forEach((row, i) => this.slices.push(rowSlice(row, i === block.rows.length - 1)));
    if (block.rows.length === 0) {
      // An empty unit still shows its header, so the clerk sees the sheet is empty rather than lost.
      this.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, header, draw: () => {} });
    }
    this.pendingGap += LAYOUT.tableSpaceAfter;
  }
}
