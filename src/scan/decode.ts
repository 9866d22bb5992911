/**
 * Decode scan files into 8-bit greyscale pages.
 *
 * - JPEG / PNG / WebP / TIFF (multi-page, CCITT G4 included) through sharp; phone photos are turned
 *   upright from their EXIF orientation.
 * - PDF (scanner output): each page's embedded image is taken as it is when the page is one image
 *   covering the page — a plain JPEG page straight from the file, decoded by sharp (pdf-direct.ts);
 *   other images through pdfjs-dist (DCT, CCITT, Flate, JBIG2). Pages that are not one image
 *   (vector pages, e.g. the rendered sheets printed to PDF) are rasterised at 200 dpi with
 *   pdfjs-dist and @napi-rs/canvas. pdfjs reads the file by ranges, so a long PDF is not held in
 *   memory.
 *
 * Nothing here prints or throws for a bad file: openScan returns a reason instead.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { DirectPdf, indexObjectsOf, multiply } from './pdf-direct.js';

/** One greyscale page: width × height bytes, row-major, 0 = black, 255 = white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface ScanFile {
  pageCount: number;
  /** 1-based page. */
  page(n: number): Promise<GrayImage>;
  close(): Promise<void>;
}

export type OpenResult = { ok: true; scan: ScanFile } | { ok: false; reason: string };

/** DPI at which vector PDF pages are rasterised. */
export const PDF_RASTER_DPI = 200;

sharp.cache(false);

function kindOf(buf: Uint8Array): 'pdf' | 'image' | 'unknown' {
  const head = Buffer.from(buf.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (buf[0] === 0xff && buf[1] === 0xd8) return 'image'; // JPEG
  if (buf[0] === 0x89 && head.startsWith('\x89PNG')) return 'image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'image'; // TIFF
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image';
  if (head.startsWith('GIF8')) return 'image';
  if (head.slice(4, 12).startsWith('ftyp')) return 'image'; // HEIF / AVIF (if sharp supports it)
  if (head.startsWith('BM')) return 'unknown';
  return 'unknown';
}

/** Greyscale raw pixels of one page of an image file (sharp). */
export async function imageToGray(input: Uint8Array, page = 0): Promise<GrayImage> {
  const { data, info } = await sharp(input, { page, limitInputPixels: 400_000_000, failOn: 'none' })
    .rotate() // EXIF orientation
    .flatten({ background: '#ffffff' })
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) {
    // Should not happen with b-w; take the first channel to be safe.
    const out = new Uint8Array(info.width * info.height);
    for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels]!;
    return { width: info.width, height: info.height, data: out };
  }
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function openImage(buf: Uint8Array): Promise<OpenResult> {
  let pages = 1;
  try {
    const meta = await sharp(buf, { failOn: 'none' }).metadata();
    if (!meta.width || !meta.height) return { ok: false, reason: 'the image has no size (damaged file?)' };
    pages = meta.pages ?? 1;
    // Decode the first page now so a truncated/corrupt file is reported here, not later. It is
    // handed out once and then let go (a later call decodes it again), so an open file holds no
    // decoded page.
    let first: GrayImage | undefined = await imageToGray(buf, 0);
    return {
      ok: true,
      scan: {
        pageCount: pages,
        page: async (n: number) => {
          if (n === 1 && first) {
            const img = first;
            first = undefined;
            return img;
          }
          return imageToGray(buf, n - 1);
        },
        close: async () => {
          first = undefined;
        },
      },
    };
  } catch (e) {
    return { ok: false, reason: `cannot decode the image (${shortReason(e)})` };
  }
}

function shortReason(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split('\n')[0]!.replace(/^Input buffer /, '').slice(0, 160);
}

// ---------------------------------------------------------------- PDF through pdfjs-dist

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

const require = createRequire(import.meta.url);
function pdfjsDir(sub: string): string {
  const pkg = require.resolve('pdfjs-dist/package.json');
  return pathToFileURL(pkg.replace(/package\.json$/, sub)).href;
}

interface PdfImageObj {
  width: number;
  height: number;
  kind?: number; // 1 = GRAYSCALE_1BPP, 2 = RGB_24BPP, 3 = RGBA_32BPP
  data?: Uint8Array | Uint8ClampedArray;
  bitmap?: unknown;
}

