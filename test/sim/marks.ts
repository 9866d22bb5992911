/**
 * What people leave in a signature box, for the field simulator (test-only): full signatures
 * (names written in handwriting fonts, or free scribbles), parafs (initials 4–9 mm, short
 * scribbles, tick-like parafs), specks and dots up to 1.5 mm, and a neighbour's flourish entering
 * across the border. Inks: black, blue, light grey, light blue; ordinary or thin ballpoint width.
 * Every mark is drawn at its physical size (mm), whatever scale the page was printed at.
 */
import { existsSync } from 'node:fs';
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

/** Ground truth of one box. 'paraf' is a signature (it must never read unsigned). */
export type FieldTruth = 'signed' | 'paraf' | 'empty' | 'speck' | 'flourish';

export const isSignedTruth = (t: FieldTruth): boolean => t === 'signed' || t === 'paraf';

/** Debian's handwriting fonts (fonts-dkg-handwriting, -dancingscript, -kaushanscript, -rufscript). */
const FONT_FILES: [string, string][] = [
  ['/usr/share/fonts/truetype/fifthhorseman/dkg.ttf', 'DkgHandwriting'],
  ['/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf', 'DkgHandwriting'],
  ['/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf', 'Dancing Script'],
  ['/usr/share/fonts/opentype/kaushanscript/KaushanScript-Regular.otf', 'Kaushan Script'],
  ['/usr/share/fonts/truetype/rufscript/Rufscript010.ttf', 'Rufscript'],
];
let fonts: string[] | undefined;
/** Handwriting font families available on this machine (none: scribbles only). */
export function handFonts(): string[] {
  if (fonts) return fonts;
  const found = new Set<string>();
  for (const [file, family] of FONT_FILES)
    if (existsSync(file)) {
      GlobalFonts.registerFromPath(file, family);
      found.add(family);
    }
  fonts = [...found];
  return fonts;
}

export interface Ink {
  colour: string;
  /** Stroke width, mm. */
  width: number;
  name: string;
}

const INK_COLOURS: [string, string[]][] = [
  ['black', ['#141414', '#222222', '#303030']],
  ['blue', ['#0d1f6b', '#1a2a80', '#26338a']],
  ['light grey', ['#7c7c7c', '#888888', '#929292']],
  ['light blue', ['#4a68c0', '#5a78cc', '#6a86d4']],
];

export function pickInk(rnd: () => number, light = false): Ink {
  const k = light ? 2 + Math.floor(rnd() * 2) : Math.floor(rnd() * INK_COLOURS.length);
  const [name, shades] = INK_COLOURS[k]!;
  const thin = rnd() < 0.35;
  return {
    name,
    colour: shades[Math.floor(rnd() * shades.length)]!,
    width: thin ? 0.2 + rnd() * 0.1 : 0.3 + rnd() * 0.3,
  };
}

const pickOf = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const FIRST = [
  'Budi',
  'Siti',
  'Yohana',
  'Ahmad',
  'Dewi',
  'Rudi',
  'Maria',
  'Hendra',
  'Nur',
  'Agus',
  'Wayan',
  'Ketut',
  'Lestari',
  'Fajar',
  'Rahmat',
  'Intan',
];
const LAST = [
  'Santoso',
  'Rahmawati',
  'Sitompul',
  'Fauzan',
  'Lestari',
  'Hartono',
  'Ulfa',
  'Gunawan',
  'Aini',
  'Salim',
  'Pratama',
  'Siregar',
  'Nainggolan',
  'Wibowo',
];

