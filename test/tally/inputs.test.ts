import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parseMarks, readMarks } from '../../src/tally/marks.js';
import { parseOverrides, readOverrides } from '../../src/tally/overrides.js';
import { loadManifest } from '../../src/tally/manifest.js';
import { IkrarError, formatProblem } from '../../src/model/problems.js';
import { encodePageCodeV1 } from '../../src/model/pagecode.js';
import { EVENT, makeManifest, PEOPLE } from './fixture.js';

const m = makeManifest();
const dir = mkdtempSync(path.join(tmpdir(), 'ikrar-tally-inputs-'));

describe('marks CSV', () => {
  it('reads NIP;STATUS with BOM, CRLF, spaced NIPs and every spelling of yes and no', () => {
    const text =
      '\uFEFFNIP;STATUS\r\n' +
      '19860926 201505 1 001;ya\r\n' +
      "'199001012019032002;Belum\r\n" +
      '\r\n' +
      '198512122010011003;TTD\r\n' +
      '="197805052005012004";0\r\n';
    const { marks, problems } = parseMarks(text, 'marks.csv', m);
    expect(problems).toEqual([]);
    expect(marks).toEqual([
      { key: PEOPLE[0]!.key, status: 'signed', source: 'marks.csv:2' },
      { key: PEOPLE[1]!.key, status: 'unsigned', source: 'marks.csv:3' },
      { key: PEOPLE[2]!.key, status: 'signed', source: 'marks.csv:5' },
      { key: PEOPLE[3]!.key, status: 'unsigned', source: 'marks.csv:6' },
    ]);
  });

  it('reads key,status with commas, quotes and sudah/1/signed', () => {
    const text = 'Key,Status\n"dinkes-ani",sudah\n198609262015051001,1\n"=cmd|calc",signed\n';
    const { marks, problems } = parseMarks(text, 'm.csv', m);
    expect(problems).toEqual([]);
    expect(marks.map((x) => [x.key, x.status])).toEqual([
      ['dinkes-ani', 'signed'],
      ['198609262015051001', 'signed'],
      ['=cmd|calc', 'signed'],
    ]);
  });

  it('reports bad rows with file:line and keeps the good ones', () => {
    const text =
      'NIP\tSTATUS\n198609262015051001\tmungkin\n\tya\n199999999999999999\tya\n199001012019032002\tya\n199001012019032002\ttidak\n198512122010011003\t\n';
    const { marks, problems } = parseMarks(text, 'marks.csv', m);
    expect(marks.map((x) => x.key)).toEqual([PEOPLE[1]!.key]);
    expect(problems.map((p) => formatProblem(p))).toEqual([
      "marks.csv:2: STATUS: status 'mungkin' is not understood (write signed/unsigned, ya/tidak, sudah/belum, 1/0 or TTD)",
      'marks.csv:3: NIP: no NIP or key on this line',
      'marks.csv:4: nobody with NIP 199999999999999999 is in the manifest; line ignored (check the NIP, or render again if the roster changed)',
      'marks.csv:6: Siti Rahmawati, S.E. is marked unsigned here but signed on line 5 (keep one line per person)',
      'marks.csv:7: STATUS: status is empty (write signed/unsigned, ya/tidak, sudah/belum, 1/0 or TTD)',
    ]);
    expect(problems.map((p) => p.severity)).toEqual(['error', 'error', 'warning', 'error', 'error']);
  });

  it('names the headers found when the columns are missing', () => {
    const { problems } = parseMarks('Nama;Unit\nAni;Dinkes\n', 'x.csv', m);
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'x.csv:1: no NIP (or KEY) and STATUS column; headers found: Nama, Unit (the first line must name the columns, e.g. NIP;STATUS or key,status)',
    ]);
  });

  it('reads Windows-1252 files and reports a missing file', async () => {
    const f = path.join(dir, 'ansi.csv');
    writeFileSync(
      f,
      iconv.encode('NIP;STATUS;Catatan\r\n198609262015051001;ya;Hadir pukul 07.30 – café\r\n', 'win1252'),
    );
    expect((await readMarks(f, m)).marks).toHaveLength(1);
    const missing = await readMarks(path.join(dir, 'nope.csv'), m);
    expect(missing.problems.map((p) => p.message)).toEqual(['file not found']);
  });

  it('refuses binary garbage without crashing', () => {
    const { problems } = parseMarks('PK\u0003\u0004\u0000\u0000garbage', 'x.csv', m);
    expect(problems[0]!.message).toMatch(/not a CSV text file/);
  });
});

