/**
 * One proof image: a scanned page downscaled (ProofBase, made by the page worker), each box
 * outlined in the colour of its decision (signed, unsigned, uncertain, decided by hand, outside the
 * scan) with its row number, and the page code, file and page across the top. The tally draws each
 * page's proof as soon as the page is read (keepProof), while the workers read the next ones.
 *
 * Deterministic: the overlay is an SVG whose text is drawn as glyph outlines of the bundled Arimo
 * (no system fonts), composited with sharp.
 */
import sharp from 'sharp';
import { join } from 'node:path';
import { openFont, printable } from '../draw/fonts.js';
import type { BoxReading, PageReading } from '../scan/types.js';
import type { TallyPerson } from '../model/tally.js';
import { REPORT_FONT_DIR } from './font-dir.js';

/** Height of the band above the scan that carries the page's code, file and page. */
export const BAND = 54;

export type ProofColour = 'signed' | 'unsigned' | 'uncertain' | 'manual' | 'outside';
export const PROOF_COLOURS: Record<ProofColour, string> = {
  signed: '#1a9641',
  unsigned: '#d7191c',
  uncertain: '#f08c00',
  manual: '#2b6cd4',
  outside: '#b0179a',
};
const LEGEND: [ProofColour, string][] = [
  ['signed', 'sudah'],
  ['unsigned', 'belum'],
  ['uncertain', 'ragu'],
  ['manual', 'manual'],
  ['outside', 'di luar pindaian'],
];

/**
 * The laid-out glyphs of a text in Arimo (regular or bold), and each glyph's outline as SVG path
 * data: the same few labels (box numbers, the legend) come back on every page, so each is laid
 * out once per process. Laying out is deterministic: the cached run is the one a new layout gives.
 */
interface Shaped {
  advanceWidth: number;
  glyphs: { d: string; xAdvance: number; xOffset: number; yOffset: number }[];
}
const shapedCache = new Map<string, Shaped>();
function shaped(text: string, bold: boolean): Shaped {
  const key = `${bold ? 'b' : 'r'}${text}`;
  let s = shapedCache.get(key);
  if (!s) {
    const font = openFont(join(REPORT_FONT_DIR, bold ? 'Arimo-Bold.ttf' : 'Arimo-Regular.ttf'));
    const run = font.layout(printable(font, text));
    s = {
      advanceWidth: run.advanceWidth,
      glyphs: run.glyphs.map((g, i) => {
        const pos = run.positions[i]!;
        return { d: g.path.toSVG(), xAdvance: pos.xAdvance, xOffset: pos.xOffset, yOffset: pos.yOffset };
      }),
    };
    if (shapedCache.size >= 4096) shapedCache.clear();
    shapedCache.set(key, s);
  }
  return s;
}

/** Text as SVG glyph outlines of Arimo (baseline at y). */
function svgText(text: string, x: number, y: number, size: number, fill: string, bold = false): string {
  const font = openFont(join(REPORT_FONT_DIR, bold ? 'Arimo-Bold.ttf' : 'Arimo-Regular.ttf'));
  const s = size / font.unitsPerEm;
  let pen = 0;
  const parts: string[] = [];
  for (const g of shaped(text, bold).glyphs) {
    if (g.d)
      parts.push(
        `<path transform="translate(${r2(x + (pen + g.xOffset) * s)},${r2(y - g.yOffset * s)}) scale(${r4(s)},${r4(-s)})" d="${g.d}"/>`,
      );
    pen += g.xAdvance;
  }
  return `<g fill="${fill}">${parts.join('')}</g>`;
}