/** Convert a pdfjs image object to greyscale. */
function pdfImageToGray(img: PdfImageObj): GrayImage | null {
  const { width, height, data, kind } = img;
  if (!data || !width || !height) return null;
  const out = new Uint8Array(width * height);
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        out[y * width + x] = bit ? 255 : 0;
      }
    }
  } else if (kind === 2 || kind === 3) {
    const ch = kind === 2 ? 3 : 4;
    for (let i = 0, j = 0; i < out.length; i++, j += ch) {
      out[i] = Math.round(0.2126 * data[j]! + 0.7152 * data[j + 1]! + 0.0722 * data[j + 2]!);
    }
  } else return null;
  return { width, height, data: out };
}


/** Rotate a greyscale image by a multiple of 90° clockwise. */
export function rotateGray(img: GrayImage, quarter: number): GrayImage {
  const q = ((quarter % 4) + 4) % 4;
  if (q === 0) return img;
  const { width: w, height: h, data } = img;
  const W = q % 2 ? h : w;
  const H = q % 2 ? w : h;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let X: number, Y: number;
      if (q === 1) { X = h - 1 - y; Y = x; } else if (q === 2) { X = w - 1 - x; Y = h - 1 - y; } else { X = y; Y = w - 1 - x; }
      out[Y * W + X] = data[y * w + x]!;
    }
  }
  return { width: W, height: H, data: out };
}

function flipGray(img: GrayImage, horizontal: boolean): GrayImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = horizontal ? w - 1 - x : x;
      const sy = horizontal ? y : h - 1 - y;
      out[y * w + x] = data[sy * w + sx]!;
    }
  return { width: w, height: h, data: out };
}

async function openPdf(fh: FileHandle, size: number): Promise<OpenResult> {
  const pdfjs = await loadPdfJs();
  // Where each object starts, for reading plain scanner pages straight from the file
  // (pdf-direct.ts). pdfjs too reads only the ranges it needs: a long scanner PDF is never held in
  // memory whole (one copy per worker thread would be hundreds of MB).
  let direct: DirectPdf | undefined;
  try {
    direct = new DirectPdf(fh, await indexObjectsOf(fh, size), size);
  } catch {
    direct = undefined;
  }
  const readRange = async (begin: number, end: number): Promise<Uint8Array> => {
    const b = new Uint8Array(Math.max(0, Math.min(end, size) - begin));
    let got = 0;
    while (got < b.length) {
      const { bytesRead } = await fh.read(b, got, b.length - got, begin + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === b.length ? b : b.subarray(0, got);
  };
  const CHUNK = 1 << 16;
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    const transport = new pdfjs.PDFDataRangeTransport(size, await readRange(0, Math.min(size, CHUNK)));
    transport.requestDataRange = (begin: number, end: number) => {
      readRange(begin, end).then(
        (chunk) => transport.onDataRange(begin, chunk),
        () => transport.onDataRange(begin, new Uint8Array(0)),
      );
    };
    doc = await pdfjs.getDocument({
      range: transport,
      length: size,
      rangeChunkSize: CHUNK,
      disableAutoFetch: true,
      disableStream: true,
      isEvalSupported: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      standardFontDataUrl: pdfjsDir('standard_fonts/'),
      cMapUrl: pdfjsDir('cmaps/'),
      cMapPacked: true,
      wasmUrl: pdfjsDir('wasm/'),
    } as Parameters<PdfJs['getDocument']>[0]).promise;
  } catch (e) {
    await fh.close().catch(() => {});
    return { ok: false, reason: `cannot read the PDF (${shortReason(e)})` };
  }
  const OPS = pdfjs.OPS;
  /** The page image in device (viewport) orientation, if image matrix m covers the page axis-aligned. */
  function place(p: PdfPage, img: GrayImage, m: number[]): GrayImage | null {
    const vp = p.getViewport({ scale: 1 });
    // Image unit square → user space; the viewport applies /Rotate and the y flip.
    const coversW = Math.hypot(m[0]!, m[1]!);
    const coversH = Math.hypot(m[2]!, m[3]!);
    const pageW = p.view[2]! - p.view[0]!;
    const pageH = p.view[3]! - p.view[1]!;
    const axisAligned = Math.abs(m[1]!) < 1e-6 && Math.abs(m[2]!) < 1e-6;
    const swapped = Math.abs(m[0]!) < 1e-6 && Math.abs(m[3]!) < 1e-6;
    const big = (coversW * coversH) / (pageW * pageH) > 0.8;
    if (!big || !(axisAligned || swapped)) return null;
    const full = multiply(vp.transform, m); // image unit square → device space
    // Image rows go from y=1 (top) to y=0 in the unit square, i.e. along -y.
    return orientToDevice(img, [full[0]!, full[1]!], [-full[2]!, -full[3]!]);
  }
  async function page(n: number): Promise<GrayImage> {
    const p = await doc.getPage(n);
    try {
      const fast = direct ? await direct.page(p.ref as { num: number; gen: number }) : null;
      if (fast) {
        const img = place(p, fast.img, fast.m);
        if (img) return img;
      }
      const ops = await p.getOperatorList();
      // A scanner page: exactly one image drawn, covering (nearly) the whole page.
      let ctm = [1, 0, 0, 1, 0, 0];
      const stack: number[][] = [];
      const images: { id: string; m: number[] }[] = [];
      let other = 0;
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        else if (fn === OPS.transform) ctm = multiply(ctm, args as number[]);
        else if (fn === OPS.paintImageXObject) images.push({ id: String(args[0]), m: ctm });
        else if (
          fn === OPS.showText || fn === OPS.stroke || fn === OPS.fill || fn === OPS.eoFill ||
          fn === OPS.constructPath || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject
        ) other++;
      }
      const vp = p.getViewport({ scale: 1 });
      if (images.length === 1 && other === 0) {
        const { id, m } = images[0]!;
        const obj = (await new Promise((resolve) => {
          p.objs.get(id, resolve);
        })) as PdfImageObj;
        const gray = pdfImageToGray(obj);
        const img = gray ? place(p, gray, m) : null;
        if (img) return img;
      }
      return await rasterisePage(p, vp.width, vp.height);
    } finally {
      p.cleanup();
    }
  }
  return {
    ok: true,
    scan: {
      pageCount: doc.numPages,
      page,
      close: async () => {
        await doc.destroy();
        await fh.close().catch(() => {});
      },
    },
  };
}