describe('overrides CSV', () => {
  it('applies filled decisions, skips empty ones, and understands the document column', () => {
    const text =
      '\uFEFFkey;nip;name;unit;dokumen;status;keputusan\r\n' +
      '198609262015051001;19860926 201505 1 001;Dr. Zefnihan;Dinas Pendidikan;lembar-ttd;Perlu diperiksa;signed\r\n' +
      '199001012019032002;19900101 201903 2 002;Siti;Dinas Pendidikan;lembar-ttd;Perlu diperiksa;\r\n' +
      '198609262015051001;19860926 201505 1 001;Dr. Zefnihan;Dinas Pendidikan;pakta;Perlu diperiksa;tidak\r\n' +
      '\'=cmd|calc;;\'=HYPERLINK(""http://x"");\'+Unit Aneh;lembar-ttd;Perlu diperiksa;ya\r\n';
    const { overrides, problems } = parseOverrides(text, 'overrides.csv', m);
    expect(problems).toEqual([]);
    expect(overrides).toEqual([
      { key: PEOPLE[0]!.key, document: 'sheets', status: 'signed', source: 'overrides.csv:2' },
      { key: PEOPLE[0]!.key, document: 'pakta', status: 'unsigned', source: 'overrides.csv:4' },
      { key: '=cmd|calc', document: 'sheets', status: 'signed', source: 'overrides.csv:5' },
    ]);
  });

  it('sniffs the delimiter from the rows, not only the header line (commas in a heading)', () => {
    const text =
      'key;keputusan;catatan (nama, unit, alasan, siapa)\n' +
      '198609262015051001;ya;dicek ulang\n' +
      '199001012019032002;tidak;\n';
    const { overrides, problems } = parseOverrides(text, 'o.csv', m);
    expect(problems).toEqual([]);
    expect(overrides.map((o) => [o.key, o.status])).toEqual([
      [PEOPLE[0]!.key, 'signed'],
      [PEOPLE[1]!.key, 'unsigned'],
    ]);
  });

  it('every bad row is an error with its line', () => {
    const text =
      'key;keputusan;dokumen\n' +
      '198609262015051001;barangkali;\n' +
      'nobody;ya;\n' +
      '199001012019032002;ya;pakta\n' +
      '198609262015051001;ya;surat\n';
    const { overrides, problems } = parseOverrides(text, 'o.csv', m);
    expect(overrides).toEqual([]);
    expect(problems.map((p) => formatProblem(p))).toEqual([
      "o.csv:2: keputusan: decision 'barangkali' is not understood (write signed/unsigned, ya/tidak, sudah/belum, 1/0 or TTD)",
      'o.csv:3: nobody with key nobody is in the manifest (is this overrides file from another event?)',
      'o.csv:4: dokumen: Siti Rahmawati, S.E. has no pakta integritas page in the manifest',
      "o.csv:5: dokumen: document 'surat' is not understood (write lembar-ttd or pakta)",
    ]);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('a missing overrides file is an error naming it', async () => {
    const r = await readOverrides(path.join(dir, 'missing.csv'), m);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'error', message: 'file not found' });
  });
});

describe('loadManifest', () => {
  it('loads a valid manifest', async () => {
    const f = path.join(dir, 'manifest.json');
    writeFileSync(f, JSON.stringify(m));
    expect((await loadManifest(f)).pages).toHaveLength(6);
  });

  it('still reads a version-1 manifest (renders before the return-leg furniture): one QR, four marks, IK1 codes', async () => {
    const v1 = {
      ...m,
      version: 1,
      pages: m.pages.map(({ qrs, marks, ...p }) => ({
        ...p,
        code: encodePageCodeV1(EVENT, p.serial),
        marks: marks.slice(0, 4),
        qr: qrs[0]!.square,
      })),
    };
    const f = path.join(dir, 'manifest-v1.json');
    writeFileSync(f, JSON.stringify(v1));
    const loaded = await loadManifest(f);
    expect(loaded.version).toBe(1);
    expect(loaded.pages).toHaveLength(6);
    const pg = loaded.pages[0]!;
    expect(pg.marks).toHaveLength(4);
    expect(pg.qrs).toHaveLength(1);
    expect(pg.qrs[0]!.square).toEqual(v1.pages[0]!.qr);
    // the symbol's square inside the quiet zone: 21 modules (version 1) + 4 on each side
    const [qx, qy, side] = v1.pages[0]!.qr;
    const mod = side / 29;
    expect(pg.qrs[0]!.symbol[0]).toBeCloseTo(qx + 4 * mod, 6);
    expect(pg.qrs[0]!.symbol[1]).toBeCloseTo(qy + 4 * mod, 6);
    expect(pg.qrs[0]!.symbol[2]).toBeCloseTo(21 * mod, 6);
    expect('qr' in pg).toBe(false);
  });

  const cases: [string, string, RegExp][] = [
    ['missing', '', /manifest not found.*ikrar render/],
    ['notjson.json', 'hello', /not an ikrar manifest \(not valid JSON/],
    ['other.json', '{"name":"package"}', /not an ikrar manifest \(no "format"/],
    ['v9.json', JSON.stringify({ ...m, version: 9 }), /version 9 is not supported/],
    ['shape.json', JSON.stringify({ ...m, pages: [{ code: 1 }] }), /damaged/],
    ['keys.json', JSON.stringify({ ...m, people: m.people.slice(1) }), /do not match its people/],
  ];
  for (const [name, content, re] of cases) {
    it(`refuses ${name} with exit code 2 and a message naming the file`, async () => {
      const f = path.join(dir, name);
      if (content) writeFileSync(f, content);
      const err = await loadManifest(f).catch((e) => e);
      expect(err).toBeInstanceOf(IkrarError);
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain(f);
      expect(err.message).toMatch(re);
    });
  }
});
