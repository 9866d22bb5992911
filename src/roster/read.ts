/**
 * Reads a roster file (CSV or XLSX) into people, streaming: records go one by one into the
 * PeopleBuilder, which validates them and collects every problem with its line and column.
 *
 * CSV: delimiter sniffed among `;` `,` TAB `|`; UTF-8 with or without BOM (a few stray bytes in it
 * are read as Windows-1252, with a warning naming the first one's line and column), Windows-1252 when
 * the bytes are not UTF-8 (what Excel on Indonesian Windows writes), UTF-16 with a BOM ("Unicode
 * Text") or without one (told by its zero bytes); CRLF;
 * quoted fields with delimiters, quotes and line breaks. Lines are 1-based and a record spanning
 * several lines is reported at its first line.
 * XLSX: exceljs's streaming reader, first visible sheet or the named one; every cell is read as the
 * text it shows, so a NIP stored as a number keeps its damage visible and nip.ts refuses it.
 *
 * The file is read twice: once for its sha256, its encoding and its kind, once to parse it (three
 * times when it is UTF-8 with stray bytes: once more to find them).
 * A file that cannot be read is a Problem, never a throw.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pipeline } from 'node:stream';
import { parse as csvParse, type CsvError, type Info } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { RosterField } from '../model/event.js';
import type { Person } from '../model/person.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { MixedDecoder, decodeMixed, scanMixed, sniffUtf16, type MixedScan } from './decode.js';
import { OLE_SIGNATURE, oleContent, type OleContent } from './ole.js';
import { PeopleBuilder } from './people.js';
import { XLSX_MAX_INFLATED, checkInflatedSize, type Oversize } from './zip.js';

export type RosterFormat = 'csv' | 'xlsx';
export type RosterEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface ReadRosterOptions {
  /** The path as the user gave it; used in every problem. */
  file: string;
  /** Header names for fields, from the event file (overrides recognition). */
  columns?: Partial<Record<RosterField, string>>;
  /** XLSX: the sheet to read (default: the first visible sheet). Ignored for CSV. */
  sheet?: string;
  /** Person.columns: `true` = every named column, a list = those headers, default = the recognised ones. */
  keepColumns?: string[] | true;
}

export interface RosterRead {
  file: string;
  /** undefined when the file could not be read as a roster at all (missing, a directory, a PDF, …). */
  format: RosterFormat | undefined;
  people: Person[];
  /** Errors and warnings, each with file, line (where there is one), field, message and hint. */
  problems: Problem[];
  /** Hex sha256 of the file's bytes; '' when the file could not be read. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
  /** Header row as found (cleaned), and its 1-based line (CSV) or sheet row (XLSX). */
  headers: string[];
  headerLine: number | undefined;
  /** Data rows under the header (non-empty ones), whether or not they became people. */
  rowCount: number;
  /** CSV only. */
  delimiter?: string;
  encoding?: RosterEncoding;
  /** XLSX only: the sheet read and all sheet names in workbook order. */
  sheet?: string;
  sheets?: string[];
}

/** How much of the file start is kept for sniffing the kind and the delimiter. */
const HEAD_BYTES = 64 * 1024;
/** Records looked at when sniffing the delimiter. */
const SNIFF_RECORDS = 50;
const DELIMITERS = [';', ',', '\t', '|'] as const;

const SAVE_AS_HINT = 'open it in Excel and save it as "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)"';

