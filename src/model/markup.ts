/**
 * The document markup: what templates produce (as XML-like text, see src/templates/markup.ts)
 * and what the layout engine paginates. Plain data; no PDF here.
 *
 * Text in markup is already unescaped: `Ma'ruf & Sons <Jr>` arrives here exactly as written.
 */
import type { DocumentKind } from './documents.js';
import type { SigningTableWords } from './wording.js';

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Where a block came from in the template, for errors ("naskah-ikrar.hbs:12"). */
export interface SourceRef {
  file: string;
  line: number;
}

export interface SignatureBlock {
  /** Lines above the space: "Mengetahui,", "a.n. BUPATI SUKAMARA", "SEKRETARIS DAERAH,". */
  title: string[];
  name: string; // bold, underlined
  rank?: string;
  nip?: string; // digits; printed "NIP. 19681104 199303 1 009"
  /** TNI / Polri: digits; printed "NRP. 85071234". */
  nrp?: string;
}

export type Block =
  | { type: 'letterhead'; src?: SourceRef; lines: { text: string; size: number; bold: boolean }[]; logo?: string }
  | {
      type: 'heading';
      src?: SourceRef;
      runs: Run[];
      size?: number;
      align?: Align;
      spaceBefore?: number;
      spaceAfter?: number;
    }
  | {
      type: 'paragraph';
      src?: SourceRef;
      runs: Run[];
      size?: number;
      align?: Align;
      indent?: number;
      firstIndent?: number;
      lineHeight?: number;
      spaceBefore?: number;
      spaceAfter?: number;
      keepWithNext?: boolean;
    }
  | {
      type: 'list';
      src?: SourceRef;
      style: 'decimal' | 'alpha' | 'none';
      items: Run[][];
      size?: number;
      indent?: number;
      lineHeight?: number;
      spaceAfter?: number;
    }
  /** Identity block: "Nama : ...". */
  | {
      type: 'fields';
      src?: SourceRef;
      rows: { label: string; value: Run[] }[];
      size?: number;
      labelWidth?: number;
      indent?: number;
    }
  /** Signature blocks side by side; left and/or right, optional meterai box in the right one. */
  | {
      type: 'signatures';
      src?: SourceRef;
      placeDate?: string;
      left?: SignatureBlock;
      right?: SignatureBlock;
      meterai?: boolean;
      meteraiLabel?: string;
      meteraiValue?: string;
      space?: number;
      size?: number;
      signerKey?: string;
    }
  /** The daftar hadir table. The paginator repeats the header on every page and never splits a row. */
  | ({ type: 'signing-table'; src?: SourceRef; unit: string; rows: SigningRow[]; size?: number } & SigningTableWords)
  /** A plain ruled table (e.g. figures per unit). Header rows repeat on every page; a row is never split. */
  | { type: 'table'; src?: SourceRef; columns: TableColumn[]; rows: TableRow[]; size?: number; spaceAfter?: number }
  /**
   * Signature blocks in a grid (the deklarasi): `columns` to a row, rows never split, continuing over
   * pages; each cell's signing space is a recorded box.
   */
  | { type: 'signature-grid'; src?: SourceRef; columns: number; cells: GridCell[]; size?: number; space?: number }
  | { type: 'spacer'; src?: SourceRef; height: number }
  | { type: 'pagebreak'; src?: SourceRef };

export interface TableColumn {
  /** Points; undefined: an equal share of the width the fixed columns leave. */
  width?: number;
  align: Align;
}

export interface TableCell {
  runs: Run[];
  /** Overrides the column's alignment. */
  align?: Align;
  /** Number of columns the cell covers (1 or more). */
  span: number;
}

export interface TableRow {
  cells: TableCell[];
  /** Header rows: bold, centred, repeated on top of every page the table reaches. */
  header: boolean;
  bold: boolean;
}

/** One signer of a signature grid. */
export interface GridCell {
  key: string;
  nip: string | null;
  number: number;
  name: string;
  position: string;
  institution: string;
  /** Printed under the name when given: "Letkol Inf", "Pembina Utama Muda". */
  rank?: string;
  /** Printed under the name when given: "NRP. 11020012340379", "NIP. 19680512 199403 1 006". */
  idText?: string;
}

export interface SigningRow {
  key: string;
  nip: string | null;
  number: number;
  name: string; // full name with titles
  nipText: string; // spaced NIP or '-' for none
  rank: string; // "Penata Muda Tk. I (III/b)" / "IX" / "-"
  position: string;
}

/** One document as produced by a template: page settings plus blocks. */
export interface MarkupDocument {
  /** 'sheets' and 'pakta' pages carry page codes and boxes; 'script' pages do not. */
  kind: DocumentKind;
  /** Unit for sheets (footer "Unit: …" and manifest); signer's key for pakta. */
  unit?: string;
  /** Running footer text on every page, e.g. the unit name. */
  footer?: string;
  /** "Halaman {n} dari {total}" numbering restarting for this document. */
  pageNumbers: boolean;
  /** The page number's text, `{n}` and `{total}` filled in (default "Halaman {n} dari {total}"). */
  pageLabel?: string;
  blocks: Block[];
}
