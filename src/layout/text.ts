/**
 * Text into lines: runs of styled text are split into words, wrapped greedily with real metrics,
 * and placed as draw items (left, centre, right or justified), with underlines as line items.
 */
import type { Run } from '../model/markup.js';
import type { DrawItem, FontStyle, Metrics } from './types.js';

export interface Piece {
  text: string;
  style: FontStyle;
  underline: boolean;
  width: number;
}

/** A word: pieces with no space between them, and the space that followed it (if any). */
export interface Word {
  pieces: Piece[];
  width: number;
  space: Piece | null;
}

export interface Line {
  words: Word[];
  /** Natural width (no trailing space). */
  width: number;
  /** Ends a paragraph or a forced line break: never justified. */
  last: boolean;
}

export type LineAlign = 'left' | 'center' | 'right' | 'justify';

export function styleOf(bold: boolean, italic: boolean): FontStyle {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** Underline placement for a text size: offset below the baseline and stroke width. */
export function underlineFor(size: number): { offset: number; width: number } {
  return { offset: size * 0.12, width: Math.max(0.5, size * 0.06) };
}

/** Natural line height: ascent + descent + line gap, times the multiplier. */
export function lineHeightOf(m: Metrics, size: number, mult = 1): number {
  return (m.ascent(size) + m.descent(size) + m.lineGap(size)) * mult;
}

/** Baseline offset from the top of a line box of height `lh` (glyphs centred in the box). */
export function baselineIn(m: Metrics, size: number, lh: number): number {
  const glyphs = m.ascent(size) + m.descent(size);
  return (lh - glyphs) / 2 + m.ascent(size);
}

const BREAK = Symbol('break');
type Token = Word | typeof BREAK;

/** Splits runs into words and forced breaks. `bold` forces bold unless a run says bold: false. */
function tokenize(runs: Run[], size: number, m: Metrics, defaultBold: boolean): Token[] {
  const out: Token[] = [];
  let cur: Piece[] = [];
  const flush = (space: Piece | null) => {
    if (cur.length > 0) {
      const width = cur.reduce((s, p) => s + p.width, 0);
      out.push({ pieces: cur, width, space });
      cur = [];
    } else if (space && out.length > 0) {
      const prev = out[out.length - 1]!;
      if (prev !== BREAK && prev.space === null) prev.space = space;
    }
  };
  for (const run of runs) {
    const style = styleOf(run.bold ?? defaultBold, run.italic ?? false);
    const underline = run.underline ?? false;
    const text = run.text.replace(/\r\n?/g, '\n').replace(/[\t\u00a0]/g, ' ');
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\n') {
        flush(null);
        out.push(BREAK);
        i++;
      } else if (c === ' ') {
        while (i < text.length && text[i] === ' ') i++;
        flush({ text: ' ', style, underline, width: m.widthOf(' ', style, size) });
      } else {
        let j = i;
        while (j < text.length && text[j] !== ' ' && text[j] !== '\n') j++;
        const t = text.slice(i, j);
        cur.push({ text: t, style, underline, width: m.widthOf(t, style, size) });
        i = j;
      }
    }
  }
  flush(null);
  return out;
}

/**
 * Splits a word wider than `width` into parts that fit: after a '/' or '-' when that works
 * ("Pangkat/" + "Gol."), else between characters (at least one character per part).
 */
function splitWord(w: Word, width: number, size: number, m: Metrics): Word[] {
  const chars: { ch: string; style: FontStyle; underline: boolean }[] = [];
  for (const p of w.pieces)
    for (const ch of Array.from(p.text)) chars.push({ ch, style: p.style, underline: p.underline });
  const parts: Word[] = [];
  let cur: { ch: string; style: FontStyle; underline: boolean }[] = [];
  const build = (cs: typeof cur, space: Piece | null): Word => {
    const pieces: Piece[] = [];
    for (const c of cs) {
      const last = pieces[pieces.length - 1];
      if (last && last.style === c.style && last.underline === c.underline) last.text += c.ch;
      else pieces.push({ text: c.ch, style: c.style, underline: c.underline, width: 0 });
    }
    for (const p of pieces) p.width = m.widthOf(p.text, p.style, size);
    return { pieces, width: pieces.reduce((s, p) => s + p.width, 0), space };
  };
  for (let k = chars.length - 2; k > 0; k--) {
    const ch = chars[k]!.ch;
    if (ch !== '/' && ch !== '-') continue;
    const head = build(chars.slice(0, k + 1), null);
    if (head.width <= width) return [head, build(chars.slice(k + 1), w.space)];
  }
  for (const c of chars) {
    const trial = build([...cur, c], null);
    if (trial.width > width && cur.length > 0) {
      parts.push(build(cur, null));
      cur = [c];
    } else cur.push(c);
  }
  parts.push(build(cur, w.space));
  return parts;
}

