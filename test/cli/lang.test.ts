/**
 * The interface language and "works where clerks work", as a real process (bin/ikrar.js imports
 * dist/: `npm test` builds first). Each run sets LANG itself and clears LC_ALL / LC_MESSAGES.
 */
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const examples = path.join(root, 'examples');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-lang-'));
afterAll(() => {
  try {
    chmodSync(path.join(tmp, 'terkunci'), 0o755);
  } catch {
    /* not made */
  }
  rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], lang: string | undefined, cwd = root) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.FORCE_COLOR;
  if (lang === undefined) delete env.LANG;
  else env.LANG = lang;
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

/** A small roster: the example's header and first 20 people (CRLF, as the example). */
function smallRoster(file: string, eol = '\r\n'): void {
  const lines = readFileSync(path.join(examples, 'roster.csv'), 'utf8').split(/\r?\n/).slice(0, 21);
  writeFileSync(file, lines.join(eol) + eol);
}

/** The example event with its logo at `logoAs` (as written in the file), line ends `eol`. */
function eventWithLogo(dir: string, logoAs: string, logoAt: string, eol = '\n'): string {
  mkdirSync(path.dirname(path.join(dir, logoAt)), { recursive: true });
  copyFileSync(path.join(examples, 'logo.png'), path.join(dir, logoAt));
  const text = readFileSync(path.join(examples, 'event.yaml'), 'utf8').replace(
    /^(\s*logo:\s*)logo\.png/m,
    `$1${JSON.stringify(logoAs)}`,
  );
  expect(text).toContain(JSON.stringify(logoAs));
  const file = path.join(dir, 'acara.yaml');
  writeFileSync(file, text.replace(/\r?\n/g, eol));
  return file;
}

