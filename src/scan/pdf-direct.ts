/**
 * The fast path for scanner PDFs: a page that is nothing but one JPEG (DCTDecode) image is read
 * straight from the file and decoded with sharp (libjpeg-turbo), instead of pdfjs's JavaScript
 * JPEG decoder. Only the plain case is taken — the page's content is `q … cm /Im Do Q` and nothing
 * else, the image is 8-bit DeviceRGB/DeviceGray with no mask, decode array or parameters —
 * anything else (or anything this small parser does not understand) returns null and the caller
 * uses pdfjs as before. Object offsets come from one scan of the file for `N G obj`; every object
 * read is checked, so a stray match inside binary data only makes this path give up.
 */
import type { FileHandle } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { budgetBox, MAX_INPUT_PIXELS } from './budget.js';
import type { GrayImage } from './pixels.js';
import { jpegFrameSize, jpegFrameSizeOf } from './jpeg-size.js';

/** A page's content or an object stream inflated beyond this is not the plain case (or a bomb). */
const MAX_INFLATED = 16 << 20;

type Obj =
  | number
  | string
  | boolean
  | null
  | { ref: [number, number] }
  | { name: string }
  | Obj[]
  | { dict: Map<string, Obj> };

/** indexObjects over a whole file, read in chunks (the file is never held in memory at once). */
export async function indexObjectsOf(fh: FileHandle, size: number): Promise<Map<number, number>> {
  const idx = new Map<number, number>();
  const CHUNK = 4 << 20;
  const OVERLAP = 64; // `N G obj` is shorter than this
  const buf = Buffer.alloc(CHUNK + OVERLAP);
  for (let pos = 0; pos < size; pos += CHUNK) {
    const from = Math.max(0, pos - OVERLAP);
    const len = Math.min(size, pos + CHUNK) - from;
    const { bytesRead } = await fh.read(buf, 0, len, from);
    // Only matches whose "obj" starts in this chunk proper (the overlap was seen before).
    indexObjects(buf.subarray(0, bytesRead), from, pos - from, idx);
  }
  return idx;
}

/** Offsets of `N G obj` (the last definition of each object number wins, as with updates). */
export function indexObjects(
  buf: Uint8Array,
  base = 0,
  firstObj = 0,
  idx = new Map<number, number>(),
): Map<number, number> {
  const n = buf.length;
  for (let i = firstObj; i + 3 <= n; i++) {
    // "obj" preceded by whitespace, digits, whitespace, digits
    if (buf[i] !== 0x6f || buf[i + 1] !== 0x62 || buf[i + 2] !== 0x6a) continue;
    let j = i - 1;
    if (j < 0 || !isWs(buf[j]!)) continue;
    while (j >= 0 && isWs(buf[j]!)) j--;
    const g = j;
    while (j >= 0 && isDigit(buf[j]!)) j--;
    if (j === g || j < 0 || !isWs(buf[j]!)) continue;
    while (j >= 0 && isWs(buf[j]!)) j--;
    const e = j;
    while (j >= 0 && isDigit(buf[j]!)) j--;
    if (j === e) continue;
    if (j >= 0 && !isWs(buf[j]!)) continue;
    let num = 0;
    for (let k = j + 1; k <= e; k++) num = num * 10 + buf[k]! - 48;
    idx.set(num, base + j + 1);
  }
  return idx;
}
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

class Lexer {
  pos = 0;
  constructor(readonly s: string) {}
  skip(): void {
    for (;;) {
      while (this.pos < this.s.length && /[\s\0]/.test(this.s[this.pos]!)) this.pos++;
      if (this.s[this.pos] === '%')
        while (this.pos < this.s.length && this.s[this.pos] !== '\n' && this.s[this.pos] !== '\r') this.pos++;
      else return;
    }
  }
  /** One token: a delimiter, a name, a number, a keyword. */
  token(): string | null {
    this.skip();
    if (this.pos >= this.s.length) return null;
    const c = this.s[this.pos]!;
    if (c === '<' && this.s[this.pos + 1] === '<') {
      this.pos += 2;
      return '<<';
    }
    if (c === '>' && this.s[this.pos + 1] === '>') {
      this.pos += 2;
      return '>>';
    }
    if (c === '[' || c === ']') {
      this.pos++;
      return c;
    }
    if (c === '(' || c === '<' || c === '{' || c === '}' || c === ')' || c === '>')
      throw new Error('unsupported token');
    const start = this.pos;
    this.pos++;
    while (this.pos < this.s.length && !/[\s\0()<>[\]{}/%]/.test(this.s[this.pos]!)) this.pos++;
    return this.s.slice(start, this.pos);
  }
  value(tok: string | null = this.token()): Obj {
    if (tok === null) throw new Error('end of data');
    if (tok === '<<') {
      const dict = new Map<string, Obj>();
      for (;;) {
        const k = this.token();
        if (k === '>>') return { dict };
        if (!k || k[0] !== '/') throw new Error('bad dict');
        dict.set(k.slice(1), this.value());
      }
    }
    if (tok === '[') {
      const arr: Obj[] = [];
      for (;;) {
        const t = this.token();
        if (t === ']') return arr;
        arr.push(this.value(t));
      }
    }
    if (tok[0] === '/') return { name: tok.slice(1) };
    if (tok === 'true' || tok === 'false') return tok === 'true';
    if (tok === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      // an indirect reference "N G R"?
      if (/^\d+$/.test(tok)) {
        const save = this.pos;
        const g = this.token();
        if (g && /^\d+$/.test(g)) {
          const r = this.token();
          if (r === 'R') return { ref: [Number(tok), Number(g)] };
        }
        this.pos = save;
      }
      return Number(tok);
    }
    throw new Error(`unexpected ${tok.slice(0, 10)}`);
  }
}

