/** CSV reading: delimiters, encodings, line endings, quoting, line numbers, and the builder's problems. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readRoster, type RosterRead } from '../../src/roster/read.js';
import { sniffDelimiter } from '../../src/util/delimiter.js';
import { nip, tempDir } from './helpers.js';

const { write } = tempDir('csv');
const errors = (r: RosterRead) => r.problems.filter((p) => p.severity === 'error');
const codes = (r: RosterRead) => r.problems.map((p) => p.code);

/** A CSV field quoted when it needs to be. */
function field(v: string, d: string): string {
  return v.includes(d) || v.includes('"') || /[\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}
function csv(rows: string[][], d: string, eol = '\r\n'): string {
  return rows.map((r) => r.map((v) => field(v, d)).join(d)).join(eol) + eol;
}

const HEADER = ['NIP', 'NAMA', 'GOLRU', 'JABATAN', 'UNIT KERJA'];
const ROWS = [
  [nip(0), 'Dr. Zefnihan, S.Pd., M.Si.', 'IV/a', 'Kepala Dinas', 'Dinas Pendidikan'],
  [nip(1), 'Siti "Ita" Rahmah, S.E.', 'III/b', 'Analis Kebijakan | Ahli Pertama', 'Dinas Pendidikan'],
  [nip(2), 'Budi Santoso', '3C', 'Pengadministrasi; Umum', 'Kecamatan Jelai'],
];

describe('delimiter sniffing', () => {
  for (const d of [';', ',', '\t', '|']) {
    it(`reads a roster separated by ${JSON.stringify(d)} with the other delimiters inside quoted fields`, async () => {
      const file = write(`delim-${d.charCodeAt(0)}.csv`, csv([HEADER, ...ROWS], d));
      const r = await readRoster({ file });
      expect(errors(r)).toEqual([]);
      expect(r.delimiter).toBe(d);
      expect(r.headers).toEqual(HEADER);
      expect(r.people.map((p) => p.fullName)).toEqual([
        'Dr. Zefnihan, S.Pd., M.Si.',
        'Siti "Ita" Rahmah, S.E.',
        'Budi Santoso',
      ]);
      expect(r.people.map((p) => p.position)).toEqual([
        'Kepala Dinas',
        'Analis Kebijakan | Ahli Pertama',
        'Pengadministrasi; Umum',
      ]);
      expect(r.people.map((p) => p.rank?.golongan)).toEqual(['IV/a', 'III/b', 'III/c']);
      expect(r.people.map((p) => p.row)).toEqual([2, 3, 4]);
    });
  }

  it('prefers the delimiter with a consistent column count over one that appears unquoted in names', () => {
    const text = 'NIP;NAMA;UNIT KERJA\n1;Ani, S.Pd.;Dinas A\n2;Budi, S.E., M.Si.;Dinas B\n3;Cici;Dinas C\n';
    expect(sniffDelimiter(text)).toBe(';');
    // Every name with one comma: both are consistent, ; gives more columns.
    expect(sniffDelimiter('NAMA;UNIT;NIP\nAni, S.Pd.;A;1\nBudi, S.E.;B;2\n')).toBe(';');
  });

  it('looks past title rows and ignores delimiters inside quotes, also across lines', () => {
    expect(sniffDelimiter('DAFTAR PEGAWAI\nTAHUN 2024\nNIP,NAMA,UNIT\n1,"A; B",X\n2,"C\nD; E; F",Y\n')).toBe(',');
    expect(sniffDelimiter('NIP\tNAMA\tUNIT\n1\tA, B\tX\n')).toBe('\t');
    expect(sniffDelimiter('NIP|NAMA|UNIT\r\n1|A; B, C|X\r\n')).toBe('|');
    expect(sniffDelimiter('just one column\nand another\n')).toBeUndefined();
    expect(sniffDelimiter('')).toBeUndefined();
  });
});

describe('encodings', () => {
  const rows = [
    HEADER,
    [nip(3), 'José Ñúñez, S.H.', 'III/a', 'Penata Muda', 'Kecamatan Pantai Lunci'],
    [nip(4), 'Maria Renée Tingang', 'II/c', 'Perawat', 'RSUD'],
  ];

  it('a file with mixed line endings (a row typed in Notepad into an Excel CSV) loses no row', async () => {
    // CRLF everywhere but one LF-ended row: csv-parse alone joined it with the next row, silently.
    const lines = [HEADER, ...ROWS].map((r) => r.join(';'));
    const file = write('mixed-eol.csv', `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}\r\n`);
    const r = await readRoster({ file });
    expect(errors(r)).toEqual([]);
    expect(r.people.map((p) => p.fullName)).toEqual([
      'Dr. Zefnihan, S.Pd., M.Si.',
      'Siti "Ita" Rahmah, S.E.',
      'Budi Santoso',
    ]);
    expect(r.people.map((p) => p.row)).toEqual([2, 3, 4]);
  });

  it('UTF-8 with BOM: the BOM is not part of the first header', async () => {
    const file = write('bom.csv', '\uFEFF' + csv(rows, ';'));
    const r = await readRoster({ file, keepColumns: true });
    expect(errors(r)).toEqual([]);
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.headers[0]).toBe('NIP');
    expect(Object.keys(r.people[0]!.columns)[0]).toBe('NIP');
    expect(r.people.map((p) => p.name)).toEqual(['José Ñúñez', 'Maria Renée Tingang']);
  });

  it('UTF-8 without BOM', async () => {
    const file = write('utf8.csv', csv(rows, ','));
    const r = await readRoster({ file });
    expect(r.encoding).toBe('utf-8');
    expect(r.people.map((p) => p.name)).toEqual(['José Ñúñez', 'Maria Renée Tingang']);
  });

  it('Windows-1252 when the bytes are not UTF-8', async () => {
    const file = write('cp1252.csv', iconv.encode(csv(rows, ';'), 'win1252'));
    const r = await readRoster({ file });
    expect(errors(r)).toEqual([]);
    expect(r.encoding).toBe('windows-1252');
    expect(r.people.map((p) => p.name)).toEqual(['José Ñúñez', 'Maria Renée Tingang']);
    expect(r.people[0]!.backTitle).toBe('S.H.');
  });

  it('Windows-1252 even when the first non-ASCII byte comes after the first megabytes', async () => {
    const many: string[][] = [HEADER];
    for (let i = 0; i < 30_000; i++)
      many.push([
        nip(10 + i),
        `Pegawai Nomor ${i} dengan nama yang agak panjang`,
        'III/a',
        'Pengelola Umum Operasional Kepegawaian',
        'Dinas Kependudukan dan Pencatatan Sipil',
      ]);
    many.push([nip(9), 'Renée Ñoño', 'III/a', 'Penata', 'Dinas X']);
    const text = csv(many, ';');
    expect(text.length).toBeGreaterThan(3_000_000);
    const file = write('late-cp1252.csv', iconv.encode(text, 'win1252'));
    const r = await readRoster({ file });
    expect(r.encoding).toBe('windows-1252');
    expect(errors(r)).toEqual([]);
    expect(r.people).toHaveLength(30_001);
    expect(r.people.at(-1)).toMatchObject({ name: 'Renée Ñoño', row: 30_002 });
  });

  it('a UTF-8 BOM with Windows-1252 bytes after it: UTF-8, the stray bytes as Windows-1252, with a warning naming the first', async () => {
    const file = write(
      'bom-mixed.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(csv(rows, ';'), 'win1252')]),
    );
    const r = await readRoster({ file });
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.headers[0]).toBe('NIP');
    expect(r.people).toHaveLength(2);
    expect(r.problems.map((p) => [p.severity, p.code, p.line])).toEqual([['warning', 'roster-encoding', 2]]);
    expect(r.problems[0]!.message).toMatch(
      /^line 2, column \d+: byte 0xE9 is not UTF-8; it was read as 'é' \(Windows-1252\), and so were 4 more/,
    );
    expect(r.people.map((p) => p.name)).toEqual(['José Ñúñez', 'Maria Renée Tingang']);
  });

  it('UTF-8 names across read chunks stay whole around a stray byte far into the file', async () => {
    const many: string[][] = [HEADER];
    for (let i = 0; i < 30_000; i++)
      many.push([nip(10 + i), `Pegawai Ñoño Müller ${i}`, 'III/a', 'Pengelola', 'Dinas Kependudukan']);
    const text = Buffer.from(csv(many, ';'), 'utf8');
    const at = text.lastIndexOf(Buffer.from('Müller 29999'));
    const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0x4d, 0xfc]), text.subarray(at + 3)]); // "M\xFCller": ü in Windows-1252
    const file = write('late-stray.csv', bytes);
    const r = await readRoster({ file });
    expect(errors(r)).toEqual([]);
    expect(r.encoding).toBe('utf-8');
    expect(r.people).toHaveLength(30_000);
    expect(r.people.every((p) => p.name.startsWith('Pegawai Ñoño Müller '))).toBe(true);
    expect(r.problems.find((p) => p.code === 'roster-encoding')).toMatchObject({ line: 30_001 });
  });

  it('UTF-16 with BOM (Excel "Unicode Text", tab-separated)', async () => {
    const file = write('unicode.txt', iconv.encode(csv(rows, '\t'), 'utf16le', { addBOM: true }));
    const r = await readRoster({ file });
    expect(errors(r)).toEqual([]);
    expect(r).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(r.people.map((p) => p.name)).toEqual(['José Ñúñez', 'Maria Renée Tingang']);
  });
});

