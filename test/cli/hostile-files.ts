/**
 * Hostile files made on the spot (never committed): an OLE2 compound file with given stream names
 * (what .xls and password-protected .xlsx files are), and a zip bomb shaped like an XLSX.
 */
import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

/** A minimal OLE2 compound file: header, one directory sector naming the root and the given streams. */
export function writeOle(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(0, 0x30); // the directory starts at sector 0
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  const dir = Buffer.alloc(512 * Math.ceil((streams.length + 1) / 4));
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = i * 128;
    dir.write(name, at, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    dir[at + 0x42] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir, Buffer.alloc(4096, 0)]);
}

export interface Entry {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  /** 8 deflated (the default), 0 stored. */
  method?: 0 | 8;
  /** Sizes and CRC after the data (flag bit 3), zero in the local header: what streaming writers do. */
  descriptor?: boolean;
}

export function deflated(name: string, text: string): Entry {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
}

/** A raw deflate stream of `prefix`, `chunk` repeated `times`, `suffix`, built without holding the whole. */
function repeated(
  prefix: string,
  chunk: string,
  times: number,
  suffix: string,
): { data: Buffer; crc: number; size: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const p = Buffer.from(prefix);
  const c = Buffer.from(chunk);
  const s = Buffer.from(suffix);
  // A full flush ends byte-aligned and forgets the window, so the pieces can be concatenated.
  const cz = zlib.deflateRawSync(c, flush);
  const parts = [zlib.deflateRawSync(p, flush)];
  let crc = zlib.crc32(p);
  for (let i = 0; i < times; i++) {
    parts.push(cz);
    crc = zlib.crc32(c, crc);
  }
  parts.push(zlib.deflateRawSync(s));
  crc = zlib.crc32(s, crc);
  return { data: Buffer.concat(parts), crc, size: p.length + c.length * times + s.length };
}

/**
 * An XLSX whose sheet inflates to about `bytes` bytes of rows (a few MB on disk). With `lie` the
 * zip claims the sheet is 2 KB, so only counting while inflating finds it out.
 */
export function writeBombXlsx(file: string, bytes: number, lie: boolean): void {
  const row = '<row><c t="inlineStr"><is><t>BUDI SANTOSO</t></is></c><c t="inlineStr"><is><t>Dinas</t></is></c></row>';
  const chunk = row.repeat(Math.ceil((1 << 20) / row.length));
  const sheet = repeated(SHEET_START, chunk, Math.ceil(bytes / chunk.length), SHEET_END);
  writeXlsx(file, { ...sheet, size: lie ? 2048 : sheet.size });
}

const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';

/** A one-sheet XLSX whose rows are given as XML, each cell an inline string: [row number, [column letter, text][]][]. */
export function writeRowsXlsx(file: string, rows: [number, [string, string][]][]): void {
  const xml = rows
    .map(
      ([r, cells]) =>
        `<row r="${r}">${cells.map(([c, v]) => `<c r="${c}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  const sheet = deflated('', SHEET_START + xml + SHEET_END);
  writeXlsx(file, sheet);
}

/** A zip header: signature, then from `at` the fields local and central headers share (1980-01-01). */
function header(length: number, signature: number, at: number, e: Entry, nameLength: number): Buffer {
  const h = Buffer.alloc(length);
  h.writeUInt32LE(signature, 0);
  h.writeUInt16LE(20, at);
  h.writeUInt16LE(e.method ?? 8, at + 4);
  h.writeUInt16LE(0x21, at + 8);
  h.writeUInt32LE(e.crc >>> 0, at + 10);
  h.writeUInt32LE(e.data.length, at + 14);
  h.writeUInt32LE(e.size, at + 18);
  h.writeUInt16LE(nameLength, at + 22);
  return h;
}

function writeXlsx(file: string, sheet: { data: Buffer; crc: number; size: number }): void {
  const entries: Entry[] = [
    deflated(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    deflated(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflated(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', data: sheet.data, crc: sheet.crc, size: sheet.size },
  ];
  writeFileSync(file, zipBytes(entries));
}

/** A zip file of `entries` (their data as it is stored: deflated or not, as `method` says). */
export function zipBytes(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = header(30, 0x04034b50, 4, e, name.length);
    const cd = header(46, 0x02014b50, 6, e, name.length);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt32LE(offset, 42);
    const tail = Buffer.alloc(e.descriptor ? 16 : 0);
    if (e.descriptor) {
      local.writeUInt16LE(8, 6);
      local.fill(0, 14, 26);
      cd.writeUInt16LE(8, 8);
      tail.writeUInt32LE(0x08074b50, 0);
      tail.writeUInt32LE(e.crc >>> 0, 4);
      tail.writeUInt32LE(e.data.length, 8);
      tail.writeUInt32LE(e.size, 12);
    }
    parts.push(local, name, e.data, tail);
    central.push(cd, name);
    offset += local.length + name.length + e.data.length + tail.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}
