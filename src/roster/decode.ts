/**
 * Text decoding for CSV rosters beyond what iconv-lite does: UTF-8 with a few stray Windows-1252
 * bytes (an "é" typed into a UTF-8 file by Excel) is read as UTF-8 with only those bytes taken as
 * Windows-1252, and the first stray byte is found by line and column; UTF-16 without a BOM is told
 * from binary data by where its zero bytes fall.
 */
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

/**
 * The length of the valid UTF-8 sequence starting at `i` (1–4); 0 when the byte at `i` cannot start
 * one (a stray byte); -1 when the buffer ends inside a sequence that is valid so far.
 */
export function utf8Length(buf: Uint8Array, i: number): number {
  const b = buf[i]!;
  if (b < 0x80) return 1;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= buf.length) return -1;
    const c = buf[i + k]!;
    if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return 0;
  }
  return n;
}

let cp1252: string[] | undefined;
/** The character a single byte stands for in Windows-1252. */
export function cp1252Char(byte: number): string {
  cp1252 ??= Array.from({ length: 256 }, (_, b) => iconv.decode(Buffer.from([b]), 'win1252'));
  return cp1252[byte]!;
}

/** What the byte pass found in a file that is not valid UTF-8 throughout. */
export interface MixedScan {
  /** Valid multi-byte UTF-8 sequences. */
  utf8Sequences: number;
  /** Bytes that are not part of a valid UTF-8 sequence. */
  strayBytes: number;
  /** The first stray byte: 1-based line and column (in characters), and its value. */
  first?: { line: number; column: number; byte: number };
}

/** Counts valid UTF-8 sequences and stray bytes, and places the first stray byte. */
export async function scanMixed(path: string): Promise<MixedScan> {
  const out: MixedScan = { utf8Sequences: 0, strayBytes: 0 };
  let line = 1;
  let column = 1;
  let carry: Buffer = Buffer.alloc(0);
  let lastCr = false;
  const feed = (buf: Buffer, final: boolean): Buffer => {
    let i = 0;
    while (i < buf.length) {
      const b = buf[i]!;
      if (b < 0x80) {
        if (b === 0x0a) {
          if (!lastCr) line++;
          column = 1;
        } else if (b === 0x0d) {
          line++;
          column = 1;
        } else column++;
        lastCr = b === 0x0d;
        i++;
        continue;
      }
      lastCr = false;
      const n = utf8Length(buf, i);
      if (n === -1 && !final) return buf.subarray(i);
      if (n > 0) {
        out.utf8Sequences++;
        i += n;
      } else {
        if (out.strayBytes === 0) out.first = { line, column, byte: b };
        out.strayBytes++;
        i++;
      }
      column++;
    }
    return Buffer.alloc(0);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    carry = feed(carry.length ? Buffer.concat([carry, chunk]) : chunk, false);
  }
  if (carry.length) feed(carry, true);
  return out;
}

/**
 * Decodes UTF-8 bytes to text, each stray byte taken as Windows-1252. Unless `final`, an incomplete
 * sequence at the end is returned as `rest`, to be put before the next chunk.
 */
function decodeSome(buf: Buffer, final: boolean): { text: string; rest: Buffer } {
  let text = '';
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8Length(buf, i);
    if (n === -1 && !final) return { text: text + buf.toString('utf8', start, i), rest: Buffer.from(buf.subarray(i)) };
    if (n > 0) {
      i += n;
      continue;
    }
    text += buf.toString('utf8', start, i) + cp1252Char(buf[i]!);
    i++;
    start = i;
  }
  return { text: text + buf.toString('utf8', start, buf.length), rest: Buffer.alloc(0) };
}

/** decodeSome for a whole buffer. */
export function decodeMixed(buf: Buffer): string {
  return decodeSome(buf, true).text;
}

/** decodeSome as a stream: bytes in, text out. */
export class MixedDecoder extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  constructor() {
    super({ decodeStrings: true, encoding: 'utf8' });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const { text, rest } = decodeSome(this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk, false);
    this.carry = rest;
    done(null, text);
  }
  override _flush(done: TransformCallback): void {
    done(null, this.carry.length ? decodeMixed(this.carry) : '');
  }
}

/**
 * UTF-16 without a BOM: in text that is mostly Latin letters every other byte is zero. Little-endian
 * when the zeros fall on odd offsets, big-endian when on even ones; undefined for anything else.
 */
export function sniffUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= 0.6 * pairs && evenZero <= 0.05 * pairs) return 'utf-16le';
  if (evenZero >= 0.6 * pairs && oddZero <= 0.05 * pairs) return 'utf-16be';
  return undefined;
}
