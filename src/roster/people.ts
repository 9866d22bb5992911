/**
 * Turns roster rows (already split into cells, whatever the file format) into Person records,
 * collecting every problem with its line and column. Rows are handled one at a time; nothing but the
 * people themselves and a NIP → line index is kept, so large rosters stream.
 */
import { createHash } from 'node:crypto';
import type { RosterField } from '../model/event.js';
import type { Person, PersonKind, Rank } from '../model/person.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { countKnownHeaders, headerKey, mapHeaders, type HeaderMapping } from './headers.js';
import { splitName } from './names.js';
import { formatNip, parseNip } from './nip.js';
import { cleanCell } from '../util/cells.js';
import { looksLikeNrp, parseNrp } from './nrp.js';
import { isRankError, parseRank } from './rank.js';
import { parseEselon } from './eselon.js';

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

/**
 * Reads the kind from a status column: PNS / PPPK / non-ASN (PPNPN, honorer), TNI, Polri, a village
 * head (wali nagari, kepala desa, lurah) or a guest (tamu). undefined = empty, 'unknown' = unrecognised.
 * A lurah is usually a PNS: with a NIP the row counts as PNS (see PeopleBuilder).
 */
export function parseKind(raw: string): PersonKind | undefined | 'unknown' {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (s === '') return undefined;
  const compact = s.replace(/ /g, '');
  if (
    /^(tni|tentara|prajurit)( |$)/.test(s) ||
    /^(tniad|tnial|tniau)$/.test(compact) ||
    /^(angkatan (darat|laut|udara))/.test(s)
  )
    return 'TNI';
  if (/^(polri|polisi|kepolisian)( |$)/.test(s)) return 'Polri';
  if (/^(perangkat (desa|nagari|kelurahan))/.test(s)) return 'non-ASN';
  if (
    /^(wali ?nagari|walinagari|kepala (desa|nagari|kampung|pekon|kelurahan|gampong)|kades|lurah|penghulu|perbekel|keuchik|geuchik|petinggi|kuwu|pambakal|hukum tua|village head)( |$)/.test(
      s,
    ) ||
    compact === 'walinagari'
  ) {
    return 'kepala-desa';
  }
  if (/^(tamu|undangan|guest|masyarakat|tokoh)( |$)/.test(s)) return 'tamu';
  if (
    /^(non ?asn|nonasn|non pns|honorer|honor|thl|tenaga harian lepas|ppnpn|tkk|tenaga kontrak|kontrak|outsourcing|tenaga ahli|magang|relawan)/.test(
      s,
    ) ||
    compact.startsWith('nonasn') ||
    compact.startsWith('nonpns') ||
    compact === 'thl' ||
    compact === 'ppnpn'
  ) {
    return 'non-ASN';
  }
  if (/(^| )(pppk|p3k)( |$)/.test(s) || compact.startsWith('pppk') || compact.includes('perjanjiankerja'))
    return 'PPPK';
  if (
    /^(c?pns)( |$)/.test(s) ||
    compact === 'pns' ||
    compact === 'cpns' ||
    compact.startsWith('pnsd') ||
    s.includes('pegawai negeri')
  )
    return 'PNS';
  if (s === 'asn') return 'PNS';
  return 'unknown';
}

