/**
 * The corpus of bad inputs, through `ikrar check` and `ikrar render` as real processes: each gives a
 * clear message naming the place (file, and line where there is one), exit code 2, no stack trace,
 * and render writes nothing. bin/ikrar.js imports dist/ (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, corpus } from './corpus.js';

const { tmp, goodEvent, HEADER, goodRows, file } = corpus('ikrar-bad-');

function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

/** check and render both refuse with exit 2, name the place, print no stack, and render writes nothing. */
function refuses(roster: string, event: string, place: RegExp, what: RegExp): void {
  const c = run(['check', '--roster', roster, '--event', event]);
  const cOut = c.stdout + c.stderr;
  expect(c.status, cOut).toBe(2);
  expect(cOut).toMatch(place);
  expect(cOut).toMatch(what);
  expect(cOut).not.toMatch(/\n\s+at /);
  expect(cOut).not.toMatch(/internal error/i);

  const out = path.join(tmp, `out-${path.basename(roster)}-${path.basename(event)}`);
  const r = run(['render', '--roster', roster, '--event', event, '--out', out]);
  const rOut = r.stdout + r.stderr;
  expect(r.status, rOut).toBe(2);
  expect(rOut).toMatch(place);
  expect(rOut).not.toMatch(/\n\s+at /);
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
}

const nipExcel = goodRows[0]!.replace(/^\d{18}/, '1.96705E+17');
const badBirth = goodRows[1]!.replace(/^\d{18}/, '197413452002022016'); // month 13, day 45
const dup = goodRows[2]!;

describe('bad rosters', () => {
  it('a comma-separated file whose names hold semicolons is not mis-split', () => {
    // The trap: a `;` inside a quoted name must not win the delimiter sniff over `,`.
    const rows = [
      'NIP,NAMA,JABATAN,UNIT KERJA',
      '196705271998012021,"Wulan; Sari",Sekretaris Daerah,Sekretariat Daerah',
      '197407282002022016,"Wan; Fatimah",Asisten,Sekretariat Daerah',
    ];
    const f = file('koma.csv', rows.join('\r\n') + '\r\n');
    const c = run(['check', '--roster', f, '--event', goodEvent]);
    expect(c.status, c.stdout + c.stderr).toBe(0);
    expect(c.stdout).toMatch(/2 people in 1 unit/);
  });

  it('a file that is not CSV at all (a PDF renamed .csv)', () => {
    const f = file(
      'bukan.csv',
      Buffer.concat([
        Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
        Buffer.alloc(200, 7),
      ]),
    );
    refuses(f, goodEvent, /bukan\.csv/, /PDF|not a (roster|CSV)/i);
  });

  it('binary garbage', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    refuses(file('sampah.csv', bytes), goodEvent, /sampah\.csv/, /binary|not a (roster|CSV|text)|cannot/i);
  });

  it('an empty file', () => {
    refuses(file('kosong.csv', ''), goodEvent, /kosong\.csv/, /empty/i);
  });

  it('a header with no rows', () => {
    refuses(file('header.csv', HEADER + '\r\n'), goodEvent, /header\.csv:1/, /no people|header row but/i);
  });

  it('missing columns: lists the headers found and the closest match', () => {
    refuses(
      file('kolom.csv', 'NIP;NAME;JABATAN;UNIT KERJ\r\n196705271998012021;Wulan;Sekda;Setda\r\n'),
      goodEvent,
      /kolom\.csv:1/,
      /NAME|UNIT KERJ/,
    );
  });

  it('an Excel-mangled NIP, an impossible birth date and a duplicate NIP, all at once with their lines', () => {
    const f = file('rusak.csv', [HEADER, nipExcel, badBirth, dup, ...goodRows.slice(3), dup].join('\r\n') + '\r\n');
    const c = run(['check', '--roster', f, '--event', goodEvent]);
    const out = c.stdout + c.stderr;
    expect(c.status, out).toBe(2);
    expect(out).toMatch(/rusak\.csv:2: NIP: .*(Excel|number)/i);
    expect(out).toMatch(/rusak\.csv:3: NIP: .*(birth|date|month)/i);
    expect(out).toMatch(/rusak\.csv:\d+: NIP: .*(twice|duplicate)/i);
    expect(out).not.toMatch(/\n\s+at /);
    refuses(f, goodEvent, /rusak\.csv:2/, /Excel|number/i);
  });

  it('a 1 MB single line', () => {
    const f = file('panjang.csv', HEADER + '\r\n' + 'x'.repeat(1024 * 1024) + '\r\n');
    refuses(f, goodEvent, /panjang\.csv:2/, /NIP/);
    // The message quotes the start of the cell, not the whole megabyte.
    const c = run(['check', '--roster', f, '--event', goodEvent]);
    expect((c.stdout + c.stderr).length).toBeLessThan(5000);
    expect(c.stdout + c.stderr).toMatch(/1048576 characters/);
  });

  it('a roster file that does not exist', () => {
    refuses(path.join(tmp, 'tidak-ada.csv'), goodEvent, /tidak-ada\.csv/, /not found|does not exist|no such/i);
  });
});

describe('bad event files', () => {
  const roster = file('ok.csv', [HEADER, ...goodRows].join('\r\n') + '\r\n');
  const text = readFileSync(goodEvent, 'utf8');

  it('wrong types, with the line', () => {
    const ev = file('tipe.yaml', text.replace(/^(\s*)year: 2024/m, '$1year: [2024]'));
    refuses(roster, ev, /tipe\.yaml:\d+: election\.year/, /number|year|list/i);
  });

  it('an unknown key, with the closest one', () => {
    const ev = file('kunci.yaml', text.replace(/^(\s*)place: /m, '$1plase: '));
    refuses(roster, ev, /kunci\.yaml:\d+: ceremony\.plase/, /place/);
  });

  it('a missing logo file', () => {
    const ev = file('logo.yaml', text.replace(/logo: logo\.png/, 'logo: gambar/lambang.png'));
    refuses(roster, ev, /logo\.yaml:\d+: government\.logo/, /lambang\.png/);
  });

  it('a font, a logo and a template mistake come back together, and render writes nothing (issue #12)', () => {
    const ev = file(
      'semua.yaml',
      text.replace(/^font: sans/m, 'font: comic').replace(/logo: logo\.png/, 'logo: gambar/lambang.png'),
    );
    const mine = path.join(tmp, 'templat-rusak');
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'lembar-ttd.hbs'), '<document>\n{{#each people}}\n<p>{{name}}</p>\n</document>\n');
    const out = path.join(tmp, 'out-semua');
    const r = run(['render', '--roster', roster, '--event', ev, '--out', out, '--templates', mine]);
    const all = r.stdout + r.stderr;
    expect(r.status, all).toBe(2);
    expect(all).toMatch(/semua\.yaml:\d+: font/);
    expect(all).toMatch(/semua\.yaml:\d+: government\.logo.*lambang\.png/);
    expect(all).toMatch(/templat-rusak[\\/]lembar-ttd\.hbs:\d+/);
    expect(all).not.toMatch(/\n\s+at /);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('YAML that does not parse', () => {
    const ev = file('sintaks.yaml', 'government:\n  name: "PEMERINTAH\n  region: x\n');
    refuses(roster, ev, /sintaks\.yaml:\d+/, /syntax/i);
  });

  it('the good files pass, so the refusals above are about the bad parts', () => {
    const c = run(['check', '--roster', roster, '--event', goodEvent]);
    expect(c.status, c.stdout + c.stderr).toBe(0);
  });
});