/** Text in a handwriting font fitted to `wMm` wide, centred on (cx, cy), slanted and turned a little. */
function drawHandText(
  ctx: SKRSContext2D,
  rnd: () => number,
  text: string,
  cx: number,
  cy: number,
  wMm: number,
  pxPerMm: number,
  ink: Ink,
): boolean {
  const list = handFonts();
  if (!list.length) return false;
  const family = pickOf(rnd, list);
  ctx.save();
  ctx.font = `100px "${family}"`;
  const w100 = ctx.measureText(text).width || 100;
  const size = (100 * wMm * pxPerMm) / w100;
  ctx.translate(cx, cy);
  ctx.rotate(((rnd() - 0.5) * 16 * Math.PI) / 180);
  ctx.transform(1, 0, -(0.1 + rnd() * 0.35), 1, 0, 0);
  ctx.font = `${size}px "${family}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = ink.colour;
  ctx.strokeStyle = ink.colour;
  ctx.lineWidth = Math.max(0.5, ink.width * pxPerMm * 0.5);
  ctx.fillText(text, 0, 0);
  // A ballpoint's line has a width of its own: a thin outline on the glyphs (the fonts' hairlines
  // at paraf size would otherwise vanish below a pen's width).
  ctx.strokeText(text, 0, 0);
  ctx.restore();
  return true;
}

/**
 * A free scribble of `n` loops across wMm × hMm centred on (cx, cy). With `full`, its ends are
 * moved only outward, so it spans at least wMm (a paraf of one loop said to be 4 mm across would
 * otherwise come out as little as 2 mm).
 */
function drawScribble(
  ctx: SKRSContext2D,
  rnd: () => number,
  cx: number,
  cy: number,
  wMm: number,
  hMm: number,
  n: number,
  pxPerMm: number,
  ink: Ink,
  full = false,
): void {
  const w = wMm * pxPerMm,
    h = hMm * pxPerMm;
  const x = cx - w / 2;
  const slant = (rnd() - 0.5) * 0.6;
  const pts: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const jitter = (rnd() - 0.5) * (w / n) * 0.5;
    const px = x + (i / n) * w + (full && i === 0 ? -Math.abs(jitter) : full && i === n ? Math.abs(jitter) : jitter);
    const py = cy + (rnd() - 0.5) * h;
    pts.push([px + slant * (py - cy), py]);
  }
  ctx.strokeStyle = ink.colour;
  ctx.lineWidth = ink.width * pxPerMm;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(pts[0]![0], pts[0]![1]);
  for (let i = 1; i < pts.length; i++) {
    const [px, py] = pts[i]!;
    const [qx, qy] = pts[i - 1]!;
    ctx.bezierCurveTo(
      qx + (rnd() - 0.3) * (w / n),
      qy - h * (0.3 + rnd() * 0.5),
      px - (rnd() - 0.3) * (w / n),
      py + h * (0.3 + rnd() * 0.5),
      px,
      py,
    );
  }
  ctx.stroke();
}

/** A full signature about wMm × hMm: a name in a handwriting font, or a scribble with an underline. */
export function drawFullSignature(
  ctx: SKRSContext2D,
  rnd: () => number,
  cx: number,
  cy: number,
  wMm: number,
  hMm: number,
  pxPerMm: number,
  ink: Ink,
): void {
  if (rnd() < 0.55) {
    const name = rnd() < 0.5 ? pickOf(rnd, FIRST) : `${pickOf(rnd, FIRST)} ${pickOf(rnd, LAST)}`;
    if (drawHandText(ctx, rnd, name, cx, cy, wMm, pxPerMm, ink)) {
      if (rnd() < 0.3) drawUnderline(ctx, rnd, cx, cy + hMm * 0.35 * pxPerMm, wMm, pxPerMm, ink);
      return;
    }
  }
  drawScribble(ctx, rnd, cx, cy, wMm, hMm, 4 + Math.floor(rnd() * 4), pxPerMm, ink);
  if (rnd() < 0.4) drawUnderline(ctx, rnd, cx, cy + hMm * 0.3 * pxPerMm, wMm, pxPerMm, ink);
}

function drawUnderline(
  ctx: SKRSContext2D,
  rnd: () => number,
  cx: number,
  y: number,
  wMm: number,
  pxPerMm: number,
  ink: Ink,
): void {
  const w = wMm * pxPerMm;
  ctx.strokeStyle = ink.colour;
  ctx.lineWidth = ink.width * pxPerMm;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx - w * (0.5 - rnd() * 0.2), y);
  ctx.quadraticCurveTo(cx, y + (rnd() - 0.5) * 2 * pxPerMm, cx + w * (0.3 + rnd() * 0.3), y - rnd() * 1.5 * pxPerMm);
  ctx.stroke();
}

/**
 * A paraf 4–9 mm across: initials in a handwriting font, a short scribble of one or two loops, or
 * a tick-like paraf (a short down-stroke and a long up-stroke, sometimes with a hook).
 * Returns its width in mm.
 */
export function drawParaf(
  ctx: SKRSContext2D,
  rnd: () => number,
  cx: number,
  cy: number,
  pxPerMm: number,
  ink: Ink,
): number {
  const wMm = 4 + rnd() * 5;
  const kind = rnd();
  if (kind < 0.4) {
    const initials = pickOf(rnd, FIRST)[0]! + (rnd() < 0.7 ? pickOf(rnd, LAST)[0]! : '');
    if (drawHandText(ctx, rnd, initials, cx, cy, wMm, pxPerMm, ink)) return wMm;
  }
  if (kind < 0.7) {
    drawScribble(ctx, rnd, cx, cy, wMm, 2 + rnd() * 4, 1 + Math.floor(rnd() * 2), pxPerMm, ink, true);
    return wMm;
  }
  const hr = 0.5 + rnd() * 0.5;
  drawTickParaf(ctx, cx, cy, wMm * pxPerMm, hr, ink.colour, ink.width * pxPerMm, rnd() < 0.5);
  return wMm;
}

/**
 * A tick-like paraf `w` px across centred on (cx, cy): a short down-stroke and a long up-stroke
 * curving to the right, `hr` × w high, with a hook back when `hook`; `pen` px wide.
 */
export function drawTickParaf(
  ctx: SKRSContext2D,
  cx: number,
  cy: number,
  w: number,
  hr: number,
  colour: string,
  pen: number,
  hook = false,
): void {
  const h = hr * w;
  ctx.strokeStyle = colour;
  ctx.lineWidth = pen;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(cx - w * 0.5, cy - h * 0.1);
  ctx.lineTo(cx - w * 0.2, cy + h * 0.45);
  ctx.quadraticCurveTo(cx + w * 0.1, cy - h * 0.1, cx + w * 0.5, cy - h * 0.55);
  if (hook) ctx.quadraticCurveTo(cx + w * 0.55, cy - h * 0.2, cx + w * 0.3, cy - h * 0.25);
  ctx.stroke();
}

/** One to three specks or dots, each 0.3–1.5 mm across. */
export function drawSpecks(
  ctx: SKRSContext2D,
  rnd: () => number,
  bx: number,
  by: number,
  bw: number,
  bh: number,
  pxPerMm: number,
): void {
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    ctx.fillStyle = rnd() < 0.5 ? '#1a1a1a' : rnd() < 0.5 ? '#1a2a80' : '#707070';
    ctx.beginPath();
    ctx.arc(
      bx + bw * (0.15 + rnd() * 0.7),
      by + bh * (0.2 + rnd() * 0.6),
      ((0.3 + rnd() * 1.2) / 2) * pxPerMm,
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
}

/**
 * A neighbour's signature whose flourish enters our box across the border between them: the
 * body sits in the neighbour's box (nx…), its tail reaches `depthMm` into ours (ours: bx…).
 */
export function drawNeighbourFlourish(
  ctx: SKRSContext2D,
  rnd: () => number,
  ours: [number, number, number, number],
  theirs: [number, number, number, number],
  pxPerMm: number,
  ink: Ink,
): void {
  const [bx, by, bw, bh] = ours;
  const [nx, ny, nw, nh] = theirs;
  const bodyW = Math.min(nw / pxPerMm - 2, 10 + rnd() * 6);
  const ncx = nx + nw / 2,
    ncy = ny + nh / 2;
  drawFullSignature(ctx, rnd, ncx, ncy, bodyW, Math.min(nh / pxPerMm - 2, 4 + rnd() * 4), pxPerMm, ink);
  // The tail: from the body's edge toward our box, entering 2–6 mm past the border.
  const depth = (2 + rnd() * 4) * pxPerMm;
  const above = ny + nh <= by + 1;
  const below = ny >= by + bh - 1;
  let ex: number, ey: number;
  if (above || below) {
    ex = Math.max(bx + 2 * pxPerMm, Math.min(bx + bw - 2 * pxPerMm, ncx + (rnd() - 0.5) * nw * 0.5));
    ey = above ? by + depth : by + bh - depth;
  } else {
    const left = nx + nw <= bx + 1;
    ex = left ? bx + depth : bx + bw - depth;
    ey = by + bh * (0.3 + rnd() * 0.4);
  }
  const sx = ncx + (ex - ncx) * 0.15,
    sy = ncy + (ey - ncy) * 0.15;
  ctx.strokeStyle = ink.colour;
  ctx.lineWidth = ink.width * pxPerMm;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(sx, sy);
  ctx.bezierCurveTo(
    sx + (ex - sx) * 0.4 + (rnd() - 0.5) * 4 * pxPerMm,
    sy + (ey - sy) * 0.2,
    ex - (ex - sx) * 0.2,
    ey - (ey - sy) * 0.5,
    ex,
    ey,
  );
  ctx.stroke();
}
