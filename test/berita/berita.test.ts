/**
 * berita-acara.pdf: written by the tally next to rekap.pdf, read back with pdftotext. Its figures
 * must be rekap.json's, to the person; its event data comes from manifest.json or --event.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderInputs, type Inputs } from '../../src/render/render.js';
import { runTally } from '../../src/tally/run.js';
import { tally } from '../../src/tally/tally.js';
import { rekapJson } from '../../src/report/json.js';
import { beritaDocument, beritaPdf } from '../../src/report/berita.js';
import { IkrarError } from '../../src/model/problems.js';
import type { Manifest } from '../../src/model/manifest.js';
import type { EventConfig, Official } from '../../src/model/event.js';
import type { Counts, TallySummary } from '../../src/model/tally.js';
import { terbilang } from '../../src/util/dates.js';
import { makeEvent, makePeople, bupati, root } from '../render/fixture.js';
import { reading } from '../tally/fixture.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-berita-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NUMBER = '800/498/BKPSDM.2/XI/2024';
const kepala: Official = {
  name: 'Ratna Wulan Sari, S.T., M.AP.',
  position: 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
  rank: 'Pembina Utama Madya',
  nip: '197207211997022010',
  regionalHead: false,
};
const bawaslu: Official = {
  name: 'Rahmat Hidayat, S.H.',
  position: 'Ketua Bawaslu Kabupaten Sukamara',
  regionalHead: false,
};

function inputs(over: Partial<EventConfig> = {}): Inputs {
  const event = makeEvent({
    dir: path.join(root, 'examples'),
    government: { name: 'PEMERINTAH KABUPATEN SUKAMARA', region: 'Sukamara', kind: 'kabupaten', logo: 'logo.png' },
    witnesses: [bupati, bawaslu],
    beritaAcara: { number: NUMBER, signer: kepala, witness: bupati },
    ...over,
  });
  return { event, people: makePeople(), rosterHash: 'b'.repeat(64), warnings: [] };
}

function pdfText(file: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Text with every run of white space made one space (sentences wrap over lines). */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The figure rows of the table: "1. <unit> people signed unsigned uncertain notScanned" and the JUMLAH row. */
function tableRows(text: string): { rows: Map<number, number[]>; total: number[] | undefined } {
  const rows = new Map<number, number[]>();
  let total: number[] | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\.\s.*?\s(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (m) rows.set(Number(m[1]), m.slice(2).map(Number));
    const t = /^\s*JUMLAH\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (t) total = t.slice(1).map(Number);
  }
  return { rows, total };
}

const figures = (c: Counts) => [c.people, c.signed, c.unsigned, c.uncertain, c.notScanned];

/** Every figure of the berita acara equals rekap.json's summary; returns the flattened text. */
function expectAgrees(file: string, summary: TallySummary): string {
  const text = pdfText(file);
  const { rows, total } = tableRows(text);
  expect(rows.size).toBe(summary.units.length);
  for (const [i, u] of summary.units.entries()) expect(rows.get(i + 1), u.unit).toEqual(figures(u));
  expect(total).toEqual(figures(summary));
  const f = flat(text);
  expect(f).toContain(
    `ditandatangani oleh ${terbilang(summary.signed)} (${summary.signed}) orang dari ${terbilang(summary.people)} (${summary.people}) orang pegawai`,
  );
  const notSigned = summary.people - summary.signed;
  if (notSigned) expect(f).toContain(`sebanyak ${terbilang(notSigned)} (${notSigned}) orang`);
  return f;
}

/** A copy of the manifest as an older render wrote it: without eventDetails. */
function olderManifest(): string {
  const file = path.join(tmp, 'old-render', 'manifest.json');
  if (existsSync(file)) return file;
  const old = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  delete old.eventDetails;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(old, null, 2));
  return file;
}