const isDict = (o: Obj | undefined): o is { dict: Map<string, Obj> } =>
  typeof o === 'object' && o !== null && 'dict' in o;
const isRef = (o: Obj | undefined): o is { ref: [number, number] } => typeof o === 'object' && o !== null && 'ref' in o;
const nameOf = (o: Obj | undefined) => (typeof o === 'object' && o !== null && 'name' in o ? o.name : undefined);

export class DirectPdf {
  constructor(
    private readonly fh: FileHandle,
    private readonly index: Map<number, number>,
    private readonly size: number,
  ) {}

  private async read(pos: number, len: number): Promise<Buffer> {
    const b = Buffer.alloc(Math.max(0, Math.min(len, this.size - pos)));
    if (b.length) await this.fh.read(b, 0, b.length, pos);
    return b;
  }

  /** An indirect object: its value and, for a stream, where its data starts. */
  private async object(ref: [number, number]): Promise<{ value: Obj; streamAt?: number }> {
    const at = this.index.get(ref[0]);
    if (at === undefined) return { value: await this.compressedObject(ref[0]) };
    const head = (await this.read(at, 8192)).toString('latin1');
    const lx = new Lexer(head);
    if (Number(lx.token()) !== ref[0] || Number(lx.token()) !== ref[1] || lx.token() !== 'obj')
      throw new Error('not the object');
    const value = lx.value();
    const save = lx.pos;
    if (lx.token() === 'stream') {
      let p = lx.pos;
      if (head[p] === '\r') p++;
      if (head[p] === '\n') p++;
      return { value, streamAt: at + p };
    }
    lx.pos = save;
    return { value };
  }

  /** Object streams (PDF 1.5): object number → the stream holding it, found on the first miss. */
  private inStream: Map<number, number> | undefined;
  private streams = new Map<number, { text: string; at: Map<number, number> }>();

  /** An object stored inside an object stream (a dictionary, never a stream itself). */
  private async compressedObject(num: number): Promise<Obj> {
    if (!this.inStream) {
      // Which indexed objects are object streams: their dictionaries are short, so 512 bytes tell.
      this.inStream = new Map();
      for (const [n, at] of this.index) {
        if (!/\/Type\s*\/ObjStm/.test((await this.read(at, 512)).toString('latin1'))) continue;
        const st = await this.objectStream(n).catch(() => undefined);
        for (const k of st?.at.keys() ?? []) this.inStream.set(k, n);
      }
    }
    const n = this.inStream.get(num);
    if (n === undefined) throw new Error('object not found');
    const st = await this.objectStream(n);
    const lx = new Lexer(st.text);
    lx.pos = st.at.get(num)!;
    return lx.value();
  }

  private async objectStream(n: number): Promise<{ text: string; at: Map<number, number> }> {
    const cached = this.streams.get(n);
    if (cached) return cached;
    const s = await this.streamData([n, 0]);
    const f = s.dict.get('Filter');
    if (s.dict.has('DecodeParms') || (f !== undefined && nameOf(f) !== 'FlateDecode'))
      throw new Error('unsupported object stream');
    const text = (f === undefined ? s.data : inflateSync(s.data, { maxOutputLength: MAX_INFLATED })).toString('latin1');
    const count = s.dict.get('N');
    const first = s.dict.get('First');
    if (typeof count !== 'number' || typeof first !== 'number' || count > 100_000) throw new Error('bad object stream');
    const head = new Lexer(text.slice(0, first));
    const at = new Map<number, number>();
    for (let i = 0; i < count; i++) at.set(Number(head.token()), first + Number(head.token()));
    if (this.streams.size >= 16) this.streams.clear();
    const st = { text, at };
    this.streams.set(n, st);
    return st;
  }

