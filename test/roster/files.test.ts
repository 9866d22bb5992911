/** Files that are not a roster: each gives one Problem naming the file, with a code and a hint, never a throw. */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRoster, sniffKind } from '../../src/roster/read.js';
import { nip, tempDir } from './helpers.js';

const { dir, write } = tempDir('files');

async function only(file: string, code: string, named = true): Promise<{ message: string; hint: string }> {
  const r = await readRoster({ file, keepColumns: true });
  expect(r.people).toEqual([]);
  expect(r.problems).toHaveLength(1);
  const p = r.problems[0]!;
  expect(p).toMatchObject({ severity: 'error', code, file });
  if (named) expect(p.message).toContain(file);
  expect(p.hint?.length).toBeGreaterThan(10);
  return { message: p.message, hint: p.hint! };
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

describe('file problems', () => {
  it('a missing file', async () => {
    const file = path.join(dir, 'tidak-ada.csv');
    await only(file, 'roster-not-found');
    const r = await readRoster({ file });
    expect(r).toMatchObject({ format: undefined, sha256: '', headers: [], rowCount: 0 });
  });

  it('a folder', async () => {
    const d = path.join(dir, 'folder.csv');
    mkdirSync(d);
    await only(d, 'roster-not-a-file');
  });

  it.skipIf(process.platform === 'win32')('a device, not a regular file', async () => {
    await only('/dev/null', 'roster-not-a-file');
  });

  // Root reads anything, so this only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const file = write('locked.csv', 'NIP;NAMA;UNIT KERJA\n');
    chmodSync(file, 0o000);
    await only(file, 'roster-unreadable');
  });

  it('an old Excel .xls: save as .xlsx or CSV', async () => {
    const { hint } = await only(write('lama.xls', OLE), 'roster-xls');
    expect(hint).toContain('.xlsx');
    expect(hint).toContain('CSV');
  });

  it('a password-protected .xlsx (an OLE container too)', async () => {
    const { hint } = await only(write('rahasia.xlsx', OLE), 'roster-xlsx-protected');
    expect(hint).toMatch(/password/i);
  });

  it('an OpenDocument .ods', async () => {
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK'),
    ]);
    const { message } = await only(write('data.ods', ods), 'roster-format');
    expect(message).toContain('OpenDocument');
  });

  it('a PDF', async () => {
    const { message } = await only(write('daftar.pdf', '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n'), 'roster-format');
    expect(message).toContain('PDF');
  });

  it('an HTML table saved with an .xls name (what some SIMPEG exports are)', async () => {
    const { message, hint } = await only(
      write('export.xls', '<html><body><table><tr><td>NIP</td></tr></table></body></html>'),
      'roster-format',
    );
    expect(message).toContain('HTML');
    expect(hint).toContain('.xlsx');
  });

  it('other binary data', async () => {
    await only(
      write('foto.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      'roster-format',
    );
  });

  it('a broken .xlsx', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('this is not really a zip archive '.repeat(20)),
    ]);
    const { message } = await only(write('rusak.xlsx', bytes), 'roster-xlsx-unreadable');
    expect(message).toContain('cannot be read as an Excel workbook');
  });

  it('an empty file', async () => {
    await only(write('kosong.csv', ''), 'roster-empty', false);
  });

  it('a header and no people', async () => {
    const r = await readRoster({ file: write('header.csv', 'NIP;NAMA;UNIT KERJA\r\n') });
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['roster-no-people', 1]]);
  });

  it('content decides, not the name: a CSV named .xlsx and a workbook named .csv both read', async () => {
    const csv = await readRoster({
      file: write('salah-nama.xlsx', `NIP;NAMA;UNIT KERJA\r\n${nip(1)};Ani;Dinas A\r\n`),
    });
    expect(csv.format).toBe('csv');
    expect(csv.people).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['NIP', 'NAMA', 'UNIT KERJA']);
    ws.addRow([nip(2), 'Budi', 'Dinas B']);
    const xlsx = await readRoster({ file: write('salah-nama.csv', Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(xlsx.format).toBe('xlsx');
    expect(xlsx.people.map((p) => p.name)).toEqual(['Budi']);
  });

  it('sniffKind on plain text is CSV', () => {
    expect(sniffKind(Buffer.from('NIP,NAMA\n'), 'x.txt')).toEqual({ kind: 'csv' });
    expect(sniffKind(Buffer.from('\uFEFFNIP;NAMA\n'), 'x.csv')).toEqual({ kind: 'csv' });
  });
});
