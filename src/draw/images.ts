/**
 * Image size from the file header, read synchronously (the layout is pure and synchronous and
 * only needs the aspect ratio of a logo). PNG and JPEG, the two formats the event file accepts.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Pixel size of a PNG or JPEG image, or undefined when the bytes are neither. */
export function imageSizeOf(bytes: Uint8Array): [number, number] | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: signature, then the IHDR chunk with width and height (big-endian).
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) {
    const w = b.readUInt32BE(16);
    const h = b.readUInt32BE(20);
    return w > 0 && h > 0 ? [w, h] : undefined;
  }
  // JPEG: walk the segments to the first start-of-frame marker.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) {
        const h = b.readUInt16BE(i + 5);
        const w = b.readUInt16BE(i + 7);
        return w > 0 && h > 0 ? [w, h] : undefined;
      }
      i += 2 + len;
    }
  }
  return undefined;
}

/** Reads the header of an image file; undefined when it cannot be read or is not PNG/JPEG. */
export function readImageSize(path: string): [number, number] | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    // 64 KiB covers JPEG files with large EXIF blocks before the frame header in practice.
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return imageSizeOf(buf.subarray(0, n));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
