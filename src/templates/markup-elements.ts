/**
 * Reading the elements of the markup tree: their attributes (lengths, numbers, yes/no, wording),
 * their text runs and children, every mistake a problem with its template line.
 */
import type { Align, Run, SourceRef } from '../model/markup.js';
import type { Problem } from '../model/problems.js';
import type { El, Node, ParseOptions, Pos } from './markup-tree.js';

export const WS = /[ \t\r\n]+/g;

export const BLOCKS = [
  'letterhead',
  'heading',
  'p',
  'list',
  'fields',
  'signatures',
  'signing-table',
  'table',
  'signature-grid',
  'spacer',
  'pagebreak',
];
const KNOWN = new Set([
  ...BLOCKS,
  'document',
  'b',
  'i',
  'u',
  'item',
  'field',
  'left',
  'right',
  'title',
  'name',
  'rank',
  'nip',
  'nrp',
  'row',
  'line',
  'tr',
  'td',
  'cell',
]);

export function assign<T extends object, K extends keyof T>(obj: T, key: K, v: T[K] | undefined): void {
  if (v !== undefined) obj[key] = v;
}

export class ElementReader {
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
        this.fail(
          el.src,
          `<${el.name}> has no attribute "${k}"`,
          allowed.length ? `allowed: ${allowed.join(', ')}` : `<${el.name}> takes no attributes`,
        );
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
      this.fail(
        el.src,
        `attribute ${name}="${v}" of <${el.name}> is not a length`,
        'write a number of points like "12", or "5mm" / "1.5cm"',
      );
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
          if (
            last &&
            !!last.bold === !!style.bold &&
            !!last.italic === !!style.italic &&
            !!last.underline === !!style.underline
          ) {
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
          this.fail(
            n.src,
            `<${n.name}> cannot stand inside <${el.name}>`,
            'inside text only <b>, <i> and <u> are allowed',
          );
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
          this.fail(
            n.src,
            `text "${snippet}" cannot stand directly inside <${el.name}>`,
            allowed.length ? `put it inside one of: ${allowed.map((a) => `<${a}>`).join(', ')}` : undefined,
          );
        }
        continue;
      }
      if (!allowed.includes(n.name)) {
        const known = KNOWN.has(n.name);
        this.fail(
          n.src,
          known ? `<${n.name}> cannot stand inside <${el.name}>` : `unknown element <${n.name}>`,
          allowed.length
            ? `inside <${el.name}> allowed: ${allowed.map((a) => `<${a}>`).join(', ')}`
            : `<${el.name}> has no elements inside`,
        );
        continue;
      }
      out.push(n);
    }
    return out;
  }

  noContent(el: El): void {
    this.elements(el, []);
  }
}
