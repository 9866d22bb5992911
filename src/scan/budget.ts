/**
 * What one scan file may cost, whatever it claims: a pixel budget per decoded page and a cap on
 * pages per file, so that peak memory and time do not depend on the numbers written in a file.
 *
 * - A page is never decoded above MAX_PAGE_PIXELS: larger images are downscaled while they are
 *   decoded where the decoder can (sharp: JPEG shrink-on-load, streaming resize for the rest), and
 *   refused by name where it cannot (images pdfjs would decode whole).
 * - An image claiming more than MAX_INPUT_PIXELS is refused before anything is decoded: no scanner
 *   makes one (an F4 page at 1200 dpi is 158 Mpx), and decoding even a downscaled copy of a forged
 *   size would take minutes.
 * - A vector page is rasterised at no more than MAX_RASTER_PIXELS, however large its paper.
 * - Only the first MAX_PAGES_PER_FILE pages of a file are read.
 */

/** 40 Mpx: an F4 page at 600 dpi (39.6 Mpx); 300 dpi is 9.9 Mpx. */
export const MAX_PAGE_PIXELS = 40_000_000;
/** Vector PDF pages are rasterised at 200 dpi up to A2 (15.5 Mpx); a larger page at less. */
export const MAX_RASTER_PIXELS = 16_000_000;
/** What sharp may be asked to read (and downscale) at all. */
export const MAX_INPUT_PIXELS = 400_000_000;
/** Pages read per file; an F4 sheet holds ~20 people, so 5,000 pages are 100,000 signers. */
export const MAX_PAGES_PER_FILE = 5000;

/** Thrown (and answered) when a page's image is larger than ikrar decodes. */
export class PageTooLarge extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(
      `the page image is ${width} × ${height} pixels (${megapixels(width, height)} megapixels), more than ikrar reads (${MAX_PAGE_PIXELS / 1e6})`,
    );
    this.name = 'PageTooLarge';
  }
}

export function megapixels(width: number, height: number): number {
  return Math.round((width * height) / 1e5) / 10;
}

/** Refuses sizes that cannot be decoded even downscaled (also nonsense such as 0 or NaN). */
export function checkInputSize(width: number, height: number): void {
  if (!(width > 0 && height > 0) || width * height > MAX_INPUT_PIXELS) throw new PageTooLarge(width, height);
}

/**
 * The size to decode a width × height image at: itself within the budget, else the largest size
 * of the same shape that fits (as a box for sharp's `fit: 'inside'`, so it holds either way round,
 * before or after an EXIF rotation).
 */
export function budgetBox(width: number, height: number): { width: number; height: number } | null {
  if (width * height <= MAX_PAGE_PIXELS) return null;
  const s = Math.sqrt(MAX_PAGE_PIXELS / (width * height));
  const side = Math.max(1, Math.floor(Math.max(width, height) * s));
  return { width: side, height: side };
}