/** Reads and validates a roster. Never throws for a user's mistake: everything wrong is in `problems`. */
export async function readRoster(opts: ReadRosterOptions): Promise<RosterRead> {
  const file = opts.file;
  const result: RosterRead = {
    file,
    format: undefined,
    people: [],
    problems: [],
    sha256: '',
    bytes: 0,
    headers: [],
    headerLine: undefined,
    rowCount: 0,
  };
  const fail = (code: string, message: string, hint: string): RosterRead => {
    // params: the message in the interface language when the code has a translation (src/i18n)
    result.problems.push({ severity: 'error', code, file, message, hint, params: { file } });
    return result;
  };

  // 1. Is it a readable file?
  try {
    const st = await stat(file);
    if (st.isDirectory()) {
      return fail('roster-not-a-file', `'${file}' is a folder, not a roster file`, 'give the path of the roster file itself (.csv or .xlsx) inside that folder');
    }
    if (!st.isFile()) return fail('roster-not-a-file', `'${file}' is not a regular file`, 'give the path of a .csv or .xlsx roster file');
  } catch (e) {
    return fail(...fileError(file, e));
  }

  // 2. First pass: hash, head, UTF-8 validity.
  let scan: Scan;
  try {
    scan = await scanFile(file);
  } catch (e) {
    return fail(...fileError(file, e));
  }
  result.sha256 = scan.sha256;
  result.bytes = scan.size;

  // 3. What kind of file is it?
  const ole = startsWith(scan.head, OLE_SIGNATURE) ? await oleContent(file) : undefined;
  const kind = sniffKind(scan.head, file, ole);
  if (kind.kind === 'refuse') return fail(kind.code, kind.message, kind.hint);

  const makeBuilder = () =>
    new PeopleBuilder({
      file,
      ...(opts.columns ? { columns: opts.columns } : {}),
      ...(opts.keepColumns !== undefined ? { keepColumns: opts.keepColumns } : {}),
    });
  let builder: PeopleBuilder;

  // Problems that stop reading (a broken file, an unknown sheet) make "empty roster" beside the point.
  let fileProblems: Problem[];
  if (kind.kind === 'xlsx') {
    result.format = 'xlsx';
    const over = await checkInflatedSize(file);
    if (over) {
      result.problems.push(oversizeProblem(file, over));
      return result;
    }
    const x = await readXlsx(file, makeBuilder, opts.sheet);
    builder = x.builder;
    if (x.sheet !== undefined) result.sheet = x.sheet;
    result.sheets = x.sheets;
    fileProblems = x.problems;
  } else {
    result.format = 'csv';
    // UTF-8 with a few bytes that are not (`mixed`): those bytes are read as Windows-1252, the rest as UTF-8.
    const { encoding, mixed } = await pickEncoding(scan, file);
    result.encoding = encoding;
    if (mixed?.first) result.problems.push(mixedWarning(file, mixed));
    const delimiter = sniffDelimiter(decodeHead(scan.head, encoding, scan.size > scan.head.length, mixed !== undefined)) ?? ',';
    result.delimiter = delimiter;
    builder = makeBuilder();
    fileProblems = await readCsv(file, builder, encoding, delimiter, mixed !== undefined);
  }
  builder.finish();
  const emptiness = new Set(['roster-empty', 'roster-no-people']);
  const all = new ProblemList();
  all.merge(result.problems);
  all.merge(fileProblems.length ? builder.problems.filter((p) => !emptiness.has(p.code)) : builder.problems);
  all.merge(fileProblems);
  result.problems = all.items;
  result.people = builder.people;
  result.headers = builder.headers;
  result.headerLine = builder.headerLine;
  result.rowCount = builder.rowCount;
  return result;
}

const MB = (n: number) => Math.ceil(n / (1024 * 1024)).toLocaleString('en-US');

function oversizeProblem(file: string, o: Oversize): Problem {
  const limit = MB(XLSX_MAX_INFLATED);
  const message = o.declared
    ? `'${file}' would unpack to more than ${limit} MB (${MB(o.bytes)} MB by the time of its part ${o.entry}); ikrar reads workbooks up to ${limit} MB unpacked`
    : `'${file}' unpacks to more than ${limit} MB: its part ${o.entry} holds far more than its size says, so reading stopped; ikrar reads workbooks up to ${limit} MB unpacked`;
  return {
    severity: 'error',
    code: 'roster-xlsx-too-large',
    file,
    message,
    hint: 'this is not an ordinary roster workbook (it may be damaged): export the roster again, or save it as "CSV UTF-8" and give that file',
    params: { _m: o.declared ? 'declared' : 'inflated', file, limit, mb: MB(o.bytes), entry: o.entry },
  };
}

