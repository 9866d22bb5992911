/**
 * Excel 97–2003 (.xls) and OpenDocument (.ods) rosters (issue #13), written here with SheetJS
 * (@e965/xlsx, the library that reads them): read like the same workbook saved as .xlsx — dates,
 * merged header cells, CRLF inside a cell — and an 18-digit NIP stored as a number refused by row.
 * The CLI cases run bin/ikrar.js, which imports dist/: run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { PeopleBuilder } from '../../src/roster/people.js';
import { readRoster, type RosterRead } from '../../src/roster/read.js';
import { readWholeWorkbook } from '../../src/roster/workbook.js';
import { nip, tempDir } from './helpers.js';
import { zipBytes, type Entry } from '../cli/hostile-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { write } = tempDir('workbooks');
const errors = (r: RosterRead) => r.problems.filter((p) => p.severity === 'error');
const people = (r: RosterRead) =>
  r.people.map((p) => [p.row, p.nip, p.name, p.unit, p.position, p.columns['TANGGAL LAHIR']]);

type Book = 'xls' | 'ods' | 'xlsx';
const BOOK_TYPE: Record<Book, XLSX.BookType> = { xls: 'biff8', ods: 'ods', xlsx: 'xlsx' };

/** A workbook of `sheets` (name → rows, with merges), written as `type`. */
function book(
  name: string,
  type: Book,
  sheets: Record<string, { rows: unknown[][]; merges?: string[]; dateCols?: number[] }>,
): string {
  const wb = XLSX.utils.book_new();
  for (const [sheet, { rows, merges, dateCols }] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
    if (merges) ws['!merges'] = merges.map((m) => XLSX.utils.decode_range(m));
    for (const c of dateCols ?? []) {
      for (let r = 0; r < rows.length; r++) {
        const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
        if (cell?.t === 'd') cell.z = 'dd/mm/yyyy';
      }
    }
    XLSX.utils.book_append_sheet(wb, ws, sheet);
  }
  return write(`${name}.${type}`, XLSX.write(wb, { type: 'buffer', bookType: BOOK_TYPE[type] }) as Buffer);
}

/** The roster every format holds: a merged title row, a header with a merged cell, dates, CRLF. */
const roster = {
  rows: [
    ['DAFTAR PEGAWAI DINAS A', null, null, null, null],
    ['NIP', 'NAMA', 'TANGGAL LAHIR', 'JABATAN', 'UNIT KERJA', null],
    [nip(10), 'Ani Lestari', new Date(Date.UTC(1980, 4, 1)), 'Kepala\r\nSeksi', 'Dinas A'],
    [nip(11), 'Budi', new Date(Date.UTC(1975, 11, 31)), 'Staf', 'Dinas A'],
    [nip(12), 'Cici, S.E.', new Date(Date.UTC(1990, 1, 28)), 'Bendahara', 'Dinas B'],
  ],
  merges: ['A1:E1', 'E2:F2'],
  dateCols: [2],
};

