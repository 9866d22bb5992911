import { describe, expect, it } from 'vitest';
import { rekapCsv } from '../../src/report/csv.js';
import { neutralise } from '../../src/util/csv.js';
import { rekapJson } from '../../src/report/json.js';
import { rekapDocument, rekapEvent, rekapPdf } from '../../src/report/pdf.js';
import { reviewFiles } from '../../src/report/review.js';
import { parseOverrides } from '../../src/tally/overrides.js';
import { tally } from '../../src/tally/tally.js';
import { makeManifest, PEOPLE, reading } from '../tally/fixture.js';

const m = makeManifest();
const pages = [
  reading(m, 1, 'scan.pdf', 1, ['signed', 'uncertain']),
  reading(m, 4, 'scan.pdf', 2, ['uncertain']),
  reading(m, 5, 'pakta.jpg', 1, ['uncertain']),
];
const result = tally(m, pages);

describe('reports', () => {
  it('rekap.csv: BOM, ;, CRLF, one row per person, formula cells neutralised', () => {
    const csv = rekapCsv(result);
    expect(csv.startsWith('\uFEFFNo;Unit;Nama;NIP;Status;Skor;Halaman;Sumber;Manual\r\n')).toBe(true);
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines.length).toBe(1 + PEOPLE.length);
    expect(lines[1]).toContain('19860926 201505 1 001;Sudah TTD;0,90');
    expect(lines.at(-1)).toContain(`'+Unit Aneh;"'=HYPERLINK(""http://x"")"`);
    expect(neutralise('-1')).toBe("'-1");
    expect(neutralise('@x')).toBe("'@x");
  });

  it('a 9-digit old NIP is written in the rekap as the printed documents write it (no groups of three)', () => {
    const old = { ...result, people: [{ ...result.people[0]!, nip: '123456789' }] };
    const line = rekapCsv(old).split('\r\n')[1]!;
    expect(line).toContain(';123456789;');
    expect(line).not.toContain('123 456 789');
  });

  it('rekap.json carries the result and the event', () => {
    const j = rekapJson(result, m);
    expect(j).toMatchObject({ format: 'ikrar-rekap', version: 1, event: { code: m.event.code } });
    expect(j.people).toBe(result.people);
  });

  it('review/: a crop per uncertain box, escaped HTML, and an overrides.csv that reads back', () => {
    const files = reviewFiles(result, pages, m);
    const pngs = files.filter((f) => f.path.endsWith('.png')).map((f) => f.path);
    expect(pngs).toEqual([
      'review/001-lembar-199001012019032002.png',
      'review/002-lembar-_cmd_calc.png',
      'review/003-pakta-198609262015051001.png',
    ]);
    const html = files.find((f) => f.path === 'review/index.html')!.data as string;
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
    expect(html).not.toContain('<Jr>');
    const ov = files.find((f) => f.path === 'review/overrides.csv')!.data as string;
    const filled = ov.replace(/;Perlu diperiksa;\r\n/g, ';Perlu diperiksa;signed\r\n');
    const back = parseOverrides(filled, 'overrides.csv', m);
    expect(back.problems).toEqual([]);
    expect(back.overrides.map((o) => [o.key, o.document, o.status])).toEqual([
      [PEOPLE[1]!.key, 'sheets', 'signed'],
      [PEOPLE[5]!.key, 'sheets', 'signed'],
      [PEOPLE[0]!.key, 'pakta', 'signed'],
    ]);
    const again = tally(m, pages, [], back.overrides);
    expect(again.people[1]).toMatchObject({ status: 'signed', manual: true });
    expect(reviewFiles(again, pages, m).filter((f) => f.path.endsWith('.png'))).toEqual([]);
  });

  it('rekap.pdf is a PDF and byte-identical for the same input (a manifest without eventDetails: its event only)', async () => {
    const event = rekapEvent(m, 'manifest.json', undefined);
    const a = await rekapPdf(rekapDocument(result, event), event, m.paper);
    const b = await rekapPdf(rekapDocument(result, event), event, m.paper);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });
});
