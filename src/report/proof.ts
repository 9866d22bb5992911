/**
 * Proof pages: every scanned page downscaled, each box outlined in the colour of its decision
 * (signed, unsigned, uncertain, decided by hand, outside the scan) with its row number, and the page
 * code, file and page across the top — review/bukti/*.jpg, and all of them in bukti.pdf.
 *
 * Deterministic: the overlay is an SVG whose text is drawn as glyph outlines of the bundled Arimo
 * (no system fonts), composited with sharp; bukti.pdf has a pinned date.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { join } from 'node:path';
import type { Manifest, ManifestPage } from '../model/manifest.js';
import { openFont, printable } from '../draw/fonts.js';
import type { BoxReading, PageReading } from '../scan/types.js';
import type { SignedDocument } from '../model/documents.js';
import type { TallyPerson, TallyResult } from '../model/tally.js';
import { GENERATOR } from '../version.js';
import { collectPdf, PINNED_DATE, REPORT_FONT_DIR } from './pdf.js';
import type { OutputFile } from './review.js';

export const PROOF_PDF = 'bukti.pdf';
/** Height of the band above the scan that carries the page's code, file and page. */
const BAND = 54;

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

/** review/bukti/ name of the proof of the i-th reading. */
export function proofName(i: number, r: PageReading): string {
  const base = r.source.file.split(/[\\/]/).pop() ?? 'scan';
  const safe =
    base
      .replace(/\.[A-Za-z0-9]+$/, '')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .slice(0, 40) || 'scan';
  return `review/bukti/p${String(i + 1).padStart(4, '0')}-${safe}-h${r.source.page}.jpg`;
}

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

/** One proof image (JPEG). */
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
  const out = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      { input: Buffer.from(proof.image), top: BAND, left: 0 },
      { input: Buffer.from(svg), top: 0, left: 0 },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
  const data = new Uint8Array(out.buffer, out.byteOffset, out.length);
  cache?.set(proof.image, { svg, data });
  return data;
}

/** Proof images already made in this process, by their scan image: a review redraws only what changed. */
export type ProofCache = WeakMap<Uint8Array, { svg: string; data: Uint8Array }>;

/** How each box of a reading is coloured, from the result. */
export function colourer(result: TallyResult, manifest: Manifest): (r: PageReading) => (b: BoxReading) => ProofColour {
  const byCode = new Map<string, ManifestPage>(manifest.pages.map((p) => [p.code, p]));
  const lists: Record<SignedDocument, Map<string, TallyPerson>> = {
    sheets: new Map(result.people.map((p) => [p.key, p])),
    pakta: new Map(result.pakta.map((p) => [p.key, p])),
    deklarasi: new Map(result.deklarasi.map((p) => [p.key, p])),
  };
  return (r) => {
    const mp = r.code !== undefined ? byCode.get(r.code) : undefined;
    return (b) => boxColour(b, mp ? lists[mp.document].get(b.key) : undefined);
  };
}

async function proofPdf(
  images: { data: Uint8Array; width: number; height: number; title: string }[],
  manifest: Manifest,
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: {
      Title: `Bukti pembacaan — ${manifest.event.title}`,
      Author: manifest.event.government,
      Creator: GENERATOR,
      Producer: GENERATOR,
      CreationDate: PINNED_DATE,
      ModDate: PINNED_DATE,
    },
  });
  const bytes = collectPdf(doc);
  doc.registerFont('R', join(REPORT_FONT_DIR, 'Arimo-Regular.ttf'));
  const [pw, ph] = [595.28, 841.89];
  if (images.length === 0) {
    doc.addPage({ size: [pw, ph], margin: 0 });
    doc.font('R').fontSize(12).text('Tidak ada halaman pindaian.', 40, 40);
  }
  for (const im of images) {
    doc.addPage({ size: [pw, ph], margin: 0 });
    const k = Math.min((pw - 40) / im.width, (ph - 40) / im.height);
    doc.image(Buffer.from(im.data), (pw - im.width * k) / 2, 20, { width: im.width * k, height: im.height * k });
  }
  doc.end();
  const b = await bytes;
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/**
 * Proof images made at once: each is mostly sharp's work (the overlay rasterised, the scan decoded,
 * composited and encoded) on libuv's threads, so several in flight keep both cores busy where one
 * at a time left the main thread waiting. Each image depends only on its own reading: the same bytes.
 */
const PROOF_CONCURRENCY = 4;

/** f over items, at most `limit` at a time; results in the items' order. */
async function mapPooled<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await f(items[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

/** review/bukti/*.jpg and bukti.pdf. */
export async function proofFiles(
  result: TallyResult,
  readings: PageReading[],
  manifest: Manifest,
  cache?: ProofCache,
): Promise<OutputFile[]> {
  const colours = colourer(result, manifest);
  const files: OutputFile[] = [];
  const images: { data: Uint8Array; width: number; height: number; title: string }[] = [];
  const todo = readings.flatMap((r, i) => (r.proof ? [i] : []));
  const made = await mapPooled(todo, PROOF_CONCURRENCY, (i) => proofImage(readings[i]!, colours(readings[i]!), cache));
  todo.forEach((i, k) => {
    const r = readings[i]!;
    const data = made[k]!;
    files.push({ path: proofName(i, r), data });
    images.push({ data, width: r.proof!.width, height: r.proof!.height + BAND, title: r.code ?? r.source.file });
  });
  files.push({ path: PROOF_PDF, data: await proofPdf(images, manifest) });
  return files;
}
