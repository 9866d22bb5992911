import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { eventCode, loadEvent, parseEvent, type LoadedEvent } from '../../src/event/load.js';
import type { EventConfig } from '../../src/model/event.js';
import { readAndCheck, selectPaktaSigners } from '../../src/check/check.js';
import type { Problem } from '../../src/model/problems.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.join(root, 'examples');
const exampleFile = path.join(examples, 'event.yaml');
const fixtures = path.join(root, 'test/fixtures/event');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-event-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 1-based line of the first line containing `needle` (so expectations follow the text, not counts). */
function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  if (i < 0) throw new Error(`test text has no line with ${needle}`);
  return i + 1;
}

function errors(r: LoadedEvent): Problem[] {
  return r.problems.filter((p) => p.severity === 'error');
}

function find(r: LoadedEvent, field: string): Problem {
  const p = r.problems.find((x) => x.field === field);
  if (!p)
    throw new Error(
      `no problem for ${field}; got:\n${r.problems.map((x) => `${x.line} ${x.field} ${x.message}`).join('\n')}`,
    );
  return p;
}

function write(name: string, text: string): string {
  const f = path.join(tmp, name);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
  return f;
}

/** The smallest valid event: only the required keys. */
const MINIMAL = `government:
  name: PEMERINTAH KOTA PALANGKA RAYA
  region: Palangka Raya
office:
  name: BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA
election:
  label: Pemilihan Serentak
  year: 2024
ceremony:
  date: 2024-11-04
  time: 7:30
  place: Halaman Balai Kota
reader:
  name: Dr. H. Hera Nugrahayu, S.Pd., M.Pd.
  position: Wali Kota Palangka Raya
pakta:
  signers: none
sheets:
  default:
    name: Dr. H. Kaspinor, S.E., M.Si.
    position: Kepala Badan Kepegawaian
`;

function parse(text: string, file = 'event.yaml'): LoadedEvent {
  return parseEvent(text, file, tmp);
}

function ok(r: LoadedEvent): EventConfig {
  expect(errors(r)).toEqual([]);
  expect(r.event).toBeDefined();
  return r.event!;
}

