// Generated scan pages for the tally bench: real rendered signing-sheet pages rasterised at 300 dpi
// (pdfjs-dist + @napi-rs/canvas, no external tools), signatures scribbled into about three boxes in
// four (SVG paths composited with sharp, black or dark-blue ink), a slight scanner skew and grey
// paper, saved as colour JPEG at 300 dpi and at 200 dpi, and bundled as a scanner PDF (the 200-dpi
// JPEGs embedded as they are, DCT, one per page, as office scanners do).
//
// Results are cached under the OS temp folder, keyed by the PDF bytes and the pages chosen, because
// rasterising is slow and is not what is being measured.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { rng } from './gen-roster.mjs';

const GEN_VERSION = 2;
const require = createRequire(import.meta.url);
const pdfjsDir = (sub) => pathToFileURL(require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, sub)).href;

async function openPdf(file) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    standardFontDataUrl: pdfjsDir('standard_fonts/'),
    cMapUrl: pdfjsDir('cmaps/'),
    cMapPacked: true,
    wasmUrl: pdfjsDir('wasm/'),
  }).promise;
}

async function rasterise(doc, pageNo, dpi) {
  // pdfjs-dist 5 ships its own @napi-rs/canvas (0.1.x) and polyfills Path2D from it; a canvas from
  // the top-level @napi-rs/canvas (1.x) rejects those Path2D objects, so take the same copy pdfjs uses.
  const { createCanvas } = createRequire(require.resolve('pdfjs-dist/package.json'))('@napi-rs/canvas');
  const page = await doc.getPage(pageNo);
  const vp = page.getViewport({ scale: dpi / 72 });
  const W = Math.round(vp.width);
  const H = Math.round(vp.height);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  await page.render({ canvas, canvasContext: ctx, viewport: vp }).promise;
  page.cleanup();
  const rgba = Buffer.from(ctx.getImageData(0, 0, W, H).data.buffer);
  return { W, H, rgba };
}

/** A handwriting-like scribble filling part of rect (pixels): a run of loops with a final flourish. */
function signaturePath(r, [x, y, w, h]) {
  const x0 = x + w * (0.08 + r() * 0.2);
  const x1 = x0 + w * (0.35 + r() * 0.4);
  const mid = y + h * (0.45 + r() * 0.15);
  const amp = h * (0.18 + r() * 0.15);
  const loops = 3 + Math.floor(r() * 4);
  const step = (Math.min(x1, x + w * 0.95) - x0) / loops;
  let d = `M${x0.toFixed(1)},${(mid + amp * 0.3).toFixed(1)}`;
  for (let i = 0; i < loops; i++) {
    const sx = x0 + i * step;
    const up = mid - amp * (0.6 + r() * 0.6);
    const down = mid + amp * (0.4 + r() * 0.5);
    d += ` C${(sx + step * 0.2).toFixed(1)},${up.toFixed(1)} ${(sx + step * 0.9).toFixed(1)},${up.toFixed(1)} ${(sx + step * 0.5).toFixed(1)},${mid.toFixed(1)}`;
    d += ` S${(sx + step * 0.8).toFixed(1)},${down.toFixed(1)} ${(sx + step).toFixed(1)},${(mid + amp * 0.1).toFixed(1)}`;
  }
  d += ` Q${(x1 + step).toFixed(1)},${(mid - amp).toFixed(1)} ${(x0 - step * 0.3).toFixed(1)},${(mid + amp * 0.8).toFixed(1)}`;
  return d;
}

/**
 * pages: [{ pdf, page, size:[wPt,hPt], boxes:[{rect:[x,y,w,h] in points, top-left origin}] }]
 * Returns { dir, jpeg300: string[], jpeg200: string[], pdf: string, signed, boxes }.
 */
