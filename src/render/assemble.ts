/**
 * The combined files (lembar-ttd.pdf, pakta-integritas.pdf) assembled from the unit and signer PDFs
 * without drawing a page again: each part's pages and what they use (content streams, resources,
 * fonts, images) are copied object by object, renumbered, into one file, as the parts arrive.
 *
 * This reads only what PdfWriter (pdfkit) writes: one cross-reference table, each object as
 * "N 0 obj\n<<…>>[\nstream\n…\nendstream]\nendobj\n", a flat page tree, direct /Length values. The
 * skeleton — catalog, viewer preferences, names and document info, the combined file's own title —
 * comes from a PDF without pages that PdfWriter writes for the combined file.
 *
 * Each part embeds its own font subsets, so the combined file carries one subset per part (objects
 * that came out byte-identical, like the letterhead logo, are written once); their
 * six-letter subset tags are renamed to be unique in the combined file (PDF 32000-1 §9.6.4).
 * Deterministic: the same parts in the same order give the same bytes.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

interface PdfObject {
  /** The object's text up to its stream, or all of it (latin1: bytes as characters). */
  head: string;
  /** "\nstream\n…\nendstream\nendobj\n", verbatim; empty when the object has no stream. */
  tail: Uint8Array;
}

interface ParsedPdf {
  objects: Map<number, PdfObject>;
  /** Object numbers in file order. */
  order: number[];
  trailer: string;
  /** Everything before the first object (the header and its binary comment). */
  header: Uint8Array;
}

const enc = (s: string): Buffer => Buffer.from(s, 'latin1');

class PdfFormatError extends Error {
  constructor(what: string) {
    super(`combined PDF: unexpected part structure (${what})`);
  }
}

/** Reads a PdfWriter PDF into its objects. */
export function parsePdf(pdf: Uint8Array): ParsedPdf {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const sx = buf.lastIndexOf('startxref');
  if (sx < 0) throw new PdfFormatError('no startxref');
  const xrefAt = Number(/^startxref\s+(\d+)/.exec(buf.toString('latin1', sx, sx + 40))?.[1]);
  const table = buf.toString('latin1', xrefAt);
  const m = /^xref\s+0 (\d+)\s+/.exec(table);
  if (!m) throw new PdfFormatError('no cross-reference table');
  const count = Number(m[1]);
  const entries: { n: number; at: number }[] = [];
  for (let i = 1; i < count; i++) {
    const e = table.slice(m[0].length + i * 20, m[0].length + (i + 1) * 20);
    if (e[17] === 'n') entries.push({ n: i, at: Number(e.slice(0, 10)) });
  }
  const t = table.indexOf('trailer');
  if (t < 0) throw new PdfFormatError('no trailer');
  const trailer = table.slice(t);
  entries.sort((a, b) => a.at - b.at);
  const objects = new Map<number, PdfObject>();
  for (let i = 0; i < entries.length; i++) {
    const { n, at } = entries[i]!;
    const end = i + 1 < entries.length ? entries[i + 1]!.at : xrefAt;
    const slice = buf.subarray(at, end);
    const s = slice.indexOf('\nstream\n');
    const headLen = s < 0 ? slice.length : s;
    const head = slice.toString('latin1', 0, headLen);
    if (!head.startsWith(`${n} 0 obj`)) throw new PdfFormatError(`object ${n}`);
    objects.set(n, { head, tail: slice.subarray(headLen) });
  }
  return { objects, order: entries.map((e) => e.n), trailer, header: buf.subarray(0, entries[0]?.at ?? 0) };
}

/** Rewrites every indirect reference "N 0 R" outside (…) strings. */
function mapRefs(text: string, to: (n: number) => number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('(', i);
    const plain = open < 0 ? text.slice(i) : text.slice(i, open);
    out += plain.replace(/\b(\d+) 0 R\b/g, (_, n: string) => `${to(Number(n))} 0 R`);
    if (open < 0) break;
    let j = open + 1;
    for (let depth = 1; j < text.length && depth > 0; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    out += text.slice(open, j);
    i = j;
  }
  return out;
}

/** The references an object's text holds (outside strings). */
function refsOf(text: string): number[] {
  const refs: number[] = [];
  mapRefs(text, (n) => {
    refs.push(n);
    return n;
  });
  return refs;
}

/** The number after `key` in a dictionary's text ("/Root 3 0 R" → 3). */
function refAfter(text: string, key: string): number {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
  if (!m) throw new PdfFormatError(`no /${key}`);
  return Number(m[1]);
}

function kidsOf(pdf: ParsedPdf): number[] {
  const root = pdf.objects.get(refAfter(pdf.trailer, 'Root'));
  const pages = root && pdf.objects.get(refAfter(root.head, 'Pages'));
  const kids = pages && /\/Kids \[([^\]]*)\]/.exec(pages.head);
  if (!kids) throw new PdfFormatError('no page tree');
  return [...kids[1]!.matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
}

const PARENT = /\/Parent \d+ 0 R/;

