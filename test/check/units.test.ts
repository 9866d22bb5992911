/**
 * Issue #13, rosters as SIASN hands them over: which column groups people into sheets (`units:`),
 * merging unit names into OPDs, the order of the units, and each unit's head — through `ikrar check`,
 * `ikrar render` and `ikrar init --from-siasn` as real processes (bin/ikrar.js imports dist/: build first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { siasnCsv, siasnOpds } from '../roster/siasn-fixture.js';
import { currentGrouping, isFragmented, proposeGrouping } from '../../src/check/grouping.js';
import { readRoster } from '../../src/roster/read.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-units-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
copyFileSync(path.join(root, 'examples/logo.png'), path.join(tmp, 'logo.png'));
// The example event without its sheets.officers, so every unit's sheet is signed by its head.
const example = readFileSync(path.join(root, 'examples/event.yaml'), 'utf8').replace(
  /\n  # Nama unit kerja[\s\S]*?\n(?=\n# --- Berita acara)/,
  '\n',
);

function write(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}
function run(args: string[], lang = 'C') {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: lang };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}
/** The example event with `extra` appended (a top-level section). */
function event(name: string, extra: string): string {
  return write(name, example + '\n' + extra);
}
interface Summary {
  units: {
    name: string;
    people: number;
    officer: string | null;
    head?: { name: string; position: string; line: number; by: string } | null;
  }[];
}
function checkJson(
  roster: string,
  ev: string,
): {
  status: number | null;
  report: {
    usable: boolean;
    summary: Summary;
    warnings: { code: string; message: string }[];
    errors: { code: string; message: string; line?: number; field?: string }[];
  };
} {
  const r = run(['check', '--roster', roster, '--event', ev, '--json']);
  return { status: r.status, report: JSON.parse(r.stdout) };
}

const roster3k = write('siasn-3000.csv', siasnCsv({ people: 3000 }));
const rosterEselon = write('siasn-eselon.csv', siasnCsv({ people: 3000, eselon: true }));
const OPDS = siasnOpds();

