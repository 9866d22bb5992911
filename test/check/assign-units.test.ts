/** units: in-process — the empty-cell fallback, merge by name and pattern, order, and order items that match nothing. */
import { describe, expect, it } from 'vitest';
import { assignUnits, groupUnits, unusedOrderItems } from '../../src/check/units.js';
import type { UnitsConfig } from '../../src/model/event.js';
import { makeEvent, makePerson } from '../render/fixture.js';

const person = (own: string, induk: string) =>
  makePerson({ name: `${own} staf`, unit: own, columns: { 'UNOR NAMA': own, 'UNOR INDUK NAMA': induk } });
const units = (u: Partial<UnitsConfig>) =>
  makeEvent({ units: { merge: [], order: [], lines: { 'units.column': 140, 'units.order[2]': 145 }, ...u } });

describe('assignUnits', () => {
  it('groups by units.column; an empty cell keeps the person in their own unit, with one warning naming the first line', () => {
    const people = [
      person('Seksi A Dinas Sosial', 'Dinas Sosial'),
      person('Sekretariat Daerah', ''),
      person('Seksi B Dinas Sosial', 'Dinas Sosial'),
      person('Bagian Umum', ''),
    ];
    const r = assignUnits(people, units({ column: 'unor induk nama' }), 'roster.csv');
    expect(r.people.map((p) => p.unit)).toEqual(['Dinas Sosial', 'Sekretariat Daerah', 'Dinas Sosial', 'Bagian Umum']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      severity: 'warning',
      code: 'units-column-empty',
      file: 'roster.csv',
      line: people[1]!.row,
      field: 'UNOR INDUK NAMA',
    });
    expect(r.problems[0]!.message).toMatch(/^2 people have nothing/);
    // the roster's own people are not changed
    expect(people[0]!.unit).toBe('Seksi A Dinas Sosial');
  });

  it('merges by exact name (any case) and by pattern, first match winning', () => {
    const people = [person('UPT Puskesmas Jelai', ''), person('kelurahan  padang', ''), person('Dinas Sosial', '')];
    const ev = units({
      merge: [
        { names: ['Kelurahan Padang'], into: 'Kecamatan Sukamara' },
        { matches: '^UPT Puskesmas', into: 'Dinas Kesehatan' },
        { matches: '.', into: 'never' },
      ],
    });
    expect(assignUnits(people, ev, 'roster.csv').people.map((p) => p.unit)).toEqual([
      'Dinas Kesehatan',
      'Kecamatan Sukamara',
      'never',
    ]);
  });

  it("a units column the roster lacks is one error at the key's line", () => {
    const r = assignUnits([person('A', 'B')], units({ column: 'UNOR INDUK' }), 'roster.csv');
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'units-column-missing',
        file: 'event.yaml',
        line: 140,
        field: 'units.column',
      }),
    ]);
    expect(r.problems[0]!.hint).toContain('UNOR INDUK NAMA');
  });
});

describe('groupUnits', () => {
  const people = [
    'Kelurahan Padang',
    'Dinas Sosial',
    'Kecamatan Jelai',
    'Sekretariat Daerah',
    'Dinas Kesehatan',
    'RSUD',
  ].map((u) => person(u, ''));
  it('roster order without units.order, the order given with it (ties and the rest in roster order)', () => {
    expect(groupUnits(people).map((g) => g.name)).toEqual([
      'Kelurahan Padang',
      'Dinas Sosial',
      'Kecamatan Jelai',
      'Sekretariat Daerah',
      'Dinas Kesehatan',
      'RSUD',
    ]);
    const ev = units({
      order: [
        { names: ['sekretariat daerah'] },
        { matches: '^Dinas ' },
        { matches: '^Kecamatan ' },
        { matches: '^Kelurahan ' },
      ],
    });
    const g = groupUnits(people, ev);
    expect(g.map((x) => x.name)).toEqual([
      'Sekretariat Daerah',
      'Dinas Sosial',
      'Dinas Kesehatan',
      'Kecamatan Jelai',
      'Kelurahan Padang',
      'RSUD',
    ]);
    expect(g.map((x) => x.index)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('warns of an order item no unit matches, at its line, with the closest unit name', () => {
    const ev = units({ order: [{ names: ['Sekretariat Daerah'] }, { names: ['Dinas Sosail'] }] });
    const p = unusedOrderItems(groupUnits(people, ev), ev, 'roster.csv');
    expect(p).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'units-order-unknown',
        line: 145,
        field: 'units.order[2]',
        hint: 'did you mean "Dinas Sosial"?',
      }),
    ]);
  });
});
