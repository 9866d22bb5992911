/** 100,000 rows stream through in reasonable time, with exact line numbers deep in the file. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readRoster } from '../../src/roster/read.js';
import { nip, tempDir } from './helpers.js';

const { write } = tempDir('big');
const N = 100_000;

describe('a large roster', () => {
  it(`reads ${N.toLocaleString('en')} rows (CRLF, multi-line fields, problems at known lines)`, async () => {
    const lines: string[] = ['NO;NIP;NAMA;GELAR BELAKANG;GOLRU;JABATAN;UNIT KERJA;STATUS'];
    let line = 1;
    const expectRow = new Map<number, number>(); // person index → first line
    const bad: [string, number][] = [];
    for (let i = 0; i < N; i++) {
      line++;
      expectRow.set(i, line);
      let position = 'Pengelola Umum Operasional';
      let nipText = nip(i);
      if (i % 1000 === 500) {
        // A jabatan typed with Alt+Enter: one record over three lines.
        position = '"Kepala Seksi\r\nPelayanan\r\nUmum"';
        line += 2;
      }
      if (i === 77_777) {
        nipText = '1,97001E+17';
        bad.push(['nip-excel-number', expectRow.get(i)!]);
      }
      lines.push(`${i + 1};${nipText};Pegawai Ke-${i + 1} Sukamara;S.E.;III/a;${position};Dinas ${i % 40};PNS`);
      if (i % 10_000 === 9_999) {
        lines.push('');
        line++;
      }
    }
    // The last row repeats the first NIP.
    lines.push(`${N + 1};${nip(0)};Pegawai Ganda;;III/a;Staf;Dinas 0;PNS`);
    line++;
    bad.push(['nip-duplicate', line]);
    const file = write('big.csv', iconv.encode(lines.join('\r\n') + '\r\n', 'win1252'));

    const r = await readRoster({ file, keepColumns: true });

    expect(r.rowCount).toBe(N + 1);
    expect(r.people).toHaveLength(N - 1);
    expect(r.problems.map((p) => [p.code, p.line])).toEqual(bad);
    expect(r.problems[1]!.message).toContain(`line 2 and line ${line}`);
    expect(r.people[0]!.row).toBe(2);
    for (const i of [499, 500, 501, 50_500, 77_776, 77_778, 99_998]) {
      const p = r.people[i > 77_777 ? i - 1 : i]!;
      expect(p.nip, `person ${i}`).toBe(nip(i));
      expect(p.row, `line of person ${i}`).toBe(expectRow.get(i));
    }
    expect(r.people[500]!.position).toBe('Kepala Seksi Pelayanan Umum');
    expect(r.people.at(-1)!.row).toBe(expectRow.get(N - 1));
  }, 60_000);

  it('keeps multi-byte UTF-8 characters whole across read chunks', async () => {
    const rows = ['NIP,NAMA,UNIT KERJA'];
    for (let i = 0; i < 40_000; i++) rows.push(`${nip(i)},Renée Ñúñez ${i} “Ucok”,Dinas Pendidikan dan Kebudayaan`);
    const r = await readRoster({ file: write('big-utf8.csv', rows.join('\n')) });
    expect(r.encoding).toBe('utf-8');
    expect(r.problems).toEqual([]);
    expect(r.people).toHaveLength(40_000);
    const wrong = r.people.filter((p, i) => p.name !== `Renée Ñúñez ${i} “Ucok”`);
    expect(wrong).toEqual([]);
  });

  it('streams a 20,000-row workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pegawai');
    ws.addRow(['NIP', 'NAMA', 'UNIT KERJA', 'GOLRU']);
    for (let i = 0; i < 20_000; i++) ws.addRow([nip(i), `Pegawai ${i}`, `Dinas ${i % 30}`, 'III/b']);
    const file = write('big.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await readRoster({ file });
    expect(r.problems).toEqual([]);
    expect(r.people).toHaveLength(20_000);
    expect(r.people[19_999]).toMatchObject({ row: 20_001, nip: nip(19_999), name: 'Pegawai 19999', unit: 'Dinas 19' });
  }, 60_000);
});