export async function generateScans(
  pages,
  { seed = 7, cacheRoot = path.join(os.tmpdir(), 'ikrar-bench', 'scans'), log = () => {} } = {},
) {
  const h = createHash('sha256').update(`v${GEN_VERSION}:${seed}:`);
  const pdfHashes = new Map();
  for (const p of pages) {
    if (!pdfHashes.has(p.pdf)) pdfHashes.set(p.pdf, createHash('sha256').update(readFileSync(p.pdf)).digest('hex'));
    h.update(`${pdfHashes.get(p.pdf)}:${p.page}:${JSON.stringify(p.boxes.map((b) => b.rect))};`);
  }
  const dir = path.join(cacheRoot, `scans-${h.digest('hex').slice(0, 16)}`);
  const names = pages.map((_, i) => `scan-${String(i + 1).padStart(4, '0')}.jpg`);
  const result = {
    dir,
    jpeg300: names.map((n) => path.join(dir, '300dpi', n)),
    jpeg200: names.map((n) => path.join(dir, '200dpi', n)),
    pdf: path.join(dir, 'pdf', 'scanner-200dpi.pdf'),
  };
  const doneFile = path.join(dir, 'done.json');
  if (existsSync(doneFile)) return { ...result, ...JSON.parse(readFileSync(doneFile, 'utf8')) };

  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['300dpi', '200dpi', 'pdf']) mkdirSync(path.join(dir, sub), { recursive: true });
  const r = rng(seed);
  const docs = new Map();
  const pdfOut = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { CreationDate: new Date(Date.UTC(2024, 10, 4)), Producer: 'scanner' },
  });
  const pdfStream = createWriteStream(result.pdf);
  pdfOut.pipe(pdfStream);
  let signed = 0;
  let boxCount = 0;
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i];
    if (!docs.has(p.pdf)) docs.set(p.pdf, await openPdf(p.pdf));
    const { W, H, rgba } = await rasterise(docs.get(p.pdf), p.page, 300);
    const k = 300 / 72;
    const paths = [];
    for (const b of p.boxes) {
      boxCount++;
      if (r() < 0.75) {
        signed++;
        const rect = b.rect.map((v) => v * k);
        const ink = r() < 0.5 ? '#10206a' : '#141414';
        const width = (3 + r() * 3).toFixed(1);
        paths.push(
          `<path d="${signaturePath(r, rect)}" fill="none" stroke="${ink}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"/>`,
        );
      }
    }
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${paths.join('')}</svg>`,
    );
    const signedPage = await sharp(rgba, { raw: { width: W, height: H, channels: 4 } })
      .composite([{ input: svg, top: 0, left: 0 }])
      .removeAlpha()
      .raw()
      .toBuffer();
    // scanner: skew up to ±0.8°, grey-ish paper, then back to the page size
    const angle = (r() - 0.5) * 1.6;
    const rot = await sharp(signedPage, { raw: { width: W, height: H, channels: 3 } })
      .rotate(angle, { background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const left = Math.floor((rot.info.width - W) / 2);
    const top = Math.floor((rot.info.height - H) / 2);
    const page300 = sharp(rot.data, { raw: { width: rot.info.width, height: rot.info.height, channels: 3 } })
      .extract({ left, top, width: W, height: H })
      .linear(0.93, 12);
    const jpeg300 = await page300.clone().jpeg({ quality: 85 }).withMetadata({ density: 300 }).toBuffer();
    writeFileSync(result.jpeg300[i], jpeg300);
    const W2 = Math.round((W * 200) / 300);
    const H2 = Math.round((H * 200) / 300);
    const jpeg200 = await sharp(jpeg300).resize(W2, H2).jpeg({ quality: 85 }).withMetadata({ density: 200 }).toBuffer();
    writeFileSync(result.jpeg200[i], jpeg200);
    pdfOut.addPage({ size: p.size, margin: 0 });
    pdfOut.image(jpeg200, 0, 0, { width: p.size[0], height: p.size[1] });
    if ((i + 1) % 25 === 0) log(`  scans: ${i + 1}/${pages.length}`);
  }
  pdfOut.end();
  await new Promise((res, rej) => {
    pdfStream.on('finish', res);
    pdfStream.on('error', rej);
  });
  for (const d of docs.values()) await d.destroy();
  const meta = { signed, boxes: boxCount, pages: pages.length };
  writeFileSync(doneFile, JSON.stringify(meta));
  return { ...result, ...meta };
}

/** The first n signing-sheet pages of a render's manifest, as generateScans() input. */
export function sheetPagesFromManifest(manifestFile, n) {
  const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const dir = path.dirname(manifestFile);
  const sheets = m.pages.filter((p) => p.document === 'sheets' && p.boxes.length > 0);
  if (sheets.length < n)
    throw new Error(`the render has only ${sheets.length} signing-sheet pages with boxes; ${n} wanted`);
  return sheets.slice(0, n).map((p) => ({ pdf: path.join(dir, p.file), page: p.page, size: p.size, boxes: p.boxes }));
}