/**
 * Wraps runs into lines no wider than `width` (the first line `firstWidth`, for first-line
 * indents and hanging labels). Words too long for a line are broken between characters.
 */
export function wrapRuns(
  runs: Run[],
  size: number,
  m: Metrics,
  width: number,
  opts: { firstWidth?: number; bold?: boolean } = {},
): Line[] {
  const tokens = tokenize(runs, size, m, opts.bold ?? false);
  const lines: Line[] = [];
  let words: Word[] = [];
  let lineW = 0;
  const avail = () => (lines.length === 0 && opts.firstWidth !== undefined ? opts.firstWidth : width);
  const end = (last: boolean) => {
    lines.push({ words, width: lineW, last });
    words = [];
    lineW = 0;
  };
  const queue: Token[] = [...tokens];
  while (queue.length > 0) {
    const t = queue.shift()!;
    if (t === BREAK) {
      end(true);
      continue;
    }
    const gap = words.length > 0 ? (words[words.length - 1]!.space?.width ?? 0) : 0;
    if (words.length > 0 && lineW + gap + t.width > avail() + 1e-6) {
      end(false);
      queue.unshift(t);
      continue;
    }
    if (words.length === 0 && t.width > avail() + 1e-6) {
      const parts = splitWord(t, Math.max(1, avail()), size, m);
      if (parts.length > 1) {
        queue.unshift(...parts);
        continue;
      }
    }
    words.push(t);
    lineW += gap + t.width;
  }
  if (words.length > 0 || lines.length === 0 || tokens[tokens.length - 1] === BREAK) end(true);
  else lines[lines.length - 1]!.last = true;
  return lines;
}

/**
 * Draw items for one line: `x` is the left edge of the available width `width`, `baseline` the
 * baseline. Justified lines (not the last of a paragraph) spread the extra space between words.
 */
export function placeLine(
  line: Line,
  x: number,
  baseline: number,
  width: number,
  align: LineAlign,
  size: number,
  out: DrawItem[],
): void {
  if (line.words.length === 0) return;
  const extra = width - line.width;
  // Only a single glyph wider than the whole box makes a line wider than it: it is cut at the box's edges.
  const clip: [number, number] | undefined = extra < -0.01 ? [x, x + width] : undefined;
  let start = x;
  let spread = 0;
  if (clip) start = x;
  else if (align === 'center') start = x + extra / 2;
  else if (align === 'right') start = x + extra;
  else if (align === 'justify' && !line.last && line.words.length > 1 && extra > 0) {
    spread = extra / (line.words.length - 1);
  }
  const ul = underlineFor(size);
  const underlines: [number, number][] = [];
  const addUnderline = (a: number, b: number) => {
    const last = underlines[underlines.length - 1];
    if (last && Math.abs(last[1] - a) < 0.01) last[1] = b;
    else underlines.push([a, b]);
  };
  // Text items: merge neighbouring pieces of the same style (with the spaces between them) unless
  // the line is spread, in which case each word is placed on its own.
  let pending: { text: string; style: FontStyle; x: number } | null = null;
  const emit = () => {
    if (pending && pending.text.trim().length > 0) {
      out.push({
        t: 'text',
        x: pending.x,
        y: baseline,
        text: pending.text.replace(/ +$/, ''),
        style: pending.style,
        size,
        ...(clip ? { clip } : {}),
      });
    }
    pending = null;
  };
  let cx = start;
  line.words.forEach((w, wi) => {
    for (const p of w.pieces) {
      if (pending && pending.style === p.style) pending.text += p.text;
      else {
        emit();
        pending = { text: p.text, style: p.style, x: cx };
      }
      if (p.underline) addUnderline(cx, cx + p.width);
      cx += p.width;
    }
    if (wi < line.words.length - 1) {
      const sp = w.space;
      const sw = (sp?.width ?? 0) + spread;
      const next = line.words[wi + 1]!;
      if (sp && sp.underline && next.pieces[0]?.underline) addUnderline(cx, cx + sw);
      if (spread > 0) emit();
      else if (sp) {
        if (pending && (pending as { style: FontStyle }).style === sp.style) (pending as { text: string }).text += ' ';
        else emit();
      }
      cx += sw;
    }
  });
  emit();
  for (let [a, b] of underlines) {
    if (clip) [a, b] = [Math.max(a, clip[0]), Math.min(b, clip[1])];
    out.push({ t: 'line', x1: a, y1: baseline + ul.offset, x2: b, y2: baseline + ul.offset, width: ul.width });
  }
}

/** Plain text as a single run. */
export function plain(text: string, bold = false): Run[] {
  return [{ text, bold }];
}
