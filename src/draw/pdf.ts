/**
 * Draws laid-out pages with pdfkit, streaming: each page is flushed to the output as soon as the
 * next one starts, so memory does not grow with the number of pages written.
 *
 * Deterministic: CreationDate comes from the caller or is fixed, no ModDate, the trailer ID is an
 * md5 of the info dictionary only, font subset tags come from the order fonts are first used, and
 * zlib output is stable — the same pages give the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { FontName } from '../model/event.js';
import { pageFurniture, qrModules } from '../model/pagecode.js';
import { qrMatrix } from '../model/qrcode.js';
import type { DrawItem, FontStyle, LaidOutPage } from '../layout/types.js';
import type * as fontkit from 'fontkit';
import { FONT_STYLES, fontFiles, openFont, printable } from './fonts.js';
import { underlineFor } from '../layout/text.js';
import { CODE_TEXT_SIZE } from '../layout/furniture.js';

/** CreationDate when the caller gives none (pdfkit's XMP metadata needs one). */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export interface PdfWriterOptions {
  font: FontName;
  title: string;
  author?: string;
  subject?: string;
  /** Written as CreationDate (e.g. the event's date); FIXED_DATE when omitted. Never the clock. */
  date?: Date;
  output: NodeJS.WritableStream;
}

/** Pages between two resets of pdfkit's per-font layout caches (see trimLayoutCaches). */
const LAYOUT_CACHE_PAGES = 32;

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly finished: Promise<void>;
  private readonly fontNames: Record<FontStyle, string>;
  /** The parsed face of each style, for printable(). */
  private readonly faces = {} as Record<FontStyle, fontkit.Font>;
  /** The face and size pdfkit was last set to (its current font persists across pages). */
  private face: FontStyle = 'regular';
  private size = 12;
  private pages = 0;
  private ended = false;

  constructor(opts: PdfWriterOptions) {
    const files = fontFiles(opts.font);
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: false,
      compress: true,
      lang: 'id-ID',
      displayTitle: true,
      // Start on our own regular face so no standard Helvetica object is written. Fonts are passed
      // parsed (openFont), not as paths: pdfkit would parse the file again for every document and,
      // since this face is also registered under a name, on every switch back to it.
      font: openFont(files.regular) as unknown as string,
      info: {
        Title: opts.title,
        Creator: 'ikrar',
        Producer: 'ikrar (PDFKit)',
        ...(opts.author ? { Author: opts.author } : {}),
        ...(opts.subject ? { Subject: opts.subject } : {}),
        // Never the clock: the caller's date (e.g. the ceremony's) or a fixed one.
        CreationDate: opts.date ?? FIXED_DATE,
      },
    });
    // The regular face is the default font, which pdfkit keeps under its PostScript name: switching
    // back to it by that name finds it at once. (Registered under a name of our own, every switch
    // would open it again as a new font object, compare it with the default one by JSON-stringifying
    // its name table, and use up a font id.) The other faces are registered under our names.
    this.fontNames = {} as Record<FontStyle, string>;
    for (const style of FONT_STYLES) {
      const font = openFont(files[style]);
      this.faces[style] = font;
      if (style === 'regular') {
        this.fontNames[style] = font.postscriptName;
        continue;
      }
      const name = `ikrar-${opts.font}-${style}`;
      this.doc.registerFont(name, font as unknown as string);
      this.fontNames[style] = name;
    }
    const out = opts.output;
    this.finished = new Promise<void>((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', (e: unknown) => reject(e));
      this.doc.on('error', (e: unknown) => reject(e));
    });
    // A write error (a full disk) can come before end() is awaited: it is reported there, not as an
    // unhandled rejection that kills the process.
    this.finished.catch(() => {});
    this.doc.pipe(out);
  }

  /** Number of pages written so far. */
  get pageCount(): number {
    return this.pages;
  }

  /** Draws one page; with `code`, also the machine-readable furniture (marks, QR, code text). */
  addPage(page: LaidOutPage, code?: string): void {
    if (this.ended) throw new Error('PdfWriter: addPage after end');
    const [w, h] = page.size;
    if (this.pages > 0 && this.pages % LAYOUT_CACHE_PAGES === 0) this.trimLayoutCaches();
    this.doc.addPage({ size: [w, h], margin: 0 });
    this.pages++;
    for (const item of page.items) this.drawItem(item);
    if (code !== undefined) this.drawFurniture(w, h, code);
  }

  /** Finishes the PDF; resolves when the output stream has flushed everything. */
  end(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      this.doc.end();
    }
    return this.finished;
  }

  /**
   * pdfkit caches the glyph layout of every word it has drawn, per font, for the life of the
   * document: in a combined file of 100,000 names and NIPs that is hundreds of MB of glyph runs.
   * Starting the caches afresh every few pages keeps the common words (headings, labels) cached and
   * memory flat; the layout is the same with or without the cache, so the bytes do not change.
   */
  private trimLayoutCaches(): void {
    const families = (this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })
      ._fontFamilies;
    for (const font of Object.values(families ?? {})) {
      if (font && typeof font === 'object' && font.layoutCache) font.layoutCache = Object.create(null);
    }
  }

  /** Sets pdfkit's font and size, skipping the calls when they have not changed (they are per text item). */
  private useFont(style: FontStyle, size: number): void {
    if (style !== this.face) {
      this.doc.font(this.fontNames[style]);
      this.face = style;
    }
    if (size !== this.size) {
      this.doc.fontSize(size);
      this.size = size;
    }
  }

  private drawItem(item: DrawItem): void {
    const doc = this.doc;
    switch (item.t) {
      case 'text': {
        this.useFont(item.style, item.size);
        doc.fillColor('black');
        // Exactly what the layout measured (fonts.ts: printable).
        const text = printable(this.faces[item.style], item.text);
        if (item.clip)
          doc
            .save()
            .rect(item.clip[0], item.y - item.size * 2, item.clip[1] - item.clip[0], item.size * 3)
            .clip();
        doc.text(text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic' });
        if (item.clip) doc.restore();
        if (item.underline) {
          const u = underlineFor(item.size);
          const width = doc.widthOfString(text);
          doc
            .save()
            .lineWidth(u.width)
            .strokeColor('black')
            .moveTo(item.x, item.y + u.offset)
            .lineTo(item.x + width, item.y + u.offset)
            .stroke()
            .restore();
        }
        break;
      }
      case 'line': {
        doc.save().lineWidth(item.width).strokeColor('black').lineCap('butt');
        if (item.dash) doc.dash(item.dash[0], { space: item.dash[1] });
        doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke();
        doc.restore();
        break;
      }
      case 'rect': {
        doc.save();
        doc.rect(item.x, item.y, item.w, item.h);
        if (item.fill && item.stroke) {
          doc.lineWidth(item.width ?? 0.75).fillAndStroke(item.fill, 'black');
        } else if (item.fill) {
          doc.fill(item.fill);
        } else {
          doc
            .lineWidth(item.width ?? 0.75)
            .strokeColor('black')
            .stroke();
        }
        doc.restore();
        break;
      }
      case 'image': {
        doc.image(item.path, item.x, item.y, { width: item.w, height: item.h });
        break;
      }
    }
  }

  private drawFurniture(w: number, h: number, code: string): void {
    const doc = this.doc;
    const f = pageFurniture(w, h);
    doc.save().fillColor('black');
    const half = f.markSize / 2;
    for (const [cx, cy] of f.marks) doc.rect(cx - half, cy - half, f.markSize, f.markSize);
    doc.fill('black');
    const { size, runs } = qrMatrix(code);
    for (const square of f.qrs) {
      const { x: ox, y: oy, mod } = qrModules(square, size);
      for (const [r, c, len] of runs) doc.rect(ox + c * mod, oy + r * mod, len * mod, mod);
      doc.fill('black');
    }
    doc.restore();
    this.useFont('regular', CODE_TEXT_SIZE);
    doc.fillColor('black');
    doc.text(code, f.codeText[0], f.codeText[1], { lineBreak: false, baseline: 'alphabetic' });
  }
}