describe('units: which column groups people into sheets', () => {
  it('grouped by UNOR NAMA, check warns of many tiny units and names the column that gives OPDs', () => {
    const r = run(['check', '--roster', roster3k, '--event', event('plain.yaml', '')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/units-many-small|very small/);
    expect(r.stdout).toMatch(/group by .?UNOR INDUK NAMA/);
    expect(r.stdout).toContain(`units: { column: UNOR INDUK NAMA }`);
    // and in Indonesian
    const id = run(['check', '--roster', roster3k, '--event', path.join(tmp, 'plain.yaml'), '--lang', 'id']);
    expect(id.stdout).toMatch(/sangat kecil/);
    expect(id.stdout).toMatch(/UNOR INDUK NAMA/);
  });

  it('units.column groups by UNOR INDUK NAMA: one unit per OPD, listed with its size; no tiny-unit warning', () => {
    const ev = event('induk.yaml', 'units:\n  column: UNOR INDUK NAMA\n');
    const r = run(['check', '--roster', roster3k, '--event', ev]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`3000 people in ${OPDS.length} units`));
    expect(r.stdout).toMatch(/Dinas Pendidikan\s+\d+/);
    expect(r.stdout).not.toMatch(/very small/);
    const j = checkJson(roster3k, ev);
    expect(j.report.summary.units.map((u) => u.name).sort()).toEqual(OPDS.map((o) => o.name).sort());
    expect(j.report.summary.units.reduce((a, u) => a + u.people, 0)).toBe(3000);
  });

  it('units.merge folds unit names (exact or by pattern) into an OPD', () => {
    const ev = event(
      'merge.yaml',
      [
        'units:',
        '  column: UNOR INDUK NAMA',
        '  merge:',
        '    - matches: ^Kelurahan ',
        '      into: Kecamatan Sukamara',
        '    - name: RSUD Bumi Sukamara',
        '      into: Dinas Kesehatan',
        '',
      ].join('\n'),
    );
    const j = checkJson(roster3k, ev);
    expect(j.status).toBe(0);
    const names = j.report.summary.units.map((u) => u.name);
    expect(names.filter((n) => /^Kelurahan /.test(n))).toEqual([]);
    expect(names).not.toContain('RSUD Bumi Sukamara');
    const plain = checkJson(roster3k, event('induk2.yaml', 'units:\n  column: UNOR INDUK NAMA\n')).report.summary.units;
    const size = (list: Summary['units'], n: string) => list.find((u) => u.name === n)!.people;
    const kel = plain.filter((u) => /^Kelurahan /.test(u.name)).reduce((a, u) => a + u.people, 0);
    expect(size(j.report.summary.units, 'Kecamatan Sukamara')).toBe(size(plain, 'Kecamatan Sukamara') + kel);
    expect(size(j.report.summary.units, 'Dinas Kesehatan')).toBe(
      size(plain, 'Dinas Kesehatan') + size(plain, 'RSUD Bumi Sukamara'),
    );
  });

  it('a units column the roster lacks is an error naming the event file, line and key, with the closest header', () => {
    const ev = event('nocol.yaml', 'units:\n  column: UNOR INDUK\n');
    const line = (example + '\n').split('\n').length + 1;
    const r = run(['check', '--roster', roster3k, '--event', ev]);
    expect(r.status).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`nocol.yaml:${line}`);
    expect(out).toContain('units.column');
    expect(out).toContain('UNOR INDUK NAMA');
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('bad units: keys are event errors with their line', () => {
    const base = (example + '\n').split('\n').length;
    const ev = event(
      'badkeys.yaml',
      [
        'units:',
        '  colum: UNOR INDUK NAMA',
        '  merge:',
        '    - matches: "(unclosed"',
        '      into: X',
        '    - name: Y',
        '',
      ].join('\n'),
    );
    const r = run(['check', '--roster', roster3k, '--event', ev]);
    expect(r.status).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`badkeys.yaml:${base + 1}`); // colum → did you mean column
    expect(out).toMatch(/column/);
    expect(out).toContain(`badkeys.yaml:${base + 3}`); // the bad pattern
    expect(out).toMatch(new RegExp(`badkeys.yaml:${base + 5}.*into`)); // merge item without into
  });
});