  private async resolve(o: Obj | undefined): Promise<Obj | undefined> {
    for (let k = 0; k < 8 && isRef(o); k++) o = (await this.object(o.ref)).value;
    return o;
  }

  private async streamData(ref: [number, number]): Promise<{ dict: Map<string, Obj>; data: Buffer }> {
    const { value, streamAt } = await this.object(ref);
    if (!isDict(value) || streamAt === undefined) throw new Error('not a stream');
    const len = await this.resolve(value.dict.get('Length'));
    if (typeof len !== 'number' || len <= 0 || streamAt + len > this.size) throw new Error('bad length');
    const data = await this.read(streamAt, len);
    const tail = (await this.read(streamAt + len, 32)).toString('latin1');
    if (!/^\s*endstream/.test(tail)) throw new Error('bad stream end');
    return { dict: value.dict, data };
  }

  /**
   * Every image the page can draw from its resources (and from its forms' resources), each with
   * the size a decoder would allocate for it: the image dictionary's, or for a JPEG its frame
   * header's when that is larger. null when this parser cannot tell (then pdfjs's own limit,
   * which sees only the dictionary, is all there is).
   */
  async imageSizes(pageRef: { num: number; gen: number }): Promise<{ width: number; height: number }[] | null> {
    try {
      let node = await this.resolve({ ref: [pageRef.num, pageRef.gen] });
      if (!isDict(node) || nameOf(node.dict.get('Type')) !== 'Page') return null;
      // Resources may be inherited from the page tree.
      let res = node.dict.get('Resources');
      for (let k = 0; k < 32 && res === undefined && isDict(node); k++) {
        node = await this.resolve(node.dict.get('Parent'));
        if (isDict(node)) res = node.dict.get('Resources');
      }
      const out: { width: number; height: number }[] = [];
      await this.collectImages(await this.resolve(res), out, new Set(), 0);
      return out;
    } catch {
      return null;
    }
  }

  private async collectImages(
    res: Obj | undefined,
    out: { width: number; height: number }[],
    seen: Set<number>,
    depth: number,
  ): Promise<void> {
    if (!isDict(res) || depth > 8) return;
    const xobjs = await this.resolve(res.dict.get('XObject'));
    if (!isDict(xobjs)) return;
    for (const v of xobjs.dict.values()) {
      if (!isRef(v) || seen.has(v.ref[0])) continue;
      if (seen.size >= 10_000) throw new Error('too many images');
      seen.add(v.ref[0]);
      const { value, streamAt } = await this.object(v.ref);
      if (!isDict(value)) continue;
      const d = value.dict;
      const sub = nameOf(d.get('Subtype'));
      if (sub === 'Form') {
        await this.collectImages(await this.resolve(d.get('Resources')), out, seen, depth + 1);
        continue;
      }
      if (sub !== 'Image') continue;
      const w = await this.resolve(d.get('Width'));
      const h = await this.resolve(d.get('Height'));
      if (typeof w !== 'number' || typeof h !== 'number') throw new Error('image without a size');
      let size = { width: w, height: h };
      const f = d.get('Filter');
      const filters = (Array.isArray(f) ? f : [f]).map(nameOf);
      const len = await this.resolve(d.get('Length'));
      if (
        filters[filters.length - 1] === 'DCTDecode' &&
        filters.length === 1 &&
        streamAt !== undefined &&
        typeof len === 'number'
      ) {
        const sof = await jpegFrameSize((pos, n) => this.read(pos, n), streamAt, Math.min(streamAt + len, this.size));
        if (sof && sof.width * sof.height > w * h) size = sof;
      }
      out.push(size);
    }
  }

