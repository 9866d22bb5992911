/**
 * Windows BMP files, which sharp does not read. Only the uncompressed forms are decoded (what Paint
 * and scanner software write): 1-, 4- and 8-bit with a palette, 24-bit, and 32-bit (BI_RGB, or
 * BI_BITFIELDS with the usual masks), bottom-up or top-down. Anything else (RLE, 16-bit, a JPEG or
 * PNG inside a BMP, OS/2 headers) is named, so the clerk can save the file as PNG or JPEG.
 *
 * A BMP cannot be downscaled while it is decoded: one over the page budget is refused by name
 * (PageTooLarge) before its pixels are touched.
 */
import { checkInputSize, MAX_PAGE_PIXELS, PageTooLarge } from './budget.js';
import type { RawImage } from './pixels.js';

/** A BMP in a form this reader does not decode; `format` names it (RLE8, 16-bit, …). */
export class BmpUnsupported extends Error {
  constructor(readonly format: string) {
    super(`a BMP image in a form ikrar does not read (${format})`);
    this.name = 'BmpUnsupported';
  }
}

const COMPRESSION: Record<number, string> = { 1: 'RLE8', 2: 'RLE4', 4: 'JPEG', 5: 'PNG', 6: 'ALPHABITFIELDS' };

export function isBmp(head: Uint8Array): boolean {
  return head.length >= 26 && head[0] === 0x42 && head[1] === 0x4d;
}

/** Decodes an uncompressed BMP to RGB (3 channels); throws BmpUnsupported, PageTooLarge, or Error when damaged. */
export function decodeBmp(input: Uint8Array): RawImage {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.length);
  if (buf.length < 54) throw new Error('the BMP file is cut short');
  const offset = buf.readUInt32LE(10);
  const headerSize = buf.readUInt32LE(14);
  if (headerSize < 40) throw new BmpUnsupported('OS/2 header');
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bits = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  checkInputSize(width, height);
  if (width * height > MAX_PAGE_PIXELS) throw new PageTooLarge(width, height);
  if (compression === 3 && bits === 32) {
    // BI_BITFIELDS: the masks follow a 40-byte header, or sit inside a V4/V5 header.
    const m = 14 + 40;
    if (
      buf.length < m + 12 ||
      buf.readUInt32LE(m) !== 0xff0000 ||
      buf.readUInt32LE(m + 4) !== 0xff00 ||
      buf.readUInt32LE(m + 8) !== 0xff
    )
      throw new BmpUnsupported('BITFIELDS');
  } else if (compression !== 0) {
    throw new BmpUnsupported(COMPRESSION[compression] ?? `compression ${compression}`);
  }
  if (![1, 4, 8, 24, 32].includes(bits)) throw new BmpUnsupported(`${bits}-bit`);
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (offset + stride * height > buf.length) throw new Error('the BMP file is cut short');
  let palette: Buffer | undefined;
  if (bits <= 8) {
    const used = buf.readUInt32LE(46) || 1 << bits;
    const at = 14 + headerSize;
    if (used > 1 << bits || at + 4 * used > offset) throw new Error('the BMP palette is damaged');
    palette = Buffer.alloc(3 * 256);
    for (let i = 0; i < used; i++) {
      palette[3 * i] = buf[at + 4 * i + 2]!;
      palette[3 * i + 1] = buf[at + 4 * i + 1]!;
      palette[3 * i + 2] = buf[at + 4 * i]!;
    }
  }
  const out = new Uint8Array(width * height * 3);
  const bpp = bits / 8;
  for (let y = 0; y < height; y++) {
    const row = offset + stride * (topDown ? y : height - 1 - y);
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      if (palette) {
        const bit = x * bits;
        const byte = buf[row + (bit >> 3)]!;
        const index = (byte >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
        out[o] = palette[3 * index]!;
        out[o + 1] = palette[3 * index + 1]!;
        out[o + 2] = palette[3 * index + 2]!;
      } else {
        const s = row + x * bpp;
        out[o] = buf[s + 2]!;
        out[o + 1] = buf[s + 1]!;
        out[o + 2] = buf[s]!;
      }
    }
  }
  return { width, height, channels: 3, data: out };
}