describe('the bundled example', () => {
  it('loads with no problems and the expected values', async () => {
    const r = await loadEvent(exampleFile);
    expect(r.problems).toEqual([]);
    const e = r.event!;
    expect(e.file).toBe(exampleFile);
    expect(e.dir).toBe(examples);
    expect(e.government).toEqual({
      name: 'PEMERINTAH KABUPATEN SUKAMARA',
      region: 'Sukamara',
      kind: 'kabupaten',
      logo: 'logo.png',
    });
    expect(readFileSync(path.resolve(e.dir, e.government.logo!)).subarray(1, 4).toString()).toBe('PNG');
    expect(e.office.name).toBe('BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA');
    expect(e.office.addressLines).toHaveLength(2);
    expect(e.office.addressLines[0]).toMatch(/^Jalan .*Sukamara, Kalimantan Tengah \d{5}$/);
    expect(e.election).toEqual({ label: 'Pemilihan Serentak', year: 2024 });
    expect(e.title).toBe('Apel Ikrar Netralitas ASN');
    expect(e.ceremony).toEqual({
      date: '2024-11-04',
      time: '07.30',
      until: 'selesai',
      timeZone: 'WIB',
      place: 'Halaman Kantor Bupati Sukamara',
      city: 'Sukamara',
    });
    expect(e.reader).toEqual({
      name: 'H. Ahmad Fauzan, S.H., M.Si.',
      position: 'Bupati Sukamara',
      prefix: 'Pj.',
      regionalHead: true,
    });
    expect(e.witnesses.map((w) => w.position)).toEqual(['Bupati Sukamara', 'Ketua Bawaslu Kabupaten Sukamara']);
    expect(e.witnesses[1]!.regionalHead).toBe(false);
    expect(e.pakta.signers).toBe('heads');
    expect(e.pakta.witness).toEqual(e.reader);
    expect(e.pakta.witnessLabel).toBe('Mengetahui,');
    expect(e.pakta.meterai).toBe(false);
    expect(e.sheets.defaultOfficer).toEqual({
      name: 'Ratna Wulan Sari, S.T., M.AP.',
      position: 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
      rank: 'Pembina Utama Madya',
      nip: '197207211997022010',
      regionalHead: false,
    });
    expect(Object.keys(e.sheets.officers)).toEqual(['dinas pendidikan', 'rsud bumi sukamara', 'kecamatan sukamara']);
    expect(e.sheets.officers['kecamatan sukamara']!.nip).toBe('197310192004021021');
    expect(e.pledge.institution).toBe('di lingkungan Pemerintah Kabupaten Sukamara');
    expect(e.programme.length).toBeGreaterThan(5);
    expect(e.programme).toContain('Menyanyikan lagu Indonesia Raya');
    expect(e.paper).toBe('f4');
    expect(e.font).toBe('sans');
    expect(e.columns).toEqual({});
    expect(e.sheet).toBeUndefined();
    expect(e.extra).toEqual({});
    expect(e.beritaAcara).toEqual({
      number: '800/498/BKPSDM.2/XI/2024',
      signer: e.sheets.defaultOfficer,
      witness: e.reader,
      witnessLabel: 'Mengetahui,',
    });
    expect(e.code).toMatch(/^[A-Z2-7]{6}$/);
    expect(e.code).toBe(eventCode('PEMERINTAH KABUPATEN SUKAMARA', 'Apel Ikrar Netralitas ASN', '2024-11-04'));
  });

  it('pakta signers of the example (heads) are the heads in examples/roster.csv, one per unit', async () => {
    const c = await readAndCheck(path.join(examples, 'roster.csv'), exampleFile);
    const heads = selectPaktaSigners(c.people, c.event!).map((p) => p.position);
    expect(heads).toContain('Sekretaris Daerah');
    expect(heads).toContain('Camat Jelai');
    expect(heads).toContain('Direktur RSUD Bumi Sukamara');
    expect(heads).not.toContain('Sekretaris Dinas');
    expect(heads).not.toContain('Sekretaris Camat');
    expect(heads.length).toBe(new Set(c.people.map((p) => p.unit)).size); // one head per unit
  });

  it('the JSON equivalent (tabs, an unquoted 18-digit NIP, a Windows path) loads the same', async () => {
    const yaml = (await loadEvent(exampleFile)).event!;
    const jsonFile = path.join(fixtures, 'event.json');
    const r = await loadEvent(jsonFile);
    expect(r.problems).toEqual([]);
    const json = r.event!;
    expect(json.dir).toBe(fixtures);
    expect(json.government.logo).toBe('../../../examples/logo.png');
    expect(path.resolve(json.dir, json.government.logo!)).toBe(path.join(examples, 'logo.png'));
    expect(json.sheets.officers['dinas pendidikan']!.nip).toBe('197011222000042006');
    const strip = (e: EventConfig) => ({ ...e, file: '', dir: '', government: { ...e.government, logo: '' } });
    expect(strip(json)).toEqual(strip(yaml));
  });

  it('a CRLF copy loads the same, and its lines are counted right', () => {
    const text = readFileSync(exampleFile, 'utf8');
    const lf = parseEvent(text, 'event.yaml', examples);
    const crlf = parseEvent(text.replace(/\n/g, '\r\n'), 'event.yaml', examples);
    expect(crlf.problems).toEqual([]);
    expect(crlf.event).toEqual(lf.event);
    expect(crlf.event!.office.addressLines[1]!.endsWith('\r')).toBe(false);

    const broken = text.replace('date: 2024-11-04', 'date: 2024-02-30').replace(/\n/g, '\r\n');
    const r = parseEvent(broken, 'event.yaml', examples);
    expect(find(r, 'ceremony.date').line).toBe(lineOf(broken, 'date: 2024-02-30'));
  });

  it('a UTF-8 BOM is ignored', () => {
    const r = parse('\uFEFF' + MINIMAL);
    ok(r);
  });
});