/** Rows and columns beyond Excel's own limits only come from a damaged or crafted file. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;

function beyondSheet(file: string, row: number, columns: number): Problem | undefined {
  if (row <= XLSX_MAX_ROWS && columns <= XLSX_MAX_COLUMNS) return undefined;
  const what = row > XLSX_MAX_ROWS ? `row ${row} is beyond Excel's last row (${XLSX_MAX_ROWS})` : `row ${row} has ${columns} columns, more than Excel's ${XLSX_MAX_COLUMNS}`;
  return {
    severity: 'error',
    code: 'roster-xlsx-too-large',
    file,
    line: Math.min(row, XLSX_MAX_ROWS + 1),
    message: `${what}: the workbook is damaged; rows from there were not read`,
    hint: 'open it in Excel and save it again, or export the roster again',
    params: row > XLSX_MAX_ROWS ? { _m: 'rows', _h: 'damaged', row, max: XLSX_MAX_ROWS } : { _m: 'columns', _h: 'damaged', row, columns, max: XLSX_MAX_COLUMNS },
  };
}

function fileError(file: string, e: unknown): [string, string, string] {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return ['roster-not-found', `the roster file '${file}' does not exist`, 'check the path and the file name (and its extension, .csv or .xlsx)'];
  }
  if (code === 'EISDIR') {
    return ['roster-not-a-file', `'${file}' is a folder, not a roster file`, 'give the path of the roster file itself (.csv or .xlsx) inside that folder'];
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return ['roster-unreadable', `the roster file '${file}' cannot be opened: permission denied`, 'check the file permissions, or copy the file somewhere you can read it'];
  }
  if (code === 'EBUSY') {
    return ['roster-unreadable', `the roster file '${file}' is locked by another program`, 'close the file in Excel and try again'];
  }
  const msg = e instanceof Error ? e.message : String(e);
  return ['roster-unreadable', `the roster file '${file}' cannot be read: ${msg}`, 'check that the file is on a readable disk and not still being copied'];
}

// ---------------------------------------------------------------- first pass

interface Scan {
  sha256: string;
  size: number;
  /** The first HEAD_BYTES bytes. */
  head: Buffer;
  /** True when the whole file is valid UTF-8. */
  utf8: boolean;
}

async function scanFile(path: string): Promise<Scan> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLen = 0;
  let size = 0;
  let utf8 = true;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (headLen < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - headLen);
      headParts.push(part);
      headLen += part.length;
    }
    if (utf8) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (utf8) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(headParts), utf8 };
}

