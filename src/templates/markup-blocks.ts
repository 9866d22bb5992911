/** The markup tree → the document's blocks (src/model/markup.ts), each element checked. */
import type {
  Block,
  GridCell,
  MarkupDocument,
  SignatureBlock,
  SigningRow,
  TableColumn,
  TableRow,
} from '../model/markup.js';
import { DOCUMENT_KINDS } from '../model/documents.js';
import type { SigningTableWords } from '../model/wording.js';
import { BLOCKS, ElementReader, WS, assign } from './markup-elements.js';
import type { El, Node } from './markup-tree.js';

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

export class BlockBuilder extends ElementReader {
  document(nodes: Node[]): MarkupDocument | undefined {
    const root: El = {
      name: '#root',
      attrs: new Map(),
      children: nodes,
      src: { file: this.opts.file, line: 1 },
      selfClosing: false,
    };
    const docs = this.elements(root, ['document']);
    if (docs.length !== 1) {
      if (docs.length === 0)
        this.fail(
          root.src,
          'the template produced no <document> element',
          'wrap the whole template in <document kind="…">…</document>',
        );
      else this.fail(docs[1]!.src, 'more than one <document> element', 'a template produces exactly one <document>');
      return undefined;
    }
    const d = docs[0]!;
    this.attrs(d, ['kind', 'footer', 'page-numbers', 'page-label', 'unit']);
    const kindRaw = d.attrs.get('kind');
    let kind: MarkupDocument['kind'] = 'script';
    if (kindRaw === undefined)
      this.fail(d.src, '<document> needs kind="sheets", "script", "pakta", "berita" or "deklarasi"');
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
        this.attrs(el, [
          'size',
          'align',
          'indent',
          'first-indent',
          'line-height',
          'space-before',
          'space-after',
          'keep-with-next',
        ]);
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
        const b: Extract<Block, { type: 'signing-table' }> = {
          type: 'signing-table',
          src,
          unit: (unit ?? '').replace(WS, ' ').trim(),
          rows: [],
        };
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
        if (h === undefined && !el.attrs.has('height'))
          this.fail(el.src, '<spacer> needs height="…"', 'for example height="12" (points) or height="1cm"');
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
      this.fail(
        el.src,
        `widths="${el.attrs.get('widths')}" of <table>: "${token}" is not a length or *`,
        'e.g. widths="1cm * 2.5cm 2.5cm": points, mm or cm, and * for the rest',
      );
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
      this.fail(
        el.src,
        `<table> has ${widthTokens.length} widths but ${alignTokens.length} alignments`,
        'give one width and one alignment per column',
      );
    }
    const columns: TableColumn[] = [];
    for (let i = 0; i < n; i++) {
      const col: TableColumn = { align: 'left' };
      const w = widthTokens[i] !== undefined ? this.widthToken(el, widthTokens[i]!) : undefined;
      if (typeof w === 'number') col.width = w;
      const a = alignTokens[i];
      if (a !== undefined) {
        if ((aligns as readonly string[]).includes(a.toLowerCase()))
          col.align = a.toLowerCase() as TableColumn['align'];
        else
          this.fail(
            el.src,
            `align="${el.attrs.get('align')}" of <table>: "${a}" is not left, center, right or justify`,
          );
      }
      columns.push(col);
    }
    if (n === 0)
      this.fail(el.src, '<table> has no columns', 'write <tr><td>…</td></tr> rows, and widths="…" for the columns');
    rows.forEach((r, i) => {
      const span = spanOf(r);
      if (span !== n) {
        this.fail(
          trs[i]?.src ?? el.src,
          `this <tr> has ${span} cell${span === 1 ? '' : 's'} but the table has ${n} columns`,
          'every row needs one <td> per column (span="2" covers two)',
        );
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
        this.fail(
          c.src,
          '<cell> needs key="…"',
          'the person key ties the signature box to the person in manifest.json',
        );
        continue;
      }
      const nip = get('nip').replace(/\s/g, '');
      if (nip && !/^\d+$/.test(nip)) this.fail(c.src, `<cell> nip="${nip}" must hold digits only`);
      const defaultNumber = b.cells.length + 1;
      const number = c.attrs.has('number') ? this.number(c, 'number', 1, 1_000_000) : defaultNumber;
      const cell: GridCell = {
        key,
        nip: nip || null,
        number: number ?? defaultNumber,
        name: get('name'),
        position: get('position'),
        institution: get('institution'),
      };
      if (get('rank')) cell.rank = get('rank');
      if (get('id-text')) cell.idText = get('id-text');
      b.cells.push(cell);
    }
    return b;
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
        b.lines.push({
          text: this.plain(l),
          size: this.number(l, 'size', 4, 72) ?? 12,
          bold: this.bool(l, 'bold') ?? false,
        });
      }
    } else if (this.opts.letterhead) {
      b.lines = this.opts.letterhead.lines.map((l) => ({ ...l }));
    } else {
      this.fail(
        el.src,
        '<letterhead/> has nothing to show',
        'the event gives no government or office name; write the lines as <line size="14" bold="true">…</line>',
      );
    }
    const noLogo =
      logoAttr !== undefined && ['none', 'false', 'no', 'tidak', ''].includes(logoAttr.trim().toLowerCase());
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
        if (digits && !/^\d+$/.test(digits))
          this.fail(c.src, `<nrp> must hold digits only, got "${text}"`, 'the layout prints "NRP. " itself');
        else if (digits) block.nrp = digits;
      } else {
        const digits = text.replace(/[\s.]/g, '').replace(/^NIP/i, '');
        if (digits && !/^\d+$/.test(digits))
          this.fail(
            c.src,
            `<nip> must hold digits only, got "${text}"`,
            'the layout prints "NIP. " and the spaced form itself',
          );
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
