/**
 * Decode scan files into 8-bit greyscale pages.
 *
 * - JPEG / PNG / WebP / AVIF / GIF / TIFF (multi-page, CCITT G4 included) through sharp; phone photos
 *   are turned upright from their EXIF orientation.
 * - iPhone HEIC photos through heic-decode (heic.ts: sharp's prebuilt binaries have no HEVC decoder),
 *   uncompressed BMPs by our own reader (bmp.ts); a HEIC or BMP that cannot be decoded is named, with
 *   how to send it instead (`hint`, `params` of the OpenResult).
 *   A multi-page TIFF is handed to sharp one page at a time (tiff-pages.ts).
 * - PDF (scanner output): each page's embedded image is taken as it is when the page is one image
 *   covering the page — a plain JPEG page straight from the file, decoded by sharp (pdf-direct.ts);
 *   other images through pdfjs-dist (DCT, CCITT, Flate, JBIG2). Pages that are not one image
 *   (vector pages, e.g. the rendered sheets printed to PDF) are rasterised at 200 dpi with
 *   pdfjs-dist and @napi-rs/canvas (decode-pdf.ts).
 * - No page is decoded above the pixel budget (budget.ts): downscaled as it is decoded, or refused
 *   with PageTooLarge. Files are opened non-blocking and must be regular files, so a FIFO cannot
 *   hang the tally.
 *
 * Nothing here prints or throws for a bad file: openScan returns a reason instead.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { budgetBox, checkInputSize, MAX_INPUT_PIXELS, PageTooLarge } from './budget.js';
import { BmpUnsupported, decodeBmp, isBmp } from './bmp.js';
import { openPdf, shortReason } from './decode-pdf.js';
import { decodeHeic, isHeic, isHeif } from './heic.js';
import { indexTiff, tiffPage } from './tiff-pages.js';
import type { GrayImage, OpenResult, RawImage } from './pixels.js';

sharp.cache(false);

function kindOf(buf: Uint8Array): 'pdf' | 'image' | 'heic' | 'bmp' | 'unknown' {
  const head = Buffer.from(buf.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (buf[0] === 0xff && buf[1] === 0xd8) return 'image'; // JPEG
  if (buf[0] === 0x89 && head.startsWith('\x89PNG')) return 'image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'image'; // TIFF
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image';
  if (head.startsWith('GIF8')) return 'image';
  if (isHeic(buf)) return 'heic';
  if (isHeif(buf)) return 'image'; // AVIF
  if (isBmp(buf)) return 'bmp';
  return 'unknown';
}

/**
 * Greyscale raw pixels of one page of an image file (sharp), never above the pixel budget: a larger
 * page is downscaled as it is decoded (JPEG shrink-on-load), one claiming an absurd size is refused
 * (PageTooLarge) before anything is decoded.
 */
export async function imageToGray(input: Uint8Array, page = 0): Promise<GrayImage> {
  const meta = await sharp(input, { page, failOn: 'none', limitInputPixels: false }).metadata();
  const w = meta.width ?? 0;
  const h = meta.pageHeight ?? meta.height ?? 0;
  checkInputSize(w, h);
  return toGray(sharp(input, { page, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'none' }).rotate(), w, h); // EXIF orientation
}

/** Greyscale of pixels another decoder produced (already within the budget, or downscaled to it). */
function rawToGray(img: RawImage): Promise<GrayImage> {
  const { width, height, channels } = img;
  return toGray(
    sharp(img.data, { raw: { width, height, channels }, limitInputPixels: MAX_INPUT_PIXELS }),
    width,
    height,
  );
}

