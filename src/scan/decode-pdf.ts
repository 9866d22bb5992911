/**
 * PDF scans, page by page: the plain scanner page (one JPEG) straight from the file
 * (pdf-direct.ts), any other page that is one image through pdfjs-dist's decoders, and pages that
 * are not one image rasterised at PDF_RASTER_DPI with pdfjs-dist and @napi-rs/canvas. pdfjs reads
 * the file by ranges, so a long PDF is not held in memory. Before anything is decoded, the page's
 * images are sized (pdf-direct.ts imageSizes) against the pixel budget (budget.ts).
 */
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MAX_INPUT_PIXELS, MAX_PAGE_PIXELS, MAX_RASTER_PIXELS, PageTooLarge } from './budget.js';
import type { GrayImage, OpenResult } from './pixels.js';
import { DirectPdf, indexObjectsOf, multiply } from './pdf-direct.js';

/** DPI at which vector PDF pages are rasterised. */
export const PDF_RASTER_DPI = 200;
/** Resolution of the white image handed out for a PDF page that paints nothing. */
const EMPTY_PAGE_DPI = 20;

/** The first line of an error, short, as the reason shown for a file that cannot be read. */
export function shortReason(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s
    .split('\n')[0]!
    .replace(/^Input buffer /, '')
    .slice(0, 160);
}

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

export async function openPdf(fh: FileHandle, size: number): Promise<OpenResult> {
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
      // Images larger than the budget are left out (the page survey below names them first,
      // where it can read the page).
      maxImageSize: MAX_PAGE_PIXELS,
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
  /** pdfjs operators that change state only: a page made of nothing else paints nothing. */
  const NO_PAINT = new Set<number>(
    (
      [
        'dependency',
        'setLineWidth',
        'setLineCap',
        'setLineJoin',
        'setMiterLimit',
        'setDash',
        'setRenderingIntent',
        'setFlatness',
        'setGState',
        'save',
        'restore',
        'transform',
        'endPath',
        'beginText',
        'endText',
        'setCharSpacing',
        'setWordSpacing',
        'setHScale',
        'setLeading',
        'setFont',
        'setTextRenderingMode',
        'setTextRise',
        'moveText',
        'setLeadingMoveText',
        'setTextMatrix',
        'nextLine',
        'setStrokeColorSpace',
        'setFillColorSpace',
        'setStrokeColor',
        'setStrokeColorN',
        'setFillColor',
        'setFillColorN',
        'setStrokeGray',
        'setFillGray',
        'setStrokeRGBColor',
        'setFillRGBColor',
        'setStrokeCMYKColor',
        'setFillCMYKColor',
        'markPoint',
        'markPointProps',
        'beginMarkedContent',
        'beginMarkedContentProps',
        'endMarkedContent',
        'beginCompat',
        'endCompat',
      ] as const
    ).map((k) => OPS[k]),
  );
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
      const ref = p.ref as { num: number; gen: number };
      // What the page's images would cost to decode, before anything is: the plain scanner page
      // (one JPEG) can be downscaled as it is decoded; pdfjs decodes any other image whole.
      const sizes = direct ? await direct.imageSizes(ref) : null;
      const biggest = sizes?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a), {
        width: 0,
        height: 0,
      });
      if (biggest && biggest.width * biggest.height > MAX_INPUT_PIXELS)
        throw new PageTooLarge(biggest.width, biggest.height);
      const fast = direct ? await direct.page(ref) : null;
      if (fast) {
        const img = place(p, fast.img, fast.m);
        if (img) return img;
      }
      if (biggest && biggest.width * biggest.height > MAX_PAGE_PIXELS)
        throw new PageTooLarge(biggest.width, biggest.height);
      const ops = await p.getOperatorList();
      // Nothing painted at all: the page is white at any resolution, so it is handed out small.
      if (ops.fnArray.every((fn) => NO_PAINT.has(fn))) return whitePage(p.getViewport({ scale: 1 }));
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
          fn === OPS.showText ||
          fn === OPS.stroke ||
          fn === OPS.fill ||
          fn === OPS.eoFill ||
          fn === OPS.constructPath ||
          fn === OPS.paintInlineImageXObject ||
          fn === OPS.paintImageMaskXObject
        )
          other++;
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

/** A white page at EMPTY_PAGE_DPI, for pages that paint nothing. */
function whitePage(vp: { width: number; height: number }): GrayImage {
  const s = EMPTY_PAGE_DPI / 72;
  const width = Math.max(1, Math.min(4000, Math.ceil(vp.width * s)));
  const height = Math.max(1, Math.min(4000, Math.ceil(vp.height * s)));
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

async function rasterisePage(p: PdfPage, wPt: number, hPt: number): Promise<GrayImage> {
  // Use pdfjs's own canvas (its bundled @napi-rs/canvas), so its Path2D objects match.
  const pdfRequire = createRequire(require.resolve('pdfjs-dist/package.json'));
  const { createCanvas } = pdfRequire('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  // At PDF_RASTER_DPI, or less for a page so large that it would exceed the raster budget.
  const scale = Math.min(PDF_RASTER_DPI / 72, Math.sqrt(MAX_RASTER_PIXELS / Math.max(1, wPt * hPt)));
  const vp = p.getViewport({ scale });
  const W = Math.ceil(wPt * scale);
  const H = Math.ceil(hPt * scale);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  await p.render({ canvas: canvas, canvasContext: ctx, viewport: vp } as unknown as Parameters<PdfPage['render']>[0])
    .promise;
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const out = new Uint8Array(W * H);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    out[i] = Math.round(0.2126 * rgba[j]! + 0.7152 * rgba[j + 1]! + 0.0722 * rgba[j + 2]!);
  }
  return { width: W, height: H, data: out };
}