describe('line endings, quoting and line numbers', () => {
  it('CRLF, LF and old-Mac CR files give the same people and lines', async () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const file = write(`eol-${eol.length}${eol.charCodeAt(0)}.csv`, csv([HEADER, ...ROWS], ';', eol));
      const r = await readRoster({ file });
      expect(errors(r)).toEqual([]);
      expect(r.people.map((p) => [p.row, p.name, p.unit])).toEqual([
        [2, 'Zefnihan', 'Dinas Pendidikan'],
        [3, 'Siti "Ita" Rahmah', 'Dinas Pendidikan'],
        [4, 'Budi Santoso', 'Kecamatan Jelai'],
      ]);
    }
  });

  it('a record spanning several lines is reported at its first line, and later lines stay right', async () => {
    for (const eol of ['\r\n', '\n']) {
      const text =
        [
          'NIP;NAMA;JABATAN;UNIT KERJA', // 1
          `${nip(20)};Ani;"Kepala${eol}Bidang${eol}Umum";Dinas A`, // 2–4
          '', // 5
          `${nip(21)};"Budi${eol}Santoso";Staf;"Dinas${eol}B"`, // 6–8
          `${nip(22)};Cici;Staf;`, // 9: unit missing
          `"${nip(23)}";"Dodi";"Staf ""Ahli""${eol}${eol}";"Dinas C"`, // 10–12
          `123;Eko;Staf;Dinas D`, // 13: bad NIP
        ].join(eol) + eol;
      const file = write(`multi-${eol.length}.csv`, text);
      const r = await readRoster({ file });
      expect(r.people.map((p) => [p.row, p.name, p.position, p.unit])).toEqual([
        [2, 'Ani', 'Kepala Bidang Umum', 'Dinas A'],
        [6, 'Budi Santoso', 'Staf', 'Dinas B'],
        [10, 'Dodi', 'Staf "Ahli"', 'Dinas C'],
      ]);
      expect(errors(r).map((p) => [p.code, p.line, p.field])).toEqual([
        ['unit-missing', 9, 'UNIT KERJA'],
        ['nip-length', 13, 'NIP'],
      ]);
      expect(r.rowCount).toBe(5);
    }
  });

  it("strips Excel's leading ' from cells", async () => {
    const file = write('apos.csv', `NIP;NAMA;UNIT KERJA;GOLRU\r\n'${nip(30)};'Hasan Basri;'Dinas A;'III/a\r\n`);
    const r = await readRoster({ file, keepColumns: true });
    expect(errors(r)).toEqual([]);
    expect(r.people[0]).toMatchObject({ nip: nip(30), name: 'Hasan Basri', unit: 'Dinas A' });
    expect(r.people[0]!.rank?.golongan).toBe('III/a');
    expect(r.people[0]!.columns.NIP).toBe(nip(30));
  });

  it('ignores blank lines (also whitespace-only and delimiter-only lines) but counts them in line numbers', async () => {
    const file = write(
      'blank.csv',
      `\r\n\r\nNIP;NAMA;UNIT KERJA\r\n\r\n${nip(31)};Ani;Dinas A\r\n   \r\n;;\r\n\r\n${nip(32)};;Dinas B\r\n\r\n`,
    );
    const r = await readRoster({ file });
    expect(r.headerLine).toBe(3);
    expect(r.people.map((p) => [p.row, p.name])).toEqual([[5, 'Ani']]);
    expect(errors(r).map((p) => [p.code, p.line])).toEqual([['name-missing', 9]]);
    expect(r.rowCount).toBe(2);
  });

  it('ignores trailing empty columns and rows with fewer or more cells', async () => {
    const file = write(
      'trailing.csv',
      `NIP;NAMA;UNIT KERJA;;;\r\n${nip(33)};Ani;Dinas A;;;\r\n${nip(34)};Budi;Dinas B\r\n${nip(35)};Cici;Dinas C;;;;;;;\r\n`,
    );
    const r = await readRoster({ file, keepColumns: true });
    expect(errors(r)).toEqual([]);
    expect(r.headers).toEqual(['NIP', 'NAMA', 'UNIT KERJA']);
    expect(r.people.map((p) => p.name)).toEqual(['Ani', 'Budi', 'Cici']);
    expect(Object.keys(r.people[0]!.columns)).toEqual(['NIP', 'NAMA', 'UNIT KERJA']);
  });

  it('finds the header under title rows', async () => {
    const file = write(
      'titles.csv',
      `DAFTAR NOMINATIF PEGAWAI;;;\r\nPEMERINTAH KABUPATEN SUKAMARA;;;\r\n;;;\r\nNO;NIP;NAMA;UNIT KERJA\r\n1;${nip(36)};Ani;Dinas A\r\n2;${nip(37)};Budi;Dinas B\r\n`,
    );
    const r = await readRoster({ file });
    expect(errors(r)).toEqual([]);
    expect(r.headerLine).toBe(4);
    expect(r.people.map((p) => [p.row, p.name])).toEqual([
      [5, 'Ani'],
      [6, 'Budi'],
    ]);
  });

  it('reports a quote that is never closed, with the line it starts near, and keeps the rows before it', async () => {
    const file = write(
      'unclosed.csv',
      `NIP;NAMA;UNIT KERJA\n${nip(38)};Ani;Dinas A\n${nip(39)};"Budi;Dinas B\n${nip(40)};Cici;Dinas C\n`,
    );
    const r = await readRoster({ file });
    expect(r.people.map((p) => p.name)).toEqual(['Ani']);
    const p = r.problems.find((x) => x.code === 'csv-quote-not-closed');
    expect(p).toMatchObject({ severity: 'error', file, line: 3 });
    expect(p!.hint).toBeTruthy();
  });
});

