/**
 * Whether a letterhead logo can be drawn: the one check the event file (check, render), the
 * templates' own logos (render) and the berita acara (tally, the logo reached through manifest.json)
 * all use, so none of them hands pdfkit a file it cannot embed.
 *
 * Read through the World, synchronously, from the bytes, in time and memory linear in the file (capped at 20 MB):
 * - the file exists, is a regular file, is not larger than LOGO_MAX_BYTES;
 * - its header is PNG or JPEG, and the size it claims is at most LOGO_MAX_PIXELS (pdfkit inflates
 *   a PNG whole: 20000×20000 RGBA is 1.6 GB of pixels, 65000×65000 overflows a typed array);
 * - it is whole: a PNG's chunks all lie inside the file with the right CRC, end with IEND, and its
 *   image data inflates to exactly the rows the header promises (no more: a small file cannot
 *   unpack to gigabytes); a JPEG's segments lie inside the file, it has a frame and a scan, and
 *   ends with the end-of-image marker (pdfkit embeds JPEG bytes as they are, so a cut-off one would
 *   print broken, silently).
 */
import zlib from 'node:zlib';
import { imageSizeOf } from '../draw/images.js';
import type { World } from '../world/world.js';

/** A logo is printed 22 mm tall: 1,000 pixels is already over 1,100 dpi. 16 MP is far beyond need. */
export const LOGO_MAX_PIXELS = 16_000_000;
export const LOGO_MAX_BYTES = 20 * 1024 * 1024;

export type LogoFaultKind = 'not-found' | 'not-file' | 'not-image' | 'too-big' | 'too-many-pixels' | 'damaged';

export interface LogoFault {
  kind: LogoFaultKind;
  /** English text naming the logo as the clerk wrote it. */
  message: string;
  hint: string;
  /** Values for the interface-language text (src/i18n: problem.<code>.<kind>). */
  params: Record<string, string | number>;
}

const HINTS: Record<LogoFaultKind, string> = {
  'not-found': 'give the path of a PNG or JPEG file, relative to the event file',
  'not-file': 'give the path of a PNG or JPEG file, relative to the event file',
  'not-image': 'give the path of a PNG or JPEG file, relative to the event file',
  'too-big': 'save the emblem smaller (a few hundred KB is plenty for a letterhead)',
  'too-many-pixels': 'save the emblem smaller, e.g. 1000 pixels tall: it is printed 22 mm tall',
  damaged:
    'open the emblem in an image editor and save it again as PNG or JPEG, or copy it again from where it came from',
};

function fault(
  kind: LogoFaultKind,
  logo: string,
  message: string,
  extra: Record<string, string | number> = {},
): LogoFault {
  return { kind, message, hint: HINTS[kind], params: { _m: kind, logo, ...extra } };
}

/**
 * What is wrong with the logo at `abs` (`logo`: the path as written, for messages), or undefined
 * when it can be drawn. Never throws.
 */
export function logoFault(world: World, abs: string, logo: string): LogoFault | undefined {
  const st = world.stat(abs);
  if (st.kind === 'missing') return fault('not-found', logo, `logo file not found: ${logo}`);
  if (st.kind === 'unreadable')
    return fault('damaged', logo, `cannot read the logo ${logo} (${st.reason})`, { reason: st.reason });
  if (st.kind !== 'file') return fault('not-file', logo, `logo is not a file: ${logo}`);
  if (st.size > LOGO_MAX_BYTES) {
    const mb = (st.size / 1024 / 1024).toFixed(1);
    return fault(
      'too-big',
      logo,
      `logo ${logo} is ${mb} MB; a logo may be at most ${LOGO_MAX_BYTES / 1024 / 1024} MB`,
      {
        mb,
        max: LOGO_MAX_BYTES / 1024 / 1024,
      },
    );
  }
  const bytes = world.readFile(abs);
  if (!bytes) return fault('damaged', logo, `cannot read the logo ${logo} (unreadable)`, { reason: 'unreadable' });
  return bytesFault(bytes, logo);
}

/** The pixel size of the image at `abs`, read through the World; undefined when it is not a PNG or JPEG. */
export function imageSizeIn(world: World, abs: string): [number, number] | undefined {
  const bytes = world.readFile(abs);
  return bytes ? imageSizeOf(bytes) : undefined;
}