/** An event file of the same event (code K7QD2M) with other details than the manifest's. */
function eventFile(): string {
  const evDir = path.join(tmp, 'acara');
  const file = path.join(evDir, 'event.yaml');
  if (existsSync(file)) return file;
  mkdirSync(evDir, { recursive: true });
  copyFileSync(path.join(root, 'examples/logo.png'), path.join(evDir, 'lambang.png'));
  writeFileSync(
    file,
    [
      'government: { name: PEMERINTAH KABUPATEN SUKAMARA, region: Sukamara, logo: lambang.png }',
      'office: { name: Badan Kepegawaian dan Pengembangan Sumber Daya Manusia }',
      'election: { label: Pemilihan Serentak, year: 2024 }',
      'code: K7QD2M',
      'ceremony: { date: 2024-11-04, time: "07.30", place: Lapangan Apel Setda Sukamara }',
      'reader: { name: "Drs. Sekretaris Daerah, M.Si.", position: Sekretaris Daerah Kabupaten Sukamara, rank: Pembina Utama Muda, nip: "196811041993031009" }',
      'witnesses: [{ name: "Rahmat Hidayat, S.H.", position: Ketua Bawaslu Kabupaten Sukamara }]',
      'pakta: { signers: none }',
      'sheets: { default: { name: X, position: Kepala Y } }',
      'beritaAcara:',
      '  number: 800/501/BKPSDM.2/XI/2024',
      '  witnessLabel: Saksi,',
      '',
    ].join('\n'),
  );
  return file;
}

let out: string;
let manifestFile: string;
let manifest: Manifest;
let marks: string;

beforeAll(async () => {
  out = path.join(tmp, 'render');
  await renderInputs(inputs(), { out });
  manifestFile = path.join(out, 'manifest.json');
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  // Hand-typed marks: in Dinas Pendidikan 1–20 signed, 21–23 not; 24–25 not on the list (not scanned).
  // In Badan Keuangan: Ma'ruf signed, Siti not, Yohana not on the list.
  const lines = ['KEY;STATUS'];
  const people = manifest.people;
  for (const p of people.slice(0, 20)) lines.push(`${p.key};sudah`);
  for (const p of people.slice(20, 23)) lines.push(`${p.key};belum`);
  lines.push(`${people[25]!.key};sudah`, `${people[26]!.key};belum`);
  marks = path.join(tmp, 'marks.csv');
  writeFileSync(marks, lines.join('\n') + '\n');
}, 120_000);

describe('manifest.json carries the event details', () => {
  it('records what the berita acara needs, the logo relative to the manifest', () => {
    const d = manifest.eventDetails!;
    expect(d).toBeDefined();
    expect(d.government).toEqual({
      name: 'PEMERINTAH KABUPATEN SUKAMARA',
      region: 'Sukamara',
      kind: 'kabupaten',
      logo: path.relative(out, path.join(root, 'examples/logo.png')).split(path.sep).join('/'),
    });
    expect(path.isAbsolute(d.government.logo!)).toBe(false);
    expect(d.ceremony).toEqual({
      date: '2024-11-04',
      time: '07.30',
      until: 'selesai',
      timeZone: 'WIB',
      place: 'Halaman Kantor Bupati Sukamara',
      city: 'Sukamara',
    });
    expect(d.beritaAcara.number).toBe(NUMBER);
    expect(d.beritaAcara.signer).toMatchObject({ name: kepala.name, nip: kepala.nip, rank: kepala.rank });
    expect(d.witnesses.map((w) => w.name)).toEqual([bupati.name, bawaslu.name]);
    // the fields render wrote before are unchanged, the new one comes last
    expect(Object.keys(manifest)).toEqual([
      'format',
      'version',
      'generator',
      'event',
      'rosterHash',
      'paper',
      'people',
      'pages',
      'eventDetails',
    ]);
  });

  it('is written the same twice (determinism)', async () => {
    const again = path.join(tmp, 'render-again');
    await renderInputs(inputs(), { out: again });
    expect(readFileSync(path.join(again, 'manifest.json'), 'utf8')).toBe(readFileSync(manifestFile, 'utf8'));
  });
});

