import { describe, expect, it } from 'vitest';
import { tally } from '../../src/tally/tally.js';
import type { PageReading } from '../../src/scan/types.js';
import { makeManifest, PEOPLE, reading } from './fixture.js';

const m = makeManifest();
const status = (r: ReturnType<typeof tally>, key: string) => r.people.find((p) => p.key === key)!.status;

describe('tally: joining readings with the manifest', () => {
  it('reads statuses, page codes and sources from identified pages; unscanned pages are not-scanned', () => {
    const r = tally(m, [reading(m, 1, 'scan.pdf', 1, ['signed', 'unsigned'])], [], []);
    expect(r.people.map((p) => p.status)).toEqual([
      'signed',
      'unsigned',
      'not-scanned',
      'not-scanned',
      'not-scanned',
      'not-scanned',
    ]);
    const first = r.people[0]!;
    expect(first).toEqual({
      key: PEOPLE[0]!.key,
      nip: PEOPLE[0]!.nip,
      name: PEOPLE[0]!.name,
      unit: 'Dinas Pendidikan',
      status: 'signed',
      score: 0.9,
      page: m.pages[0]!.code,
      source: { file: 'scan.pdf', page: 1 },
      manual: false,
      note: null,
    });
    const ns = r.people[2]!;
    expect(ns).toMatchObject({
      status: 'not-scanned',
      score: null,
      source: null,
      page: m.pages[1]!.code,
      manual: false,
    });
    expect(r.summary.units).toEqual([
      { unit: 'Dinas Pendidikan', people: 3, signed: 1, unsigned: 1, uncertain: 0, notScanned: 1, percent: 33.3 },
      { unit: 'Dinas Kesehatan', people: 2, signed: 0, unsigned: 0, uncertain: 0, notScanned: 2, percent: 0 },
      { unit: '+Unit Aneh', people: 1, signed: 0, unsigned: 0, uncertain: 0, notScanned: 1, percent: 0 },
    ]);
    expect(r.summary).toMatchObject({ people: 6, signed: 1, unsigned: 1, uncertain: 0, notScanned: 4, percent: 16.7 });
    expect(r.summary.missingPages.map((p) => p.page)).toEqual([2, 3, 4, 1, 2]);
  });

  it('pakta lists every pakta signer, scanned or not', () => {
    const r = tally(m, [reading(m, 5, 'pakta.jpg', 1, ['signed'])], [], []);
    expect(r.pakta.map((p) => [p.name, p.status])).toEqual([
      ['Dr. Zefnihan, S.Pd., M.Si.', 'signed'],
      ['Ir. H. Bambang Sutrisno', 'not-scanned'],
    ]);
    expect(r.summary.pakta).toEqual({ people: 2, signed: 1, unsigned: 0, uncertain: 0, notScanned: 1, percent: 50 });
    // a pakta page says nothing about the signing sheet
    expect(status(r, PEOPLE[0]!.key)).toBe('not-scanned');
  });

  it('a page scanned twice counts once; later copies are duplicates; any copy signed wins per box', () => {
    const a = reading(m, 1, 'a-scan.pdf', 1, ['unsigned', 'uncertain']);
    const b = reading(m, 1, 'b-late-signers.pdf', 3, ['signed', 'unsigned']);
    const r = tally(m, [b, a], [], []);
    expect(r.pages.map((p) => [p.source.file, p.status])).toEqual([
      ['a-scan.pdf', 'identified'],
      ['b-late-signers.pdf', 'duplicate'],
    ]);
    expect(r.people[0]).toMatchObject({ status: 'signed', source: { file: 'b-late-signers.pdf', page: 3 } });
    // uncertain beats unsigned across copies
    expect(r.people[1]).toMatchObject({ status: 'uncertain', source: { file: 'a-scan.pdf', page: 1 } });
    expect(r.summary.pages).toMatchObject({ scanned: 2, identified: 1, duplicate: 1 });
    expect(r.summary.units[0]).toMatchObject({ people: 3, signed: 1, uncertain: 1 });
  });

  it('does not depend on the order of the readings', () => {
    const readings: PageReading[] = [
      reading(m, 1, 'x.pdf', 2, ['unsigned', 'signed'], [0.1, 0.8]),
      reading(m, 1, 'x.pdf', 5, ['signed', 'signed'], [0.7, 0.95]),
      reading(m, 3, 'foto.jpg', 1, ['uncertain', 'unsigned']),
      reading(m, 3, 'a.tif', 1, ['uncertain', 'unsigned'], [0.55, 0.2]),
      { source: { file: 'x.pdf', page: 3 }, status: 'blank', boxes: [] },
      { source: { file: 'x.pdf', page: 4 }, status: 'unidentified', boxes: [], note: 'no page code found' },
      { source: { file: 'other.pdf', page: 1 }, status: 'foreign', code: 'IK1-AAAAAA-000001-00', serial: 1, boxes: [] },
      reading(m, 5, 'pakta.png', 1, ['uncertain']),
    ];
    const expected = JSON.stringify(tally(m, readings, [], []));
    // every rotation and the reverse of the list
    for (let k = 0; k < readings.length; k++) {
      const rotated = [...readings.slice(k), ...readings.slice(0, k)];
      expect(JSON.stringify(tally(m, rotated, [], []))).toBe(expected);
      expect(JSON.stringify(tally(m, [...rotated].reverse(), [], []))).toBe(expected);
    }
    const r = JSON.parse(expected);
    expect(
      r.pages.map(
        (p: { source: { file: string; page: number }; status: string }) =>
          `${p.source.file}#${p.source.page}:${p.status}`,
      ),
    ).toEqual([
      'a.tif#1:identified',
      'foto.jpg#1:duplicate',
      'other.pdf#1:foreign',
      'pakta.png#1:identified',
      'x.pdf#2:identified',
      'x.pdf#3:blank',
      'x.pdf#4:unidentified',
      'x.pdf#5:duplicate',
    ]);
    // the uncertain box with the higher score decides, whatever the order
    expect(r.people[3]).toMatchObject({ status: 'uncertain', score: 0.55, source: { file: 'a.tif', page: 1 } });
    expect(r.people[0]).toMatchObject({ status: 'signed', score: 0.7 });
  });

  it('an identified reading whose code the manifest lacks becomes foreign and counts for nobody', () => {
    const bad: PageReading = {
      ...reading(m, 1, 'x.pdf', 1, ['signed', 'signed']),
      code: 'IK1-K7QD2M-000099-ZZ',
      serial: 99,
    };
    const r = tally(m, [bad], [], []);
    expect(r.pages[0]).toMatchObject({ status: 'foreign', note: 'page code is not in this manifest' });
    expect(r.summary.signed).toBe(0);
  });

  it('ignores box readings for people who are not on that manifest page', () => {
    const r0 = reading(m, 1, 'x.pdf', 1, ['unsigned', 'unsigned']);
    r0.boxes.push({ key: PEOPLE[3]!.key, number: 9, side: 'left', decision: 'signed', score: 1 });
    const r = tally(m, [r0], [], []);
    expect(status(r, PEOPLE[3]!.key)).toBe('not-scanned');
  });

  it('marks set the signing-sheet status of their people with the marks file and line as source', () => {
    const r = tally(
      m,
      [reading(m, 3, 'scan.pdf', 1, ['signed', 'signed'])],
      [
        { key: PEOPLE[2]!.key, status: 'signed', source: 'marks.csv:2' },
        { key: PEOPLE[4]!.key, status: 'unsigned', source: 'marks.csv:3' },
      ],
      [],
    );
    expect(r.people[2]).toMatchObject({
      status: 'signed',
      source: 'marks.csv:2',
      score: null,
      manual: false,
      page: m.pages[1]!.code,
    });
    expect(r.people[4]).toMatchObject({ status: 'unsigned', source: 'marks.csv:3' });
    expect(r.people[3]).toMatchObject({ status: 'signed', source: { file: 'scan.pdf', page: 1 } });
  });

  it('a person marked signed in any marks file is signed, whatever the order of the marks', () => {
    const marks = [
      { key: PEOPLE[1]!.key, status: 'unsigned' as const, source: 'a.csv:2' },
      { key: PEOPLE[1]!.key, status: 'signed' as const, source: 'b.csv:7' },
    ];
    expect(tally(m, [], marks, []).people[1]).toMatchObject({ status: 'signed', source: 'b.csv:7' });
    expect(tally(m, [], [...marks].reverse(), []).people[1]).toMatchObject({ status: 'signed', source: 'b.csv:7' });
  });

  it('overrides are applied last and marked manual, for the sheet or the pakta', () => {
    const r = tally(
      m,
      [reading(m, 1, 'scan.pdf', 1, ['uncertain', 'signed']), reading(m, 5, 'scan.pdf', 2, ['uncertain'])],
      [{ key: PEOPLE[1]!.key, status: 'signed', source: 'marks.csv:2' }],
      [
        { key: PEOPLE[0]!.key, document: 'sheets', status: 'signed', source: 'overrides.csv:2' },
        { key: PEOPLE[1]!.key, document: 'sheets', status: 'unsigned', source: 'overrides.csv:3' },
        { key: PEOPLE[0]!.key, document: 'pakta', status: 'unsigned', source: 'overrides.csv:4' },
      ],
    );
    expect(r.people[0]).toMatchObject({ status: 'signed', manual: true, source: 'overrides.csv:2', score: 0.5 });
    expect(r.people[1]).toMatchObject({ status: 'unsigned', manual: true, source: 'overrides.csv:3' });
    expect(r.pakta[0]).toMatchObject({ status: 'unsigned', manual: true, source: 'overrides.csv:4' });
    expect(r.summary.uncertain).toBe(0);
  });

  it('an empty manifest gives zero percent, not NaN', () => {
    const r = tally({ ...m, people: [], pages: [] }, [], [], []);
    expect(r.summary).toMatchObject({ people: 0, percent: 0, units: [] });
  });
});
