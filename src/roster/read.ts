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
 * XLSX: ikrar's own reader (xlsx.ts: parts found through the zip's central directory, the sheet streamed), first visible sheet or the named one; every cell is read as the
 * text it shows, so a NIP stored as a number keeps its damage visible and nip.ts refuses it.
 * XLS (Excel 97–2003) and ODS (LibreOffice): SheetJS, whole file, the same sheets and cell texts
 * (workbook.ts).
 *
 * The file is read twice: once for its sha256, its encoding and its kind, once to parse it (three
 * times when it is UTF-8 with stray bytes: once more to find them).
 * A file that cannot be read is a Problem, never a throw.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { parse as csvParse, type CsvError, type Info } from 'csv-parse';
import iconv from 'iconv-lite';
import type { RosterField } from '../model/event.js';
import type { Person } from '../model/person.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { MixedDecoder } from './decode.js';
import {
  ICONV_NAMES,
  decodeHead,
  mixedWarning,
  pickEncoding,
  scanFile,
  sniffFile,
  type RosterEncoding,
  type Scan,
} from './sniff.js';
import { PeopleBuilder } from './people.js';
import { readWholeWorkbook } from './workbook.js';
import { readXlsx } from './xlsx.js';
import { sniffDelimiter } from '../util/delimiter.js';

export type RosterFormat = 'csv' | 'xlsx' | 'xls' | 'ods';

export interface ReadRosterOptions {
  /** The path as the user gave it; used in every problem. */
  file: string;
  /** Header names for fields, from the event file (overrides recognition). */
  columns?: Partial<Record<RosterField, string>>;
  /** XLSX, XLS, ODS: the sheet to read (default: the first visible sheet). Ignored for CSV. */
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
  /** Workbooks only: the sheet read and all sheet names in workbook order. */
  sheet?: string;
  sheets?: string[];
}

/** Records looked at when sniffing the delimiter. */

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
      return fail(
        'roster-not-a-file',
        `'${file}' is a folder, not a roster file`,
        'give the path of the roster file itself (.csv or .xlsx) inside that folder',
      );
    }
    if (!st.isFile())
      return fail(
        'roster-not-a-file',
        `'${file}' is not a regular file`,
        'give the path of a .csv or .xlsx roster file',
      );
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
  const kind = await sniffFile(scan.head, file);
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
  if (kind.kind !== 'csv') {
    result.format = kind.kind;
    const x =
      kind.kind === 'xlsx'
        ? await readXlsx(file, makeBuilder, opts.sheet)
        : await readWholeWorkbook(file, kind.kind, makeBuilder, opts.sheet);
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
    const delimiter =
      sniffDelimiter(decodeHead(scan.head, encoding, scan.size > scan.head.length, mixed !== undefined)) ?? ',';
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

function fileError(file: string, e: unknown): [string, string, string] {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return [
      'roster-not-found',
      `the roster file '${file}' does not exist`,
      'check the path and the file name (and its extension, .csv or .xlsx)',
    ];
  }
  if (code === 'EISDIR') {
    return [
      'roster-not-a-file',
      `'${file}' is a folder, not a roster file`,
      'give the path of the roster file itself (.csv or .xlsx) inside that folder',
    ];
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return [
      'roster-unreadable',
      `the roster file '${file}' cannot be opened: permission denied`,
      'check the file permissions, or copy the file somewhere you can read it',
    ];
  }
  if (code === 'EBUSY') {
    return [
      'roster-unreadable',
      `the roster file '${file}' is locked by another program`,
      'close the file in Excel and try again',
    ];
  }
  const msg = e instanceof Error ? e.message : String(e);
  return [
    'roster-unreadable',
    `the roster file '${file}' cannot be read: ${msg}`,
    'check that the file is on a readable disk and not still being copied',
  ];
}

// ---------------------------------------------------------------- CSV

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
async function readCsv(
  file: string,
  builder: PeopleBuilder,
  encoding: RosterEncoding,
  delimiter: string,
  mixed: boolean,
): Promise<Problem[]> {
  let lastEnd = 0;
  const skipped = new ProblemList();
  const parser = csvParse({
    delimiter,
    // Every line ending, mixed in one file too (a row typed in Notepad into an Excel CSV): left to
    // itself csv-parse takes the first one it sees and would join an LF-ended row with the next.
    record_delimiter: ['\r\n', '\n', '\r'],
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

export { cellText, numberText } from './sheets.js';
export { sniffKind, type RosterEncoding } from './sniff.js';