describe('unit order', () => {
  const order = [
    'units:',
    '  column: UNOR INDUK NAMA',
    '  order:',
    '    - Sekretariat Daerah',
    '    - Sekretariat DPRD',
    '    - Inspektorat',
    '    - matches: ^Dinas ',
    '    - matches: ^Badan ',
    '    - matches: ^Kecamatan ',
    '    - matches: ^Kelurahan ',
    '',
  ].join('\n');

  it('follows units.order (organisation chart) in check; units not listed come after, in roster order', () => {
    const j = checkJson(roster3k, event('order.yaml', order));
    expect(j.status).toBe(0);
    const names = j.report.summary.units.map((u) => u.name);
    expect(names.slice(0, 3)).toEqual(['Sekretariat Daerah', 'Sekretariat DPRD', 'Inspektorat']);
    const rank = (n: string) =>
      /^Dinas /.test(n)
        ? 3
        : /^Badan /.test(n)
          ? 4
          : /^Kecamatan /.test(n)
            ? 5
            : /^Kelurahan /.test(n)
              ? 6
              : /^Sek|^Insp/.test(n)
                ? 0
                : 7;
    const ranks = names.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(names[names.length - 1]).toBe('RSUD Bumi Sukamara');
  });

  it('render writes the unit sheets in that order', () => {
    const small = write('small.csv', siasnCsv({ people: 120 }));
    const out = path.join(tmp, 'out-order');
    const r = run([
      'render',
      '--roster',
      small,
      '--event',
      event('order2.yaml', order),
      '--out',
      out,
      '--only',
      'sheets',
    ]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const files = readdirSync(path.join(out, 'lembar-ttd')).sort();
    expect(files[0]).toMatch(/^01-sekretariat-daerah\.pdf$/);
    expect(files[1]).toMatch(/^02-sekretariat-dprd\.pdf$/);
    expect(files[2]).toMatch(/^03-inspektorat\.pdf$/);
    expect(files[3]).toMatch(/^04-dinas-/);
  }, 120_000);
});

describe('heads', () => {
  const induk = 'units:\n  column: UNOR INDUK NAMA\n';
  const headOf = (name: string) => OPDS.find((o) => o.name === name)!.head;

  it('by ESELON where the roster has it: the highest eselon of the unit signs, one head per unit', () => {
    const j = checkJson(rosterEselon, event('eselon.yaml', induk));
    expect(j.status).toBe(0);
    for (const u of j.report.summary.units) {
      expect(u.head, u.name).toBeTruthy();
      expect(u.head!.position, u.name).toBe(headOf(u.name));
    }
    expect(j.report.summary.units.find((u) => u.name === 'Dinas Pendidikan')!.head!.by).toBe('eselon');
    expect(j.report.warnings.filter((w) => w.code === 'unit-several-heads')).toEqual([]);
  });

  it('without ESELON, by a jabatan "Kepala <unit>" / Camat / Lurah / Sekretaris Daerah before the pattern', () => {
    const j = checkJson(roster3k, event('jabatan.yaml', induk));
    expect(j.status).toBe(0);
    for (const u of j.report.summary.units) expect(u.head?.position, u.name).toBe(headOf(u.name));
    expect(j.report.summary.units.find((u) => u.name === 'Kecamatan Jelai')!.head!.by).toBe('jabatan');
    expect(j.report.warnings.filter((w) => w.code === 'unit-several-heads')).toEqual([]);
  });

  it('check names the head it chose for each unit, and how it found it', () => {
    const r = run(['check', '--roster', rosterEselon, '--event', event('eselon2.yaml', induk)]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => /^\s+Dinas Pendidikan\s/.test(l))!;
    expect(line).toMatch(/Kepala Dinas Pendidikan/);
    expect(line).toMatch(/eselon II\.b/);
    expect(line).toMatch(/line \d+/);
  });
});

describe('init --from-siasn picks the grouping', () => {
  it('on 10,000 people, where Seksi are not tiny any more, hundreds of UNOR NAMA units are still below the OPD level', async () => {
    const r = await readRoster({
      file: write('siasn-10000.csv', siasnCsv({ people: 10_000, eselon: true })),
      keepColumns: true,
    });
    const own = currentGrouping(r.people);
    expect(own.units).toBeGreaterThan(400);
    expect(own.small * 2).toBeLessThan(own.units); // most Seksi have 10 people or more here
    expect(isFragmented(own)).toBe(true);
    expect(proposeGrouping(r.people)).toEqual({ column: 'UNOR INDUK NAMA', units: OPDS.length, small: 0 });
    const i = run(['init', path.join(tmp, 'init-10k'), '--from-siasn', path.join(tmp, 'siasn-10000.csv')]);
    expect(i.stdout).toMatch(new RegExp(`grouped by UNOR INDUK NAMA: ${OPDS.length} units`));
  }, 60_000);

  it('writes units: { column: UNOR INDUK NAMA } and says so; the folder checks without the tiny-unit warning', () => {
    const dir = path.join(tmp, 'init-siasn');
    const r = run(['init', dir, '--from-siasn', roster3k]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/UNOR INDUK NAMA/);
    expect(r.stdout).toMatch(new RegExp(`${OPDS.length} units`));
    const ev = readFileSync(path.join(dir, 'event.yaml'), 'utf8');
    expect(ev).toMatch(/^units:\r?\n {2}column: UNOR INDUK NAMA/m);
    const c = run(['check', '--roster', roster3k, '--event', path.join(dir, 'event.yaml')]);
    expect(c.status, c.stdout + c.stderr).toBe(0);
    expect(c.stdout).not.toMatch(/very small/);
    expect(existsSync(path.join(dir, 'roster.csv'))).toBe(false);
  });
});
