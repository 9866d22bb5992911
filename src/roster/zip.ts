/**
 * Zip files (XLSX and .ods workbooks) read through their central directory: the entries, and each
 * entry's data inflated on demand (`entryStream`), so no part is ever missed whatever order the
 * writer put the entries in or whether it wrote data descriptors. And how much a workbook unpacks
 * to, measured before its parts are parsed, so that a few-MB file that inflates to gigabytes (a zip
 * bomb, or a damaged file) is refused in a second instead of taking minutes and gigabytes of
 * memory: first the sizes the central directory declares; then every entry is inflated once,
 * output counted and thrown away, because declared sizes can lie.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline as pipelineCb, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** The most an XLSX roster may unpack to: a 170,000-row SIASN export with all its 66 columns fits. */
export const XLSX_MAX_INFLATED = 400 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Too big: the entry that tipped it and how far it got (bytes); `declared` when the directory said so. */
export interface Oversize {
  entry: string;
  bytes: number;
  declared: boolean;
}

const FFFF = 0xffff;
const FFFFFFFF = 0xffffffff;

/** The entries of the central directory; undefined when it cannot be found. */
export async function readDirectory(file: string): Promise<ZipEntry[] | undefined> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557 + 20);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tail.length) return undefined;
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === FFFF || cdSize === FFFFFFFF || cdOffset === FFFFFFFF) {
      // ZIP64: the locator just before the end record points at the ZIP64 end record.
      if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== 0x07064b50) return undefined;
      const rec = Buffer.alloc(56);
      await fh.read(rec, 0, 56, Number(tail.readBigUInt64LE(eocd - 12)));
      if (rec.readUInt32LE(0) !== 0x06064b50) return undefined;
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) return undefined;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; i++) {
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const e: ZipEntry = {
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        method: cd.readUInt16LE(p + 10),
        compressed: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        offset: cd.readUInt32LE(p + 42),
      };
      // ZIP64 extra field: the 8-byte values, in this order, of those that are 0xFFFFFFFF.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          for (const k of ['size', 'compressed', 'offset'] as const) {
            if (e[k] === FFFFFFFF && q + 8 <= x + 4 + len) {
              e[k] = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
          }
        }
        x += 4 + len;
      }
      entries.push(e);
      p = xEnd + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** The names of a zip's entries, from its central directory; undefined when it cannot be read. */
export async function zipEntryNames(file: string): Promise<string[] | undefined> {
  return (await readDirectory(file).catch(() => undefined))?.map((e) => e.name);
}

class TooBig extends Error {}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ from the directory's. */
async function dataStart(file: string, e: ZipEntry): Promise<number | undefined> {
  const fh = await open(file, 'r');
  try {
    const h = Buffer.alloc(30);
    const { bytesRead } = await fh.read(h, 0, 30, e.offset);
    if (bytesRead < 30 || h.readUInt32LE(0) !== 0x04034b50) return undefined;
    return e.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  } finally {
    await fh.close();
  }
}

/** An entry's data as it unpacks (stored or deflated); an error for another method or a damaged entry. */
export async function entryStream(file: string, e: ZipEntry): Promise<NodeJS.ReadableStream> {
  if (e.method !== 0 && e.method !== 8)
    throw new Error(`its part ${e.name} is compressed in a way Excel does not write (method ${e.method})`);
  const start = await dataStart(file, e);
  if (start === undefined) throw new Error(`its part ${e.name} is damaged`);
  if (e.compressed === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + e.compressed - 1 });
  if (e.method === 0) return raw;
  const inflate = zlib.createInflateRaw();
  // An error on either side destroys both, and reading `inflate` then throws it.
  pipelineCb(raw, inflate, () => {});
  return inflate;
}

/**
 * undefined when the workbook unpacks to at most `limit` bytes (or is not a zip this can read: the
 * reader reports that); else the entry where the limit was passed.
 */
export async function checkInflatedSize(file: string, limit = XLSX_MAX_INFLATED): Promise<Oversize | undefined> {
  const entries = await readDirectory(file).catch(() => undefined);
  if (!entries) return undefined;
  let declared = 0;
  for (const e of entries) {
    declared += e.size;
    if (declared > limit) return { entry: e.name, bytes: declared, declared: true };
  }
  let total = 0;
  for (const e of entries) {
    if (e.method === 0) {
      total += e.compressed;
      if (total > limit) return { entry: e.name, bytes: total, declared: false };
      continue;
    }
    if (e.method !== 8 || e.compressed === 0) continue;
    const start = await dataStart(file, e).catch(() => undefined);
    if (start === undefined) continue;
    const counter = new Writable({
      write(chunk: Buffer, _enc, done) {
        total += chunk.length;
        done(total > limit ? new TooBig() : null);
      },
    });
    try {
      await pipeline(
        createReadStream(file, { start, end: start + e.compressed - 1 }),
        zlib.createInflateRaw(),
        counter,
      );
    } catch (err) {
      if (err instanceof TooBig) return { entry: e.name, bytes: total, declared: false };
      // A damaged entry: the reader will say the workbook cannot be read.
    }
  }
  return undefined;
}