describe('.xls and .ods rosters', () => {
  for (const type of ['xls', 'ods'] as const) {
    it(`a ${type} roster reads as the same workbook saved as .xlsx does`, async () => {
      const r = await readRoster({ file: book('pegawai', type, { Pegawai: roster }), keepColumns: true });
      const x = await readRoster({ file: book('pegawai', 'xlsx', { Pegawai: roster }), keepColumns: true });
      expect(errors(r)).toEqual([]);
      expect(r.format).toBe(type);
      expect(r.sheet).toBe('Pegawai');
      expect(people(r)).toEqual([
        [3, nip(10), 'Ani Lestari', 'Dinas A', 'Kepala Seksi', '1980-05-01'],
        [4, nip(11), 'Budi', 'Dinas A', 'Staf', '1975-12-31'],
        [5, nip(12), 'Cici', 'Dinas B', 'Bendahara', '1990-02-28'],
      ]);
      expect(people(r)).toEqual(people(x));
      expect(r.headers).toEqual(x.headers);
    });

    it(`a ${type} roster: the named sheet, or the sheets listed when it is missing`, async () => {
      const file = book('lembar', type, { Catatan: { rows: [['Data contoh']] }, 'Data Pegawai': roster });
      const r = await readRoster({ file, sheet: 'data pegawai' });
      expect(errors(r)).toEqual([]);
      expect(r.sheets).toEqual(['Catatan', 'Data Pegawai']);
      expect(r.people.map((p) => p.name)).toEqual(['Ani Lestari', 'Budi', 'Cici']);
      const missing = await readRoster({ file, sheet: 'Pegawai' });
      expect(missing.problems.map((p) => [p.code, p.field])).toEqual([['roster-sheet-missing', 'sheet']]);
      expect(missing.problems[0]!.message).toContain("'Catatan', 'Data Pegawai'");
    });

    it(`a ${type} roster: an 18-digit NIP stored as a number is refused, naming the row`, async () => {
      const rows: (string | number | Date | null)[][] = roster.rows.map((row) => [...row]);
      rows[3]![0] = Number(nip(11)); // row 4
      const r = await readRoster({ file: book('angka', type, { Pegawai: { rows } }) });
      expect(errors(r).map((p) => [p.code, p.line, p.field])).toEqual([['nip-excel-number', 4, 'NIP']]);
      expect(errors(r)[0]!.message).toMatch(/lost its last digits/);
      expect(r.people.map((p) => p.name)).toEqual(['Ani Lestari', 'Cici']);
    });
  }

  it("an .xlsx read whole by SheetJS gives what ikrar's own XLSX reader gives", async () => {
    // The two readers must agree cell for cell (merged cells, dates, CRLF): SheetJS is the reference.
    for (const make of [
      () => book('gabung', 'xlsx', { Pegawai: roster }),
      () => book('dua', 'xlsx', { Catatan: { rows: [['Data contoh']] }, Pegawai: roster }),
    ]) {
      const file = make();
      for (const sheet of [undefined, 'Pegawai']) {
        const streamed = await readRoster({ file, keepColumns: true, ...(sheet ? { sheet } : {}) });
        const whole = await readWholeWorkbook(
          file,
          'xlsx',
          () => new PeopleBuilder({ file, keepColumns: true }),
          sheet,
        );
        whole.builder.finish();
        expect(whole.sheet).toBe(streamed.sheet);
        expect(whole.sheets).toEqual(streamed.sheets);
        expect(whole.builder.headers).toEqual(streamed.headers);
        expect(whole.builder.people).toEqual(streamed.people);
      }
    }
  });

  it('an .ods that unpacks to more than 200 MB is refused by its size before SheetJS parses it', async () => {
    // mimetype (stored) + content.xml: 300 MB of spaces deflated to a few hundred KB
    const entries: Entry[] = [
      {
        name: 'mimetype',
        data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'),
        method: 0,
        crc: 0,
        size: 46,
      },
      {
        name: 'content.xml',
        data: deflateRawSync(Buffer.alloc(300 * 2 ** 20, 0x20), { level: 9 }),
        method: 8,
        crc: 0,
        size: 300 * 2 ** 20,
      },
    ];
    const file = write('bom.ods', zipBytes(entries));
    const t0 = Date.now();
    const r = await readRoster({ file });
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.problems.map((p) => p.code)).toEqual(['roster-xlsx-too-large']);
    expect(r.problems[0]!.message).toMatch(/would unpack to more than 200 MB .*content\.xml/);
  }, 60_000);

  it('a damaged .xls or .ods names the file and how to save it again', async () => {
    const xls = readFileSync(book('utuh', 'xls', { Pegawai: roster }));
    const cut = write('rusak.xls', xls.subarray(0, 1536));
    const r = await readRoster({ file: cut });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'error', code: 'roster-xls', file: cut });
    expect(r.problems[0]!.message).toContain(`'${cut}' is an Excel 97–2003 workbook (.xls) that cannot be read`);
    expect(r.problems[0]!.hint).toMatch(/\.xlsx/);
    // as LibreOffice starts one (the mimetype entry first), cut short
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK'),
      readFileSync(book('utuh', 'ods', { Pegawai: roster })).subarray(0, 300),
    ]);
    const bad = write('rusak.ods', ods);
    const o = await readRoster({ file: bad });
    expect(o.problems).toHaveLength(1);
    expect(o.problems[0]).toMatchObject({ severity: 'error', code: 'roster-format', file: bad });
    expect(o.problems[0]!.message).toContain(`'${bad}' is an OpenDocument spreadsheet (.ods) that cannot be read`);
  });
});

/**
 * Files LibreOffice Calc 7.4 wrote (`soffice --headless --convert-to xls|ods libreoffice.fods`, the
 * flat-XML source beside them): a merged title row, a merged header cell, a date column, a line
 * break inside a cell, and row 5's NIP stored as a number.
 */
describe('.xls and .ods files written by LibreOffice', () => {
  for (const type of ['xls', 'ods'] as const) {
    it(`libreoffice.${type}`, async () => {
      const file = path.join(root, `test/fixtures/roster/libreoffice.${type}`);
      const r = await readRoster({ file, keepColumns: true });
      expect(r.format).toBe(type);
      expect(r.headers).toEqual(['NIP', 'NAMA', 'TANGGAL LAHIR', 'JABATAN', 'UNIT KERJA']);
      expect(people(r)).toEqual([
        [3, nip(10), 'Ani Lestari', 'Dinas A', 'Kepala Seksi', '1980-05-01'],
        [4, nip(11), 'Budi', 'Dinas A', 'Staf', '1975-12-31'],
      ]);
      expect(errors(r).map((p) => [p.code, p.line, p.field])).toEqual([['nip-excel-number', 5, 'NIP']]);
    });
  }
});

describe('ikrar check on .xls and .ods rosters (as a process)', () => {
  const bin = path.join(root, 'bin/ikrar.js');
  const event = path.join(root, 'examples/event.yaml');
  const csvRows = readFileSync(path.join(root, 'examples/roster.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(';'));
  const check = (file: string) =>
    spawnSync(process.execPath, [bin, 'check', '--roster', file, '--event', event], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
      timeout: 60_000,
    });

  for (const type of ['xls', 'ods'] as const) {
    it(`the example roster as ${type}: check passes`, () => {
      const r = check(book('contoh', type, { Pegawai: { rows: csvRows } }));
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    });

    it(`a NIP stored as a number in a ${type}: exit 2 naming the file, row and field`, () => {
      const rows = csvRows.map((row) => [...row]) as unknown[][];
      rows[5]![0] = Number(rows[5]![0]);
      const file = book('contoh-angka', type, { Pegawai: { rows } });
      const r = check(file);
      expect(r.status, r.stdout + r.stderr).toBe(2);
      expect(r.stdout + r.stderr).toContain(`${file}:6: NIP:`);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  // LibreOffice's own number styles (kept when it saves an .xlsx as .ods) make SheetJS write
  // "ODS number format may be incorrect" to the console
  it('an .ods LibreOffice saved from an .xlsx: exit 2 naming row 5, and nothing printed by the reading library', () => {
    const file = path.join(root, 'test/fixtures/roster/libreoffice-from-xlsx.ods');
    const r = check(file);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stdout + r.stderr).toContain(`${file}:5: NIP:`);
    expect(r.stderr).not.toMatch(/ODS number format/);
  });
});
