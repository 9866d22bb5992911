/**
 * Proof pages: every scanned page downscaled, each box outlined in the colour of its decision
 * (signed, unsigned, uncertain, decided by hand, outside the scan) with its row number, and the page
 * code, file and page across the top — review/bukti/*.jpg, and all of them in bukti.pdf.
 *
 * Deterministic: the overlay is an SVG whose text is drawn as glyph outlines of the bundled Arimo
 * (no system fonts), composited with sharp; bukti.pdf has a pinned date.
 */
import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import type { Manifest, ManifestPage } from '../model/manifest.js';
import type { BoxReading, PageReading } from '../scan/types.js';
import type { SignedDocument } from '../model/documents.js';
import type { TallyPerson, TallyResult } from '../model/tally.js';
import { GENERATOR } from '../version.js';
import { collectPdf, PINNED_DATE, REPORT_FONT_DIR } from './pdf.js';
import type { OutputFile } from './review.js';
import { BAND, boxColour, proofImage, type ProofCache, type ProofColour } from './proof-image.js';

export { boxColour, PROOF_COLOURS, proofImage, type ProofCache, type ProofColour } from './proof-image.js';

export const PROOF_PDF = 'bukti.pdf';
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
