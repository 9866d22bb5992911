/**
 * The size a JPEG's frame header (SOF) declares: what a decoder allocates, whatever the PDF image
 * dictionary around it says. Read marker by marker through `read`, so a JPEG in a file is never
 * loaded whole to learn it.
 */

/** Reads up to `len` bytes at `pos` (fewer at the end of the data). */
export type ReadAt = (pos: number, len: number) => Promise<Uint8Array>;

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Width and height from the frame header of the JPEG in bytes [start, end), or null if none is found. */
export async function jpegFrameSize(
  read: ReadAt,
  start: number,
  end: number,
): Promise<{ width: number; height: number } | null> {
  // Decoders skip bytes before the SOI marker (FF D8); so does this.
  const head = await read(start, Math.min(1024, end - start));
  let p = -1;
  for (let i = 0; i + 1 < head.length; i++)
    if (head[i] === 0xff && head[i + 1] === 0xd8) {
      p = start + i + 2;
      break;
    }
  if (p < 0) return null;
  for (let segments = 0; segments < 4096 && p + 4 <= end; segments++) {
    const b = await read(p, 9);
    if (b.length < 4 || b[0] !== 0xff) return null;
    const m = b[1]!;
    if (m === 0xff) {
      p++;
      continue;
    } // fill byte
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      p += 2;
      continue;
    } // no length
    if (m === 0xd9 || m === 0xda) return null; // end of image / start of scan before any frame
    if (isSof(m)) {
      if (b.length < 9) return null;
      const height = (b[5]! << 8) | b[6]!;
      const width = (b[7]! << 8) | b[8]!;
      return width && height ? { width, height } : null; // height 0: given later (DNL), unknown here
    }
    p += 2 + ((b[2]! << 8) | b[3]!);
  }
  return null;
}

/** The same, for a JPEG held in memory. */
export function jpegFrameSizeOf(jpeg: Uint8Array): Promise<{ width: number; height: number } | null> {
  return jpegFrameSize(async (pos, len) => jpeg.subarray(pos, pos + len), 0, jpeg.length);
}