type Kind = { kind: 'csv' } | { kind: 'xlsx' } | { kind: 'refuse'; code: string; message: string; hint: string };

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Tells CSV (any text), XLSX (a zip) and the files people send instead apart, by content first. */
export function sniffKind(head: Buffer, file: string, ole?: OleContent): Kind {
  const ext = extname(file).toLowerCase();
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // ODS (and other OpenDocument files) start with an uncompressed "mimetype" entry.
    const first = head.subarray(0, 200).toString('latin1');
    if (first.includes('mimetypeapplication/vnd.oasis.opendocument')) {
      return {
        kind: 'refuse',
        code: 'roster-format',
        message: `'${file}' is an OpenDocument file (LibreOffice${ext === '.ods' ? ' .ods' : ''}), not CSV or XLSX`,
        hint: 'open it in LibreOffice or Excel and save it as "Excel 2007-365 (.xlsx)" or as CSV (UTF-8)',
      };
    }
    if (['.docx', '.pptx', '.zip'].includes(ext)) {
      return { kind: 'refuse', code: 'roster-format', message: `'${file}' is a ${ext.slice(1).toUpperCase()} file, not a roster in CSV or XLSX`, hint: 'give the roster as an Excel workbook (.xlsx) or a CSV file' };
    }
    return { kind: 'xlsx' };
  }
  if (startsWith(head, OLE_SIGNATURE)) {
    // Its streams tell (ole.ts); when they could not be read, the extension guesses.
    const xlsxName = ext === '.xlsx' || ext === '.xlsm';
    if (ole === 'encrypted' || (ole === undefined && xlsxName)) {
      return {
        kind: 'refuse',
        code: 'roster-xlsx-protected',
        message: `'${file}' is a password-protected (encrypted) workbook, which cannot be read`,
        hint: 'open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again',
      };
    }
    return {
      kind: 'refuse',
      code: 'roster-xls',
      message: `'${file}' is an old Excel 97–2003 workbook (.xls)${xlsxName ? ` renamed ${ext}` : ''}, which cannot be read`,
      hint: `${SAVE_AS_HINT}, then give that file`,
    };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return { kind: 'refuse', code: 'roster-format', message: `'${file}' is a PDF file, not a roster in CSV or XLSX`, hint: 'export the roster from SIASN/SIMPEG or Excel as .xlsx or .csv; a PDF table cannot be read' };
  }
  const isUtf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || sniffUtf16(head) !== undefined;
  if (!isUtf16) {
    const text = head.subarray(0, 4096).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
    if (text.startsWith('<')) {
      if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
        return { kind: 'refuse', code: 'roster-format', message: `'${file}' is an Excel 2003 XML spreadsheet, not CSV or XLSX`, hint: SAVE_AS_HINT };
      }
      if (/<(html|table|!doctype html)/.test(text)) {
        return {
          kind: 'refuse',
          code: 'roster-format',
          message: `'${file}' is a web page (HTML)${ext === '.xls' ? ' with an .xls name' : ''}, not CSV or XLSX`,
          hint: SAVE_AS_HINT,
        };
      }
    }
    if (head.includes(0)) {
      return {
        kind: 'refuse',
        code: 'roster-format',
        message: `'${file}' is not a CSV or XLSX file (it holds binary data)`,
        hint: ext === '.xls' ? SAVE_AS_HINT : 'give the roster as an Excel workbook (.xlsx) or a CSV file',
      };
    }
  }
  return { kind: 'csv' };
}

/**
 * BOMs first; then UTF-16 told by its zero bytes; then UTF-8, also when only a few bytes are not
 * (more valid multi-byte sequences than stray bytes: they are read as Windows-1252, see decode.ts);
 * else Windows-1252 (what Excel on Indonesian Windows writes).
 */
async function pickEncoding(scan: Scan, file: string): Promise<{ encoding: RosterEncoding; mixed?: MixedScan }> {
  const h = scan.head;
  if (startsWith(h, [0xff, 0xfe])) return { encoding: 'utf-16le' };
  if (startsWith(h, [0xfe, 0xff])) return { encoding: 'utf-16be' };
  const bom = startsWith(h, [0xef, 0xbb, 0xbf]);
  const utf16 = bom ? undefined : sniffUtf16(h);
  if (utf16) return { encoding: utf16 };
  const encoding = bom ? 'utf-8-bom' : 'utf-8';
  if (scan.utf8) return { encoding };
  const mixed = await scanMixed(file);
  return bom || mixed.utf8Sequences >= mixed.strayBytes ? { encoding, mixed } : { encoding: 'windows-1252' };
}

/** The warning for a UTF-8 file with stray bytes: where the first is, what it was read as, how many more. */
function mixedWarning(file: string, m: MixedScan): Problem {
  const { line, column, byte } = m.first!;
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  const char = iconv.decode(Buffer.from([byte]), 'win1252');
  const more = m.strayBytes - 1;
  return {
    severity: 'warning',
    code: 'roster-encoding',
    file,
    line,
    column,
    message: `line ${line}, column ${column}: byte 0x${hex} is not UTF-8; it was read as '${char}' (Windows-1252)${more ? `, and so were ${more} more such bytes` : ''}; the rest of the file was read as UTF-8`,
    hint: 'check the name there; to be sure, open the file in Excel and save it again as "CSV UTF-8 (Comma delimited)"',
    params: { _m: more ? 'more' : 'one', line, column, byte: hex, char, more },
  };
}

const ICONV_NAMES: Record<RosterEncoding, string> = {
  'utf-8': 'utf8',
  'utf-8-bom': 'utf8',
  'windows-1252': 'win1252',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
};

