/**
 * HEIC/HEIF photos (what an iPhone's camera writes unless set to "Most Compatible"). sharp's
 * prebuilt libvips reads AVIF but has no HEVC decoder, so a HEIC photo is decoded here with
 * heic-decode (libheif compiled to WebAssembly: no native code, nothing but npm). libheif-js is
 * LGPL-3.0: it stays a separate, unmodified npm package, loaded with import() only when a HEIC file
 * is met, so ikrar (MIT) only uses it as a library that can be replaced; see ARCHITECTURE.md.
 *
 * The wasm decoder cannot downscale while it decodes, so a photo over the page budget is refused
 * by name (PageTooLarge) before it is decoded.
 */
import { checkInputSize, MAX_PAGE_PIXELS, PageTooLarge } from './budget.js';
import type { RawImage } from './pixels.js';

/** ISO-BMFF major or compatible brands of HEVC-coded HEIF files (not AVIF, which sharp reads). */
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);

/** The brands of an ISO-BMFF file (`ftyp` box at the start), or undefined when it is not one. */
function brands(head: Uint8Array): string[] | undefined {
  const text = Buffer.from(head.subarray(0, 64)).toString('latin1');
  if (text.slice(4, 8) !== 'ftyp') return undefined;
  const size = Math.min(64, Buffer.from(head).readUInt32BE(0));
  const out = [text.slice(8, 12)];
  for (let i = 16; i + 4 <= size; i += 4) out.push(text.slice(i, i + 4));
  return out;
}

/** True for a HEIF image file (HEIC or AVIF or other): the `ftyp` box sharp and libheif read. */
export function isHeif(head: Uint8Array): boolean {
  return brands(head) !== undefined;
}

/** True for a HEVC-coded HEIF file: an iPhone's HEIC photo. */
export function isHeic(head: Uint8Array): boolean {
  return (brands(head) ?? []).some((b) => HEVC_BRANDS.has(b));
}

/** The primary image of a HEIC file as RGBA; throws (PageTooLarge for an image over the budget). */
export async function decodeHeic(buf: Uint8Array): Promise<RawImage> {
  const { default: heic } = await import('heic-decode');
  const images = await heic.all({ buffer: buf });
  try {
    const first = images[0];
    if (!first) throw new Error('the file holds no image');
    checkInputSize(first.width, first.height);
    if (first.width * first.height > MAX_PAGE_PIXELS) throw new PageTooLarge(first.width, first.height);
    const { width, height, data } = await first.decode();
    return { width, height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } finally {
    images.dispose();
  }
}