describe('ikrar tally writes berita-acara.pdf', () => {
  let dir: string;
  let rekap: { summary: TallySummary };
  let text: string;
  let problems: string[];

  beforeAll(async () => {
    dir = path.join(tmp, 'rekap');
    const run = await runTally({ manifest: manifestFile, scans: [marks] });
    problems = run.problems.map((p) => `${p.code}: ${p.message}`);
    const files = await run.write(dir);
    expect(files).toContain('berita-acara.pdf');
    rekap = JSON.parse(readFileSync(path.join(dir, 'rekap.json'), 'utf8'));
    text = pdfText(path.join(dir, 'berita-acara.pdf'));
    if (process.env.BERITA_LOOK) copyFileSync(path.join(dir, 'berita-acara.pdf'), process.env.BERITA_LOOK);
  });

  it('next to rekap.pdf, with no warning about it', () => {
    expect(existsSync(path.join(dir, 'rekap.pdf'))).toBe(true);
    expect(readFileSync(path.join(dir, 'berita-acara.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems.filter((p) => p.startsWith('berita'))).toEqual([]);
  });

  it('agrees with rekap.json to the person: per unit and in total', () => {
    const s = rekap.summary;
    // the marks above: 21 signed of 28; 4 unsigned; 3 not scanned
    expect(figures(s)).toEqual([28, 21, 4, 0, 3]);
    expect(s.units.map(figures)).toEqual([
      [25, 20, 3, 0, 2],
      [3, 1, 1, 0, 1],
    ]);
    const f = expectAgrees(path.join(dir, 'berita-acara.pdf'), s);
    expect(f).toContain('oleh dua puluh satu (21) orang dari dua puluh delapan (28) orang pegawai');
    expect(f).toContain('sebanyak tujuh (7) orang');
  });

  it('has the title with the election, the number, the spelled date, the place and the reader', () => {
    const f = flat(text);
    expect(f).toContain('BERITA ACARA PELAKSANAAN IKRAR NETRALITAS');
    expect(f).toContain('PADA PEMILIHAN SERENTAK TAHUN 2024');
    expect(f).toContain(`Nomor: ${NUMBER}`);
    expect(f).toContain('Pada hari ini Senin tanggal empat bulan November tahun dua ribu dua puluh empat');
    expect(f).toContain('bertempat di Halaman Kantor Bupati Sukamara');
    expect(f).toContain('07.30 WIB s.d. selesai');
    expect(f).toContain('dibacakan oleh Pembina Apel, Pj. Bupati Sukamara, H. Ahmad Fauzan, S.H.');
    expect(f).toContain('di lingkungan Pemerintah Kabupaten Sukamara');
    expect(f).toContain('Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.');
    // letterhead
    expect(f).toContain('PEMERINTAH KABUPATEN SUKAMARA');
    expect(f).toContain('BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA');
  });

  it('has the signature blocks: "Mengetahui," and the witness on the left, the signer on the right', () => {
    const f = flat(text);
    expect(f).toContain('Sukamara, 4 November 2024');
    expect(f).toContain('NIP. 19720721 199702 2 010');
    expect(f).toContain('Pembina Utama Madya');
    const lines = text.split('\n');
    const names = lines.find((l) => l.includes(bupati.name) && l.includes(kepala.name));
    expect(names, 'both names on one line').toBeDefined();
    expect(names!.indexOf(bupati.name)).toBeLessThan(names!.indexOf(kepala.name));
    const label = lines.find((l) => l.includes('Mengetahui,'))!;
    expect(label.indexOf('Mengetahui,')).toBeLessThan(label.length / 2 + 10);
    // the witness block is the Pj. Bupati's: name only (no NIP under a regional head)
    expect(f.match(/NIP\. /g)).toHaveLength(1);
  });

  it('pakta integritas figures agree too', () => {
    const p = (JSON.parse(readFileSync(path.join(dir, 'rekap.json'), 'utf8')) as { summary: TallySummary }).summary
      .pakta;
    expect(p.people).toBe(2);
    expect(flat(text)).toContain(
      `ditandatangani oleh ${terbilang(p.signed)} (${p.signed}) orang dari ${terbilang(p.people)} (${p.people}) orang pejabat`,
    );
  });

  it('a manual decision (overrides) changes both rekap.json and the berita acara the same way', async () => {
    const person = manifest.people[21]!; // unsigned in the marks
    const ov = path.join(tmp, 'overrides.csv');
    writeFileSync(ov, `key;nip;name;unit;dokumen;status;keputusan\n${person.key};;;;lembar-ttd;;signed\n`);
    const d2 = path.join(tmp, 'rekap-override');
    const run = await runTally({ manifest: manifestFile, scans: [marks], overrides: ov });
    await run.write(d2);
    const s = (JSON.parse(readFileSync(path.join(d2, 'rekap.json'), 'utf8')) as { summary: TallySummary }).summary;
    expect(figures(s)).toEqual([28, 22, 3, 0, 3]);
    expect(run.result.people.find((p) => p.key === person.key)).toMatchObject({ status: 'signed', manual: true });
    const f = expectAgrees(path.join(d2, 'berita-acara.pdf'), s);
    expect(f).toContain('oleh dua puluh dua (22) orang dari dua puluh delapan (28) orang pegawai');
    expect(f).not.toContain('dua puluh satu (21)');
  });
});

describe('figures read from scans: uncertain boxes', () => {
  it('counts signed, unsigned, uncertain and not scanned exactly as rekap.json', async () => {
    const pages = manifest.pages.filter((p) => p.document === 'sheets');
    const first = pages[0]!;
    const decisions = first.boxes.map(
      (_, i) => (i % 5 === 0 ? 'uncertain' : i % 5 < 3 ? 'unsigned' : 'signed') as 'signed' | 'unsigned' | 'uncertain',
    );
    const result = tally(manifest, [reading(manifest, first.serial, 'scan.pdf', 1, decisions)], [], []);
    const s = rekapJson(result, manifest).summary;
    expect(s.uncertain).toBeGreaterThan(0);
    expect(s.unsigned).not.toBe(s.uncertain); // a swapped column would show
    expect(s.unsigned).toBeGreaterThan(0);
    expect(s.notScanned).toBeGreaterThan(0);
    const event = inputs().event;
    const { doc } = beritaDocument(result, event);
    const file = path.join(tmp, 'scan-berita.pdf');
    writeFileSync(file, await beritaPdf(doc, event, manifest.paper));
    expectAgrees(file, s);
  });
});

describe('number and event data', () => {
  it('no number: a dotted line to fill in by hand', async () => {
    const o = path.join(tmp, 'render-nonumber');
    await renderInputs(inputs({ beritaAcara: { signer: kepala } }), { out: o });
    const d = path.join(tmp, 'rekap-nonumber');
    const run = await runTally({ manifest: path.join(o, 'manifest.json'), scans: [marks] });
    await run.write(d);
    const f = flat(pdfText(path.join(d, 'berita-acara.pdf')));
    expect(f).toMatch(/Nomor: \.{20,}/);
    expect(f).not.toContain('800/498');
    // no witness named: the first witness who is not the signer (the Pj. Bupati) knows it
    expect(f).toContain('Mengetahui,');
    expect(f).toContain(bupati.name);
  });

  it('an older manifest without event details and no --event: a warning naming --event, no file (an old one is removed)', async () => {
    const oldManifest = olderManifest();
    const d = path.join(tmp, 'rekap-old');
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'berita-acara.pdf'), 'stale');
    const run = await runTally({ manifest: oldManifest, scans: [marks] });
    const w = run.problems.find((p) => p.code === 'berita-no-event');
    expect(w?.severity).toBe('warning');
    expect(`${w?.message} ${w?.hint}`).toMatch(/--event/);
    const files = await run.write(d);
    expect(files).not.toContain('berita-acara.pdf');
    expect(existsSync(path.join(d, 'rekap.json'))).toBe(true);
    expect(existsSync(path.join(d, 'berita-acara.pdf'))).toBe(false);
  });

  it('--event FILE takes precedence over the manifest, and works with an older manifest', async () => {
    const d = path.join(tmp, 'rekap-event');
    const run = await runTally({ manifest: olderManifest(), scans: [marks], event: eventFile() });
    expect(run.problems.filter((p) => p.code.startsWith('berita'))).toEqual([]);
    await run.write(d);
    const f = expectAgrees(path.join(d, 'berita-acara.pdf'), run.result.summary);
    expect(f).toContain('Nomor: 800/501/BKPSDM.2/XI/2024');
    expect(f).not.toContain(NUMBER);
    expect(f).toContain('bertempat di Lapangan Apel Setda Sukamara');
    expect(f).toContain('Saksi,');
    expect(f).toContain('Rahmat Hidayat, S.H.');
    expect(f).toContain('NIP. 19681104 199303 1 009');
  });

  it('an event file with errors is an IkrarError before anything is written', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'government: { name: X }\n');
    const d = path.join(tmp, 'rekap-bad');
    await expect(runTally({ manifest: manifestFile, scans: [marks], event: bad })).rejects.toBeInstanceOf(IkrarError);
    expect(existsSync(d)).toBe(false);
  });

  it('the emblem cannot be found (render folder moved alone): printed without it, with a warning', async () => {
    const moved = path.join(tmp, 'elsewhere', 'deeper', 'still');
    mkdirSync(moved, { recursive: true });
    copyFileSync(manifestFile, path.join(moved, 'manifest.json'));
    const run = await runTally({ manifest: path.join(moved, 'manifest.json'), scans: [marks] });
    expect(run.problems.map((p) => p.code)).toContain('berita-logo');
    const files = await run.write(path.join(tmp, 'rekap-moved'));
    expect(files).toContain('berita-acara.pdf');
  });
});

