/**
 * A small schema walker over a parsed YAML document. It reads values straight from the YAML nodes,
 * so every problem carries the line of the offending key or value, and a plain scalar that YAML
 * would turn into a number (`07.30` → 7.3, an 18-digit NIP → a rounded float) is read back from its
 * source text instead. It never stops at the first problem.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Problem } from '../model/problems.js';
import { closest } from './closest.js';
import { clipValue } from '../util/listing.js';

/** A value found at a path: its node (null when the key is present but empty) and the key's line. */
export interface Field {
  path: string;
  node: Node | null;
  /** Line of the key that holds this value (or of the value itself for list items). */
  keyLine: number | undefined;
}

export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** List items are numbered from 1, as a clerk counts them: `witnesses[1]` is the first witness. */
export function itemPath(path: string, index: number): string {
  return `${path}[${index + 1}]`;
}

export class Reader {
  readonly problems: Problem[] = [];
  /** Line of every key path read, for later cross-checks that point back into the file. */
  readonly lines: Record<string, number> = {};

  constructor(
    readonly file: string,
    readonly src: string,
    readonly lc: LineCounter,
    readonly doc: Document,
  ) {}

  lineOfOffset(offset: number): number {
    return this.lc.linePos(offset).line;
  }

  nodeLine(node: Node | null | undefined): number | undefined {
    return node?.range ? this.lineOfOffset(node.range[0]) : undefined;
  }

  /** A scalar value points at its own line; a missing/empty value or a collection at its key's. */
  line(f: Field): number | undefined {
    const n = this.deref(f.node);
    if (n && isScalar(n) && n.value !== null) return this.nodeLine(n) ?? f.keyLine;
    return f.keyLine ?? this.nodeLine(n);
  }

  error(f: Field, code: string, message: string, hint?: string, params?: Problem['params']): void {
    this.push('error', f, code, message, hint, params);
  }

  warn(f: Field, code: string, message: string, hint?: string): void {
    this.push('warning', f, code, message, hint);
  }

  private push(
    severity: 'error' | 'warning',
    f: Field,
    code: string,
    message: string,
    hint?: string,
    params?: Problem['params'],
  ): void {
    const p: Problem = { severity, code, file: this.file, field: f.path, message };
    const line = this.line(f);
    if (line !== undefined) p.line = line;
    if (hint) p.hint = hint;
    if (params) p.params = params;
    this.problems.push(p);
  }

  /** Follows `*alias` references to the anchored node. */
  deref(node: Node | null | undefined): Node | null {
    if (!node) return null;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node;
  }

  isEmpty(f: Field | undefined): boolean {
    if (!f) return true;
    const n = this.deref(f.node);
    return !n || (isScalar(n) && (n.value === null || (typeof n.value === 'string' && n.value.trim() === '')));
  }

  describe(node: Node | null): string {
    const n = this.deref(node);
    if (!n) return 'nothing';
    if (isMap(n)) return 'a group of keys';
    if (isSeq(n)) return 'a list';
    if (isScalar(n)) {
      const v = n.value;
      if (v === null) return 'nothing';
      if (typeof v === 'boolean') return `${v}`;
      if (typeof v === 'number') return `the number ${this.sourceText(n)}`;
      if (typeof v === 'string') return `the text '${clipValue(v, 40, 37)}'`;
    }
    return 'something else';
  }

  /** The scalar as written in the file (for plain scalars), so 07.30 stays "07.30". */
  sourceText(node: Node): string {
    if (isScalar(node) && node.range && (node.type === 'PLAIN' || node.type === undefined)) {
      const raw = this.src.slice(node.range[0], node.range[1]).trim();
      if (raw) return raw;
    }
    return isScalar(node) ? String(node.value) : '';
  }

