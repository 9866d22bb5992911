/**
 * The first pass over a roster file: its sha256, its first bytes, whether it is UTF-8; from those,
 * what kind of file it is (CSV, XLSX, or one of the files people send instead) and its encoding.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import iconv from 'iconv-lite';
import type { Problem } from '../model/problems.js';
import { cp1252Char, decodeMixed, scanMixed, sniffUtf16, type MixedScan } from './decode.js';
import { OLE_SIGNATURE, oleContent, type OleContent } from './ole.js';
import { zipEntryNames } from './zip.js';

export type RosterEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** How much of the file start is kept for sniffing the kind and the delimiter. */
const HEAD_BYTES = 64 * 1024;

const SAVE_AS_HINT =
  'open it in Excel and save it as "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)"';

export interface Scan {
  sha256: string;
  size: number;
  /** The first HEAD_BYTES bytes. */
  head: Buffer;
  /** True when the whole file is valid UTF-8. */
  utf8: boolean;
}

export async function scanFile(path: string): Promise<Scan> {
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

export type Kind =
  | { kind: 'csv' }
  | { kind: 'xlsx' }
  | { kind: 'xls' }
  | { kind: 'ods' }
  | { kind: 'refuse'; code: string; message: string; hint: string };

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

const isZip = (head: Buffer) =>
  startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]);

/** sniffKind, after looking into an OLE2 file's streams or a zip's entry names. */
export async function sniffFile(head: Buffer, file: string): Promise<Kind> {
  if (isZip(head)) return sniffKind(head, file, undefined, await zipEntryNames(file));
  return sniffKind(head, file, startsWith(head, OLE_SIGNATURE) ? await oleContent(file) : undefined);
}

/** Tells CSV (any text), XLSX (a zip) and the files people send instead apart, by content first. */
export function sniffKind(head: Buffer, file: string, ole?: OleContent, zipNames?: string[]): Kind {
  const ext = extname(file).toLowerCase();
  if (isZip(head)) {
    // ODS (and other OpenDocument files) start with an uncompressed "mimetype" entry; some writers
    // put it elsewhere, so an OpenDocument zip is also told by its content.xml (and no XLSX parts).
    const first = head.subarray(0, 200).toString('latin1');
    if (first.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return { kind: 'ods' };
    if (
      zipNames?.includes('content.xml') &&
      !zipNames.includes('[Content_Types].xml') &&
      (ext === '.ods' || zipNames.includes('mimetype'))
    )
      return { kind: 'ods' };
    if (first.includes('mimetypeapplication/vnd.oasis.opendocument')) {
      return {
        kind: 'refuse',
        code: 'roster-format',
        message: `'${file}' is an OpenDocument file (LibreOffice) but not a spreadsheet, so not a roster`,
        hint: 'give the roster as a spreadsheet (.xlsx, .xls, .ods) or a CSV file',
      };
    }
    if (['.docx', '.pptx', '.zip'].includes(ext)) {
      return {
        kind: 'refuse',
        code: 'roster-format',
        message: `'${file}' is a ${ext.slice(1).toUpperCase()} file, not a roster in CSV or XLSX`,
        hint: 'give the roster as an Excel workbook (.xlsx) or a CSV file',
      };
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
    return { kind: 'xls' };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return {
      kind: 'refuse',
      code: 'roster-format',
      message: `'${file}' is a PDF file, not a roster in CSV or XLSX`,
      hint: 'export the roster from SIASN/SIMPEG or Excel as .xlsx or .csv; a PDF table cannot be read',
    };
  }
  const isUtf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || sniffUtf16(head) !== undefined;
  if (!isUtf16) {
    const text = head
      .subarray(0, 4096)
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/, '')
      .trimStart()
      .toLowerCase();
    if (text.startsWith('<')) {
      if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
        return {
          kind: 'refuse',
          code: 'roster-format',
          message: `'${file}' is an Excel 2003 XML spreadsheet, not CSV or XLSX`,
          hint: SAVE_AS_HINT,
        };
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
export async function pickEncoding(scan: Scan, file: string): Promise<{ encoding: RosterEncoding; mixed?: MixedScan }> {
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
export function mixedWarning(file: string, m: MixedScan): Problem {
  const { line, column, byte } = m.first!;
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  const char = cp1252Char(byte);
  const more = m.strayBytes - 1;
  return {
    severity: 'warning',
    code: 'roster-encoding',
    file,
    line,
    column,
    message: `line ${line}, column ${column}: byte 0x${hex} is not UTF-8; it was read as '${char}' (Windows-1252)${more === 1 ? ', and so was 1 more such byte' : more ? `, and so were ${more} more such bytes` : ''}; the rest of the file was read as UTF-8`,
    hint: 'check the name there; to be sure, open the file in Excel and save it again as "CSV UTF-8 (Comma delimited)"',
    params: { _m: more === 1 ? 'one-more' : more ? 'more' : 'one', line, column, byte: hex, char, more },
  };
}

export const ICONV_NAMES: Record<RosterEncoding, string> = {
  'utf-8': 'utf8',
  'utf-8-bom': 'utf8',
  'windows-1252': 'win1252',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
};

export function decodeHead(head: Buffer, encoding: RosterEncoding, truncated: boolean, mixed: boolean): string {
  let text = (mixed ? decodeMixed(head) : iconv.decode(head, ICONV_NAMES[encoding])).replace(/^\uFEFF/, '');
  if (truncated) {
    // The last line may be cut in the middle.
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut);
  }
  return text;
}