describe('problems from the rows', () => {
  it('reports a duplicate NIP with both lines', async () => {
    const file = write(
      'dup.csv',
      `NIP;NAMA;UNIT KERJA\n${nip(41)};Ani;Dinas A\n${nip(42)};Budi;Dinas B\n\n${nip(41).replace(/^(\d{8})(\d{6})(\d)(\d{3})$/, '$1 $2 $3 $4')};Ani Lagi;Dinas C\n`,
    );
    const r = await readRoster({ file });
    const dup = errors(r);
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ code: 'nip-duplicate', file, line: 5, field: 'NIP' });
    expect(dup[0]!.message).toContain('line 2 and line 5');
    expect(dup[0]!.hint).toBeTruthy();
    expect(r.people.map((p) => p.name)).toEqual(['Ani', 'Budi']);
  });

  it('a missing required column lists the headers found and the closest one', async () => {
    const file = write('missing.csv', `NIP;NAMA;UNIT KRJA;JABATAN\n${nip(43)};Ani;Dinas A;Staf\n`);
    const r = await readRoster({ file });
    expect(r.people).toEqual([]);
    const p = errors(r);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ code: 'missing-column', file, line: 1 });
    expect(p[0]!.message).toContain('Headers found: NIP, NAMA, UNIT KRJA, JABATAN');
    expect(p[0]!.message).toContain("closest: 'UNIT KRJA'");
    expect(p[0]!.hint).toContain('unit: "UNIT KRJA"');
  });

  it('columns from the event file map unusual headers', async () => {
    const file = write('mapped.csv', `NIP;NAMA;UNIT KRJA\n${nip(44)};Ani;Dinas A\n`);
    const r = await readRoster({ file, columns: { unit: 'UNIT KRJA' } });
    expect(errors(r)).toEqual([]);
    expect(r.people[0]!.unit).toBe('Dinas A');
  });

  it('reports every bad row in one run, each with file, line, field, message and hint', async () => {
    const file = write(
      'many.csv',
      [
        'NIP;NAMA;GOLRU;UNIT KERJA',
        '1,98609E+17;Ani;III/a;Dinas A', // 2: Excel number with a decimal comma
        `${nip(45)};Budi;III/a;Dinas B`, // 3: fine
        '198609262015051000;Cici;III/a;Dinas C', // 4: ends in 000
        `${nip(46)};Dodi;IX/z;Dinas D`, // 5: rank warning only
        `${nip(47)};;III/a;Dinas E`, // 6: no name
        '19860926201505100;Eko;III/a;Dinas F', // 7: 17 digits
      ].join('\r\n'),
    );
    const r = await readRoster({ file });
    expect(r.problems.map((p) => [p.severity, p.code, p.line, p.field])).toEqual([
      ['error', 'nip-excel-number', 2, 'NIP'],
      ['error', 'nip-excel-number', 4, 'NIP'],
      ['warning', 'rank-unknown', 5, 'GOLRU'],
      ['error', 'name-missing', 6, 'NAMA'],
      ['error', 'nip-length', 7, 'NIP'],
    ]);
    for (const p of r.problems) {
      expect(p.file).toBe(file);
      expect(p.message.length).toBeGreaterThan(5);
      expect(p.hint?.length).toBeGreaterThan(5);
    }
    expect(r.problems[0]!.message).toContain('1,98609E+17');
    expect(r.people.map((p) => p.name)).toEqual(['Budi', 'Dodi']);
    expect(codes(r)).not.toContain('roster-empty');
  });
});
