import { describe, expect, it } from 'vitest';
import {
  eventData,
  isRegionalHeadPosition,
  letterheadOf,
  officialData,
  personData,
  slug,
  titleLines,
} from '../../src/documents/common.js';
import { groupByUnit, sheetData, unitFileName } from '../../src/documents/sheets.js';
import { paktaData, paktaFileName } from '../../src/documents/pakta.js';
import { bupati, makeEvent, makePeople, makePerson, sekda } from '../render/fixture.js';

describe('document data', () => {
  it('groups units in roster order of first appearance, people in roster order', () => {
    const people = [
      makePerson({ name: 'A', unit: 'Dinas B' }),
      makePerson({ name: 'B', unit: 'Dinas A' }),
      makePerson({ name: 'C', unit: 'Dinas B' }),
      makePerson({ name: 'D', unit: 'Dinas C' }),
      makePerson({ name: 'E', unit: 'Dinas A' }),
    ];
    const groups = groupByUnit(people);
    expect(groups.map((g) => [g.index, g.name, g.people.map((p) => p.name).join('')])).toEqual([
      [1, 'Dinas B', 'AC'],
      [2, 'Dinas A', 'BE'],
      [3, 'Dinas C', 'D'],
    ]);
    expect(unitFileName(groups[1]!, 3)).toBe('02-dinas-a.pdf');
    expect(unitFileName(groups[1]!, 120)).toBe('002-dinas-a.pdf');
  });

  it('numbers rows within the unit and sides them zig-zag', () => {
    const event = makeEvent();
    const g = groupByUnit(makePeople())[0]!;
    const data = sheetData(g, event);
    expect(data.rows.slice(0, 4).map((r) => [r.number, r.side])).toEqual([
      [1, 'left'],
      [2, 'right'],
      [3, 'left'],
      [4, 'right'],
    ]);
    expect(data.rows[0]).toMatchObject({
      name: 'Drs. Budi Santoso, M.Si.',
      nipText: '19860926 201505 1 001',
      rank: 'Pembina Utama Muda, IV/c',
    });
    expect(data.officer).toMatchObject({
      name: sekda.name,
      titleLines: ['KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA,'],
      nipText: '19681104 199303 1 009',
    });
    expect(data.event.ceremony).toMatchObject({
      dateLong: 'Senin, 4 November 2024',
      placeDate: 'Sukamara, 4 November 2024',
      timeRange: '07.30 WIB s.d. selesai',
    });
  });

  it('writes position lines in capitals ending with a comma, with delegation prefixes', () => {
    expect(titleLines('Sekretaris Daerah')).toEqual(['SEKRETARIS DAERAH,']);
    expect(titleLines('Bupati Sukamara', 'Pj.')).toEqual(['Pj. BUPATI SUKAMARA,']);
    expect(titleLines('Bupati Sukamara\nSekretaris Daerah,', 'a.n.')).toEqual([
      'a.n. BUPATI SUKAMARA',
      'SEKRETARIS DAERAH,',
    ]);
    expect(titleLines('')).toEqual([]);
  });

  it('lets regional heads sign with the name only', () => {
    expect(officialData({ ...bupati, rank: 'Pembina', nip: '196811041993031009' })).toMatchObject({
      rank: null,
      nip: null,
      regionalHead: true,
    });
    expect(officialData(sekda)).toMatchObject({
      rank: 'Pembina Utama Muda',
      nip: '196811041993031009',
      regionalHead: false,
    });
    for (const p of [
      'Bupati Sukamara',
      'Pj. Bupati Sukamara',
      'Penjabat Bupati',
      'Wakil Bupati Sukamara',
      'Wali Kota Palangka Raya',
      'Plt. Gubernur',
    ])
      expect(isRegionalHeadPosition(p), p).toBe(true);
    for (const p of ['Kepala Dinas Pendidikan', 'Sekretaris Daerah', 'Staf Ahli Bupati'])
      expect(isRegionalHeadPosition(p), p).toBe(false);
  });

  it('builds pakta data with the witness and file names from NIP or key', () => {
    const people = makePeople();
    const event = makeEvent();
    const d = paktaData(people[0]!, 1, 2, event);
    expect(d).toMatchObject({
      witness: { name: bupati.name, regionalHead: true },
      witnessLabel: 'Mengetahui,',
      meterai: false,
      index: 1,
      count: 2,
    });
    expect(d.signer).toMatchObject({ rankName: 'Pembina Utama Muda', unit: 'Dinas Pendidikan' });
    expect(paktaData(people[0]!, 1, 1, makeEvent({ witnesses: [] })).witness).toBeNull();
    expect(paktaFileName(people[0]!)).toBe('198609262015051001-budi-santoso.pdf');
    expect(paktaFileName(people.find((p) => p.nip === null)!)).toBe('badan-keuangan-siti-siti-rahmawati.pdf');
  });

  it('gives templates no undefined values (strict templates)', () => {
    const event = makeEvent();
    const walk = (v: unknown, where: string): void => {
      expect(v, where).not.toBeUndefined();
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
    };
    walk(eventData(event), 'event');
    for (const p of makePeople()) walk(personData(p), 'person');
    walk(paktaData(makePeople()[0]!, 1, 1, event), 'pakta');
  });

  it('fills the letterhead from the event', () => {
    const lh = letterheadOf(
      makeEvent({
        government: {
          name: 'Pemerintah Kabupaten Sukamara',
          region: 'Sukamara',
          kind: 'kabupaten',
          logo: '/x/lambang.png',
        },
      }),
    );
    expect(lh.lines.map((l) => [l.text, l.size, l.bold])).toEqual([
      ['PEMERINTAH KABUPATEN SUKAMARA', 14, true],
      ['BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA', 16, true],
      ['Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172', 10, false],
    ]);
    expect(lh.logo).toBe('/x/lambang.png');
  });

  it('makes safe file-name slugs', () => {
    expect(slug('Badan Keuangan & Aset Daerah')).toBe('badan-keuangan-aset-daerah');
    expect(slug("Ma'ruf Ñoño / Ü")).toBe('ma-ruf-nono-u');
    expect(slug('***')).toBe('x');
    expect(slug('a'.repeat(100)).length).toBe(60);
  });
});
