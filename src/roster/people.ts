/**
 * Turns roster rows (already split into cells, whatever the file format) into Person records,
 * collecting every problem with its line and column. Rows are handled one at a time; nothing but the
 * people themselves and a NIP → line index is kept, so large rosters stream.
 */
import type { RosterField } from '../model/event.js';
import type { Person, Rank } from '../model/person.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { countKnownHeaders, headerKey, mapHeaders, type HeaderMapping } from './headers.js';
import { splitName } from './names.js';
import { cleanCell } from '../util/cells.js';
import { isRankError, parseRank } from './rank.js';
import { parseEselon } from './eselon.js';
import { readIdentity } from './identity.js';
import { RowKeys } from './keys.js';
import type { RowCells } from './row.js';

export interface BuilderOptions {
  /** File name used in problems. */
  file: string;
  columns?: Partial<Record<RosterField, string>>;
  /**
   * Headers whose values are kept in Person.columns: a list of headers, `true` for every named column
   * of the row (for rules in the event file that match arbitrary columns), default: the recognised columns.
   */
  keepColumns?: string[] | true;
}

/** Control characters that no cell should hold (tab, line breaks, VT and FF are spaces to cleanCell). */
const CONTROL_CHAR = /[\x00-\x08\x0E-\x1F\x7F]/;

/** How many leading non-empty rows may be title rows above the header. */
const HEADER_SEARCH_ROWS = 10;

export class PeopleBuilder {
  readonly people: Person[] = [];
  private readonly list = new ProblemList();
  headers: string[] = [];
  headerLine: number | undefined;
  /** False once the header row is known to lack required columns: rows are then only counted. */
  usable = true;
  rowCount = 0;

  private readonly file: string;
  private readonly columns: Partial<Record<RosterField, string>>;
  private readonly keepColumns: string[] | true | undefined;
  private pending: { cells: string[]; line: number }[] = [];
  private map: HeaderMapping | undefined;
  private keep: { idx: number; header: string }[] = [];
  private readonly keys = new RowKeys();

  /** Every problem so far: the first few hundred of each severity, and a count of the rest. */
  get problems(): Problem[] {
    return this.list.items;
  }

  constructor(opts: BuilderOptions) {
    this.file = opts.file;
    this.columns = opts.columns ?? {};
    this.keepColumns = opts.keepColumns;
  }

  /** Adds one record (cells as read, before cleaning) starting at the given 1-based line/row. */
  push(cells: string[], line: number): void {
    if (cells.every((c) => cleanCell(c) === '')) return;
    if (this.map) {
      this.row(cells, line);
      return;
    }
    this.pending.push({ cells, line });
    const { known, hasName } = countKnownHeaders(cells.map(cleanCell));
    if (hasName && known >= 2) {
      // Rows buffered before the header are title rows ("DAFTAR PEGAWAI …").
      this.pending = [];
      this.setHeader(cells, line);
    } else if (this.pending.length >= HEADER_SEARCH_ROWS) {
      this.settleHeader();
    }
  }

  /** Uses the first buffered row as the header when no row looked like one. */
  private settleHeader(): void {
    const rows = this.pending;
    this.pending = [];
    const first = rows.shift();
    if (!first) return;
    this.setHeader(first.cells, first.line);
    for (const r of rows) this.row(r.cells, r.line);
  }

  private setHeader(cells: string[], line: number): void {
    // Trailing unnamed columns (Excel's "a;b;c;;;") are dropped.
    let n = cells.length;
    while (n > 0 && cleanCell(cells[n - 1]!) === '') n--;
    this.headerLine = line;
    this.map = mapHeaders(cells.slice(0, n), this.columns);
    this.headers = this.map.headers;
    for (const e of this.map.errors) {
      this.list.add({
        severity: 'error',
        code: e.code,
        file: this.file,
        line,
        field: e.field,
        message: e.message,
        hint: e.hint,
        ...(e.params ? { params: e.params } : {}),
      });
    }
    if (this.map.errors.length > 0) this.usable = false;
    const seen = new Set<number>();
    if (this.keepColumns === true) {
      // Every named column; of two columns with the same header the first one is kept.
      const names = new Set<string>();
      this.map.headers.forEach((h, idx) => {
        if (h !== '' && !names.has(h)) {
          names.add(h);
          this.keep.push({ idx, header: h });
        }
      });
    } else if (this.keepColumns) {
      const wanted = new Set(this.keepColumns.map(headerKey));
      this.map.headers.forEach((h, idx) => {
        if (wanted.has(headerKey(h)) && !seen.has(idx)) {
          seen.add(idx);
          this.keep.push({ idx, header: h });
        }
      });
    } else {
      for (const idx of Object.values(this.map.fields)) {
        if (idx !== undefined && !seen.has(idx)) {
          seen.add(idx);
          this.keep.push({ idx, header: this.map.headers[idx]! });
        }
      }
      this.keep.sort((a, b) => a.idx - b.idx);
    }
  }