  /**
   * A map with a fixed set of keys. Unknown keys are reported with the closest allowed key (or an
   * Indonesian word's meaning from `aliases`). Returns the fields by key, or undefined when the
   * value is not a map at all (already reported).
   */
  map(
    f: Field,
    keys: readonly string[],
    opts: { aliases?: Record<string, string>; what?: string } = {},
  ): Record<string, Field> | undefined {
    const n = this.deref(f.node);
    if (!n || !isMap(n)) {
      this.error(f, 'event-wrong-type', `expected ${opts.what ?? 'a group of keys'}, found ${this.describe(n)}`);
      return undefined;
    }
    const out: Record<string, Field> = {};
    for (const pair of n.items) {
      const keyNode = pair.key as Node | null;
      const key = keyNode && isScalar(keyNode) && keyNode.value !== null ? String(keyNode.value) : undefined;
      const keyLine = this.nodeLine(keyNode) ?? f.keyLine;
      if (key === undefined) {
        this.error({ path: f.path, node: null, keyLine }, 'event-bad-key', 'a key here is empty or not text');
        continue;
      }
      const path = childPath(f.path, key);
      const field: Field = { path, node: (pair.value as Node | null) ?? null, keyLine };
      if (keyLine !== undefined) this.lines[path] = keyLine;
      if (!keys.includes(key)) {
        const alias = opts.aliases?.[key.toLowerCase().replace(/[\s_-]+/g, '_')];
        const near = alias && keys.includes(alias) ? alias : closest(key, keys);
        this.error(
          { path, node: null, keyLine },
          'event-unknown-key',
          `unknown key '${key}'`,
          near ? `did you mean '${near}'?` : `keys allowed here: ${keys.join(', ')}`,
          near ? { key, near, _h: 'near' } : { key, keys: keys.join(', '), _h: 'allowed' },
        );
        continue;
      }
      out[key] = field;
    }
    return out;
  }

  /** Any map (keys chosen by the user, e.g. unit names); duplicate keys are caught by the parser. */
  entries(f: Field, what = 'a group of keys'): Field[] | undefined {
    const n = this.deref(f.node);
    if (!n || !isMap(n)) {
      this.error(f, 'event-wrong-type', `expected ${what}, found ${this.describe(n)}`);
      return undefined;
    }
    const out: Field[] = [];
    for (const pair of n.items) {
      const keyNode = pair.key as Node | null;
      const key = keyNode && isScalar(keyNode) && keyNode.value !== null ? String(keyNode.value).trim() : '';
      const keyLine = this.nodeLine(keyNode) ?? f.keyLine;
      const path = childPath(f.path, key);
      if (!key) {
        this.error({ path: f.path, node: null, keyLine }, 'event-bad-key', 'a key here is empty or not text');
        continue;
      }
      if (keyLine !== undefined) this.lines[path] = keyLine;
      out.push({ path, node: (pair.value as Node | null) ?? null, keyLine });
    }
    return out;
  }

  /** The name of a key of `entries` (the last path segment). */
  keyOf(f: Field, parent: Field): string {
    return f.path.slice(parent.path.length + (parent.path ? 1 : 0));
  }