describe('defaults', () => {
  it('fills in everything not given', () => {
    const e = ok(parse(MINIMAL));
    expect(e.title).toBe('Apel Ikrar Netralitas ASN');
    expect(e.government.kind).toBe('kota');
    expect(e.government.logo).toBeUndefined();
    expect(e.office.addressLines).toEqual([]);
    expect(e.ceremony.time).toBe('07.30'); // "7:30" accepted
    expect(e.ceremony.until).toBe('selesai');
    expect(e.ceremony.timeZone).toBe('WIB');
    expect(e.ceremony.city).toBe('Palangka Raya');
    expect(e.reader.regionalHead).toBe(true);
    expect(e.witnesses).toEqual([]);
    expect(e.pakta).toEqual({ signers: 'none', witnessLabel: 'Mengetahui,', meterai: false });
    expect(e.sheets.officers).toEqual({});
    expect(e.sheets.defaultOfficer!.name).toBe('Dr. H. Kaspinor, S.E., M.Si.');
    expect(e.pledge.institution).toBe('di lingkungan Pemerintah Kota Palangka Raya');
    expect(e.programme).toEqual([]);
    expect(e.paper).toBe('f4');
    expect(e.font).toBe('sans');
    expect(e.columns).toEqual({});
    expect(e.extra).toEqual({});
  });

  it('institution follows the kind of government', () => {
    const kab = ok(
      parse(
        MINIMAL.replace('PEMERINTAH KOTA PALANGKA RAYA', 'PEMERINTAH KABUPATEN KOTAWARINGIN BARAT').replace(
          'region: Palangka Raya',
          'region: Kotawaringin Barat',
        ),
      ),
    );
    expect(kab.government.kind).toBe('kabupaten');
    expect(kab.pledge.institution).toBe('di lingkungan Pemerintah Kabupaten Kotawaringin Barat');
    const prov = ok(parse(MINIMAL.replace('region: Palangka Raya', 'region: Kalimantan Tengah\n  kind: provinsi')));
    expect(prov.pledge.institution).toBe('di lingkungan Pemerintah Provinsi Kalimantan Tengah');
  });

  it('the first witness witnesses the pakta unless one is named', () => {
    const text =
      MINIMAL + `witnesses:\n  - name: Rahmat Hidayat, S.H.\n    position: Ketua Bawaslu Kota Palangka Raya\n`;
    expect(ok(parse(text)).pakta.witness!.name).toBe('Rahmat Hidayat, S.H.');
    const named = text.replace(
      '  signers: none',
      '  signers: none\n  witness:\n    name: Budi\n    position: Sekretaris Daerah\n  witnessLabel: Saksi,\n  meterai: true',
    );
    const e = ok(parse(named));
    expect(e.pakta.witness!.name).toBe('Budi');
    expect(e.pakta.witnessLabel).toBe('Saksi,');
    expect(e.pakta.meterai).toBe(true);
  });
});

describe('event code', () => {
  it('is derived deterministically: 6 characters of A–Z and 2–7', () => {
    const a = ok(parse(MINIMAL)).code;
    const b = ok(parse(MINIMAL)).code;
    expect(a).toMatch(/^[A-Z2-7]{6}$/);
    expect(b).toBe(a);
    expect(a).toBe(eventCode('PEMERINTAH KOTA PALANGKA RAYA', 'Apel Ikrar Netralitas ASN', '2024-11-04'));
    // another date or title is another event
    expect(ok(parse(MINIMAL.replace('2024-11-04', '2024-11-05'))).code).not.toBe(a);
    expect(ok(parse(MINIMAL + 'title: Apel Gabungan\n')).code).not.toBe(a);
    // the place or the reader are not part of the identity
    expect(ok(parse(MINIMAL.replace('Halaman Balai Kota', 'Aula Balai Kota'))).code).toBe(a);
  });

  it('a given code is used (upper-cased), a malformed one is refused', () => {
    expect(ok(parse(MINIMAL + 'code: k7qd2m\n')).code).toBe('K7QD2M');
    const text = MINIMAL + 'code: K7QD2O0\n';
    const p = find(parse(text), 'code');
    expect(p.code).toBe('event-bad-code');
    expect(p.line).toBe(lineOf(text, 'code: K7QD2O0'));
  });
});

