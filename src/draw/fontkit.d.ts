/** Minimal typings for fontkit (pdfkit's own font engine), covering what ikrar uses. */
declare module 'fontkit' {
  export interface GlyphPosition {
    xAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface Glyph {
    path: { toSVG(): string };
  }
  export interface GlyphRun {
    advanceWidth: number;
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    capHeight: number;
    xHeight: number;
    postscriptName: string;
    layout(text: string): GlyphRun;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(filename: string, postscriptName?: string | null): Font;
  export function create(buffer: Uint8Array, postscriptName?: string | null): Font;
}
