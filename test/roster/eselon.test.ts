/** Eselon as rosters write it, and the head a clerk would pick from it (src/check/heads.ts). */
import { describe, expect, it } from 'vitest';
import { parseEselon } from '../../src/roster/eselon.js';
import { findHead, headTitles } from '../../src/check/heads.js';
import { makeEvent, makePerson } from '../render/fixture.js';

describe('parseEselon', () => {
  it('reads the usual spellings and SIASN eselon ids; none for staff', () => {
    for (const s of ['II.a', 'II/a', 'IIa', 'II A', '2a', '21', 'Eselon II.a', 'ii.a'])
      expect(parseEselon(s)?.text, s).toBe('II.a');
    expect(parseEselon('32')?.text).toBe('III.b');
    expect(parseEselon('IV.b')?.text).toBe('IV.b');
    for (const s of ['', '-', 'Non Eselon', 'Pelaksana', 'JFT', 'VI.a', '99']) expect(parseEselon(s), s).toBeNull();
    const order = ['I.a', 'I.b', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b', 'V.a'].map(
      (e) => parseEselon(e)!.order,
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('findHead', () => {
  const heads = [{ column: 'JABATAN', matches: '^Kepala ' }];
  const event = makeEvent({ sheets: { officers: {}, heads } });
  const person = (position: string, eselon?: string) => ({
    ...makePerson({ name: position, unit: 'Dinas Sosial', position, columns: { JABATAN: position } }),
    ...(eselon ? { eselon } : {}),
  });

  it('the highest eselon wins over roster order and over the rule', () => {
    const ps = [
      person('Kepala Seksi Rehabilitasi', 'IV.a'),
      person('Sekretaris Dinas Sosial', 'III.a'),
      person('Plt. Kepala Dinas Sosial', 'II.b'),
    ];
    expect(findHead('Dinas Sosial', ps, event)).toMatchObject({ person: ps[2], by: 'eselon', rivals: [] });
  });

  it('without eselon, the jabatan naming the unit; then the rule', () => {
    const ps = [person('Kepala Seksi Rehabilitasi'), person('Kepala Dinas Sosial Kabupaten Sukamara')];
    expect(findHead('Dinas Sosial', ps, event)).toMatchObject({ person: ps[1], by: 'jabatan' });
    expect(findHead('Dinas Sosial', [ps[0]!], event)).toMatchObject({ person: ps[0], by: 'rule' });
  });

  it('without sheets.heads no head is looked for (as before)', () => {
    expect(
      findHead('Dinas Sosial', [person('Kepala Dinas Sosial', 'II.b')], makeEvent({ sheets: { officers: {} } })),
    ).toBeUndefined();
  });

  it('knows the heads of a Kecamatan, Kelurahan, Sekretariat Daerah/DPRD, Inspektorat and RSUD', () => {
    expect(headTitles('Kecamatan Jelai')).toContain('camat jelai');
    expect(headTitles('Kelurahan Padang')).toContain('lurah padang');
    expect(headTitles('Sekretariat Daerah')).toContain('sekretaris daerah');
    expect(headTitles('Sekretariat DPRD')).toContain('sekretaris dprd');
    expect(headTitles('Inspektorat')).toContain('inspektur');
    expect(headTitles('RSUD Bumi Sukamara')).toContain('direktur rsud bumi sukamara');
  });
});