describe('mistakes are all reported at once, each with its line', () => {
  const text = `government:
  name: PEMERINTAH KABUPATEN SUKAMARA
  region: Sukamara
  lambang: logo.png
office:
  name: BKPSDM
election:
  label: Pemilihan Serentak
  year: dua ribu dua puluh empat
ceremony:
  tanggal: 2024-11-04
  date: 4 November 2024
  time: "25.00"
  timeZone: Asia/Makassar
  place: Halaman Kantor Bupati Sukamara
reader: Pj. Bupati Sukamara
witnesses:
  - name: H. Ahmad Fauzan, S.H.
    position: Pj. Bupati Sukamara
    rank: Pembina Utama Muda
    nip: "196811041993031009"
pakta:
  signers:
    - column: JABATAN
      matches: ^(Kepala|Camat
    - column: UNIT KERJA
  meterai: kadang
sheets:
  default:
    name: Ratna Wulan Sari, S.T., M.AP.
    position: Kepala BKPSDM
    nip: 1.97207E+17
    prefix: atas nama
  officers:
    Dinas Pendidikan:
      nama: Eka Purnamasari
      position: Kepala Dinas Pendidikan
paper: legal
font: Comic Sans
columns:
  nama: NAMA PEGAWAI
  unit: NAMA OPD
  NO INDUK: nip
programe:
  - Doa
`;
  const r = parse(text, 'acara/salah.yaml');

  it('gives no event and names the file in every problem', () => {
    expect(r.event).toBeUndefined();
    expect(r.problems.every((p) => p.file === 'acara/salah.yaml')).toBe(true);
  });

  const cases: [field: string, code: string, line: string, hint?: RegExp, severity?: string][] = [
    ['government.lambang', 'event-unknown-key', 'lambang: logo.png', /'logo'/],
    ['election.year', 'event-wrong-type', 'year: dua ribu'],
    ['ceremony.tanggal', 'event-unknown-key', 'tanggal: 2024-11-04', /'date'/],
    ['ceremony.date', 'event-bad-date', 'date: 4 November 2024', /2024-11-04/],
    ['ceremony.time', 'event-bad-time', 'time: "25.00"', /00–23/],
    ['ceremony.timeZone', 'event-bad-zone', 'timeZone: Asia/Makassar', /WITA/],
    ['reader', 'event-wrong-type', 'reader: Pj. Bupati'],
    ['witnesses[1]', 'event-head-rank', '- name: H. Ahmad Fauzan', /name only/, 'warning'],
    ['pakta.signers[1].matches', 'event-bad-regex', 'matches: ^(Kepala|Camat'],
    ['pakta.signers[2]', 'event-missing', '- column: UNIT KERJA', /matches: or in:|matches:/],
    ['pakta.meterai', 'event-wrong-type', 'meterai: kadang', /true or false/],
    ['sheets.default.nip', 'nip-excel-number', 'nip: 1.97207E+17', /quotes/],
    ['sheets.default.prefix', 'event-bad-prefix', 'prefix: atas nama', /a\.n\./],
    ['sheets.officers.Dinas Pendidikan.nama', 'event-unknown-key', 'nama: Eka', /'name'/],
    ['sheets.officers.Dinas Pendidikan.name', 'event-missing', 'Dinas Pendidikan:'],
    ['paper', 'event-bad-paper', 'paper: legal', /f4/],
    ['font', 'event-bad-font', 'font: Comic Sans', /sans/],
    ['columns.nama', 'event-unknown-field', 'nama: NAMA PEGAWAI', /'name'/],
    ['columns.NO INDUK', 'event-unknown-field', 'NO INDUK: nip', /nip: NO INDUK/],
    ['programe', 'event-unknown-key', 'programe:', /'programme'/],
  ];
  it.each(cases)('%s: %s', (field, code, line, hint, severity = 'error') => {
    const p = find(r, field);
    expect(p.code).toBe(code);
    expect(p.severity).toBe(severity);
    expect(p.line).toBe(lineOf(text, line));
    if (hint) expect(p.hint ?? '').toMatch(hint);
  });

  it('reports nothing twice and nothing unexpected', () => {
    const keys = r.problems.map((p) => `${p.field}|${p.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.problems.map((p) => p.field).sort()).toEqual(cases.map((c) => c[0]).sort());
  });
});

describe('values', () => {
  const withCeremony = (lines: string) => MINIMAL.replace('  time: 7:30\n', lines);

  it('an impossible date is refused with its line', () => {
    const text = MINIMAL.replace('2024-11-04', '2024-02-30');
    const p = find(parse(text), 'ceremony.date');
    expect(p.code).toBe('event-bad-date');
    expect(p.message).toContain('2024-02-30');
    expect(p.line).toBe(lineOf(text, '2024-02-30'));
  });

  it('dates stay calendar dates in any machine zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(ok(parse(MINIMAL.replace('2024-11-04', '2024-01-01'))).ceremony.date).toBe('2024-01-01');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('times: 07.30 unquoted, 0730, a zone after the time, an end time', () => {
    expect(ok(parse(withCeremony('  time: 07.30\n'))).ceremony.time).toBe('07.30');
    expect(ok(parse(withCeremony('  time: 0730\n'))).ceremony.time).toBe('07.30');
    const z = ok(parse(withCeremony('  time: 08.00 WITA\n  until: "10.00"\n')));
    expect(z.ceremony).toMatchObject({ time: '08.00', timeZone: 'WITA', until: '10.00' });
    const text = withCeremony('  time: "08.00"\n  until: "25.00"\n');
    const p = find(parse(text), 'ceremony.until');
    expect(p.code).toBe('event-bad-time');
    expect(p.line).toBe(lineOf(text, 'until: "25.00"'));
  });

  it('a zone in the time that contradicts timeZone is an error', () => {
    const text = withCeremony('  time: 08.00 WITA\n  timeZone: WIT\n');
    expect(find(parse(text), 'ceremony.time').code).toBe('event-zone-conflict');
  });

  it('"Tahun 2024" in the label is removed with a warning', () => {
    const r = parse(MINIMAL.replace('label: Pemilihan Serentak', 'label: Pemilihan Serentak Tahun 2024'));
    expect(ok(r).election.label).toBe('Pemilihan Serentak');
    expect(find(r, 'election.label').severity).toBe('warning');
  });

  it('officials: NIP with spaces, prefix spellings, a prefix inside the position, regionalHead override', () => {
    const text =
      MINIMAL.replace(
        'reader:\n  name: Dr. H. Hera Nugrahayu, S.Pd., M.Pd.\n  position: Wali Kota Palangka Raya\n',
        'reader:\n  name: Drs. Sugianto\n  position: |\n    a.n. Wali Kota Palangka Raya\n    Sekretaris Daerah\n  rank: Pembina Utama Madya\n  nip: 19681104 199303 1 009\n',
      ) +
      'witnesses:\n  - name: Budi\n    prefix: plt\n    position: Kepala Dinas\n  - name: Ani\n    position: Ketua Bawaslu\n    regionalHead: true\n';
    const e = ok(parse(text));
    expect(e.reader).toEqual({
      name: 'Drs. Sugianto',
      prefix: 'a.n.',
      position: 'Wali Kota Palangka Raya\nSekretaris Daerah',
      rank: 'Pembina Utama Madya',
      nip: '196811041993031009',
      regionalHead: false,
    });
    expect(e.witnesses[0]).toEqual({ name: 'Budi', prefix: 'Plt.', position: 'Kepala Dinas', regionalHead: false });
    expect(e.witnesses[1]!.regionalHead).toBe(true);
  });

  it('pakta signers: all, a single rule map, an in: list', () => {
    expect(ok(parse(MINIMAL.replace('signers: none', 'signers: All'))).pakta.signers).toBe('all');
    expect(
      ok(parse(MINIMAL.replace('signers: none', 'signers: { column: JABATAN, matches: "^Kepala " }'))).pakta.signers,
    ).toEqual([{ column: 'JABATAN', matches: '^Kepala ' }]);
    const e = ok(
      parse(MINIMAL.replace('signers: none', 'signers:\n    column: JABATAN\n    in: [Camat Jelai, Camat Sukamara]')),
    );
    expect(e.pakta.signers).toEqual([{ column: 'JABATAN', in: ['Camat Jelai', 'Camat Sukamara'] }]);
    expect(ok(parse(MINIMAL.replace('signers: none', 'signers: heads'))).pakta.signers).toBe('heads');
    expect(ok(parse(MINIMAL.replace('signers: none', 'signers: Kepala'))).pakta.signers).toBe('heads');
    const bad = MINIMAL.replace('signers: none', 'signers: kepala dinas');
    expect(find(parse(bad), 'pakta.signers').code).toBe('event-bad-value');
  });

  it('unit officers: names lower-cased, the same unit twice refused', () => {
    const officer = (n: string) => `      name: ${n}\n      position: Kepala\n`;
    const text = MINIMAL + `  officers:\n    Dinas Pendidikan:\n${officer('A')}    DINAS  PENDIDIKAN:\n${officer('B')}`;
    const r = parse(text);
    const p = find(r, 'sheets.officers.DINAS  PENDIDIKAN');
    expect(p.code).toBe('event-duplicate-unit');
    expect(p.line).toBe(lineOf(text, 'DINAS  PENDIDIKAN:'));
    const good = ok(parse(MINIMAL + `  officers:\n    Dinas Pendidikan:\n${officer('A')}`));
    expect(Object.keys(good.sheets.officers)).toEqual(['dinas pendidikan']);
  });

  it('sheets without any officer is an error', () => {
    const text = MINIMAL.replace(/sheets:[\s\S]*$/, 'sheets:\n  officers: {}\n');
    const p = find(parse(text), 'sheets');
    expect(p.code).toBe('event-no-officer');
    expect(p.line).toBe(lineOf(text, 'sheets:'));
  });

  it('beritaAcara: number, signer, witness and label; optional; mistakes named with their line', () => {
    expect(ok(parse(MINIMAL)).beritaAcara).toBeUndefined();
    const text =
      MINIMAL +
      'beritaAcara:\n  number: 800/498/BKPSDM.2/XI/2024\n  signer:\n    name: Budi\n    position: Kepala BKPSDM\n    nip: "19681104 199303 1 009"\n  witnessLabel: Saksi,\n';
    expect(ok(parse(text)).beritaAcara).toEqual({
      number: '800/498/BKPSDM.2/XI/2024',
      signer: { name: 'Budi', position: 'Kepala BKPSDM', nip: '196811041993031009', regionalHead: false },
      witnessLabel: 'Saksi,',
    });
    expect(
      ok(parse(MINIMAL + 'beritaAcara:\n  witness:\n    name: Rahmat\n    position: Ketua Bawaslu\n')).beritaAcara,
    ).toEqual({
      witness: { name: 'Rahmat', position: 'Ketua Bawaslu', regionalHead: false },
    });
    const wrong = MINIMAL + 'beritaAcara:\n  nomor: 800/1/2024\n';
    const p = find(parse(wrong), 'beritaAcara.nomor');
    expect(p.line).toBe(lineOf(wrong, 'nomor:'));
    expect(p.hint).toBe("did you mean 'number'?");
    const top = MINIMAL + 'berita_acara:\n  number: 1\n';
    expect(find(parse(top), 'berita_acara').hint).toBe("did you mean 'beritaAcara'?");
    const badNip = MINIMAL + 'beritaAcara:\n  signer:\n    name: Budi\n    position: Kepala\n    nip: 1.99001E+17\n';
    expect(errors(parse(badNip)).map((x) => x.field)).toEqual(['beritaAcara.signer.nip']);
  });

  it('columns map roster fields to headers; sheet and extra pass through', () => {
    const e = ok(
      parse(
        MINIMAL +
          'columns:\n  name: NAMA PEGAWAI\n  nip: NO INDUK\nsheet: Pegawai\nextra:\n  nomor: 800/1/2024\n  daftar: [a, b]\n',
      ),
    );
    expect(e.columns).toEqual({ name: 'NAMA PEGAWAI', nip: 'NO INDUK' });
    expect(e.sheet).toBe('Pegawai');
    expect(e.extra).toEqual({ nomor: '800/1/2024', daftar: ['a', 'b'] });
  });

  it('missing required settings are named with the line of their group', () => {
    const text = MINIMAL.replace('  region: Palangka Raya\n', '')
      .replace('  place: Halaman Balai Kota\n', '')
      .replace(/reader:\n(  .*\n)+/, '');
    const r = parse(text);
    expect(find(r, 'government.region')).toMatchObject({ code: 'event-missing', line: lineOf(text, 'government:') });
    expect(find(r, 'ceremony.place')).toMatchObject({ code: 'event-missing', line: lineOf(text, 'ceremony:') });
    expect(find(r, 'reader').code).toBe('event-missing');
    expect(r.event).toBeUndefined();
  });

  it('a missing logo is an error on its line; backslashes are read as /', () => {
    const text = MINIMAL.replace('  region: Palangka Raya\n', '  region: Palangka Raya\n  logo: gambar\\lambang.png\n');
    const p = find(parse(text), 'government.logo');
    expect(p.code).toBe('event-logo');
    expect(p.message).toContain('gambar/lambang.png');
    expect(p.line).toBe(lineOf(text, 'logo:'));
    write('gambar/lambang.png', readFileSync(path.join(examples, 'logo.png')) as unknown as string);
    expect(ok(parse(text)).government.logo).toBe('gambar/lambang.png');
    write('gambar/bukan.png', 'not an image');
    expect(find(parse(text.replace('lambang.png', 'bukan.png')), 'government.logo').message).toMatch(
      /not a PNG or JPEG/,
    );
  });
});

describe('files', () => {
  it('a missing file is a problem, not a throw', async () => {
    const r = await loadEvent(path.join(tmp, 'tidak-ada.yaml'));
    expect(r.event).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      severity: 'error',
      code: 'event-not-found',
      file: path.join(tmp, 'tidak-ada.yaml'),
    });
  });

  it('a folder is a problem, not a throw', async () => {
    const r = await loadEvent(tmp);
    expect(r.problems[0]).toMatchObject({ severity: 'error', code: 'event-not-a-file', file: tmp });
    expect(r.event).toBeUndefined();
  });

  it('invalid YAML names the file and the line', async () => {
    const text = MINIMAL.replace('  place: Halaman Balai Kota\n', '  place: [Halaman Balai Kota\n');
    const f = write('rusak.yaml', text);
    const r = await loadEvent(f);
    expect(r.event).toBeUndefined();
    const p = errors(r)[0]!;
    expect(p.code).toBe('event-syntax');
    expect(p.file).toBe(f);
    expect(p.message).toMatch(/^YAML syntax error/);
    expect(p.line).toBeGreaterThanOrEqual(lineOf(text, 'place: ['));
  });

  it('a duplicated key is reported on its line', () => {
    const text = MINIMAL.replace('  time: 7:30\n', '  time: 7:30\n  time: 8:00\n');
    const p = errors(parse(text))[0]!;
    expect(p.code).toBe('event-duplicate-key');
    expect(p.line).toBe(lineOf(text, 'time: 8:00'));
  });

  it('broken JSON is reported as JSON with its line', () => {
    const text = '{\n  "government": {\n    "name": "X"\n    "region": "Y"\n  }\n}\n';
    const p = errors(parse(text, 'event.json'))[0]!;
    expect(p.message).toMatch(/^JSON syntax error/);
    expect(p.line).toBeGreaterThanOrEqual(3);
    expect(p.line).toBeLessThanOrEqual(4);
  });

  it('an empty file, and a file that is not a group of keys', () => {
    expect(errors(parse('  \n# nothing\n'))[0]?.code).toMatch(/event-empty-file|event-wrong-type/);
    expect(errors(parse(''))[0]!.code).toBe('event-empty-file');
    expect(errors(parse('- a\n- b\n'))[0]!.code).toBe('event-wrong-type');
  });

  it('a Windows-1252 file is read with a warning', async () => {
    const f = path.join(tmp, 'ansi.yaml');
    writeFileSync(f, Buffer.from(MINIMAL.replace('Halaman Balai Kota', 'Halaman Balai Kota \u00e9'), 'latin1'));
    const r = await loadEvent(f);
    expect(r.event!.ceremony.place).toBe('Halaman Balai Kota \u00e9');
    expect(r.problems.map((p) => p.code)).toEqual(['event-encoding']);
  });
});

describe('sheets.heads', () => {
  const text = readFileSync(exampleFile, 'utf8');
  it('reads the example rule that finds each unit head', () => {
    const r = parseEvent(text, 'event.yaml', examples);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.event!.sheets.heads).toEqual([
      { column: 'JABATAN', matches: '^Kepala |^Sekretaris Daerah$|^Camat |^Direktur' },
    ]);
  });
  it('refuses all/none, with the line, and accepts heads alone as the only officer setting', () => {
    const all = parseEvent(
      text.replace(/heads:\n\s+- column: JABATAN\n\s+matches: [^\n]+/, 'heads: all'),
      'event.yaml',
      examples,
    );
    const bad = all.problems.find((p) => p.field === 'sheets.heads');
    expect(bad).toMatchObject({ severity: 'error', code: 'event-bad-value' });
    expect(text.split('\n')[bad!.line! - 1]).toBeDefined();
    const headsOnly = text
      .replace(/\n  default: &kepalabkpsdm\n(    [^\n]*\n)+/, '\n')
      .replace(/\n  officers:\n(    [^\n]*\n|      [^\n]*\n)+/, '\n')
      .replace(/signer: \*kepalabkpsdm/, 'signer: *pjbupati');
    const r = parseEvent(headsOnly, 'event.yaml', examples);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.event!.sheets.defaultOfficer).toBeUndefined();
    expect(r.event!.sheets.heads).toHaveLength(1);
  });
});