  /**
   * The page as a greyscale image with its image unit-square matrix (in user space), or null when
   * the page is not the plain scanner case.
   */
  async page(pageRef: { num: number; gen: number }): Promise<{ img: GrayImage; m: number[] } | null> {
    try {
      const page = await this.resolve({ ref: [pageRef.num, pageRef.gen] });
      if (!isDict(page) || nameOf(page.dict.get('Type')) !== 'Page') return null;
      const res = await this.resolve(page.dict.get('Resources'));
      if (!isDict(res)) return null; // inherited resources: leave it to pdfjs
      const xobjs = await this.resolve(res.dict.get('XObject'));
      if (!isDict(xobjs)) return null;
      // Content: one stream (or an array of them), Flate or none.
      const contents = page.dict.get('Contents');
      const parts = Array.isArray(contents) ? contents : [contents];
      let text = '';
      for (const c of parts) {
        if (!isRef(c)) return null;
        const s = await this.streamData(c.ref);
        const f = s.dict.get('Filter');
        const fname = Array.isArray(f)
          ? f.length === 1
            ? nameOf(f[0])
            : 'many'
          : f === undefined
            ? undefined
            : nameOf(f);
        if (fname !== undefined && fname !== 'FlateDecode') return null;
        if (s.dict.has('DecodeParms')) return null;
        text += (fname ? inflateSync(s.data, { maxOutputLength: MAX_INFLATED }) : s.data).toString('latin1') + '\n';
      }
      // Only q, Q, cm and one Do.
      const lx = new Lexer(text);
      let ctm = [1, 0, 0, 1, 0, 0];
      const stack: number[][] = [];
      const ops: Obj[] = [];
      let image: { name: string; m: number[] } | undefined;
      for (let t = lx.token(); t !== null; t = lx.token()) {
        if (t === 'q') stack.push(ctm);
        else if (t === 'Q') ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        else if (t === 'cm') {
          if (ops.length !== 6 || !ops.every((v) => typeof v === 'number')) return null;
          ctm = multiply(ctm, ops as number[]);
        } else if (t === 'Do') {
          const nm = nameOf(ops[0]);
          if (ops.length !== 1 || !nm || image) return null;
          image = { name: nm, m: ctm };
        } else if (t[0] === '/' || /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) {
          ops.push(lx.value(t));
          continue;
        } else return null; // any other operator: not the plain case
        ops.length = 0;
      }
      if (!image) return null;
      const xref = xobjs.dict.get(image.name);
      if (!isRef(xref)) return null;
      const s = await this.streamData(xref.ref);
      const d = s.dict;
      if (nameOf(d.get('Subtype')) !== 'Image') return null;
      const f = d.get('Filter');
      const fname = Array.isArray(f) ? (f.length === 1 ? nameOf(f[0]) : 'many') : nameOf(f);
      if (fname !== 'DCTDecode') return null;
      for (const k of ['DecodeParms', 'SMask', 'Mask', 'Decode', 'ImageMask', 'SMaskInData']) if (d.has(k)) return null;
      const cs = nameOf(d.get('ColorSpace'));
      if (cs !== 'DeviceRGB' && cs !== 'DeviceGray') return null;
      if (d.get('BitsPerComponent') !== 8) return null;
      const W = d.get('Width');
      const H = d.get('Height');
      // The frame header must agree with the dictionary (a decoder allocates what the JPEG says).
      const sof = await jpegFrameSizeOf(s.data);
      if (!sof || sof.width !== W || sof.height !== H || W * H > MAX_INPUT_PIXELS) return null;
      const box = budgetBox(W, H);
      const img = await jpegToGray(s.data, cs === 'DeviceRGB' ? 3 : 1, box);
      if (!img || (!box && (img.width !== W || img.height !== H))) return null;
      return { img, m: image.m };
    } catch {
      return null;
    }
  }
}

/** Composes two PDF matrices [a b c d e f]: `a` applied after `b`. */
export function multiply(a: number[], b: number[]): number[] {
  return [
    a[0]! * b[0]! + a[2]! * b[1]!,
    a[1]! * b[0]! + a[3]! * b[1]!,
    a[0]! * b[2]! + a[2]! * b[3]!,
    a[1]! * b[2]! + a[3]! * b[3]!,
    a[0]! * b[4]! + a[2]! * b[5]! + a[4]!,
    a[1]! * b[4]! + a[3]! * b[5]! + a[5]!,
  ];
}

// Luma weights as for pdfjs-decoded images (decode.ts pdfImageToGray), by table.
const LR = Float64Array.from({ length: 256 }, (_, v) => 0.2126 * v);
const LG = Float64Array.from({ length: 256 }, (_, v) => 0.7152 * v);
const LB = Float64Array.from({ length: 256 }, (_, v) => 0.0722 * v);

/** A JPEG's pixels as greyscale, ignoring any EXIF orientation (as PDF viewers do). */
async function jpegToGray(
  jpeg: Uint8Array,
  channels: 1 | 3,
  box: { width: number; height: number } | null,
): Promise<GrayImage | null> {
  let pipe = sharp(jpeg, { failOn: 'none', limitInputPixels: MAX_INPUT_PIXELS });
  if (box) pipe = pipe.resize({ ...box, fit: 'inside' }); // shrink-on-load: never decoded whole
  const { data, info } = await pipe.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) return null;
  if (channels === 1)
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0, j = 0; i < out.length; i++, j += 3)
    out[i] = Math.round(LR[data[j]!]! + LG[data[j + 1]!]! + LB[data[j + 2]!]!);
  return { width: info.width, height: info.height, data: out };
}