describe('interface language', () => {
  it('LANG=id_ID.UTF-8: help in Indonesian', () => {
    const r = run(['--help'], 'id_ID.UTF-8');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Penggunaan: ikrar');
    expect(r.stdout).toContain('Perintah:');
    expect(r.stdout).toContain('tampilkan bantuan perintah');
    expect(r.stdout).not.toContain('display help for command');
    const sub = run(['render', '--help'], 'id_ID.UTF-8');
    expect(sub.stdout).toContain('folder hasil (bawaan: "out")');
  });

  it('--help of every command: no English description is left in the Indonesian help', () => {
    for (const cmd of [[], ['check'], ['render'], ['tally'], ['init'], ['help']]) {
      const enHelp = run([...cmd, '--help'], 'C').stdout;
      const idHelp = run([...cmd, '--help'], 'id_ID.UTF-8').stdout;
      // The English words of each description (flags, <placeholders> and file names aside).
      const words = (line: string) => line.replace(/^\s*(-\w, )?(--?[\w-]+( <[\w.]+>| \[[\w.]+\])*)?\s*/, '').trim();
      const english = enHelp
        .split('\n')
        .map(words)
        .filter((d) => /[a-z]{4,} [a-z]{3,}/.test(d));
      expect(english.length, cmd.join(' ')).toBeGreaterThan(0);
      for (const d of english) expect(idHelp, `${cmd.join(' ') || 'ikrar'}: "${d}"`).not.toContain(d);
    }
  });

  it('LANG=C: help in English', () => {
    const r = run(['--help'], 'C');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: ikrar');
    expect(r.stdout).toContain('Commands:');
    expect(r.stdout).toContain('display help for command');
  });

  it('--lang en wins over an Indonesian locale, --lang id over an English one', () => {
    expect(run(['--lang', 'en', '--help'], 'id_ID.UTF-8').stdout).toContain('Usage: ikrar');
    expect(run(['--help', '--lang=id'], 'C').stdout).toContain('Penggunaan: ikrar');
    // also after the command name
    const r = run(['check', '--lang', 'en', '--roster', 'x.csv'], 'id_ID.UTF-8');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: required option '--event <file>' not specified");
  });

  it('an unknown --lang is a usage error (exit 2), said in both languages', () => {
    const r = run(['--lang', 'fr', '--help'], 'C');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("galat: --lang harus id atau en, bukan 'fr'");
    expect(r.stderr).toContain("error: --lang must be id or en, not 'fr'");
    noStack(r.stderr);
  });

  it("commander's usage errors in Indonesian", () => {
    const r = run(['frobnicate'], 'id_ID.UTF-8');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("galat: perintah 'frobnicate' tidak dikenal");
    noStack(r.stderr);
  });

  it('check on a bad roster: problems in Indonesian with file:line: field: prefixes kept', () => {
    const roster = path.join(tmp, 'rusak.csv');
    writeFileSync(
      roster,
      'NIP;NAMA;UNIT KERJA\n1.98609E+17;Budi;Sekretariat Daerah\n198609262015051001;Ani;Sekretariat Daerah\n198609262015051001;Ani;Sekretariat Daerah\n',
    );
    const r = run(['check', '--roster', roster, '--event', path.join(examples, 'event.yaml')], 'id_ID.UTF-8');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('2 galat:');
    expect(r.stdout).toContain(`${roster}:2: NIP: NIP '1.98609E+17' diubah Excel menjadi angka`);
    expect(r.stdout).toContain(`${roster}:4: NIP: NIP 19860926 201505 1 001 muncul dua kali: baris 3 dan baris 4`);
    expect(r.stderr).toContain('Belum dapat dipakai: 2 galat.');
    // the same in English
    const e = run(['check', '--roster', roster, '--event', path.join(examples, 'event.yaml')], 'C');
    expect(e.stdout).toContain('2 errors:');
    expect(e.stdout).toContain('appears twice: line 3 and line 4');
    // --json stays the same in both languages and carries no translation values
    const j = JSON.parse(
      run(['check', '--json', '--roster', roster, '--event', path.join(examples, 'event.yaml')], 'id_ID.UTF-8').stdout,
    );
    expect(j.errors[1].message).toContain('appears twice');
    expect(j.errors[1]).not.toHaveProperty('params');
  });

  it('missing files: roster and event not found, in Indonesian', () => {
    const r = run(['check', '--roster', 'tidak-ada.csv', '--event', 'tidak-ada.yaml'], 'id_ID.UTF-8');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("tidak-ada.csv: berkas daftar pegawai 'tidak-ada.csv' tidak ada");
    expect(r.stdout).toContain('tidak-ada.yaml: berkas acara tidak ditemukan: tidak-ada.yaml');
    noStack(r.stderr);
  });
});