  private problem(
    severity: 'error' | 'warning',
    code: string,
    line: number,
    field: string | undefined,
    message: string,
    hint?: string,
    params?: Problem['params'],
  ): void {
    const p: Problem = { severity, code, file: this.file, line, message };
    if (field !== undefined) p.field = field;
    if (hint !== undefined) p.hint = hint;
    if (params !== undefined) p.params = params;
    this.list.add(p);
  }

  private row(cells: string[], line: number): void {
    this.rowCount++;
    if (!this.usable || !this.map) return;
    const f = this.map.fields;
    const h = this.map.headers;
    let ok = true;
    const head = (field: RosterField): string | undefined => {
      const idx = f[field];
      return idx === undefined ? undefined : h[idx] || field;
    };
    const row: RowCells = {
      line,
      get: (field) => {
        const idx = f[field];
        return idx === undefined ? '' : cleanCell(cells[idx] ?? '');
      },
      raw: (field) => {
        const idx = f[field];
        return idx === undefined ? '' : (cells[idx] ?? '').trim();
      },
      has: (field) => f[field] !== undefined,
      head,
      err: (code, field, message, hint, params) => {
        ok = false;
        this.problem('error', code, line, head(field) ?? field, message, hint, params);
      },
      warn: (code, field, message, hint, params) =>
        this.problem('warning', code, line, head(field) ?? field, message, hint, params),
    };
    const { get, err, warn } = row;

    // A control character (a NUL from a damaged file) would be printed invisibly inside a name.
    for (const [field, idx] of Object.entries(f) as [RosterField, number | undefined][]) {
      const bad = idx === undefined ? null : CONTROL_CHAR.exec(cells[idx] ?? '');
      if (!bad) continue;
      const code = bad[0].charCodeAt(0);
      const name = code === 0 ? 'NUL' : code === 0x7f ? 'DEL' : `control-${code}`;
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      err(
        'cell-control-char',
        field,
        `holds a control character (${name}, code U+${hex}), which is not text: the file may be damaged`,
        'retype the cell, or export the roster again',
        { name, hex },
      );
    }

    const unit = get('unit');
    const { nip, nrp, kind, sex } = readIdentity(row);

    // Name and unit.
    const parts = splitName(get('frontTitle'), get('name'), get('backTitle'));
    if (parts.name === '') err('name-missing', 'name', 'name is empty', 'every person needs a name');
    if (unit === '')
      err(
        'unit-missing',
        'unit',
        'unit kerja is empty',
        'every person needs a unit kerja (OPD) so the sheets can go to the right unit',
      );

    // Rank.
    const rankRaw = get('rank');
    let rank: Rank | null = null;
    // Village heads have no rank; TNI and Polri ranks are printed as written.
    if (rankRaw !== '' && kind !== 'kepala-desa') {
      const r = parseRank(rankRaw, kind);
      if (r !== null && isRankError(r)) {
        warn('rank-unknown', 'rank', r.error, `${r.hint ? r.hint + '; ' : ''}it is printed as written`);
        rank = { golongan: '', raw: rankRaw };
      } else {
        rank = r;
      }
    }

    const key = this.keys.keyOf(row, nip, nrp, unit, parts.name);

    if (!ok) return;
    const eselon = parseEselon(get('eselon'));
    const columns: Record<string, string> = {};
    for (const k of this.keep) columns[k.header] = cleanCell(cells[k.idx] ?? '');
    this.people.push({
      key,
      row: line,
      nip,
      nrp,
      name: parts.name,
      frontTitle: parts.frontTitle,
      backTitle: parts.backTitle,
      fullName: parts.fullName,
      rank,
      position: get('position'),
      unit,
      kind,
      sex,
      ...(eselon ? { eselon: eselon.text } : {}),
      columns,
    });
  }

  /** Flushes buffered rows and reports a roster with no people. */
  finish(): void {
    if (!this.map && this.pending.length > 0) this.settleHeader();
    if (this.headerLine === undefined) {
      this.problem(
        'error',
        'roster-empty',
        1,
        undefined,
        'the roster is empty',
        'export the roster again; the first row must hold the column headers (NIP, NAMA, UNIT KERJA, …)',
      );
      return;
    }
    // With a header lacking required columns, "no people" would only repeat that error.
    if (this.rowCount === 0 && this.usable) {
      this.problem(
        'error',
        'roster-no-people',
        this.headerLine,
        undefined,
        'the roster has a header row but no people under it',
        'add the people below the header row, one per row',
      );
    }
  }
}
