/**
 * The document markup: the XML-like text that templates emit, parsed into Block[] (src/model/markup.ts).
 *
 * A deliberately small, strict parser: elements, attributes in double or single quotes, text, comments
 * `<!-- -->`, and the entities Handlebars' escaping produces (&amp; &lt; &gt; &quot; &#x27; &#39;
 * &#x60; &#x3D;) plus any numeric one, so `Ma'ruf & Sons <Jr>` inserted with `{{name}}` comes out
 * exactly as written. Every mistake is reported as a Problem with the template file and line.
 *
 * Line tracking: the template engine inserts invisible position markers (`\u0001<file>:<line>\u0002`)
 * at the start of every template line, so positions refer to the template source (also inside
 * partials and `{{#each}}` loops). Without markers, lines are counted in the markup text itself.
 */
import type { Align, Block, GridCell, MarkupDocument, Run, SignatureBlock, SigningRow, SourceRef, TableColumn, TableRow } from '../model/markup.js';
import { DOCUMENT_KINDS } from '../model/documents.js';
import type { SigningTableWords } from '../model/wording.js';
import { IkrarError, type Problem } from '../model/problems.js';

export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

export interface LetterheadDefault {
  lines: { text: string; size: number; bold: boolean }[];
  logo?: string;
}

export interface ParseOptions {
  /** File name used in SourceRefs and problems when the text carries no position markers. */
  file: string;
  /** File names by index, for position markers `\u0001<index>:<line>\u0002`. */
  files?: string[];
  /** What a bare `<letterhead/>` is filled with (from the event). */
  letterhead?: LetterheadDefault;
}

// ---------------------------------------------------------------------------------------------
// Tokenising into a tree

interface Pos {
  file: string;
  line: number;
}
interface El {
  name: string;
  attrs: Map<string, string>;
  children: Node[];
  src: Pos;
  selfClosing: boolean;
}
type Node = El | { text: string; src: Pos };

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

class ParseFail extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

class Reader {
  i = 0;
  file: string;
  line = 1;
  constructor(
    readonly s: string,
    readonly opts: ParseOptions,
  ) {
    this.file = opts.file;
  }
  get pos(): Pos {
    return { file: this.file, line: this.line };
  }
  eof(): boolean {
    return this.i >= this.s.length;
  }
  peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }
  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i);
  }
  /** Consumes a position marker at the cursor, if any. */
  marker(): boolean {
    if (this.s[this.i] !== MARK_OPEN) return false;
    const end = this.s.indexOf(MARK_CLOSE, this.i);
    if (end < 0) return false;
    const m = /^(\d+):(\d+)$/.exec(this.s.slice(this.i + 1, end));
    if (!m) return false;
    this.file = this.opts.files?.[Number(m[1])] ?? this.opts.file;
    this.line = Number(m[2]);
    this.i = end + 1;
    return true;
  }
  /** Next character, with line counting. */
  next(): string {
    const c = this.s[this.i++]!;
    if (c === '\n') this.line++;
    return c;
  }
  skipSpace(): void {
    while (!this.eof()) {
      if (this.marker()) continue;
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.next();
      else break;
    }
  }
}