function decodeHead(head: Buffer, encoding: RosterEncoding, truncated: boolean, mixed: boolean): string {
  let text = (mixed ? decodeMixed(head) : iconv.decode(head, ICONV_NAMES[encoding])).replace(/^\uFEFF/, '');
  if (truncated) {
    // The last line may be cut in the middle.
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut);
  }
  return text;
}

// ---------------------------------------------------------------- CSV

/**
 * The delimiter among `;` `,` TAB `|` that splits the first records (outside quotes) into the most
 * consistent number of columns, more than one. undefined when none splits anything.
 */
export function sniffDelimiter(text: string): string | undefined {
  const records: number[][] = [];
  let cur = [0, 0, 0, 0];
  let content = false;
  let inQuotes = false;
  for (let i = 0; i < text.length && records.length < SNIFF_RECORDS; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      inQuotes = !inQuotes;
      content = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (content) records.push(cur);
      cur = [0, 0, 0, 0];
      content = false;
    } else {
      const k = (DELIMITERS as readonly string[]).indexOf(ch);
      if (k >= 0) cur[k]!++;
      if (ch !== ' ') content = true;
    }
  }
  if (content && records.length < SNIFF_RECORDS) records.push(cur);
  if (records.length === 0) return undefined;

  const scored = DELIMITERS.map((d, k) => {
    const freq = new Map<number, number>();
    for (const r of records) freq.set(r[k]!, (freq.get(r[k]!) ?? 0) + 1);
    // The most frequent count; ties go to the larger count.
    let mode = 0;
    let modeFreq = 0;
    for (const [n, f] of freq) {
      if (f > modeFreq || (f === modeFreq && n > mode)) {
        mode = n;
        modeFreq = f;
      }
    }
    return { d, k, columns: mode + 1, consistency: modeFreq / records.length };
  }).filter((s) => s.columns > 1);
  if (scored.length === 0) return undefined;
  const best = Math.max(...scored.map((s) => s.consistency));
  // Among the (nearly) most consistent, the one giving the most columns; then ; , TAB | in that order.
  const close = scored.filter((s) => s.consistency >= best - 0.1);
  close.sort((a, b) => b.columns - a.columns || a.k - b.k);
  return close[0]!.d;
}

/** Line breaks in a record's fields, counted as an editor does (CRLF = 1), and as csv-parse does (CRLF = 2). */
function breaksIn(record: string[]): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (const f of record) {
    if (f.indexOf('\n') < 0 && f.indexOf('\r') < 0) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 13) {
        lines++;
        if (f.charCodeAt(i + 1) === 10) {
          crlf++;
          i++;
        }
      } else if (c === 10) {
        lines++;
      }
    }
  }
  return { lines, crlf };
}

/** Streams the CSV into the builder. Returns the problems of records that could not be parsed. */
async function readCsv(file: string, builder: PeopleBuilder, encoding: RosterEncoding, delimiter: string, mixed: boolean): Promise<Problem[]> {
  let lastEnd = 0;
  const skipped = new ProblemList();
  const parser = csvParse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return undefined;
      skipped.add(csvProblem(file, err, lastEnd + 1));
      return undefined;
    },
  });
  // UTF-8 goes to csv-parse as bytes (it strips the BOM); other encodings are decoded on the way.
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  let pipeError: Error | undefined;
  const done = (err: NodeJS.ErrnoException | null) => {
    if (err) pipeError = err;
  };
  if (mixed) pipeline(source, new MixedDecoder(), parser, done);
  else if (encoding === 'utf-8' || encoding === 'utf-8-bom') pipeline(source, parser, done);
  else pipeline(source, iconv.decodeStream(ICONV_NAMES[encoding]), parser, done);

  // csv-parse's info.lines is the line a record ends on, but it counts a CRLF inside a quoted field
  // as two lines; `extra` corrects for that.
  let extra = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const { record, info } = item;
      const b = breaksIn(record);
      extra += b.crlf;
      const end = info.lines - extra;
      const start = end - b.lines;
      lastEnd = end;
      builder.push(record, start);
    }
  } catch (e) {
    const err = (pipeError ?? e) as CsvError | NodeJS.ErrnoException;
    if ('code' in err && typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      skipped.add(csvProblem(file, err as CsvError, lastEnd + 1));
      return skipped.items;
    }
    const [code, message, hint] = fileError(file, err);
    skipped.add({ severity: 'error', code, file, message, hint });
  }
  return skipped.items;
}