/** The same check on bytes already read. */
export function bytesFault(b: Buffer, logo: string): LogoFault | undefined {
  const size = imageSizeOf(b);
  if (!size) return fault('not-image', logo, `logo is not a PNG or JPEG image: ${logo}`);
  const [w, h] = size;
  if (w * h > LOGO_MAX_PIXELS) {
    const mp = Math.round((w * h) / 1e6);
    return fault(
      'too-many-pixels',
      logo,
      `logo ${logo} is ${w}×${h} pixels (${mp} megapixels); a logo may have at most ${LOGO_MAX_PIXELS / 1e6} megapixels`,
      { w, h, mp, max: LOGO_MAX_PIXELS / 1e6 },
    );
  }
  const reason = b[0] === 0x89 ? pngDamage(b) : jpegDamage(b);
  if (reason) return fault('damaged', logo, `logo ${logo} is damaged or cut short (${reason})`, { reason });
  return undefined;
}

// ------------------------------------------------------------------ PNG

let crcTable: Uint32Array | undefined;
function crc32(b: Buffer, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Bytes the inflated image data must have: per row a filter byte plus the row (each pass when interlaced). */
function pngDataLength(w: number, h: number, depth: number, colour: number, interlaced: boolean): number | undefined {
  const channels = CHANNELS[colour];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(depth)) return undefined;
  const rowBytes = (pw: number) => Math.ceil((pw * channels * depth) / 8);
  if (!interlaced) return h * (1 + rowBytes(w));
  // Adam7: the seven passes' start and step in x and y.
  const passes = [
    [0, 8, 0, 8],
    [4, 8, 0, 8],
    [0, 4, 4, 8],
    [2, 4, 0, 4],
    [0, 2, 2, 4],
    [1, 2, 0, 2],
    [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x0, dx, y0, dy] of passes) {
    const pw = Math.ceil((w - x0) / dx);
    const ph = Math.ceil((h - y0) / dy);
    if (pw > 0 && ph > 0) total += ph * (1 + rowBytes(pw));
  }
  return total;
}

function pngDamage(b: Buffer): string | undefined {
  let i = 8;
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  while (true) {
    if (i + 12 > b.length) return `the file ends inside a chunk at byte ${i} of ${b.length}, before the end marker`;
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + len > b.length) return `the ${type} chunk at byte ${i} runs past the end of the file`;
    if (crc32(b, i + 4, i + 8 + len) !== b.readUInt32BE(i + 8 + len))
      return `the ${type} chunk at byte ${i} has a wrong checksum`;
    if (type === 'IHDR') ihdr = b.subarray(i + 8, i + 8 + len);
    else if (type === 'IDAT') idat.push(b.subarray(i + 8, i + 8 + len));
    else if (type === 'IEND') break;
    i += 12 + len;
  }
  if (!ihdr || ihdr.length < 13) return 'it has no image header';
  if (!idat.length) return 'it has no image data';
  const expected = pngDataLength(ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8]!, ihdr[9]!, ihdr[12] === 1);
  if (expected === undefined) return `its header names an impossible bit depth ${ihdr[8]} for colour type ${ihdr[9]}`;
  let inflated: number;
  try {
    // One byte over the promised length is enough to know there is too much.
    inflated = zlib.inflateSync(Buffer.concat(idat), {
      maxOutputLength: expected + 1,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return 'its image data unpacks to more than its header says';
    return `its image data cannot be unpacked (${(e as Error).message})`;
  }
  if (inflated !== expected) return `its image data holds ${inflated} of the ${expected} bytes its header promises`;
  return undefined;
}

// ------------------------------------------------------------------ JPEG

function jpegDamage(b: Buffer): string | undefined {
  let i = 2;
  let frame = false;
  let scan = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return `a segment is missing at byte ${i}`;
    const marker = b[i + 1];
    if (marker === undefined) break;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) return frame && scan ? undefined : 'it ends before any image data';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) break;
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) break;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    i += 2 + len;
    if (marker === 0xda) {
      scan = true;
      // Entropy-coded data: runs to the next marker that is not a stuffed byte or a restart.
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7)))
        i++;
      if (i + 1 >= b.length) break;
    }
  }
  return 'the file ends before the end-of-image marker';
}