function decodeEntity(r: Reader): string {
  // at '&'
  const start = r.pos;
  const semi = r.s.indexOf(';', r.i);
  const body = semi > r.i && semi - r.i <= 12 ? r.s.slice(r.i + 1, semi) : '';
  let out: string | undefined;
  if (/^#x[0-9a-fA-F]+$/.test(body)) out = safeCodePoint(parseInt(body.slice(2), 16));
  else if (/^#\d+$/.test(body)) out = safeCodePoint(parseInt(body.slice(1), 10));
  else if (Object.hasOwn(NAMED_ENTITIES, body)) out = NAMED_ENTITIES[body];
  if (out === undefined) {
    throw new ParseFail(start, `"&" starts no known entity`, 'write &amp; for a literal "&" (or use {{…}}, which escapes it)');
  }
  r.i = semi + 1;
  return out;
}

function safeCodePoint(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

const NAME_RE = /[A-Za-z][A-Za-z0-9-]*/y;

function readName(r: Reader): string {
  NAME_RE.lastIndex = r.i;
  const m = NAME_RE.exec(r.s);
  if (!m) return '';
  r.i += m[0].length;
  return m[0];
}

function readTag(r: Reader): { kind: 'open' | 'close'; el: El } {
  const src = r.pos;
  r.next(); // <
  const closing = r.peek() === '/';
  if (closing) r.next();
  const name = readName(r);
  if (!name) throw new ParseFail(src, `"<" starts no element`, 'write &lt; for a literal "<" (or use {{…}}, which escapes it)');
  const attrs = new Map<string, string>();
  const el: El = { name, attrs, children: [], src, selfClosing: false };
  for (;;) {
    r.skipSpace();
    if (r.eof()) throw new ParseFail(src, `<${closing ? '/' : ''}${name}> is not closed with ">"`);
    const c = r.peek();
    if (c === '>') {
      r.next();
      return { kind: closing ? 'close' : 'open', el };
    }
    if (c === '/' && r.peek(1) === '>' && !closing) {
      r.i += 2;
      el.selfClosing = true;
      return { kind: 'open', el };
    }
    if (closing) throw new ParseFail(r.pos, `unexpected "${c}" in </${name}>`);
    const attrPos = r.pos;
    const an = readName(r);
    if (!an) throw new ParseFail(attrPos, `unexpected "${c}" in <${name}>`, 'attributes look like name="value"');
    r.skipSpace();
    if (r.peek() !== '=') throw new ParseFail(attrPos, `attribute ${an} of <${name}> has no value`, `write ${an}="…"`);
    r.next();
    r.skipSpace();
    const q = r.peek();
    if (q !== '"' && q !== "'") throw new ParseFail(attrPos, `value of attribute ${an} of <${name}> is not in quotes`, `write ${an}="…"`);
    r.next();
    let v = '';
    for (;;) {
      if (r.eof()) throw new ParseFail(attrPos, `value of attribute ${an} of <${name}> has no closing quote`);
      if (r.marker()) continue;
      const ch = r.peek();
      if (ch === q) {
        r.next();
        break;
      }
      if (ch === '&') v += decodeEntity(r);
      else if (ch === '<') throw new ParseFail(r.pos, `"<" inside the value of attribute ${an} of <${name}>`, 'write &lt;');
      else v += r.next();
    }
    if (attrs.has(an)) throw new ParseFail(attrPos, `attribute ${an} given twice in <${name}>`);
    attrs.set(an, v);
  }
}

function tokenize(text: string, opts: ParseOptions): Node[] {
  const r = new Reader(text, opts);
  const root: El = { name: '#root', attrs: new Map(), children: [], src: r.pos, selfClosing: false };
  const stack: El[] = [root];
  let buf = '';
  let bufPos: Pos = r.pos;
  const flush = () => {
    if (buf) stack[stack.length - 1]!.children.push({ text: buf, src: bufPos });
    buf = '';
  };
  while (!r.eof()) {
    if (r.marker()) continue;
    const c = r.peek();
    if (c === '<') {
      if (r.startsWith('<!--')) {
        const start = r.pos;
        const end = r.s.indexOf('-->', r.i + 4);
        if (end < 0) throw new ParseFail(start, 'comment "<!--" is never closed with "-->"');
        while (r.i < end + 3) if (!r.marker()) r.next();
        continue;
      }
      flush();
      const { kind, el } = readTag(r);
      const top = stack[stack.length - 1]!;
      if (kind === 'open') {
        top.children.push(el);
        if (!el.selfClosing) stack.push(el);
      } else {
        if (top === root) throw new ParseFail(el.src, `</${el.name}> closes nothing`);
        if (top.name !== el.name) {
          throw new ParseFail(el.src, `</${el.name}> found where </${top.name}> was expected`, `<${top.name}> opened on line ${top.src.line} is not closed`);
        }
        stack.pop();
      }
      continue;
    }
    if (!buf) bufPos = r.pos;
    if (c === '&') buf += decodeEntity(r);
    else if (c === '>') buf += r.next(); // a lone ">" in text is harmless
    else buf += r.next();
  }
  flush();
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    throw new ParseFail(open.src, `<${open.name}> is never closed`, `add </${open.name}>`);
  }
  return root.children;
}

// ---------------------------------------------------------------------------------------------
// Tree → blocks

const WS = /[ \t\r\n]+/g;

class Builder {
  problems: Problem[] = [];
  constructor(readonly opts: ParseOptions) {}

  fail(pos: Pos, message: string, hint?: string, field?: string): void {
    const p: Problem = { severity: 'error', code: 'template-markup', file: pos.file, line: pos.line, message };
    if (hint) p.hint = hint;
    if (field) p.field = field;
    this.problems.push(p);
  }

  ref(pos: Pos): SourceRef {
    return { file: pos.file, line: pos.line };
  }

  /** Checks attributes: reports unknown ones; returns a getter. */
  attrs(el: El, allowed: string[]): Map<string, string> {
    for (const k of el.attrs.keys()) {
      if (!allowed.includes(k)) {
        this.fail(el.src, `<${el.name}> has no attribute "${k}"`, allowed.length ? `allowed: ${allowed.join(', ')}` : `<${el.name}> takes no attributes`);
      }
    }
    return el.attrs;
  }

  /** A length: "12" or "12pt" (points), "5mm", "1.5cm". */
  length(el: El, name: string): number | undefined {
    const v = el.attrs.get(name);
    if (v === undefined) return undefined;
    const m = /^\s*(\d+(?:\.\d+)?)\s*(pt|mm|cm)?\s*$/.exec(v);
    if (!m) {
      this.fail(el.src, `attribute ${name}="${v}" of <${el.name}> is not a length`, 'write a number of points like "12", or "5mm" / "1.5cm"');
      return undefined;
    }
    const n = Number(m[1]);
    const unit = m[2] ?? 'pt';
    return unit === 'pt' ? n : unit === 'mm' ? (n * 72) / 25.4 : (n * 720) / 25.4;
  }

  number(el: El, name: string, min: number, max: number): number | undefined {
    const v = el.attrs.get(name);
    if (v === undefined) return undefined;
    const n = Number(v.trim());
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      this.fail(el.src, `attribute ${name}="${v}" of <${el.name}> must be a number from ${min} to ${max}`);
      return undefined;
    }
    return n;
  }

  /** Wording an attribute sets (spaces collapsed); undefined when absent or empty, so the default stands. */
  words(el: El, name: string): string | undefined {
    const v = (el.attrs.get(name) ?? '').replace(WS, ' ').trim();
    return v || undefined;
  }

  bool(el: El, name: string): boolean | undefined {
    const v = el.attrs.get(name);
    if (v === undefined) return undefined;
    const t = v.trim().toLowerCase();
    if (['true', 'yes', 'ya', '1'].includes(t)) return true;
    if (['false', 'no', 'tidak', '0', ''].includes(t)) return false;
    this.fail(el.src, `attribute ${name}="${v}" of <${el.name}> must be true or false`);
    return undefined;
  }

  choice<T extends string>(el: El, name: string, values: readonly T[]): T | undefined {
    const v = el.attrs.get(name);
    if (v === undefined) return undefined;
    const t = v.trim().toLowerCase() as T;
    if (!values.includes(t)) {
      this.fail(el.src, `attribute ${name}="${v}" of <${el.name}> must be one of: ${values.join(', ')}`);
      return undefined;
    }
    return t;
  }

  align(el: El): Align | undefined {
    return this.choice(el, 'align', ['left', 'center', 'right', 'justify'] as const);
  }

  /** Inline content: text with <b>, <i>, <u>; whitespace collapsed and trimmed at the ends. */
  runs(el: El): Run[] {
    const out: Run[] = [];
    const walk = (nodes: Node[], style: { bold?: boolean; italic?: boolean; underline?: boolean }) => {
      for (const n of nodes) {
        if (!('name' in n)) {
          const text = n.text.replace(WS, ' ');
          if (!text) continue;
          const last = out[out.length - 1];
          if (last && !!last.bold === !!style.bold && !!last.italic === !!style.italic && !!last.underline === !!style.underline) {
            last.text += text;
          } else {
            const run: Run = { text };
            if (style.bold) run.bold = true;
            if (style.italic) run.italic = true;
            if (style.underline) run.underline = true;
            out.push(run);
          }
          continue;
        }
        if (n.name === 'b' || n.name === 'i' || n.name === 'u') {
          this.attrs(n, []);
          const s = { ...style };
          if (n.name === 'b') s.bold = true;
          if (n.name === 'i') s.italic = true;
          if (n.name === 'u') s.underline = true;
          walk(n.children, s);
        } else {
          this.fail(n.src, `<${n.name}> cannot stand inside <${el.name}>`, 'inside text only <b>, <i> and <u> are allowed');
        }
      }
    };
    walk(el.children, {});
    // trim the ends, drop runs that became empty
    if (out.length) {
      out[0]!.text = out[0]!.text.replace(/^ +/, '');
      out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/ +$/, '');
    }
    return out.filter((r) => r.text.length > 0);
  }

  plain(el: El): string {
    return this.runs(el)
      .map((r) => r.text)
      .join('');
  }

  /** Children that must all be elements (whitespace text allowed). */
  elements(el: El, allowed: string[]): El[] {
    const out: El[] = [];
    for (const n of el.children) {
      if (!('name' in n)) {
        if (n.text.replace(WS, '') !== '') {
          const snippet = n.text.replace(WS, ' ').trim().slice(0, 40);
          this.fail(n.src, `text "${snippet}" cannot stand directly inside <${el.name}>`, allowed.length ? `put it inside one of: ${allowed.map((a) => `<${a}>`).join(', ')}` : undefined);
        }
        continue;
      }
      if (!allowed.includes(n.name)) {
        const known = KNOWN.has(n.name);
        this.fail(
          n.src,
          known ? `<${n.name}> cannot stand inside <${el.name}>` : `unknown element <${n.name}>`,
          allowed.length ? `inside <${el.name}> allowed: ${allowed.map((a) => `<${a}>`).join(', ')}` : `<${el.name}> has no elements inside`,
        );
        continue;
      }
      out.push(n);
    }
    return out;
  }

  document(nodes: Node[]): MarkupDocument | undefined {
    const root: El = { name: '#root', attrs: new Map(), children: nodes, src: { file: this.opts.file, line: 1 }, selfClosing: false };
    const docs = this.elements(root, ['document']);
    if (docs.length !== 1) {
      if (docs.length === 0) this.fail(root.src, 'the template produced no <document> element', 'wrap the whole template in <document kind="…">…</document>');
      else this.fail(docs[1]!.src, 'more than one <document> element', 'a template produces exactly one <document>');
      return undefined;
    }
    const d = docs[0]!;
    this.attrs(d, ['kind', 'footer', 'page-numbers', 'page-label', 'unit']);
    const kindRaw = d.attrs.get('kind');
    let kind: MarkupDocument['kind'] = 'script';
    if (kindRaw === undefined) this.fail(d.src, '<document> needs kind="sheets", "script", "pakta", "berita" or "deklarasi"');
    else {
      const k = this.choice(d, 'kind', DOCUMENT_KINDS);
      if (k) kind = k;
    }
    const doc: MarkupDocument = { kind, pageNumbers: this.bool(d, 'page-numbers') ?? false, blocks: [] };
    const footer = d.attrs.get('footer');
    if (footer !== undefined && footer.trim()) doc.footer = footer.replace(WS, ' ').trim();
    const unit = d.attrs.get('unit');
    if (unit !== undefined && unit.trim()) doc.unit = unit.replace(WS, ' ').trim();
    assign(doc, 'pageLabel', this.words(d, 'page-label'));
    for (const el of this.elements(d, BLOCKS)) {
      const b = this.block(el);
      if (b) doc.blocks.push(b);
    }
    return doc;
  }

  block(el: El): Block | undefined {
    const src = this.ref(el.src);
    switch (el.name) {
      case 'letterhead':
        return this.letterhead(el);
      case 'heading': {
        this.attrs(el, ['size', 'align', 'space-before', 'space-after']);
        const b: Extract<Block, { type: 'heading' }> = { type: 'heading', src, runs: this.runs(el) };
        assign(b, 'size', this.number(el, 'size', 4, 72));
        assign(b, 'align', this.align(el));
        assign(b, 'spaceBefore', this.length(el, 'space-before'));
        assign(b, 'spaceAfter', this.length(el, 'space-after'));
        return b;
      }
      case 'p': {
        this.attrs(el, ['size', 'align', 'indent', 'first-indent', 'line-height', 'space-before', 'space-after', 'keep-with-next']);
        const b: Extract<Block, { type: 'paragraph' }> = { type: 'paragraph', src, runs: this.runs(el) };
        assign(b, 'size', this.number(el, 'size', 4, 72));
        assign(b, 'align', this.align(el));
        assign(b, 'indent', this.length(el, 'indent'));
        assign(b, 'firstIndent', this.length(el, 'first-indent'));
        assign(b, 'lineHeight', this.number(el, 'line-height', 0.8, 3));
        assign(b, 'spaceBefore', this.length(el, 'space-before'));
        assign(b, 'spaceAfter', this.length(el, 'space-after'));
        assign(b, 'keepWithNext', this.bool(el, 'keep-with-next'));
        return b;
      }
      case 'list': {
        this.attrs(el, ['style', 'size', 'indent', 'line-height', 'space-after']);
        const style = this.choice(el, 'style', ['decimal', 'alpha', 'none'] as const) ?? 'decimal';
        const b: Extract<Block, { type: 'list' }> = { type: 'list', src, style, items: [] };
        for (const it of this.elements(el, ['item'])) {
          this.attrs(it, []);
          b.items.push(this.runs(it));
        }
        assign(b, 'size', this.number(el, 'size', 4, 72));
        assign(b, 'indent', this.length(el, 'indent'));
        assign(b, 'lineHeight', this.number(el, 'line-height', 0.8, 3));
        assign(b, 'spaceAfter', this.length(el, 'space-after'));
        return b;
      }
      case 'fields': {
        this.attrs(el, ['size', 'label-width', 'indent']);
        const b: Extract<Block, { type: 'fields' }> = { type: 'fields', src, rows: [] };
        for (const f of this.elements(el, ['field'])) {
          this.attrs(f, ['label']);
          const label = f.attrs.get('label');
          if (label === undefined) this.fail(f.src, '<field> needs a label="…"');
          b.rows.push({ label: (label ?? '').replace(WS, ' ').trim(), value: this.runs(f) });
        }
        assign(b, 'size', this.number(el, 'size', 4, 72));
        assign(b, 'labelWidth', this.length(el, 'label-width'));
        assign(b, 'indent', this.length(el, 'indent'));
        return b;
      }
      case 'signatures':
        return this.signatures(el);
      case 'signing-table': {
        this.attrs(el, ['unit', 'size', ...Object.keys(SIGNING_TABLE_WORDS)]);
        const unit = el.attrs.get('unit');
        if (unit === undefined) this.fail(el.src, '<signing-table> needs unit="…"');
        const b: Extract<Block, { type: 'signing-table' }> = { type: 'signing-table', src, unit: (unit ?? '').replace(WS, ' ').trim(), rows: [] };
        assign(b, 'size', this.number(el, 'size', 4, 72));
        for (const [attr, field] of Object.entries(SIGNING_TABLE_WORDS)) assign(b, field, this.words(el, attr));
        for (const r of this.elements(el, ['row'])) {
          const row = this.row(r, b.rows.length + 1);
          if (row) b.rows.push(row);
        }
        return b;
      }
      case 'table':
        return this.table(el);
      case 'signature-grid':
        return this.signatureGrid(el);
      case 'spacer': {
        this.attrs(el, ['height']);
        this.noContent(el);
        const h = this.length(el, 'height');
        if (h === undefined && !el.attrs.has('height')) this.fail(el.src, '<spacer> needs height="…"', 'for example height="12" (points) or height="1cm"');
        return { type: 'spacer', src, height: h ?? 0 };
      }
      case 'pagebreak':
        this.attrs(el, []);
        this.noContent(el);
        return { type: 'pagebreak', src };
    }
    return undefined;
  }

  /** A length that may also be "*" (an equal share of what is left); undefined for "*". */
  private widthToken(el: El, token: string): number | undefined | null {
    if (token === '*') return undefined;
    const m = /^(\d+(?:\.\d+)?)(pt|mm|cm)?$/.exec(token);
    if (!m) {
      this.fail(el.src, `widths="${el.attrs.get('widths')}" of <table>: "${token}" is not a length or *`, 'e.g. widths="1cm * 2.5cm 2.5cm": points, mm or cm, and * for the rest');
      return null;
    }
    const n = Number(m[1]);
    const unit = m[2] ?? 'pt';
    return unit === 'pt' ? n : unit === 'mm' ? (n * 72) / 25.4 : (n * 720) / 25.4;
  }

  table(el: El): Block {
    this.attrs(el, ['widths', 'align', 'size', 'space-after']);
    const src = this.ref(el.src);
    const aligns = ['left', 'center', 'right', 'justify'] as const;
    const widthTokens = (el.attrs.get('widths') ?? '').split(/[\s,]+/).filter(Boolean);
    const alignTokens = (el.attrs.get('align') ?? '').split(/[\s,]+/).filter(Boolean);
    const rows: TableRow[] = [];
    const trs = this.elements(el, ['tr']);
    for (const tr of trs) {
      this.attrs(tr, ['header', 'bold']);
      const header = this.bool(tr, 'header') ?? false;
      const row: TableRow = { cells: [], header, bold: this.bool(tr, 'bold') ?? header };
      for (const td of this.elements(tr, ['td'])) {
        this.attrs(td, ['align', 'span']);
        const cell: TableRow['cells'][number] = { runs: this.runs(td), span: this.number(td, 'span', 1, 50) ?? 1 };
        if (!Number.isInteger(cell.span)) cell.span = Math.round(cell.span);
        assign(cell, 'align', this.align(td));
        row.cells.push(cell);
      }
      rows.push(row);
    }
    const spanOf = (r: TableRow) => r.cells.reduce((n, c) => n + c.span, 0);
    const n = widthTokens.length || alignTokens.length || Math.max(0, ...rows.map(spanOf));
    if (widthTokens.length && alignTokens.length && widthTokens.length !== alignTokens.length) {
      this.fail(el.src, `<table> has ${widthTokens.length} widths but ${alignTokens.length} alignments`, 'give one width and one alignment per column');
    }
    const columns: TableColumn[] = [];
    for (let i = 0; i < n; i++) {
      const col: TableColumn = { align: 'left' };
      const w = widthTokens[i] !== undefined ? this.widthToken(el, widthTokens[i]!) : undefined;
      if (typeof w === 'number') col.width = w;
      const a = alignTokens[i];
      if (a !== undefined) {
        if ((aligns as readonly string[]).includes(a.toLowerCase())) col.align = a.toLowerCase() as TableColumn['align'];
        else this.fail(el.src, `align="${el.attrs.get('align')}" of <table>: "${a}" is not left, center, right or justify`);
      }
      columns.push(col);
    }
    if (n === 0) this.fail(el.src, '<table> has no columns', 'write <tr><td>…</td></tr> rows, and widths="…" for the columns');
    rows.forEach((r, i) => {
      const span = spanOf(r);
      if (span !== n) {
        this.fail(trs[i]?.src ?? el.src, `this <tr> has ${span} cell${span === 1 ? '' : 's'} but the table has ${n} columns`, 'every row needs one <td> per column (span="2" covers two)');
      }
    });
    const b: Extract<Block, { type: 'table' }> = { type: 'table', src, columns, rows };
    assign(b, 'size', this.number(el, 'size', 4, 72));
    assign(b, 'spaceAfter', this.length(el, 'space-after'));
    return b;
  }

  /** <signature-grid columns="3"> with <cell key= nip= number= name= position= institution= rank= id-text=/> … */
  signatureGrid(el: El): Block {
    this.attrs(el, ['columns', 'size', 'space']);
    const src = this.ref(el.src);
    const b: Extract<Block, { type: 'signature-grid' }> = { type: 'signature-grid', src, columns: 3, cells: [] };
    const cols = this.number(el, 'columns', 1, 4);
    if (cols !== undefined) b.columns = Math.round(cols);
    assign(b, 'size', this.number(el, 'size', 4, 72));
    assign(b, 'space', this.length(el, 'space'));
    for (const c of this.elements(el, ['cell'])) {
      this.attrs(c, ['key', 'nip', 'number', 'name', 'position', 'institution', 'rank', 'id-text']);
      this.noContent(c);
      const get = (k: string) => (c.attrs.get(k) ?? '').replace(WS, ' ').trim();
      const key = get('key');
      if (!key) {
        this.fail(c.src, '<cell> needs key="…"', 'the person key ties the signature box to the person in manifest.json');
        continue;
      }
      const nip = get('nip').replace(/\s/g, '');
      if (nip && !/^\d+$/.test(nip)) this.fail(c.src, `<cell> nip="${nip}" must hold digits only`);
      const defaultNumber = b.cells.length + 1;
      const number = c.attrs.has('number') ? this.number(c, 'number', 1, 1_000_000) : defaultNumber;
      const cell: GridCell = { key, nip: nip || null, number: number ?? defaultNumber, name: get('name'), position: get('position'), institution: get('institution') };
      if (get('rank')) cell.rank = get('rank');
      if (get('id-text')) cell.idText = get('id-text');
      b.cells.push(cell);
    }
    return b;
  }

  noContent(el: El): void {
    this.elements(el, []);
  }

  letterhead(el: El): Block {
    this.attrs(el, ['logo']);
    const src = this.ref(el.src);
    const logoAttr = el.attrs.get('logo');
    const custom = this.elements(el, ['line']);
    const b: Extract<Block, { type: 'letterhead' }> = { type: 'letterhead', src, lines: [] };
    if (custom.length) {
      for (const l of custom) {
        this.attrs(l, ['size', 'bold']);
        b.lines.push({ text: this.plain(l), size: this.number(l, 'size', 4, 72) ?? 12, bold: this.bool(l, 'bold') ?? false });
      }
    } else if (this.opts.letterhead) {
      b.lines = this.opts.letterhead.lines.map((l) => ({ ...l }));
    } else {
      this.fail(el.src, '<letterhead/> has nothing to show', 'the event gives no government or office name; write the lines as <line size="14" bold="true">…</line>');
    }
    const noLogo = logoAttr !== undefined && ['none', 'false', 'no', 'tidak', ''].includes(logoAttr.trim().toLowerCase());
    if (!noLogo) {
      const logo = logoAttr !== undefined && logoAttr.trim() !== 'event' ? logoAttr.trim() : this.opts.letterhead?.logo;
      if (logo) b.logo = logo;
    }
    return b;
  }

  signatures(el: El): Block {
    this.attrs(el, ['place-date', 'meterai', 'meterai-label', 'meterai-value', 'space', 'size', 'signer']);
    const src = this.ref(el.src);
    const b: Extract<Block, { type: 'signatures' }> = { type: 'signatures', src };
    const pd = el.attrs.get('place-date');
    if (pd !== undefined && pd.trim()) b.placeDate = pd.replace(WS, ' ').trim();
    assign(b, 'meterai', this.bool(el, 'meterai'));
    assign(b, 'meteraiLabel', this.words(el, 'meterai-label'));
    assign(b, 'meteraiValue', this.words(el, 'meterai-value'));
    assign(b, 'space', this.length(el, 'space'));
    assign(b, 'size', this.number(el, 'size', 4, 72));
    const signer = el.attrs.get('signer');
    if (signer !== undefined && signer.trim()) b.signerKey = signer.trim();
    const sides = this.elements(el, ['left', 'right']);
    for (const side of sides) {
      this.attrs(side, []);
      const key = side.name as 'left' | 'right';
      if (b[key]) {
        this.fail(side.src, `<signatures> has two <${key}> blocks`);
        continue;
      }
      b[key] = this.signatureBlock(side);
    }
    if (!b.left && !b.right) this.fail(el.src, '<signatures> needs a <left> or a <right> block');
    return b;
  }

  signatureBlock(el: El): SignatureBlock {
    const block: SignatureBlock = { title: [], name: '' };
    let haveName = false;
    for (const c of this.elements(el, ['title', 'name', 'rank', 'nip', 'nrp'])) {
      this.attrs(c, []);
      const text = this.plain(c);
      if (c.name === 'title') block.title.push(text);
      else if (c.name === 'name') {
        if (haveName) this.fail(c.src, `<${el.name}> has two <name> elements`);
        haveName = true;
        block.name = text;
      } else if (c.name === 'rank') {
        if (text) block.rank = text;
      } else if (c.name === 'nrp') {
        const digits = text.replace(/[\s.\-/]/g, '').replace(/^NRP/i, '');
        if (digits && !/^\d+$/.test(digits)) this.fail(c.src, `<nrp> must hold digits only, got "${text}"`, 'the layout prints "NRP. " itself');
        else if (digits) block.nrp = digits;
      } else {
        const digits = text.replace(/[\s.]/g, '').replace(/^NIP/i, '');
        if (digits && !/^\d+$/.test(digits)) this.fail(c.src, `<nip> must hold digits only, got "${text}"`, 'the layout prints "NIP. " and the spaced form itself');
        else if (digits) block.nip = digits;
      }
    }
    if (!haveName) this.fail(el.src, `<${el.name}> needs a <name>`);
    return block;
  }

  row(el: El, defaultNumber: number): SigningRow | undefined {
    this.attrs(el, ['key', 'nip', 'number', 'name', 'nip-text', 'rank', 'position']);
    this.noContent(el);
    const get = (k: string) => (el.attrs.get(k) ?? '').replace(WS, ' ').trim();
    const key = get('key');
    if (!key) {
      this.fail(el.src, '<row> needs key="…"', 'the person key ties the signature box to the person in manifest.json');
      return undefined;
    }
    const nip = get('nip').replace(/\s/g, '');
    if (nip && !/^\d+$/.test(nip)) this.fail(el.src, `<row> nip="${nip}" must hold digits only`);
    const number = el.attrs.has('number') ? this.number(el, 'number', 1, 1_000_000) : defaultNumber;
    return {
      key,
      nip: nip || null,
      number: number ?? defaultNumber,
      name: get('name'),
      nipText: get('nip-text') || (nip ? nip : '-'),
      rank: get('rank') || '-',
      position: get('position'),
    };
  }
}

