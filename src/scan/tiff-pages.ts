/**
 * Multi-page TIFFs page by page in time linear in pages. Asking sharp (libtiff) for page n walks
 * the chain of page directories from the start (and counts them all) every time, so reading every
 * page of a long TIFF costs pages² — 1,000 tiny pages took half a minute. Instead the chain is
 * walked once here, and page n is handed to sharp as a small TIFF of its own: a copy of that one
 * directory, the values it points to and its strips or tiles, with the offsets rewritten. Only
 * classic TIFF is understood; anything else (BigTIFF, a broken chain) returns null and the caller
 * asks sharp for the page as before.
 */

/** Bytes per value of each TIFF field type (1 BYTE … 13 IFD). */
const TYPE_SIZE = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];
/** Fields that point at other directories (EXIF, GPS, sub-images, free space): not copied. */
const DROPPED = new Set([288, 289, 330, 34665, 34853, 40965]);
/** Fields holding offsets of image data, with the field holding their byte counts. */
const DATA_OFFSETS = new Map([
  [273, 279],
  [324, 325],
  [513, 514],
]);

export interface TiffIndex {
  littleEndian: boolean;
  /** Offset of each page's directory, in page order. */
  ifds: number[];
}

function reader(buf: Uint8Array, le: boolean) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const inside = (p: number, n: number) => p >= 0 && p + n <= buf.length;
  return {
    u16: (p: number) => dv.getUint16(p, le),
    u32: (p: number) => dv.getUint32(p, le),
    inside,
  };
}

/** The page directories of a classic TIFF, or null. */
export function indexTiff(buf: Uint8Array): TiffIndex | null {
  if (buf.length < 8) return null;
  const le = buf[0] === 0x49 && buf[1] === 0x49;
  if (!le && !(buf[0] === 0x4d && buf[1] === 0x4d)) return null;
  const r = reader(buf, le);
  if (r.u16(2) !== 42) return null;
  const ifds: number[] = [];
  const seen = new Set<number>();
  for (let at = r.u32(4); at !== 0; ) {
    if (seen.has(at) || !r.inside(at, 2)) return null;
    seen.add(at);
    const n = r.u16(at);
    if (!r.inside(at, 2 + 12 * n + 4)) return null;
    ifds.push(at);
    at = r.u32(at + 2 + 12 * n);
  }
  return ifds.length ? { littleEndian: le, ifds } : null;
}

interface Field {
  tag: number;
  type: number;
  count: number;
  /** The value bytes as stored (count × size), for fields copied as they are. */
  bytes?: Uint8Array;
  /** New data blocks this field points to (strips, tiles), for the offset fields. */
  blocks?: Uint8Array[];
}

/** Page `page` (0-based) of an indexed TIFF as a TIFF of its own. Throws on a damaged directory. */
export function tiffPage(buf: Uint8Array, index: TiffIndex, page: number): Uint8Array {
  const le = index.littleEndian;
  const r = reader(buf, le);
  const at = index.ifds[page]!;
  const n = r.u16(at);
  const raw = new Map<number, { type: number; count: number; bytes: Uint8Array }>();
  for (let i = 0; i < n; i++) {
    const e = at + 2 + 12 * i;
    const tag = r.u16(e);
    const type = r.u16(e + 2);
    const count = r.u32(e + 4);
    const size = TYPE_SIZE[type] ?? 0;
    if (!size || DROPPED.has(tag)) continue;
    const len = size * count;
    const from = len <= 4 ? e + 8 : r.u32(e + 8);
    if (!r.inside(from, len)) throw new Error(`TIFF page ${page + 1}: field ${tag} points outside the file`);
    raw.set(tag, { type, count, bytes: buf.subarray(from, from + len) });
  }
  const values = (f: { type: number; count: number; bytes: Uint8Array }): number[] => {
    const v = reader(f.bytes, le);
    const out: number[] = [];
    for (let i = 0; i < f.count; i++)
      out.push(f.type === 3 ? v.u16(2 * i) : f.type === 4 || f.type === 13 ? v.u32(4 * i) : NaN);
    return out;
  };
  const fields: Field[] = [];
  let dataBytes = 0;
  for (const [tag, f] of raw) {
    const countsTag = DATA_OFFSETS.get(tag);
    if (countsTag === undefined) {
      fields.push({ tag, type: f.type, count: f.count, bytes: f.bytes });
      continue;
    }
    const counts = raw.get(countsTag);
    const offsets = values(f);
    const lengths = counts ? values(counts) : [];
    if (lengths.length !== offsets.length)
      throw new Error(`TIFF page ${page + 1}: strip offsets and byte counts disagree`);
    const blocks = offsets.map((o, i) => {
      const len = lengths[i]!;
      if (!(Number.isFinite(o) && Number.isFinite(len)) || !r.inside(o, len))
        throw new Error(`TIFF page ${page + 1}: image data outside the file`);
      return buf.subarray(o, o + len);
    });
    dataBytes += blocks.reduce((s, b) => s + b.length, 0);
    // Strips never overlap in a real file: more data than the file holds is a forgery.
    if (dataBytes > buf.length)
      throw new Error(`TIFF page ${page + 1}: its strips claim more data than the file holds`);
    fields.push({ tag, type: 4, count: blocks.length, blocks });
  }
  fields.sort((a, b) => a.tag - b.tag);

  // Layout: header, the directory, the out-of-line values (even offsets), the image data.
  const dirSize = 2 + 12 * fields.length + 4;
  let pos = 8 + dirSize;
  const valueAt = new Map<Field, number>();
  for (const f of fields) {
    const len = f.blocks ? 4 * f.count : f.bytes!.length;
    if (len > 4) {
      valueAt.set(f, pos);
      pos += len + (len & 1);
    }
  }
  const blockAt = new Map<Uint8Array, number>();
  for (const f of fields)
    for (const b of f.blocks ?? []) {
      blockAt.set(b, pos);
      pos += b.length + (b.length & 1);
    }
  const out = new Uint8Array(pos);
  const dv = new DataView(out.buffer);
  out[0] = out[1] = le ? 0x49 : 0x4d;
  dv.setUint16(2, 42, le);
  dv.setUint32(4, 8, le);
  dv.setUint16(8, fields.length, le);
  fields.forEach((f, i) => {
    const e = 10 + 12 * i;
    dv.setUint16(e, f.tag, le);
    dv.setUint16(e + 2, f.type, le);
    dv.setUint32(e + 4, f.count, le);
    const at = valueAt.get(f);
    const target = at ?? e + 8;
    if (at !== undefined) dv.setUint32(e + 8, at, le);
    if (f.blocks)
      f.blocks.forEach((b, k) => {
        dv.setUint32(target + 4 * k, blockAt.get(b)!, le);
      });
    else out.set(f.bytes!, target);
  });
  for (const [b, p] of blockAt) out.set(b, p);
  return out;
}