/**
 * Re-orient an image whose column direction maps to device vector ax and row direction to ay, so
 * that it appears as on the device (x right, y down).
 */
function orientToDevice(img: GrayImage, ax: number[], ay: number[]): GrayImage {
  const sgn = (v: number) => (v > 0 ? 1 : -1);
  if (Math.abs(ax[0]!) >= Math.abs(ax[1]!)) {
    // columns along device x
    let out = img;
    if (sgn(ax[0]!) < 0) out = flipGray(out, true);
    if (sgn(ay[1]!) < 0) out = flipGray(out, false);
    return out;
  }
  // columns along device y: transpose first
  const { width: w, height: h, data } = img;
  const t = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t[x * h + y] = data[y * w + x]!;
  let out: GrayImage = { width: h, height: w, data: t };
  if (sgn(ay[0]!) < 0) out = flipGray(out, true);
  if (sgn(ax[1]!) < 0) out = flipGray(out, false);
  return out;
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

async function rasterisePage(p: PdfPage, wPt: number, hPt: number): Promise<GrayImage> {
  // Use pdfjs's own canvas (its bundled @napi-rs/canvas), so its Path2D objects match.
  const pdfRequire = createRequire(require.resolve('pdfjs-dist/package.json'));
  const { createCanvas } = pdfRequire('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const scale = PDF_RASTER_DPI / 72;
  const vp = p.getViewport({ scale });
  const W = Math.ceil(wPt * scale);
  const H = Math.ceil(hPt * scale);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  await p.render({ canvas: canvas, canvasContext: ctx, viewport: vp } as unknown as Parameters<PdfPage['render']>[0]).promise;
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const out = new Uint8Array(W * H);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    out[i] = Math.round(0.2126 * rgba[j]! + 0.7152 * rgba[j + 1]! + 0.0722 * rgba[j + 2]!);
  }
  return { width: W, height: H, data: out };
}

/** Open a scan file; never throws for a bad file. */
export async function openScan(file: string): Promise<OpenResult> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'file not found' : `cannot read the file (${shortReason(e)})` };
  }
  let size: number;
  let head: Buffer;
  try {
    size = (await fh.stat()).size;
    head = Buffer.alloc(Math.min(1024, size));
    if (head.length) await fh.read(head, 0, head.length, 0);
  } catch (e) {
    await fh.close().catch(() => {});
    return { ok: false, reason: `cannot read the file (${shortReason(e)})` };
  }
  if (size === 0) {
    await fh.close().catch(() => {});
    return { ok: false, reason: 'the file is empty' };
  }
  const kind = kindOf(head);
  if (kind === 'pdf') return openPdf(fh, size); // keeps the file open until close()
  await fh.close().catch(() => {});
  if (kind !== 'image') return { ok: false, reason: 'not a supported scan format (use PDF, TIFF, JPEG or PNG)' };
  let buf: Uint8Array;
  try {
    buf = await readFile(file);
  } catch (e) {
    return { ok: false, reason: `cannot read the file (${shortReason(e)})` };
  }
  return openImage(buf);
}