/** The attribute that sets each of the signing table's words (src/model/wording.ts). */
const SIGNING_TABLE_WORDS: Record<string, keyof SigningTableWords> = {
  'unit-label': 'unitLabel',
  'no-header': 'noHeader',
  'name-header': 'nameHeader',
  'id-header': 'idHeader',
  'rank-header': 'rankHeader',
  'position-header': 'positionHeader',
  'sign-header': 'signHeader',
};

function assign<T extends object, K extends keyof T>(obj: T, key: K, v: T[K] | undefined): void {
  if (v !== undefined) obj[key] = v;
}

const BLOCKS = ['letterhead', 'heading', 'p', 'list', 'fields', 'signatures', 'signing-table', 'table', 'signature-grid', 'spacer', 'pagebreak'];
const KNOWN = new Set([...BLOCKS, 'document', 'b', 'i', 'u', 'item', 'field', 'left', 'right', 'title', 'name', 'rank', 'nip', 'nrp', 'row', 'line', 'tr', 'td', 'cell']);

/** Parses markup text; returns the document or every problem found. */
export function parseMarkupProblems(text: string, opts: ParseOptions): { doc?: MarkupDocument; problems: Problem[] } {
  let nodes: Node[];
  try {
    nodes = tokenize(text, opts);
  } catch (e) {
    if (e instanceof ParseFail) {
      const p: Problem = { severity: 'error', code: 'template-markup', file: e.pos.file, line: e.pos.line, message: e.message };
      if (e.hint) p.hint = e.hint;
      return { problems: [p] };
    }
    throw e;
  }
  const b = new Builder(opts);
  const doc = b.document(nodes);
  if (b.problems.length) return { problems: b.problems };
  return { doc: doc!, problems: [] };
}

/** Parses markup text into a MarkupDocument; throws IkrarError with every problem (file:line). */
export function parseMarkup(text: string, opts: ParseOptions): MarkupDocument {
  const { doc, problems } = parseMarkupProblems(text, opts);
  if (!doc) {
    const first = problems[0];
    const where = first ? `${first.file}${first.line !== undefined ? `:${first.line}` : ''}` : opts.file;
    throw new IkrarError(`the document markup made by template ${where} is not valid`, problems);
  }
  return doc;
}