describe('works where clerks work', () => {
  it('paths with spaces and non-ASCII letters for roster, event, logo and out: check and render', () => {
    const dir = path.join(tmp, 'Acara Pemilu Ñusantara – Sukamara');
    mkdirSync(dir, { recursive: true });
    const roster = path.join(dir, 'Daftar Pegawai (ASN) é.csv');
    smallRoster(roster);
    const event = eventWithLogo(dir, 'Lambang Daerah/logo ñ.png', 'Lambang Daerah/logo ñ.png');
    const out = path.join(dir, 'Hasil Cetak ü');
    const c = run(['check', '--roster', roster, '--event', event], 'C');
    expect(c.status, c.stdout + c.stderr).toBe(0);
    expect(c.stdout).toContain('OK: the files are usable');
    const r = run(['render', '--roster', roster, '--event', event, '--out', out, '--only', 'sheets'], 'id_ID.UTF-8');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('halaman terbaca mesin');
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
    expect(readFileSync(path.join(out, 'lembar-ttd.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a Windows-style logo path (gambar\\logo.png) in a CRLF event file, with a CRLF roster, works on any system', () => {
    const dir = path.join(tmp, 'windows');
    mkdirSync(dir, { recursive: true });
    const roster = path.join(dir, 'roster.csv');
    smallRoster(roster, '\r\n');
    expect(readFileSync(roster, 'utf8')).toContain('\r\n');
    const event = eventWithLogo(dir, 'gambar\\logo.png', 'gambar/logo.png', '\r\n');
    expect(readFileSync(event, 'utf8')).toContain('\r\n');
    const c = run(['check', '--roster', roster, '--event', event], 'C');
    expect(c.status, c.stdout + c.stderr).toBe(0);
    expect(c.stdout + c.stderr).not.toMatch(/logo/i);
    const r = run(
      ['render', '--roster', roster, '--event', event, '--out', path.join(dir, 'hasil'), '--only', 'sheets'],
      'C',
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('a relative path typed with backslashes on the command line works too', () => {
    const dir = path.join(tmp, 'garis miring');
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    smallRoster(path.join(dir, 'data', 'roster.csv'));
    eventWithLogo(path.join(dir, 'data'), 'logo.png', 'logo.png');
    const r = run(['check', '--roster', 'data\\roster.csv', '--event', 'data\\acara.yaml'], 'C', dir);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('a logo that is missing: a clear message in the chosen language, exit 2', () => {
    const dir = path.join(tmp, 'tanpa logo');
    mkdirSync(dir, { recursive: true });
    smallRoster(path.join(dir, 'roster.csv'));
    const event = eventWithLogo(dir, 'gambar\\tidak-ada.png', 'gambar/logo.png');
    const r = run(['check', '--roster', path.join(dir, 'roster.csv'), '--event', event], 'C');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('gambar/tidak-ada.png');
    noStack(r.stderr);
  });

  it('render --out that is a file: a clear message, exit 2, no stack trace (both languages)', () => {
    const dir = path.join(tmp, 'keluaran berkas');
    mkdirSync(dir, { recursive: true });
    smallRoster(path.join(dir, 'roster.csv'));
    const event = eventWithLogo(dir, 'logo.png', 'logo.png');
    const outFile = path.join(dir, 'hasil.pdf');
    writeFileSync(outFile, 'not a folder');
    const args = ['render', '--roster', path.join(dir, 'roster.csv'), '--event', event, '--out', outFile];
    const e = run(args, 'C');
    expect(e.status).toBe(2);
    expect(e.stderr).toContain(`ikrar: cannot write the output folder ${outFile}`);
    expect(e.stderr).toContain('exists and is not a folder (choose another --out folder)');
    noStack(e.stderr);
    const i = run(args, 'id_ID.UTF-8');
    expect(i.status).toBe(2);
    expect(i.stderr).toContain(`ikrar: folder hasil ${outFile} tidak dapat ditulis`);
    expect(i.stderr).toContain('sudah ada dan bukan folder (pilih folder --out yang lain)');
    noStack(i.stderr);
  });

  // Root writes through chmod 555, so the read-only case can only be seen as an ordinary user.
  const locked = path.join(tmp, 'terkunci');
  mkdirSync(locked, { recursive: true });
  chmodSync(locked, 0o555);
  let writable = false;
  try {
    accessSync(locked, constants.W_OK);
    writable = true;
  } catch {
    writable = false;
  }
  it.skipIf(writable)(
    'render --out into a read-only folder: a clear message, exit 2 (skipped when running as root, where chmod 555 does not stop writes)',
    () => {
      const dir = path.join(tmp, 'baca saja');
      mkdirSync(dir, { recursive: true });
      smallRoster(path.join(dir, 'roster.csv'));
      const event = eventWithLogo(dir, 'logo.png', 'logo.png');
      const r = run(
        ['render', '--roster', path.join(dir, 'roster.csv'), '--event', event, '--out', path.join(locked, 'hasil')],
        'C',
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('cannot write the output folder');
      expect(r.stderr).toMatch(/read-only|permission/);
      noStack(r.stderr);
    },
  );
});