describe('--templates DIR', () => {
  it("uses the clerk's berita-acara.hbs", async () => {
    const t = path.join(tmp, 'templat');
    mkdirSync(t, { recursive: true });
    const own = readFileSync(path.join(root, 'templates/berita-acara.hbs'), 'utf8').replace(
      'Demikian berita acara ini',
      'Demikian BERITA ACARA KAMI ini',
    );
    writeFileSync(path.join(t, 'berita-acara.hbs'), own);
    const run = await runTally({ manifest: manifestFile, scans: [marks], templates: t });
    const d = path.join(tmp, 'rekap-templat');
    await run.write(d);
    expect(flat(pdfText(path.join(d, 'berita-acara.pdf')))).toContain('Demikian BERITA ACARA KAMI ini');
  });

  it('a mistake in it is reported with file and line, nothing written', async () => {
    const t = path.join(tmp, 'templat-salah');
    mkdirSync(t, { recursive: true });
    writeFileSync(
      path.join(t, 'berita-acara.hbs'),
      '<document kind="berita">\n<p>{{total.tandaTangan}}</p>\n</document>\n',
    );
    const err = await runTally({ manifest: manifestFile, scans: [marks], templates: t }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IkrarError);
    const p = (err as IkrarError).problems[0]!;
    expect(`${p.file}:${p.line} ${p.message}`).toMatch(/berita-acara\.hbs:2 unknown field "tandaTangan"/);
  });

  it('a folder that does not exist is an IkrarError', async () => {
    await expect(
      runTally({ manifest: manifestFile, scans: [marks], templates: path.join(tmp, 'nope') }),
    ).rejects.toThrow(/templates folder .* not found/);
  });
});

