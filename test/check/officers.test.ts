/** Who signs each unit's sheet: the named officer, else the unit's head from the roster, else the default. */
import { describe, expect, it } from 'vitest';
import { checkInputs, officerFor, personAsOfficial } from '../../src/check/check.js';
import { makeEvent, makePerson, sekda } from '../render/fixture.js';

const heads = [{ column: 'JABATAN', matches: '^Kepala |^Camat ' }];

function unit(name: string, positions: string[]) {
  return positions.map((position, i) =>
    makePerson({
      name: `${name} Pegawai ${i + 1}`,
      unit: name,
      position,
      columns: { NAMA: `${name} ${i}`, JABATAN: position, 'UNIT KERJA': name },
    }),
  );
}

describe('officerFor', () => {
  const kesehatan = unit('Dinas Kesehatan', ['Analis Kesehatan', 'Kepala Dinas Kesehatan', 'Perawat']);

  it('takes the unit head from the roster when the event names nobody for the unit', () => {
    const event = makeEvent({ sheets: { officers: {}, heads, defaultOfficer: sekda } });
    const o = officerFor('Dinas Kesehatan', event, kesehatan)!;
    expect(o.name).toBe(kesehatan[1]!.fullName);
    expect(o.position).toBe('Kepala Dinas Kesehatan');
    expect(o.rank).toBe('Penata Muda Tingkat I');
    expect(o.nip).toBe(kesehatan[1]!.nip);
    expect(o.regionalHead).toBe(false);
  });

  it('prefers the officer named for the unit, and falls back to the default without a head', () => {
    const named = { name: 'Dr. Named Officer', position: 'Plt. Kepala Dinas Kesehatan', regionalHead: false };
    const event = makeEvent({ sheets: { officers: { 'dinas kesehatan': named }, heads, defaultOfficer: sekda } });
    expect(officerFor('Dinas Kesehatan', event, kesehatan)).toBe(named);
    const staffOnly = unit('Bagian Umum', ['Pengadministrasi', 'Pengemudi']);
    expect(officerFor('Bagian Umum', event, staffOnly)).toBe(sekda);
  });

  it('without a heads rule, a unit head in the roster is not used', () => {
    const event = makeEvent({ sheets: { officers: {}, defaultOfficer: sekda } });
    expect(officerFor('Dinas Kesehatan', event, kesehatan)).toBe(sekda);
  });

  it('prints a TNI head with rank as written and NRP, not NIP', () => {
    const p = makePerson({
      name: 'Budi Hartono',
      unit: 'Kodim 0310',
      kind: 'TNI',
      nip: null,
      position: 'Komandan Kodim',
      rank: { golongan: '', raw: 'Letkol Inf' },
    });
    p.nrp = '11020012340379';
    expect(personAsOfficial(p)).toMatchObject({ name: 'Budi Hartono', rank: 'Letkol Inf', nrp: '11020012340379' });
    expect(personAsOfficial(p).nip).toBeUndefined();
  });
});

describe('checkInputs with a heads rule', () => {
  it('names the head per unit and warns when the rule finds several heads in one unit', () => {
    // A jabatan naming the unit ("Camat Jelai") is its head before the rule; the rule decides only
    // where no jabatan names the unit, and warns when it finds several.
    const people = [
      ...unit('Dinas Kesehatan', ['Kepala Dinas Kesehatan', 'Perawat']),
      ...unit('Kecamatan Jelai', ['Kepala Seksi Pemerintahan', 'Camat Jelai', 'Staf']),
      ...unit('Bagian Umum', ['Kepala Sub Bagian Tata Usaha', 'Kepala Sub Bagian Keuangan', 'Staf']),
    ];
    const event = makeEvent({ sheets: { officers: {}, heads } });
    const { summary, problems } = checkInputs(people, event, 'roster.csv');
    expect(summary.units.map((u) => u.officer)).toEqual([
      people[0]!.fullName,
      people[3]!.fullName,
      people[5]!.fullName,
    ]);
    expect(summary.units.map((u) => u.head?.by)).toEqual(['jabatan', 'jabatan', 'rule']);
    const several = problems.filter((p) => p.code === 'unit-several-heads');
    expect(several).toHaveLength(1);
    expect(several[0]).toMatchObject({ file: 'roster.csv', line: people[6]!.row, field: 'sheets.heads' });
    expect(several[0]!.message).toMatch(/finds 2 people in unit "Bagian Umum"/);
    expect(problems.some((p) => p.code === 'unit-no-officer')).toBe(false);
  });
});
