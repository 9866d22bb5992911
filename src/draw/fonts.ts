/**
 * The embedded fonts (assets/fonts) and their metrics. Widths are measured with fontkit exactly as
 * pdfkit lays text out (word by word, splitting after spaces), so what the layout measures is what
 * the drawing draws.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { FontName } from '../model/event.js';
import type { FontStyle, Metrics } from '../layout/types.js';
import { readImageSize } from './images.js';

/** assets/fonts, found from this module's place: src/draw/ or dist/draw/ are both two levels down. */
export const FONT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'fonts');

const FILES: Record<FontName, Record<FontStyle, string>> = {
  sans: {
    regular: 'Arimo-Regular.ttf',
    bold: 'Arimo-Bold.ttf',
    italic: 'Arimo-Italic.ttf',
    boldItalic: 'Arimo-BoldItalic.ttf',
  },
  serif: {
    regular: 'texgyrebonum-regular.otf',
    bold: 'texgyrebonum-bold.otf',
    italic: 'texgyrebonum-italic.otf',
    boldItalic: 'texgyrebonum-bolditalic.otf',
  },
};

export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** Absolute paths of the four faces of a font family. */
export function fontFiles(font: FontName): Record<FontStyle, string> {
  const f = FILES[font];
  return {
    regular: join(FONT_DIR, f.regular),
    bold: join(FONT_DIR, f.bold),
    italic: join(FONT_DIR, f.italic),
    boldItalic: join(FONT_DIR, f.boldItalic),
  };
}

interface Face {
  font: fontkit.Font;
  /** Width in 1/1000 em of each space-terminated segment, as pdfkit caches them. */
  cache: Map<string, number>;
}

const metricsCache = new Map<FontName, Metrics>();
const fontkitCache = new Map<string, fontkit.Font>();

/**
 * The parsed font of a file, shared by the metrics and by every PDF written in this process.
 * pdfkit parses a font file each time a document opens it (and, for a face also given as the
 * document's default font, on every later switch to it); handing it this object instead skips the
 * parsing and gives the same bytes.
 */
export function openFont(file: string): fontkit.Font {
  let f = fontkitCache.get(file);
  if (!f) {
    f = fontkit.openSync(file);
    fontkitCache.set(file, f);
  }
  return f;
}

/** Invisible format characters (zero-width joiners, variation selectors): dropped when a face lacks them. */
const IGNORABLE = /^(?:[\u00AD\u200B-\u200F\u2060-\u206F]|[\uFE00-\uFE0F]|[\u{E0000}-\u{E0FFF}])$/u;
const coverage = new Map<fontkit.Font, { box: string; has: Map<number, boolean> }>();

function coverageOf(font: fontkit.Font): { box: string; has: Map<number, boolean> } {
  let c = coverage.get(font);
  if (!c) {
    c = { box: font.hasGlyphForCodePoint(0x25a1) ? '\u25A1' : '?', has: new Map() };
    coverage.set(font, c);
  }
  return c;
}

function hasGlyph(font: fontkit.Font, cp: number, c = coverageOf(font)): boolean {
  let h = c.has.get(cp);
  if (h === undefined) {
    h = font.hasGlyphForCodePoint(cp);
    c.has.set(cp, h);
  }
  return h;
}

/**
 * The text as a face can print it: each character it has no glyph for (Arabic, CJK, emoji in a Latin
 * font) becomes □ (or ? where the face lacks □ too), invisible format characters are dropped. Both
 * the measuring (loadMetrics) and the drawing (PdfWriter) go through this, so what is measured is what
 * is drawn: a missing glyph would otherwise be measured as one thing and drawn as another.
 */
export function printable(font: fontkit.Font, text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const c = coverageOf(font);
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || hasGlyph(font, cp, c)) out += ch;
    else if (!IGNORABLE.test(ch)) out += c.box;
  }
  return out;
}

/** The characters of `text` that the regular or bold face of a family cannot print (each once, in order). */
export function missingGlyphs(family: FontName, text: string): string[] {
  if (/^[\x20-\x7e]*$/.test(text)) return [];
  const files = fontFiles(family);
  const faces = [openFont(files.regular), openFont(files.bold)];
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || IGNORABLE.test(ch) || out.includes(ch)) continue;
    if (faces.some((f) => !hasGlyph(f, cp))) out.push(ch);
  }
  return out;
}

/** Width in 1/1000 em, split like pdfkit's EmbeddedFont.layout (after every space or tab). */
function widthThousandths(face: Face, text: string): number {
  const scale = 1000 / face.font.unitsPerEm;
  let total = 0;
  let last = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charAt(i);
    if ((i === text.length && last < i) || c === ' ' || c === '\t') {
      const seg = text.slice(last, i + 1);
      let w = face.cache.get(seg);
      if (w === undefined) {
        w = face.font.layout(seg).advanceWidth * scale;
        if (face.cache.size < 50_000) face.cache.set(seg, w);
      }
      total += w;
      last = i + 1;
    }
  }
  return total;
}

/** Metrics of a font family, loaded once per process. Also reads image sizes for the layout. */
export function loadMetrics(font: FontName): Metrics {
  const cached = metricsCache.get(font);
  if (cached) return cached;
  const paths = fontFiles(font);
  const faces = {} as Record<FontStyle, Face>;
  for (const style of FONT_STYLES) faces[style] = { font: openFont(paths[style]), cache: new Map() };
  const reg = faces.regular.font;
  const em = reg.unitsPerEm;
  const m: Metrics = {
    widthOf: (text, style, size) => (widthThousandths(faces[style], printable(faces[style].font, text)) * size) / 1000,
    ascent: (size) => (reg.ascent / em) * size,
    descent: (size) => (-reg.descent / em) * size,
    lineGap: (size) => (reg.lineGap / em) * size,
    imageSize: (path) => readImageSize(path),
  };
  metricsCache.set(font, m);
  return m;
}
