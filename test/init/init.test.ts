/**
 * `ikrar init`: the folder it makes is usable as it stands (event loads, roster reads, check passes),
 * it never overwrites without --force, and --from-siasn writes a columns mapping the export loads with.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAndCheck } from '../../src/check/check.js';
import { loadEvent } from '../../src/event/load.js';
import { IkrarError } from '../../src/model/problems.js';
import { mapHeaders } from '../../src/roster/headers.js';
import { parseNip } from '../../src/roster/nip.js';
import { readRoster } from '../../src/roster/read.js';
import { planColumns, yamlScalar } from '../../src/init/columns.js';
import { initEventFolder } from '../../src/init/init.js';
import { INIT_FILES, ROSTER_HEADERS, ROSTER_ROWS, rosterTemplate, shellArg } from '../../src/init/texts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const siasn = path.join(root, 'examples/siasn-export.csv');
const hasDist = existsSync(path.join(root, 'dist/cli/main.js')) && existsSync(path.join(root, 'dist/init/init.js'));

// Every built-in template is copied (and README.md), whatever templates the package has.
const TEMPLATE_FILES = readdirSync(path.join(root, 'templates'))
  .filter((f) => f.endsWith('.hbs') || f === 'README.md')
  .sort();
const ALL_FILES = [
  'event.yaml',
  'roster.csv',
  'logo.png',
  'BACA-SAYA.txt',
  ...TEMPLATE_FILES.map((t) => `templates/${t}`),
];

let base: string;
beforeAll(async () => {
  // A space and non-ASCII letters in every path the tests use.
  base = await mkdtemp(path.join(os.tmpdir(), 'ikrar init é '));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

let n = 0;
/** A fresh (not yet existing) folder under base. */
function freshDir(): string {
  n++;
  return path.join(base, `Acara Ñusantara ${n}`, 'apel ikrar');
}

function run(args: string[], cwd = root) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** Every file under dir (relative, `/`), with its bytes and mtime. */
async function snapshot(dir: string): Promise<Map<string, { data: Buffer; mtime: number }>> {
  const out = new Map<string, { data: Buffer; mtime: number }>();
  const walk = async (d: string, rel: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(abs, r);
      else out.set(r, { data: await readFile(abs), mtime: (await stat(abs)).mtimeMs });
    }
  };
  await walk(dir, '');
  return out;
}