function csvProblem(file: string, err: CsvError, line: number): Problem {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      severity: 'error',
      code: 'csv-quote-not-closed',
      file,
      line,
      message: `a quoted field starting on line ${line} or a little after is never closed; the rest of the file from there was not read`,
      hint: 'look for a cell with an opening " and no closing " (or a stray " in a name); remove it or double it as ""',
    };
  }
  return {
    severity: 'error',
    code: 'csv-syntax',
    file,
    line,
    message: `the CSV cannot be read near line ${line}: ${err.message}`,
    hint: 'open the file in Excel and save it again as CSV, or fix the quotes in that line',
  };
}

// ---------------------------------------------------------------- XLSX

interface SheetInfo {
  name: string;
  state?: string;
}

interface XlsxRead {
  builder: PeopleBuilder;
  sheet?: string;
  sheets: string[];
  problems: Problem[];
}

/**
 * exceljs's streaming reader (through unzipper) now and then misses zip entries at the end of the
 * archive: the workbook part (it then throws), or the shared strings (every text cell would read
 * as empty). Such a read is thrown away and done again; after two misses the workbook is read whole
 * (JSZip), which is reliable but holds the workbook in memory.
 */
class IncompleteRead extends Error {}

async function readXlsx(file: string, makeBuilder: () => PeopleBuilder, wanted: string | undefined): Promise<XlsxRead> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await readXlsxStreaming(file, makeBuilder(), wanted);
    } catch (e) {
      if (!(e instanceof IncompleteRead)) break;
    }
  }
  return readXlsxWhole(file, makeBuilder(), wanted);
}

const sameSheet = (name: string, want: string) => name === want || name.trim().toLowerCase() === want.trim().toLowerCase();

/** The sheet to read: the named one (exact, else ignoring case and outer spaces), else the first visible one. */
function chooseSheet(list: SheetInfo[], wanted: string | undefined): string | undefined {
  if (wanted !== undefined) return (list.find((s) => s.name === wanted) ?? list.find((s) => sameSheet(s.name, wanted)))?.name;
  return (list.find((s) => !s.state || s.state === 'visible') ?? list[0])?.name;
}

function sheetMissing(file: string, wanted: string, names: string[]): Problem {
  return {
    severity: 'error',
    code: 'roster-sheet-missing',
    file,
    field: 'sheet',
    message: `the workbook has no sheet named '${wanted}'; its sheets are: ${names.map((n) => `'${n}'`).join(', ')}`,
    hint: names.length ? `write the sheet name exactly as on its tab, e.g. sheet: "${names[0]}"` : 'check the workbook',
  };
}

function noSheets(file: string): Problem {
  return {
    severity: 'error',
    code: 'roster-xlsx-unreadable',
    file,
    message: `'${file}' is a zip file but holds no Excel worksheets`,
    hint: 'give the roster as an Excel workbook (.xlsx) or a CSV file',
  };
}