/** L / P from a JENIS KELAMIN cell. */
export function parseSex(raw: string): 'L' | 'P' | undefined {
  const s = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (['l', 'lk', 'laki', 'lakilaki', 'pria', 'm', 'male', 'cowok'].includes(s)) return 'L';
  if (['p', 'pr', 'perempuan', 'wanita', 'f', 'female', 'w'].includes(s)) return 'P';
  return undefined;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

/** Deterministic key for a person without NIP: "NA-" + 8 base32 characters of sha256(unit|name). */
export function nonAsnKey(unit: string, name: string): string {
  const h = createHash('sha256').update(`${unit}|${name}`, 'utf8').digest();
  return `NA-${base32(h, 8)}`;
}

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
  private readonly nipLines = new Map<string, number>();
  private readonly nrpLines = new Map<string, number>();
  private readonly keyLines = new Map<string, number>();
  private readonly naCounts = new Map<string, number>();

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
    const get = (field: RosterField): string => {
      const idx = f[field];
      return idx === undefined ? '' : cleanCell(cells[idx] ?? '');
    };
    const head = (field: RosterField): string | undefined => {
      const idx = f[field];
      return idx === undefined ? undefined : h[idx] || field;
    };
    let ok = true;
    const err = (code: string, field: RosterField, message: string, hint?: string, params?: Problem['params']) => {
      ok = false;
      this.problem('error', code, line, head(field) ?? field, message, hint, params);
    };
    const warn = (code: string, field: RosterField, message: string, hint?: string, params?: Problem['params']) =>
      this.problem('warning', code, line, head(field) ?? field, message, hint, params);

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

    const nameRaw = get('name');
    const unit = get('unit');
    const nipRaw = f.nip === undefined ? '' : (cells[f.nip] ?? '').trim();
    const kindRaw = get('kind');
    let kindCol = parseKind(kindRaw);
    if (kindCol === 'unknown') {
      warn(
        'kind-unknown',
        'kind',
        `status '${kindRaw}' is not PNS, PPPK, TNI, POLRI, Wali Nagari, Tamu or non-ASN; the NIP decides`,
        'write PNS, PPPK, TNI, POLRI, Wali Nagari / Kepala Desa / Lurah, Tamu or Non ASN (also Honorer, THL, PPNPN)',
      );
      kindCol = undefined;
    }

    // NIP, NRP and kind.
    let nip: string | null = null;
    let nrp: string | null = null;
    let kind: PersonKind;
    let sex: 'L' | 'P' | null = null;
    const nipText = cleanCell(nipRaw);
    const nrpRaw = f.nrp === undefined ? '' : (cells[f.nrp] ?? '').trim();
    const nrpText = cleanCell(nrpRaw);
    const isEmpty = (t: string) => t === '' || /^[-–—]+$/.test(t);
    const kindHead = head('kind') ?? 'STATUS';
    if (kindCol === 'TNI' || kindCol === 'Polri') {
      // The NRP column, or a combined NIP/NRP column.
      const fromNrp = !isEmpty(nrpText);
      const field: RosterField = fromNrp ? 'nrp' : 'nip';
      const raw = fromNrp ? nrpRaw : nipRaw;
      kind = kindCol;
      if (!fromNrp && isEmpty(nipText)) {
        err(
          'nrp-missing',
          f.nrp !== undefined ? 'nrp' : 'nip',
          `NRP is empty for a ${kindCol} member`,
          `fill in the NRP (${kindCol === 'Polri' ? '8 digits, e.g. 85071234' : '5 to 14 digits'}), or correct the ${kindHead} column`,
        );
      } else {
        const r = parseNrp(raw, kindCol);
        if (r.ok) nrp = r.nrp;
        else err(r.code, field, r.message, r.hint);
        if (fromNrp && !isEmpty(nipText)) {
          err(
            'nip-for-nrp-kind',
            'nip',
            `the row is marked ${kindRaw} but also has a NIP '${nipText}'`,
            `a ${kindCol} member has an NRP only; for a civil servant write PNS in the ${kindHead} column`,
          );
        }
      }
    } else if (kindCol === 'kepala-desa' && isEmpty(nipText)) {
      // A village head (wali nagari, kepala desa): no identifier.
      kind = 'kepala-desa';
    } else if (kindCol === 'kepala-desa' && !parseNip(nipRaw).ok) {
      const r = parseNip(nipRaw);
      warn(
        'nip-ignored',
        'nip',
        `'${nipText}' is not a NIP (${r.ok ? '' : r.message}); ignored for a village head`,
        'leave the NIP empty for a wali nagari or kepala desa; a lurah who is a PNS keeps the NIP',
      );
      kind = 'kepala-desa';
    } else if ((kindCol === 'tamu' || kindCol === 'non-ASN') && isEmpty(nipText)) {
      kind = kindCol;
    } else if (kindCol === 'tamu' && !parseNip(nipRaw).ok) {
      const r = parseNip(nipRaw);
      warn(
        'nip-ignored',
        'nip',
        `'${nipText}' is not a NIP (${r.ok ? '' : r.message}); ignored for a guest`,
        'leave the NIP empty for guests',
      );
      kind = 'tamu';
    } else if (isEmpty(nipText)) {
      if (kindCol === 'PNS' || kindCol === 'PPPK') {
        err(
          'nip-missing',
          'nip',
          `NIP is empty for a ${kindCol}`,
          `fill in the 18-digit NIP, or mark the row as Non ASN in the ${head('kind') ?? 'STATUS'} column`,
        );
      }
      kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : 'non-ASN';
    } else {
      const r = parseNip(nipRaw);
      if (r.ok) {
        nip = r.nip;
        const nipKind: PersonKind = r.kind === 'PPPK' ? 'PPPK' : 'PNS';
        kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : nipKind;
        if (r.kind !== 'old' && kindCol && kindCol !== nipKind && kindCol !== 'kepala-desa') {
          warn(
            'kind-mismatch',
            'kind',
            `status '${kindRaw}' but NIP ${formatNip(r.nip)} is a ${nipKind} number; counted as ${nipKind}`,
            'correct the status or the NIP',
          );
          kind = nipKind;
        }
        if (r.sex) sex = r.sex;
        if (r.kind === 'old') {
          warn(
            'nip-old',
            'nip',
            `NIP '${nipText}' is an old 9-digit NIP`,
            'use the 18-digit NIP (NIP BARU) where you have it',
          );
        }
      } else if (kindCol === 'non-ASN') {
        warn(
          'nip-ignored',
          'nip',
          `'${nipText}' is not a NIP (${r.message}); ignored for a non-ASN row`,
          'leave the NIP empty for non-ASN staff',
        );
        kind = 'non-ASN';
      } else if (looksLikeNrp(nipRaw) && r.code !== 'nip-excel-number') {
        err(
          'nip-looks-like-nrp',
          'nip',
          `'${nipText}' looks like an NRP (TNI/Polri), not a NIP (${r.message})`,
          `for a TNI or Polri member write TNI or POLRI in the ${head('kind') ?? 'STATUS'} column; for a PNS give the 18-digit NIP`,
        );
        kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : 'PNS';
      } else {
        err(r.code, 'nip', r.message, r.hint, r.params);
        kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : 'PNS';
      }
    }
    // An NRP outside TNI/Polri: a civil servant has a NIP; others have no identifier.
    if (kind !== 'TNI' && kind !== 'Polri' && !isEmpty(nrpText)) {
      if (kind === 'PNS' || kind === 'PPPK') {
        err(
          'nrp-for-asn',
          'nrp',
          `'${nrpText}' in the NRP column, but the row is a ${kind}${nip ? ` with NIP ${formatNip(nip)}` : ''}`,
          `an NRP belongs to TNI or Polri: write TNI or POLRI in the ${head('kind') ?? 'STATUS'} column, or clear the NRP`,
        );
      } else if (kindCol === undefined) {
        err(
          'nrp-kind-missing',
          'nrp',
          `'${nrpText}' in the NRP column, but the row does not say TNI or POLRI`,
          `write TNI or POLRI in the ${head('kind') ?? 'STATUS'} column (an NRP's digits do not tell the two apart)`,
        );
      } else {
        warn(
          'nrp-ignored',
          'nrp',
          `'${nrpText}' in the NRP column is ignored for a ${kind} row`,
          'only TNI and Polri members have an NRP',
        );
      }
    }

    // Sex: the NIP's digit wins; the column fills in for people without NIP.
    const sexRaw = get('sex');
    if (sexRaw !== '') {
      const s = parseSex(sexRaw);
      if (s === undefined)
        warn('sex-unknown', 'sex', `'${sexRaw}' is not L or P`, 'write L (laki-laki) or P (perempuan)');
      else if (sex && s !== sex)
        warn(
          'sex-mismatch',
          'sex',
          `'${sexRaw}' does not match digit 15 of the NIP (${sex})`,
          'correct the NIP or the column',
        );
      else sex = s;
    }

    // Name and unit.
    const parts = splitName(get('frontTitle'), nameRaw, get('backTitle'));
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

    // Duplicates.
    if (nrp !== null) {
      const first = this.nrpLines.get(nrp);
      if (first !== undefined) {
        err(
          'nrp-duplicate',
          f.nrp !== undefined && !isEmpty(nrpText) ? 'nrp' : 'nip',
          `NRP ${nrp} appears twice: line ${first} and line ${line}`,
          'each person may appear only once; remove or correct one of the two rows',
        );
      } else {
        this.nrpLines.set(nrp, line);
      }
    }
    if (nip !== null) {
      const first = this.nipLines.get(nip);
      if (first !== undefined) {
        err(
          'nip-duplicate',
          'nip',
          `NIP ${formatNip(nip)} appears twice: line ${first} and line ${line}`,
          'each person may appear only once; remove or correct one of the two rows',
          { nip: formatNip(nip), first, line },
        );
      } else {
        this.nipLines.set(nip, line);
      }
    }
    const keyCol = get('key');
    let key: string;
    if (keyCol !== '') key = keyCol;
    else if (nip !== null) key = nip;
    else if (nrp !== null) key = nrp;
    else {
      const base = nonAsnKey(unit, parts.name);
      const n = (this.naCounts.get(base) ?? 0) + 1;
      this.naCounts.set(base, n);
      key = n === 1 ? base : `${base}-${n}`;
    }
    if (keyCol !== '') {
      const first = this.keyLines.get(key);
      if (first !== undefined)
        err(
          'key-duplicate',
          'key',
          `key '${key}' appears twice: line ${first} and line ${line}`,
          'keys must be unique',
        );
      else this.keyLines.set(key, line);
    }

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