  /** Text. Numbers are accepted as written (postal codes, NIPs, times); lists, maps and true/false are not. */
  str(f: Field | undefined, opts: { required?: boolean; parent?: Field; what?: string } = {}): string | undefined {
    if (!f || this.isEmpty(f)) {
      if (opts.required) this.missing(f, opts.parent, opts.what);
      return undefined;
    }
    const n = this.deref(f.node)!;
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'bigint')) {
      const s = typeof n.value === 'string' ? n.value : this.sourceText(n);
      return s.replace(/\r/g, '').trim();
    }
    this.error(f, 'event-wrong-type', `expected ${opts.what ?? 'text'}, found ${this.describe(n)}`);
    return undefined;
  }

  /** The scalar's text regardless of type (for `signers: all` that might be written `All`). */
  scalarText(f: Field): string | undefined {
    const n = this.deref(f.node);
    if (n && isScalar(n) && n.value !== null && typeof n.value !== 'object') {
      return typeof n.value === 'string' ? n.value.trim() : this.sourceText(n);
    }
    return undefined;
  }

  bool(f: Field | undefined): boolean | undefined {
    if (!f || this.isEmpty(f)) return undefined;
    const n = this.deref(f.node)!;
    if (isScalar(n) && typeof n.value === 'boolean') return n.value;
    if (isScalar(n) && typeof n.value === 'string') {
      const s = n.value.trim().toLowerCase();
      if (['ya', 'yes', 'benar', 'true'].includes(s)) return true;
      if (['tidak', 'no', 'salah', 'false'].includes(s)) return false;
    }
    this.error(f, 'event-wrong-type', `expected true or false, found ${this.describe(n)}`, 'write true or false');
    return undefined;
  }

  int(
    f: Field | undefined,
    opts: { min?: number; max?: number; required?: boolean; parent?: Field } = {},
  ): number | undefined {
    if (!f || this.isEmpty(f)) {
      if (opts.required) this.missing(f, opts.parent);
      return undefined;
    }
    const n = this.deref(f.node)!;
    let v: number | undefined;
    if (isScalar(n) && typeof n.value === 'number') v = n.value;
    else if (isScalar(n) && typeof n.value === 'string' && /^\s*\d+\s*$/.test(n.value)) v = Number(n.value);
    if (v === undefined || !Number.isInteger(v)) {
      this.error(f, 'event-wrong-type', `expected a whole number, found ${this.describe(n)}`);
      return undefined;
    }
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      this.error(f, 'event-out-of-range', `${v} is out of range`, `expected a number from ${opts.min} to ${opts.max}`);
      return undefined;
    }
    return v;
  }

  /** A list; a single value where a list is expected is read as a list of one when `single` is set. */
  list(f: Field | undefined, opts: { single?: boolean; what?: string } = {}): Field[] | undefined {
    if (!f || this.isEmpty(f)) return undefined;
    const n = this.deref(f.node)!;
    if (isSeq(n)) {
      return n.items.map((item, i) => {
        const node = (item as Node | null) ?? null;
        const field: Field = { path: itemPath(f.path, i), node, keyLine: this.nodeLine(this.deref(node)) ?? f.keyLine };
        if (field.keyLine !== undefined) this.lines[field.path] = field.keyLine;
        return field;
      });
    }
    if (opts.single && isScalar(n)) return [f];
    this.error(
      f,
      'event-wrong-type',
      `expected ${opts.what ?? 'a list'}, found ${this.describe(n)}`,
      'write one item per line, each starting with "- "',
    );
    return undefined;
  }

  /** Text list: a list of texts, or a single text. */
  strList(f: Field | undefined, what = 'text'): string[] {
    const items = this.list(f, { single: true });
    if (!items) return [];
    const out: string[] = [];
    for (const it of items) {
      const s = this.str(it, { what });
      if (s !== undefined && s !== '') out.push(s);
    }
    return out;
  }

  missing(f: Field | undefined, parent: Field | undefined, what?: string): void {
    const path = f?.path ?? parent?.path ?? '';
    const keyLine = f?.keyLine ?? parent?.keyLine ?? this.nodeLine(this.deref(parent?.node));
    const empty = f !== undefined;
    this.error(
      { path, node: null, keyLine },
      empty ? 'event-empty' : 'event-missing',
      empty ? `is empty` : `is required but missing`,
      what ? `expected ${what}` : undefined,
      { what: what ?? '', _h: 'expected' },
    );
  }

  /** Reports a required key missing from a map read with `map`. */
  require(parent: Field, fields: Record<string, Field>, key: string, what?: string): void {
    if (!fields[key]) {
      this.error(
        {
          path: childPath(parent.path, key),
          node: null,
          keyLine: parent.keyLine ?? this.nodeLine(this.deref(parent.node)),
        },
        'event-missing',
        'is required but missing',
        what ? `add ${key}: ${what}` : undefined,
        { key, what: what ?? '' },
      );
    }
  }

  /** Plain JS value of a node (for `extra:`). */
  toJS(f: Field): unknown {
    const n = this.deref(f.node);
    return n ? (n as unknown as { toJS(doc: Document): unknown }).toJS(this.doc) : null;
  }
}