function textWidth(text: string, size: number): number {
  const font = openFont(join(REPORT_FONT_DIR, 'Arimo-Regular.ttf'));
  return (shaped(text, false).advanceWidth * size) / font.unitsPerEm;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const r4 = (n: number) => Math.round(n * 10000) / 10000;

/** The colour of a box: a decision by hand wins; else the box's own reading. */
export function boxColour(box: BoxReading, person: TallyPerson | undefined): ProofColour {
  if (box.decision === 'outside') return 'outside';
  if (person?.manual) return 'manual';
  return box.decision;
}

function overlaySvg(r: PageReading, colours: (b: BoxReading) => ProofColour, width: number, height: number): string {
  const proof = r.proof!;
  const s = proof.scale;
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${BAND}" fill="#ffffff"/>`);
  parts.push(svgText(`${r.code ?? '(tanpa kode halaman)'}`, 8, 20, 15, '#000000', true));
  parts.push(svgText(`${r.source.file} · halaman ${r.source.page}`, 8, 40, 12, '#333333'));
  let lx = width - 8;
  for (const [c, word] of [...LEGEND].reverse()) {
    const w = textWidth(word, 11);
    lx -= w;
    parts.push(svgText(word, lx, 46, 11, '#000000'));
    lx -= 16;
    parts.push(
      `<rect x="${r2(lx)}" y="36" width="12" height="12" fill="none" stroke="${PROOF_COLOURS[c]}" stroke-width="3"/>`,
    );
    lx -= 10;
  }
  for (const b of r.boxes) {
    if (!b.quad) continue;
    const c = colours(b);
    const pts = b.quad.map(([x, y]) => `${r2(x * s)},${r2(y * s + BAND)}`).join(' ');
    const dash = c === 'outside' ? ' stroke-dasharray="6,4"' : '';
    parts.push(
      `<polygon points="${pts}" fill="${PROOF_COLOURS[c]}" fill-opacity="0.12" stroke="${PROOF_COLOURS[c]}" stroke-width="2.5"${dash}/>`,
    );
    const [x0, y0] = b.quad[0]!;
    const label = c === 'outside' ? `${b.number} di luar pindaian` : String(b.number);
    const tx = Math.max(2, Math.min(width - 40, x0 * s + 3));
    const ty = Math.max(BAND + 12, Math.min(height - 3, y0 * s + BAND + 13));
    parts.push(
      `<rect x="${r2(tx - 2)}" y="${r2(ty - 11)}" width="${r2(textWidth(label, 11) + 4)}" height="14" fill="#ffffff" fill-opacity="0.85"/>`,
    );
    parts.push(svgText(label, tx, ty, 11, PROOF_COLOURS[c], true));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** One proof image (JPEG) and the overlay it was drawn with. */
export async function drawProof(
  r: PageReading,
  colours: (b: BoxReading) => ProofColour,
): Promise<{ svg: string; data: Uint8Array }> {
  const proof = r.proof!;
  const width = proof.width;
  const height = proof.height + BAND;
  const svg = overlaySvg(r, colours, width, height);
  return { svg, data: await composeProof(proof.image, svg, width, height) };
}

/**
 * One proof image (JPEG): the one in the cache when it was drawn with the same overlay (right
 * after its page was read, or before in this review), else drawn now.
 */
export async function proofImage(
  r: PageReading,
  colours: (b: BoxReading) => ProofColour,
  cache?: ProofCache,
): Promise<Uint8Array> {
  const proof = r.proof!;
  const width = proof.width;
  const height = proof.height + BAND;
  const svg = overlaySvg(r, colours, width, height);
  const hit = cache?.get(proof.image);
  if (hit && hit.svg === svg) return hit.data;
  const data = await composeProof(proof.image, svg, width, height);
  cache?.set(proof.image, { svg, data });
  return data;
}

async function composeProof(image: Uint8Array, svg: string, width: number, height: number): Promise<Uint8Array> {
  const out = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      { input: Buffer.from(image), top: BAND, left: 0 },
      { input: Buffer.from(svg), top: 0, left: 0 },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/**
 * Draws a page's proof in its boxes' own colours into the cache (as soon as the page is read). One
 * that fails is left out of the cache: proofFiles draws it again and reports what went wrong.
 */
export async function keepProof(r: PageReading, cache: ProofCache): Promise<void> {
  const { proof } = r;
  if (!proof) return;
  try {
    cache.set(proof.image, await drawProof(r, (b) => boxColour(b, undefined)));
  } catch {
    // drawn again by proofFiles
  }
}

/**
 * Proof images already made, by their scan image: a review redraws only what changed, and the
 * tally keeps those drawn as the pages were read (in their boxes' own colours) when no decision by
 * hand changes them.
 */
export type ProofCache = WeakMap<Uint8Array, { svg: string; data: Uint8Array }>;
