/**
 * The document markup's text as a tree of elements, with the template line of each (see markup.ts
 * for the markup itself). Strict: a mistake is a ParseFail with its position.
 */
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

export interface Pos {
  file: string;
  line: number;
}
export interface El {
  name: string;
  attrs: Map<string, string>;
  children: Node[];
  src: Pos;
  selfClosing: boolean;
}
export type Node = El | { text: string; src: Pos };

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export class ParseFail extends Error {
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
    throw new ParseFail(
      start,
      `"&" starts no known entity`,
      'write &amp; for a literal "&" (or use {{…}}, which escapes it)',
    );
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
  if (!name)
    throw new ParseFail(src, `"<" starts no element`, 'write &lt; for a literal "<" (or use {{…}}, which escapes it)');
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
    if (q !== '"' && q !== "'")
      throw new ParseFail(attrPos, `value of attribute ${an} of <${name}> is not in quotes`, `write ${an}="…"`);
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
      else if (ch === '<')
        throw new ParseFail(r.pos, `"<" inside the value of attribute ${an} of <${name}>`, 'write &lt;');
      else v += r.next();
    }
    if (attrs.has(an)) throw new ParseFail(attrPos, `attribute ${an} given twice in <${name}>`);
    attrs.set(an, v);
  }
}

export function tokenize(text: string, opts: ParseOptions): Node[] {
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
          throw new ParseFail(
            el.src,
            `</${el.name}> found where </${top.name}> was expected`,
            `<${top.name}> opened on line ${top.src.line} is not closed`,
          );
        }
        stack.pop();
      }
      continue;
    }
    if (!buf) bufPos = r.pos;
    if (c === '&') buf += decodeEntity(r);
    else if (c === '>')
      buf += r.next(); // a lone ">" in text is harmless
    else buf += r.next();
  }
  flush();
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    throw new ParseFail(open.src, `<${open.name}> is never closed`, `add </${open.name}>`);
  }
  return root.children;
}
