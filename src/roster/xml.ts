/**
 * The little XML the XLSX reader needs (xlsx.ts): SpreadsheetML is machine-written, flat and
 * regular, so a scanner that cuts the text into elements by name is enough — any namespace prefix
 * (`<x:row>`), attributes in either quote, entities and character references. `splitElements` works
 * on a stream, holding only the element being cut and what follows it.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Entities and character references decoded; an unknown entity is left as written. */
export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The attributes of a start tag's text (`<c r="A1" t="s">` or just `r="A1" t="s"`), names without their prefix. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[2]!] ??= decodeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** Where the next element named `name` (any prefix) starts at or after `from`: its index and its closing tag. */
const starts = new Map<string, RegExp>();
function nextStart(text: string, name: string, from: number): { at: number; close: string } | undefined {
  let re = starts.get(name);
  if (!re) {
    re = new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])`, 'g');
    starts.set(name, re);
  }
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { at: m.index, close: `</${m[1] ?? ''}${name}>` } : undefined;
}

/** Every element named `name` in `text` (not nested in one another), each as its whole text. */
export function elements(text: string, name: string): string[] {
  const out: string[] = [];
  const cut = new ElementCutter(name, (e) => out.push(e));
  cut.write(text);
  return out;
}

/**
 * Cuts text given piece by piece into the elements named `name`, handing each whole element to
 * `emit` as soon as its end has arrived. Text between them is dropped. A closing tag is looked
 * for only in text not yet searched, so a huge element costs time linear in its length.
 */
export class ElementCutter {
  private text = '';
  private open: { close: string; searched: number } | undefined;

  constructor(
    private readonly name: string,
    private readonly emit: (element: string) => void,
  ) {}

  write(piece: string): void {
    this.text += piece;
    let pos = 0;
    for (;;) {
      if (!this.open) {
        const start = nextStart(this.text, this.name, pos);
        if (!start) {
          // Keep a tail that may hold the beginning of a start tag.
          const lt = this.text.lastIndexOf('<');
          pos = lt >= pos && this.text.length - lt < 256 ? lt : this.text.length;
          break;
        }
        pos = start.at;
        const gt = this.text.indexOf('>', pos);
        if (gt < 0) break;
        if (this.text[gt - 1] === '/') {
          this.emit(this.text.slice(pos, gt + 1));
          pos = gt + 1;
          continue;
        }
        this.open = { close: start.close, searched: gt + 1 - pos };
      }
      const end = this.text.indexOf(this.open.close, pos + this.open.searched);
      if (end < 0) {
        this.open.searched = Math.max(this.open.searched, this.text.length - pos - this.open.close.length + 1);
        break;
      }
      const stop = end + this.open.close.length;
      this.emit(this.text.slice(pos, stop));
      this.open = undefined;
      pos = stop;
    }
    this.text = this.text.slice(pos);
  }
}

/** The content of an element's text (`<v>12</v>` → `12`); '' for an empty element. */
export function inner(element: string): string {
  const gt = element.indexOf('>');
  if (element[gt - 1] === '/') return '';
  return element.slice(gt + 1, element.lastIndexOf('</'));
}

/**
 * The text of a string item (`<si>` of the shared strings, `<is>` of an inline string): its `<t>`,
 * or the `<t>` of each rich-text run, without the phonetic runs (`<rPh>`) Japanese Excel adds.
 */
export function stringItemText(item: string): string {
  const body = item.indexOf('rPh') < 0 ? item : item.replace(/<([A-Za-z_][\w.-]*:)?rPh[\s>][\s\S]*?<\/\1?rPh>/g, '');
  return elements(body, 't')
    .map((t) => decodeXml(inner(t)))
    .join('');
}