describe('ikrar init into an empty folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = freshDir();
    const r = await initEventFolder({ dir });
    expect(r.files.sort()).toEqual([...ALL_FILES].sort());
  });

  it('creates every file, and nothing else', async () => {
    const snap = await snapshot(dir);
    expect([...snap.keys()].sort()).toEqual([...ALL_FILES].sort());
  });

  it('copies the built-in templates, their README and the logo byte for byte', async () => {
    for (const t of TEMPLATE_FILES) {
      expect(
        (await readFile(path.join(dir, 'templates', t))).equals(await readFile(path.join(root, 'templates', t))),
        t,
      ).toBe(true);
    }
    expect(
      (await readFile(path.join(dir, 'logo.png'))).equals(await readFile(path.join(root, 'examples/logo.png'))),
    ).toBe(true);
  });

  it('writes an event file that loadEvent reads without any problem, with the example values', async () => {
    const file = path.join(dir, 'event.yaml');
    const ev = await loadEvent(file);
    expect(ev.problems).toEqual([]);
    const e = ev.event!;
    expect(e.government.name).toBe('PEMERINTAH KABUPATEN SUKAMARA');
    expect(e.government.region).toBe('Sukamara');
    expect(e.government.logo).toBe('logo.png');
    expect(e.ceremony.date).toBe('2024-11-04');
    expect(e.ceremony.place).toBe('Halaman Kantor Bupati Sukamara');
    expect(e.election.year).toBe(2024);
    expect(e.columns).toEqual({});
    // The same settings as the bundled example, apart from where the files are.
    const example = (await loadEvent(path.join(root, 'examples/event.yaml'))).event!;
    const strip = (x: typeof e) => ({ ...x, file: '', dir: '' });
    expect(strip(e)).toEqual(strip(example));
  });

  it('keeps the Indonesian comments and explains every roster field', async () => {
    const text = await readFile(path.join(dir, 'event.yaml'), 'utf8');
    expect(text).toMatch(/^# Dibuat oleh "ikrar init"/);
    expect(text).toContain('# TAHUN-BULAN-TANGGAL');
    expect(text).toContain('Berkas acara (event file)');
    for (const f of [
      'nip',
      'nipLama',
      'name',
      'frontTitle',
      'backTitle',
      'rank',
      'position',
      'unit',
      'kind',
      'sex',
      'key',
    ]) {
      expect(text).toMatch(new RegExp(`^#   ${f}: .+# \\S`, 'm'));
    }
    // Commented, so nothing is mapped: a roster with usual headers is recognised as it is.
    expect(text).not.toMatch(/^columns:/m);
    expect(parse(text).columns).toBeUndefined();
  });

  it('writes roster.csv in the shape Excel on Indonesian Windows opens, with valid NIPs', async () => {
    const bytes = await readFile(path.join(dir, 'roster.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('NIP;NAMA;GELAR DEPAN;GELAR BELAKANG;PANGKAT/GOL;JABATAN;UNIT KERJA;STATUS');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const r of rows) {
      const cells = r.split(';');
      expect(cells).toHaveLength(ROSTER_HEADERS.length);
      const nip = parseNip(cells[0]!);
      expect(nip.ok, `${cells[0]}: ${JSON.stringify(nip)}`).toBe(true);
      if (nip.ok) expect(nip.kind).toBe(cells[7] === 'PPPK' ? 'PPPK' : 'PNS');
    }
  });

  it('the roster reads and the folder passes the cross-checks with no warnings', async () => {
    const roster = await readRoster({ file: path.join(dir, 'roster.csv') });
    expect(roster.problems).toEqual([]);
    expect(roster.people.map((p) => p.nip)).toEqual(ROSTER_ROWS.map((r) => r[0]));
    expect(roster.delimiter).toBe(';');
    expect(roster.encoding).toBe('utf-8-bom');
    const c = await readAndCheck(path.join(dir, 'roster.csv'), path.join(dir, 'event.yaml'));
    expect(c.problems).toEqual([]);
    expect(c.summary!.paktaSigners).toBeGreaterThanOrEqual(1);
  });

  it("BACA-SAYA.txt names the three commands with this folder's files", async () => {
    const text = await readFile(path.join(dir, 'BACA-SAYA.txt'), 'utf8');
    expect(text).toContain('ikrar check --roster roster.csv --event event.yaml');
    expect(text).toContain('ikrar render --roster roster.csv --event event.yaml --templates templates --out hasil');
    expect(text).toContain(
      'ikrar tally pindaian --manifest hasil/manifest.json --event event.yaml --templates templates --out rekap',
    );
    expect(text).toContain('\r\n');
  });

  it.skipIf(!hasDist)('`ikrar check` on the fresh folder exits 0', () => {
    const r = run(['check', '--roster', path.join(dir, 'roster.csv'), '--event', path.join(dir, 'event.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('OK: the files are usable.');
  });
});

describe('existing files', () => {
  it('a second init without --force throws IkrarError naming the files and changes nothing', async () => {
    const dir = freshDir();
    await initEventFolder({ dir });
    await writeFile(path.join(dir, 'event.yaml'), 'my own edits\n'); // the clerk's work
    const before = await snapshot(dir);
    const err = await initEventFolder({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IkrarError);
    const e = err as IkrarError;
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`${ALL_FILES.length} files already exist`);
    expect(e.problems.map((p) => path.relative(dir, p.file).split(path.sep).join('/')).sort()).toEqual(
      [...ALL_FILES].sort(),
    );
    expect(e.problems.every((p) => p.severity === 'error' && p.code === 'init-file-exists')).toBe(true);
    const after = await snapshot(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) {
      expect(after.get(k)!.data.equals(v.data), k).toBe(true);
      expect(after.get(k)!.mtime, k).toBe(v.mtime);
    }
  });

  it('one existing file is enough to refuse, and the refusal writes nothing else', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'roster.csv'), 'NIP;NAMA\n');
    const err = await initEventFolder({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IkrarError);
    expect((err as IkrarError).problems.map((p) => p.file)).toEqual([path.join(dir, 'roster.csv')]);
    expect(await readdir(dir)).toEqual(['roster.csv']);
    expect(await readFile(path.join(dir, 'roster.csv'), 'utf8')).toBe('NIP;NAMA\n');
  });

  it('--force overwrites them', async () => {
    const dir = freshDir();
    const first = await initEventFolder({ dir });
    const original = await readFile(path.join(dir, 'event.yaml'));
    await writeFile(path.join(dir, 'event.yaml'), 'rusak: [\n');
    await writeFile(path.join(dir, 'templates/lembar-ttd.hbs'), 'x');
    const r = await initEventFolder({ dir, force: true });
    expect(r.overwritten.sort()).toEqual([...first.files].sort());
    expect((await readFile(path.join(dir, 'event.yaml'))).equals(original)).toBe(true);
    expect(
      (await readFile(path.join(dir, 'templates/lembar-ttd.hbs'))).equals(
        await readFile(path.join(root, 'templates/lembar-ttd.hbs')),
      ),
    ).toBe(true);
    expect((await loadEvent(path.join(dir, 'event.yaml'))).problems).toEqual([]);
    // No temporary files left behind.
    const names = [...(await snapshot(dir)).keys()];
    expect(names.filter((x) => x.includes('.tmp'))).toEqual([]);
  });

  it('refuses a file where the folder should be, writing nothing', async () => {
    const file = path.join(base, 'berkas biasa.txt');
    await writeFile(file, 'x');
    await expect(initEventFolder({ dir: file })).rejects.toThrow(IkrarError);
    expect(await readFile(file, 'utf8')).toBe('x');
  });
});

describe('--from-siasn', () => {
  it('maps the recognised headers of examples/siasn-export.csv explicitly, and the export loads with the event', async () => {
    const dir = freshDir();
    const r = await initEventFolder({ dir, fromSiasn: siasn });
    expect(r.warnings).toEqual([]);
    expect(r.files).not.toContain('roster.csv');
    expect(existsSync(path.join(dir, 'roster.csv'))).toBe(false);
    const ev = await loadEvent(path.join(dir, 'event.yaml'));
    expect(ev.problems).toEqual([]);
    expect(ev.event!.columns).toEqual({
      nip: 'NIP BARU',
      nipLama: 'NIP LAMA',
      name: 'NAMA',
      frontTitle: 'GELAR DEPAN',
      backTitle: 'GELAR BELAKANG',
      rank: 'GOL AKHIR NAMA',
      position: 'JABATAN NAMA',
      unit: 'UNOR NAMA',
      kind: 'JENIS PEGAWAI NAMA',
      sex: 'JENIS KELAMIN',
    });
    const roster = await readRoster({ file: siasn, columns: ev.event!.columns });
    expect(roster.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(roster.people.length).toBe(20);
    const c = await readAndCheck(siasn, path.join(dir, 'event.yaml'));
    expect(c.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The commands name the export (outside the folder: by its absolute path, quoted when needed).
    const readme = await readFile(path.join(dir, 'BACA-SAYA.txt'), 'utf8');
    expect(readme).toContain(`ikrar check --roster ${shellArg(siasn)} --event event.yaml`);
    expect(r.roster).toBe(siasn);
  });

  it('writes commented suggestions for required columns the aliases miss; uncommented they load', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    const exportFile = path.join(dir, 'Ekspor Pegawai ñ.csv');
    await writeFile(
      exportFile,
      '\uFEFFNIP;NAMA PNS;SATUAN ORGANISASI;JABATAN;KETERANGAN\r\n' +
        '198203142006041003;Andi Pratama;Dinas Pendidikan;Kepala Bidang Pembinaan Sekolah Dasar;-\r\n' +
        '199005212015032001;Rina Marlina;RSUD Bumi Sukamara;Dokter Ahli Pertama;-\r\n',
    );
    const r = await initEventFolder({ dir, fromSiasn: exportFile });
    expect(r.warnings.map((w) => w.field).sort()).toEqual(['columns.name', 'columns.unit']);
    expect(r.roster).toBe('Ekspor Pegawai ñ.csv');
    const text = await readFile(path.join(dir, 'event.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}nip: NIP +# /m);
    expect(text).toMatch(/^ {2}position: JABATAN +# /m);
    expect(text).toMatch(/^ {2}# name: NAMA PNS +# WAJIB/m);
    expect(text).toMatch(/^ {2}# unit: SATUAN ORGANISASI +# WAJIB/m);
    expect(text).toContain('ikrar check --roster "Ekspor Pegawai ñ.csv" --event event.yaml');
    // As written: the event loads, the export does not (the required columns are still unmapped).
    const ev = await loadEvent(path.join(dir, 'event.yaml'));
    expect(ev.problems).toEqual([]);
    expect(ev.event!.columns).toEqual({ nip: 'NIP', position: 'JABATAN' });
    const before = await readRoster({ file: exportFile, columns: ev.event!.columns });
    expect(before.problems.map((p) => p.code)).toContain('missing-column');
    // The clerk removes the two #: now it loads.
    const fixed = text.replace(/^ {2}# (name|unit): /gm, '  $1: ');
    await writeFile(path.join(dir, 'event.yaml'), fixed);
    const ev2 = await loadEvent(path.join(dir, 'event.yaml'));
    expect(ev2.problems).toEqual([]);
    const after = await readRoster({ file: exportFile, columns: ev2.event!.columns });
    expect(after.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(after.people.map((p) => p.unit)).toEqual(['Dinas Pendidikan', 'RSUD Bumi Sukamara']);
  });

  it('reads the header row of an XLSX export too, and names the sheet it read', async () => {
    const dir = freshDir();
    const r = await initEventFolder({ dir, fromSiasn: path.join(root, 'examples/roster.xlsx') });
    expect(r.warnings).toEqual([]);
    const text = await readFile(path.join(dir, 'event.yaml'), 'utf8');
    expect(text).toMatch(/^# sheet: \S.*# lembar kerja yang dibaca dari roster\.xlsx/m);
    const ev = await loadEvent(path.join(dir, 'event.yaml'));
    expect(ev.problems).toEqual([]);
    expect(ev.event!.columns).toMatchObject({ nip: 'NIP', name: 'NAMA', unit: 'UNIT KERJA' });
    const roster = await readRoster({ file: path.join(root, 'examples/roster.xlsx'), columns: ev.event!.columns });
    expect(roster.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(roster.people.length).toBeGreaterThan(0);
  });

  it('an export that cannot be read is refused before anything is written', async () => {
    const dir = freshDir();
    const err = await initEventFolder({ dir, fromSiasn: path.join(base, 'tidak ada.csv') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IkrarError);
    expect((err as IkrarError).problems.map((p) => p.code)).toContain('roster-not-found');
    expect(existsSync(path.dirname(dir))).toBe(false);
  });
});

describe('helpers', () => {
  it('the roster template neutralises a cell Excel would read as a formula, as rekap.csv does', () => {
    const text = rosterTemplate([['=1+1', '+62 812', '-', '@x', 'Andi; S.Pd.']]).toString('utf8');
    expect(text.split('\r\n')[1]).toBe(`'=1+1;'+62 812;'-;'@x;"Andi; S.Pd."`);
    expect(rosterTemplate().equals(rosterTemplate(ROSTER_ROWS))).toBe(true);
  });

  it('yamlScalar writes headers that read back as the same string', () => {
    for (const h of [
      'NIP BARU',
      'PANGKAT/GOL',
      'NAMA: LENGKAP',
      '#NIP',
      'true',
      'No',
      'L/P',
      "NAMA PEGAWAI'S",
      '1 NIP',
      'Unit kerja ',
      'NAMA \\ GELAR',
      'Jabatan "baru"',
    ]) {
      expect(parse(`columns:\n  name: ${yamlScalar(h)}  # komentar\n`).columns.name, h).toBe(h);
    }
  });

  it('planColumns agrees with mapHeaders on what is recognised', () => {
    const headers = ['NIP BARU', 'NAMA', 'UNOR NAMA', 'GOLRU', 'X'];
    const plan = planColumns(headers);
    const m = mapHeaders(headers);
    expect(Object.fromEntries(plan.mapped.map((x) => [x.field, x.header]))).toEqual(
      Object.fromEntries(Object.entries(m.fields).map(([f, i]) => [f, headers[i!]])),
    );
    expect(plan.missing.filter((x) => x.required)).toEqual([]);
  });

  it('shellArg quotes only what needs it', () => {
    expect(shellArg('roster.csv')).toBe('roster.csv');
    expect(shellArg('data/ekspor-ñ.csv')).toBe('data/ekspor-ñ.csv');
    expect(shellArg('Export Data ASN.xlsx')).toBe('"Export Data ASN.xlsx"');
  });

  it('INIT_FILES match what the templates README and the event comments expect', async () => {
    const text = await readFile(path.join(root, 'examples/event.yaml'), 'utf8');
    expect(text).toMatch(new RegExp(`--roster ${INIT_FILES.roster} --event ${INIT_FILES.event}`));
  });
});

describe.skipIf(!hasDist)('the init command (bin/ikrar.js)', () => {
  it('creates the folder, then refuses a second time with exit 2 and the file names, then --force works', async () => {
    const dir = freshDir();
    const r1 = run(['init', dir]);
    expect(r1.stderr).toBe('');
    expect(r1.status, r1.stderr + r1.stdout).toBe(0);
    expect(r1.stdout).toContain(`${ALL_FILES.length} files written`);
    const before = await snapshot(dir);
    const r2 = run(['init', dir]);
    expect(r2.status, r2.stderr + r2.stdout).toBe(2);
    expect(r2.stderr).toContain('already exist');
    for (const f of ALL_FILES) expect(r2.stderr).toContain(path.join(dir, f));
    expect(r2.stderr).not.toMatch(/\n\s+at /);
    const after = await snapshot(dir);
    for (const [k, v] of before) expect(after.get(k)!.mtime, k).toBe(v.mtime);
    const r3 = run(['init', dir, '--force']);
    expect(r3.status, r3.stderr + r3.stdout).toBe(0);
    const check = run(['check', '--roster', 'roster.csv', '--event', 'event.yaml'], dir);
    expect(check.status, check.stderr + check.stdout).toBe(0);
  });

  it('DIR defaults to the current folder', async () => {
    const dir = freshDir();
    await mkdir(dir, { recursive: true });
    const r = run(['init'], dir);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['BACA-SAYA.txt', 'event.yaml', 'logo.png', 'roster.csv', 'templates']);
  });

  it('--from-siasn with a relative path', async () => {
    const dir = freshDir();
    const r = run(['init', dir, '--from-siasn', 'examples/siasn-export.csv']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const check = run(['check', '--roster', 'examples/siasn-export.csv', '--event', path.join(dir, 'event.yaml')]);
    expect(check.status, check.stderr + check.stdout).toBe(0);
  });
});
