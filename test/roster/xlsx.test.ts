/** XLSX reading (ikrar's own reader, of workbooks exceljs writes): sheets, cell kinds, and NIPs stored as numbers. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/model/problems.js';
import { cellText, numberText, readRoster, type RosterRead } from '../../src/roster/read.js';
import { nip, tempDir } from './helpers.js';

const { write } = tempDir('xlsx');
const errors = (r: RosterRead) => r.problems.filter((p) => p.severity === 'error');

async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return write(name, Buffer.from(await wb.xlsx.writeBuffer()));
}

function pegawai(ws: ExcelJS.Worksheet, from: number, n: number): void {
  ws.addRow(['NIP', 'NAMA', 'UNIT KERJA', 'GOLRU']);
  for (let i = 0; i < n; i++) ws.addRow([nip(from + i), `Pegawai ${from + i}`, 'Dinas A', 'III/a']);
}

describe('sheets', () => {
  const file = workbook('sheets.xlsx', (wb) => {
    wb.addWorksheet('Catatan').addRow(['Data contoh']);
    pegawai(wb.addWorksheet('Data Pegawai'), 0, 3);
    pegawai(wb.addWorksheet('Lama'), 100, 2);
  });

  it('reads the named sheet (case and spaces forgiven)', async () => {
    for (const sheet of ['Data Pegawai', 'data pegawai ']) {
      const r = await readRoster({ file: await file, sheet });
      expect(errors(r)).toEqual([]);
      expect(r.sheet).toBe('Data Pegawai');
      expect(r.sheets).toEqual(['Catatan', 'Data Pegawai', 'Lama']);
      expect(r.people.map((p) => [p.row, p.nip, p.name])).toEqual([
        [2, nip(0), 'Pegawai 0'],
        [3, nip(1), 'Pegawai 1'],
        [4, nip(2), 'Pegawai 2'],
      ]);
    }
    const lama = await readRoster({ file: await file, sheet: 'Lama' });
    expect(lama.people.map((p) => p.name)).toEqual(['Pegawai 100', 'Pegawai 101']);
  });

  it('reads the first sheet by default', async () => {
    const r = await readRoster({ file: await file });
    expect(r.sheet).toBe('Catatan');
    expect(r.people).toEqual([]);
    expect(errors(r).map((p) => p.code)).toContain('missing-column');
  });

  it('an unknown sheet name is an error listing the sheets', async () => {
    const r = await readRoster({ file: await file, sheet: 'Pegawai' });
    expect(r.people).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      severity: 'error',
      code: 'roster-sheet-missing',
      file: await file,
      field: 'sheet',
    });
    expect(r.problems[0]!.message).toContain("no sheet named 'Pegawai'");
    expect(r.problems[0]!.message).toContain("'Catatan', 'Data Pegawai', 'Lama'");
    expect(r.problems[0]!.hint).toContain('Catatan');
  });

  it('skips a hidden first sheet when none is named', async () => {
    const f = await workbook('hidden.xlsx', (wb) => {
      wb.addWorksheet('Rumus', { state: 'hidden' }).addRow(['x']);
      pegawai(wb.addWorksheet('Pegawai'), 200, 1);
    });
    const r = await readRoster({ file: f });
    expect(r.sheet).toBe('Pegawai');
    expect(r.people.map((p) => p.nip)).toEqual([nip(200)]);
  });
});

describe('cells as text', () => {
  it('refuses an 18-digit NIP stored as a number, naming the row; a 9-digit number stays exact', async () => {
    const file = await workbook('numeric-nip.xlsx', (wb) => {
      const ws = wb.addWorksheet('Pegawai');
      ws.addRow(['DAFTAR PEGAWAI']);
      ws.addRow(['NIP', 'NIP LAMA', 'NAMA', 'UNIT KERJA']);
      ws.addRow([nip(300), 123456789, 'Ani', 'Dinas A']); // row 3: text, fine
      ws.addRow([Number(nip(301)), '', 'Budi', 'Dinas B']); // row 4: a number
      const row5 = ws.addRow([Number(nip(302)), '', 'Cici', 'Dinas C']); // row 5: a number shown with format 0
      row5.getCell(1).numFmt = '0';
      ws.addRow([1.98609e17, '', 'Dodi', 'Dinas D']); // row 6: as Excel shows it
    });
    const r = await readRoster({ file, keepColumns: true });
    expect(r.people.map((p) => p.name)).toEqual(['Ani']);
    expect(r.people[0]!.columns['NIP LAMA']).toBe('123456789');
    const errs = errors(r);
    expect(errs.map((p) => [p.code, p.line, p.field])).toEqual([
      ['nip-excel-number', 4, 'NIP'],
      ['nip-excel-number', 5, 'NIP'],
      ['nip-excel-number', 6, 'NIP'],
    ]);
    // nip(301) = 197001011995012302; as a double String() gives 197001011995012300, which would pass as a NIP.
    expect(nip(301)).toBe('197001011995012302');
    expect(errs[0]!.message).toContain("NIP '1.97001011995012E+17'");
    expect(errs[0]!.message).toMatch(/lost its last digits/);
    expect(errs[0]!.hint).toMatch(/Text/);
    expect(errs[2]!.message).toContain("'1.98609E+17'");
    expect(formatProblem(errs[0]!)).toContain(`${file}:4: NIP:`);
  });

  it('takes the text of rich text, formula results, dates, booleans and numbers', async () => {
    const file = await workbook('kinds.xlsx', (wb) => {
      const ws = wb.addWorksheet('Pegawai');
      ws.addRow(['NIP', 'NAMA', 'UNIT KERJA', 'TANGGAL LAHIR', 'AKTIF', 'NO', 'NILAI', 'JABATAN']);
      const r = ws.addRow([
        nip(400),
        { richText: [{ text: 'Dr. ' }, { font: { bold: true }, text: 'Zefnihan' }, { text: ', M.Si.' }] },
        { formula: 'UPPER("dinas a")', result: 'DINAS A' },
        new Date(Date.UTC(1980, 4, 1)),
        true,
        7,
        { formula: '0.1+0.2', result: 0.30000000000000004 },
        'Kepala\nDinas',
      ]);
      r.getCell(4).numFmt = 'dd/mm/yyyy';
    });
    const r = await readRoster({ file, keepColumns: true });
    expect(errors(r)).toEqual([]);
    const p = r.people[0]!;
    expect(p).toMatchObject({
      name: 'Zefnihan',
      frontTitle: 'Dr.',
      backTitle: 'M.Si.',
      unit: 'DINAS A',
      position: 'Kepala Dinas',
    });
    expect(p.columns).toMatchObject({ 'TANGGAL LAHIR': '1980-05-01', AKTIF: 'TRUE', NO: '7', NILAI: '0.3' });
  });

  it('cellText and numberText', () => {
    // biome-ignore lint/correctness/noPrecisionLoss: Excel holds an 18-digit NIP as this rounded double
    expect(numberText(198609262015051001)).toBe('1.98609262015051E+17');
    expect(numberText(1.99001e17)).toBe('1.99001E+17');
    expect(numberText(1e15)).toBe('1E+15');
    expect(numberText(123456789)).toBe('123456789');
    expect(numberText(999999999999999)).toBe('999999999999999');
    expect(numberText(-42)).toBe('-42');
    expect(numberText(2.5)).toBe('2.5');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('  x ')).toBe('  x ');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText({ formula: 'A1', result: { error: '#REF!' } })).toBe('#REF!');
    expect(cellText({ sharedFormula: 'A1', result: 5 })).toBe('5');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ text: 'tautan', hyperlink: 'https://x' })).toBe('tautan');
    expect(cellText(new Date(Date.UTC(2024, 9, 28, 8, 30)))).toBe('2024-10-28 08:30');
    expect(cellText(false)).toBe('FALSE');
  });
});

describe('reliability', () => {
  // exceljs's streaming reader sometimes missed the last zip entries (workbook part, shared strings)
  // of workbooks laid out as exceljs itself writes them; ikrar's reader finds them by the central directory.
  it('reads an exceljs-written workbook the same way 150 times over', async () => {
    const file = await workbook('again.xlsx', (wb) => {
      wb.addWorksheet('Catatan').addRow(['Data contoh']);
      pegawai(wb.addWorksheet('Pegawai'), 500, 5);
      wb.addWorksheet('Lain').addRow(['x']);
    });
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      for (const sheet of ['Pegawai', undefined, 'Tidak Ada']) {
        const r = await readRoster(sheet === undefined ? { file } : { file, sheet });
        seen.add(
          JSON.stringify([
            sheet,
            r.sheet,
            r.sheets,
            r.people.map((p) => [p.row, p.nip, p.name]),
            r.problems.map((p) => p.code),
          ]),
        );
      }
    }
    expect([...seen]).toEqual([
      JSON.stringify([
        'Pegawai',
        'Pegawai',
        ['Catatan', 'Pegawai', 'Lain'],
        [2, 3, 4, 5, 6].map((row, i) => [row, nip(500 + i), `Pegawai ${500 + i}`]),
        [],
      ]),
      JSON.stringify([undefined, 'Catatan', ['Catatan', 'Pegawai', 'Lain'], [], ['missing-column']]),
      JSON.stringify(['Tidak Ada', undefined, ['Catatan', 'Pegawai', 'Lain'], [], ['roster-sheet-missing']]),
    ]);
  }, 60_000);
});