/** A six-letter subset tag for the n-th font subset of the combined file. */
function subsetTag(n: number): string {
  let s = '';
  for (let i = 0; i < 6; i++) {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

/** Writes one combined PDF, part by part. */
export class PdfAssembler {
  private offset = 0;
  private next: number;
  private readonly offsets: number[] = [];
  private readonly kids: number[] = [];
  private tags = 0;
  /** Objects written, by the hash of their text (references renumbered) and stream. */
  private readonly written = new Map<string, number>();
  /** The skeleton's objects, renumbered 1..k, and the number of its page tree. */
  private readonly skeleton: ParsedPdf;
  private readonly skeletonNumbers = new Map<number, number>();
  private readonly pagesNumber: number;

  private constructor(
    private readonly fh: FileHandle,
    skeletonPdf: Uint8Array,
  ) {
    this.skeleton = parsePdf(skeletonPdf);
    const root = refAfter(this.skeleton.trailer, 'Root');
    const info = refAfter(this.skeleton.trailer, 'Info');
    // the catalog and what it reaches (page tree, names, viewer preferences), the info and its strings
    const seen = [root, info];
    for (let i = 0; i < seen.length; i++)
      for (const r of refsOf(this.skeleton.objects.get(seen[i]!)?.head.replace(/^\d+ 0 obj/, '') ?? ''))
        if (!seen.includes(r)) seen.push(r);
    for (const [i, n] of seen.entries()) this.skeletonNumbers.set(n, i + 1);
    this.pagesNumber = this.skeletonNumbers.get(refAfter(this.skeleton.objects.get(root)!.head, 'Pages'))!;
    this.next = seen.length + 1;
  }

  /** Starts the combined file; `skeleton` is a PdfWriter PDF without pages carrying its title. */
  static async create(file: string, skeleton: Uint8Array): Promise<PdfAssembler> {
    const fh = await open(file, 'w');
    const a = new PdfAssembler(fh, skeleton);
    await a.write([a.skeleton.header]);
    return a;
  }

  private async write(chunks: Uint8Array[]): Promise<void> {
    const buf = Buffer.concat(chunks);
    await this.fh.write(buf, 0, buf.length, this.offset);
    this.offset += buf.length;
  }

  /**
   * Appends every page of one part, in its order. What a page uses is written before the page; an
   * object whose text and stream equal one already written (the letterhead logo, a font subset that
   * came out the same) is not written again, its first copy is used.
   */
  async append(pdf: Uint8Array): Promise<void> {
    const part = parsePdf(pdf);
    const numbers = new Map<number, number>();
    const tags = new Map<string, string>();
    const chunks: Uint8Array[] = [];
    let at = this.offset;
    const resolve = (n: number, page: boolean): number => {
      const done = numbers.get(n);
      if (done !== undefined) {
        if (done < 0) throw new PdfFormatError('a reference cycle');
        return done;
      }
      const obj = part.objects.get(n);
      if (!obj) throw new PdfFormatError('a reference to a missing object');
      numbers.set(n, -1);
      let body = obj.head.replace(/^\d+ 0 obj/, '');
      if (page) body = body.replace(PARENT, '/Parent P');
      body = mapRefs(body, (r) => resolve(r, false));
      const key = page ? '' : createHash('sha1').update(body, 'latin1').update(obj.tail).digest('base64');
      const same = page ? undefined : this.written.get(key);
      if (same !== undefined) {
        numbers.set(n, same);
        return same;
      }
      const num = this.next++;
      numbers.set(n, num);
      if (!page) this.written.set(key, num);
      const head = enc(
        `${num} 0 obj` +
          body.replace('/Parent P', `/Parent ${this.pagesNumber} 0 R`).replace(/\/([A-Z]{6})\+/g, (_, tag: string) => {
            if (!tags.has(tag)) tags.set(tag, subsetTag(this.tags++));
            return `/${tags.get(tag)!}+`;
          }),
      );
      this.offsets[num] = at;
      at += head.length + obj.tail.length;
      chunks.push(head, obj.tail);
      return num;
    };
    for (const k of kidsOf(part)) this.kids.push(resolve(k, true));
    await this.write(chunks);
  }

  /** Writes the catalog, page tree, info and cross-reference table, and closes the file. */
  async finish(): Promise<void> {
    const chunks: Uint8Array[] = [];
    let at = this.offset;
    const map = (n: number) => this.skeletonNumbers.get(n) ?? 0;
    for (const [old, n] of this.skeletonNumbers) {
      const obj = this.skeleton.objects.get(old);
      if (!obj) throw new PdfFormatError('a reference to a missing object');
      const body =
        n === this.pagesNumber
          ? `\n<<\n/Type /Pages\n/Count ${this.kids.length}\n/Kids [${this.kids.map((k) => `${k} 0 R`).join(' ')}]\n>>\nendobj\n`
          : mapRefs(obj.head.replace(/^\d+ 0 obj/, ''), map);
      const bytes = Buffer.concat([enc(`${n} 0 obj${body}`), obj.tail]);
      this.offsets[n] = at;
      at += bytes.length;
      chunks.push(bytes);
    }
    const size = this.next;
    let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let n = 1; n < size; n++) xref += `${String(this.offsets[n] ?? 0).padStart(10, '0')} 00000 n \n`;
    const trailer = mapRefs(
      this.skeleton.trailer.replace(/\/Size \d+/, `/Size ${size}`).replace(/startxref\s+\d+/, `startxref\n${at}`),
      map,
    );
    chunks.push(enc(xref + trailer));
    await this.write(chunks);
    await this.fh.close();
  }

  /** Closes the file after a failure (the staging folder it is in is removed). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
  }
}