/** The end of every image pipeline: downscaled to the budget, transparency on white, 8-bit grey. */
async function toGray(pipe: Sharp, w: number, h: number): Promise<GrayImage> {
  const box = budgetBox(w, h);
  if (box) pipe = pipe.resize({ ...box, fit: 'inside' });
  const { data, info } = await pipe
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
  try {
    const meta = await sharp(buf, { failOn: 'none', limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return { ok: false, reason: 'the image has no size (damaged file?)' };
    // A multi-page TIFF is handed to sharp one page at a time (tiff-pages.ts), else page n of it
    // costs n.
    const tiff = meta.format === 'tiff' && (meta.pages ?? 1) > 1 ? indexTiff(buf) : null;
    const pages = tiff?.ifds.length ?? meta.pages ?? 1;
    return await openPages(pages, (n: number): Promise<GrayImage> => {
      if (!tiff) return imageToGray(buf, n - 1);
      let one: Uint8Array;
      try {
        one = tiffPage(buf, tiff, n - 1);
      } catch {
        return imageToGray(buf, n - 1); // a directory this reader does not follow: sharp may
      }
      return imageToGray(one, 0);
    });
  } catch (e) {
    return { ok: false, reason: `cannot decode the image (${shortReason(e)})` };
  }
}

/** An iPhone HEIC photo; one that neither heic-decode nor sharp can decode is named as what it is. */
async function openHeic(buf: Uint8Array): Promise<OpenResult> {
  try {
    return await openPages(1, async () => rawToGray(await decodeHeic(buf)));
  } catch (e) {
    const viaSharp = await openImage(buf); // a HEIF whose brands say HEVC but holds what sharp reads
    if (viaSharp.ok) return viaSharp;
    const detail = shortReason(e);
    return {
      ok: false,
      reason: `it is an iPhone photo in HEIC format and could not be decoded (${detail})`,
      hint: 'ask for the photo as JPEG: on the iPhone, Settings › Camera › Formats › Most Compatible before taking it, or send it through WhatsApp, which sends JPEG',
      params: { _m: 'heic', _h: 'heic', detail },
    };
  }
}

async function openBmp(buf: Uint8Array): Promise<OpenResult> {
  try {
    return await openPages(1, async () => rawToGray(decodeBmp(buf)));
  } catch (e) {
    if (!(e instanceof BmpUnsupported)) return { ok: false, reason: `cannot decode the image (${shortReason(e)})` };
    return {
      ok: false,
      reason: e.message,
      hint: 'save it as PNG or JPEG (in Paint: File › Save as), or scan it again as PDF or JPEG',
      params: { _m: 'bmp', _h: 'bmp', format: e.format },
    };
  }
}

/**
 * A file of `pages` pages decoded by `decode`. The first page is decoded now so a truncated or
 * corrupt file is reported here (thrown), not later. It is handed out once and then let go (a later
 * call decodes it again), so an open file holds no decoded page. A page too large to decode is not
 * a damaged file: it is refused when asked for.
 */
async function openPages(pages: number, decode: (n: number) => Promise<GrayImage>): Promise<OpenResult> {
  let first: GrayImage | PageTooLarge | undefined;
  try {
    first = await decode(1);
  } catch (e) {
    if (!(e instanceof PageTooLarge)) throw e;
    first = e;
  }
  return {
    ok: true,
    scan: {
      pageCount: pages,
      page: async (n: number) => {
        if (n === 1 && first) {
          const img = first;
          first = undefined;
          if (img instanceof PageTooLarge) throw img;
          return img;
        }
        return decode(n);
      },
      close: async () => {
        first = undefined;
      },
    },
  };
}

/** Open a scan file; never throws for a bad file. */
export async function openScan(file: string): Promise<OpenResult> {
  let fh: FileHandle;
  try {
    // Non-blocking, so that a FIFO named here cannot hang the tally; it is refused below.
    fh = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'file not found' : `cannot read the file (${shortReason(e)})` };
  }
  let size: number;
  let head: Buffer;
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      await fh.close().catch(() => {});
      return { ok: false, reason: 'not a regular file (a pipe, device or socket)' };
    }
    size = st.size;
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
  if (kind === 'unknown') {
    await fh.close().catch(() => {});
    return { ok: false, reason: 'not a supported scan format (use PDF, TIFF, JPEG or PNG)' };
  }
  let buf: Uint8Array;
  try {
    buf = await fh.readFile();
  } catch (e) {
    return { ok: false, reason: `cannot read the file (${shortReason(e)})` };
  } finally {
    await fh.close().catch(() => {});
  }
  return kind === 'heic' ? openHeic(buf) : kind === 'bmp' ? openBmp(buf) : openImage(buf);
}
