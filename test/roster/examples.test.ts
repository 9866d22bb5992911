/**
 * The four example rosters (scripts/make-example-roster.mjs) hold overlapping people from one
 * generated population: roster.csv holds all 300, siasn-export.csv the first 4 ASN of the first
 * 5 units, roster-excel.csv 16 of Dinas Kesehatan plus 4 extra people with non-ASCII names,
 * roster.xlsx the first 3 of units 6–12. Each must read to the same people.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/model/person.js';
import { readRoster, type RosterRead } from '../../src/roster/read.js';

let main: RosterRead;
let byNip: Map<string, Person>;
let byKey: Map<string, Person>;

beforeAll(async () => {
  main = await readRoster({ file: 'examples/roster.csv', keepColumns: true });
  byNip = new Map(main.people.filter((p) => p.nip).map((p) => [p.nip!, p]));
  byKey = new Map(main.people.map((p) => [p.key, p]));
});

const errors = (r: RosterRead) => r.problems.filter((p) => p.severity === 'error');

describe('examples/roster.csv (Excel "CSV UTF-8": BOM, ;, CRLF)', () => {
  it('reads all 300 people without errors', () => {
    expect(errors(main)).toEqual([]);
    expect(main.format).toBe('csv');
    expect(main.encoding).toBe('utf-8-bom');
    expect(main.delimiter).toBe(';');
    expect(main.headerLine).toBe(1);
    expect(main.headers).toEqual([
      'NIP',
      'NAMA',
      'GELAR DEPAN',
      'GELAR BELAKANG',
      'GOLRU',
      'JABATAN',
      'UNIT KERJA',
      'STATUS',
    ]);
    expect(main.rowCount).toBe(300);
    expect(main.people).toHaveLength(300);
    expect(main.sha256).toBe(createHash('sha256').update(readFileSync('examples/roster.csv')).digest('hex'));
  });

  it('reads the first person with title, rank, unit and line', () => {
    const p = main.people[0]!;
    expect(p).toMatchObject({
      row: 2,
      nip: '196705271998012021',
      key: '196705271998012021',
      name: 'Wulan Sari',
      frontTitle: 'Hj.',
      backTitle: 'S.AP., M.Si.',
      fullName: 'Hj. Wulan Sari, S.AP., M.Si.',
      position: 'Sekretaris Daerah',
      unit: 'Sekretariat Daerah',
      kind: 'PNS',
      sex: 'P',
    });
    expect(p.rank?.golongan).toBe('IV/d');
    expect(p.columns.GOLRU).toBe('Pembina Utama Madya, IV/d');
    expect(main.people[1]!.rank).toMatchObject({ golongan: 'IV/b', raw: '4B' });
  });

  it('has PNS, PPPK and the 10 non-ASN staff, rows in file order', () => {
    const kinds: Record<string, number> = {};
    for (const p of main.people) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
    expect(kinds['non-ASN']).toBe(10);
    expect(kinds.PNS! + kinds.PPPK!).toBe(290);
    expect(kinds.PPPK).toBeGreaterThan(0);
    expect(main.people.map((p) => p.row)).toEqual(main.people.map((_, i) => i + 2));
    for (const p of main.people) {
      if (p.kind === 'non-ASN') expect(p.nip).toBeNull();
      else expect(p.nip).toMatch(/^\d{18}$/);
    }
  });
});

describe("examples/siasn-export.csv (SIASN: every field quoted, NIP with a leading ')", () => {
  it('reads the same 20 people as roster.csv, names in capitals', async () => {
    const r = await readRoster({ file: 'examples/siasn-export.csv', keepColumns: true });
    expect(errors(r)).toEqual([]);
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerLine: 1, rowCount: 20 });
    expect(r.headers).toHaveLength(60);
    expect(r.people).toHaveLength(20);
    for (const p of r.people) {
      const q = byNip.get(p.nip!);
      expect(q, `NIP ${p.nip} of line ${p.row} is in roster.csv`).toBeDefined();
      expect(p.name).toBe(q!.name.toUpperCase());
      expect(p.frontTitle).toBe(q!.frontTitle);
      expect(p.backTitle).toBe(q!.backTitle);
      expect(p.unit).toBe(q!.unit);
      expect(p.position).toBe(q!.position);
      expect(p.kind).toBe(q!.kind);
      expect(p.rank?.golongan).toBe(q!.rank?.golongan);
      // keepColumns: true keeps every column under its own header.
      expect(Object.keys(p.columns)).toEqual(r.headers);
    }
    const first = r.people[0]!;
    expect(first.nip).toBe('196705271998012021');
    expect(first.columns['NIP BARU']).toBe('196705271998012021');
    expect(first.columns['NIP LAMA']).toMatch(/^\d{9}$/);
    expect(first.columns['TANGGAL LAHIR']).toBe('27-05-1967');
    expect(first.sex).toBe('P');
  });
});

describe('examples/roster-excel.csv (Excel on Indonesian Windows: Windows-1252, ;)', () => {
  it('reads 20 people; 16 are in roster.csv, 4 carry é and ’ in their names', async () => {
    const r = await readRoster({ file: 'examples/roster-excel.csv' });
    expect(errors(r)).toEqual([]);
    expect(r).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', headerLine: 1, rowCount: 20 });
    expect(r.people).toHaveLength(20);
    const known = r.people.filter((p) => byNip.has(p.nip!));
    expect(known).toHaveLength(16);
    for (const p of known) {
      const q = byNip.get(p.nip!)!;
      expect(p.name).toBe(q.name);
      expect(p.fullName).toBe(q.fullName);
      expect(p.unit).toBe('DINAS KESEHATAN');
      expect(q.unit).toBe('Dinas Kesehatan');
      expect(p.rank?.golongan).toBe(q.rank?.golongan);
    }
    const names = r.people.slice(16).map((p) => p.name);
    expect(names).toEqual(['Siti Aisyah', 'Ahmad Ma\u2019ruf', 'Maria Renée Tingang', 'Désy Natalia Kambang']);
    expect(r.people[16]!.frontTitle).toBe('Hj.');
    // Row 3 has a NIP written '…, row 5 a spaced NIP: both read as 18 digits.
    expect(r.people[1]!.row).toBe(3);
    expect(r.people[1]!.nip).toMatch(/^\d{18}$/);
    expect(r.people[3]!.nip).toBe('198010242010021006');
  });
});

describe('examples/roster.xlsx (title rows, NIP as Text, two sheets)', () => {
  it('reads the 21 people of sheet Pegawai, the same as in roster.csv', async () => {
    const r = await readRoster({ file: 'examples/roster.xlsx', keepColumns: true });
    expect(errors(r)).toEqual([]);
    expect(r).toMatchObject({
      format: 'xlsx',
      sheet: 'Pegawai',
      sheets: ['Pegawai', 'Catatan'],
      headerLine: 4,
      rowCount: 21,
    });
    expect(r.encoding).toBeUndefined();
    expect(r.people).toHaveLength(21);
    expect(r.people.map((p) => p.row)).toEqual(r.people.map((_, i) => i + 5));
    for (const p of r.people) {
      // Keys are the NIPs (a non-ASN key would derive from unit + name and match too).
      const q = byKey.get(p.key);
      expect(q, `${p.key} (${p.name}) is in roster.csv`).toBeDefined();
      expect({ ...p, row: 0, columns: {} }).toEqual({ ...q!, row: 0, columns: {} });
    }
    expect(r.people[0]!.columns.NO).toBe('1');
    expect(r.sha256).toBe(createHash('sha256').update(readFileSync('examples/roster.xlsx')).digest('hex'));
  });
});