/** Runs main() capturing stdout and stderr. */
async function runMain(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((x: string | Uint8Array) => {
    out += String(x);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((x: string | Uint8Array) => {
    out += String(x);
    return true;
  });
  try {
    return { code: await main(['node', 'ikrar', ...args]), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('ikrar tally --event --templates (through main())', () => {
  it('writes and names berita-acara.pdf; the template folder and the event file are used', async () => {
    const t = path.join(tmp, 'templat-cli');
    mkdirSync(t, { recursive: true });
    writeFileSync(
      path.join(t, 'berita-acara.hbs'),
      readFileSync(path.join(root, 'templates/berita-acara.hbs'), 'utf8').replace(
        'BERITA ACARA PELAKSANAAN',
        'BERITA ACARA (CLI) PELAKSANAAN',
      ),
    );
    const d = path.join(tmp, 'rekap-cli');
    const r = await runMain([
      'tally',
      '--manifest',
      manifestFile,
      '--out',
      d,
      '--templates',
      t,
      '--event',
      eventFile(),
      marks,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('berita-acara.pdf');
    const f = flat(pdfText(path.join(d, 'berita-acara.pdf')));
    expect(f).toContain('BERITA ACARA (CLI) PELAKSANAAN');
    expect(f).toContain('Nomor: 800/501/BKPSDM.2/XI/2024'); // from --event, not the manifest
  });

  it('an older manifest and no --event: exit 0, rekap written, a warning that names --event', async () => {
    const d = path.join(tmp, 'rekap-cli-old');
    const r = await runMain(['tally', '--manifest', olderManifest(), '--out', d, marks]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/berita-acara\.pdf[^\n]*not written/);
    expect(r.out).toContain('--event');
    expect(existsSync(path.join(d, 'rekap.json'))).toBe(true);
    expect(existsSync(path.join(d, 'berita-acara.pdf'))).toBe(false);
  });
});