async function readXlsxStreaming(file: string, builder: PeopleBuilder, wanted: string | undefined): Promise<XlsxRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const model = () => (reader as unknown as { model?: { sheets?: SheetInfo[] } }).model;
  let target: string | undefined;
  let read: string | undefined;
  let beyond: Problem | undefined;
  const emitted: string[] = [];
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? '';
      emitted.push(name);
      const list = model()?.sheets;
      if (!list) throw new IncompleteRead('workbook part not read');
      target ??= chooseSheet(list, wanted);
      if (read === undefined && target !== undefined && name === target) {
        read = name;
        for await (const row of ws) {
          // Past a limit, rows are still drained (exceljs needs the sheet read to its end), not kept.
          beyond ??= beyondSheet(file, row.number, (row.values as unknown[]).length - 1);
          if (!beyond) builder.push(rowCells(row, true), row.number);
        }
      } else {
        // Drain the sheet unparsed: exceljs deletes a sheet it buffered in a temporary file as soon as
        // the next one is asked for, and a stream left unread would then fail to open and crash.
        for await (const _ of (ws as unknown as { iterator: AsyncIterable<unknown> }).iterator) void _;
      }
    }
  } catch (e) {
    if (e instanceof IncompleteRead) throw e;
    // "Cannot read properties of undefined (reading 'sheets')": the workbook part was missed.
    if (e instanceof TypeError && /'sheets'/.test(e.message) && !model()) throw new IncompleteRead(e.message);
    throw new IncompleteRead(e instanceof Error ? e.message : String(e));
  }
  const list = model()?.sheets;
  if (emitted.length > 0 && !list) throw new IncompleteRead('workbook part not read');
  const sheets = (list ?? []).map((s) => s.name);
  if (emitted.length === 0) return { builder, sheets, problems: [noSheets(file)] };
  if (read === undefined) {
    // A sheet the workbook lists but that never came out of the zip is a missed entry, not a user's mistake.
    if (target !== undefined) throw new IncompleteRead(`sheet '${target}' not read`);
    return { builder, sheets, problems: [sheetMissing(file, wanted ?? '', sheets)] };
  }
  return { builder, sheet: read, sheets, problems: beyond ? [beyond] : [] };
}

async function readXlsxWhole(file: string, builder: PeopleBuilder, wanted: string | undefined): Promise<XlsxRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      builder,
      sheets: [],
      problems: [{
        severity: 'error',
        code: 'roster-xlsx-unreadable',
        file,
        message: `'${file}' cannot be read as an Excel workbook (.xlsx): ${msg}`,
        hint: 'open it in Excel and save it again as "Excel Workbook (*.xlsx)", or save it as CSV UTF-8',
      }],
    };
  }
  const list: SheetInfo[] = wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state }));
  const sheets = list.map((s) => s.name);
  if (list.length === 0) return { builder, sheets, problems: [noSheets(file)] };
  const target = chooseSheet(list, wanted);
  const ws = target === undefined ? undefined : wb.getWorksheet(target);
  if (!ws) return { builder, sheets, problems: [sheetMissing(file, wanted ?? '', sheets)] };
  let beyond: Problem | undefined;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    beyond ??= beyondSheet(file, n, (row.values as unknown[]).length - 1);
    if (!beyond) builder.push(rowCells(row, false), n);
  });
  return { builder, sheet: ws.name, sheets, problems: beyond ? [beyond] : [] };
}

function rowCells(row: ExcelJS.Row, streaming: boolean): string[] {
  const values = row.values as unknown[];
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = values[c];
    // A reference into a shared-strings table that was never read.
    if (streaming && v !== null && typeof v === 'object' && 'sharedString' in v) throw new IncompleteRead('shared strings not read');
    cells.push(cellText(v));
  }
  return cells;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The text a cell holds, as Excel shows it in a General cell. A number of 16 or more digits is shown
 * in scientific notation ("1.98609262015051E+17"): Excel keeps 15 significant digits, so an 18-digit
 * NIP stored as a number has lost its last digits and must not look like a valid NIP.
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const date = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    const h = v.getUTCHours();
    const m = v.getUTCMinutes();
    const s = v.getUTCSeconds();
    if (h === 0 && m === 0 && s === 0) return date;
    return `${date} ${pad2(h)}:${pad2(m)}${s ? `:${pad2(s)}` : ''}`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('error' in o) return String(o.error ?? '');
    if ('text' in o) return cellText(o.text);
    if ('result' in o) return cellText(o.result);
  }
  return '';
}

export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (Math.abs(n) >= 1e15) {
    const [mant, exp] = n.toPrecision(15).split('e');
    const m = mant!.includes('.') ? mant!.replace(/0+$/, '').replace(/\.$/, '') : mant!;
    return `${m}E${exp!.startsWith('-') ? exp : `+${exp!.replace(/^\+/, '')}`}`;
  }
  // Excel shows at most 15 significant digits; this also drops float noise (0.1 + 0.2).
  return String(Number(n.toPrecision(15)));
}
