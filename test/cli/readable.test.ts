/**
 * What `ikrar check` prints stays readable and true: a refused roster gets no summary of the rows
 * that happened to be valid and no officer warnings that only follow from the missing rows; a
 * warning that lists people lists a few and counts the rest; a clipped value never runs on.
 * Real processes; bin/ikrar.js imports dist/ (build first).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, corpus } from './corpus.js';

const { tmp, goodEvent, HEADER, goodRows, file } = corpus('ikrar-readable-');

function run(args: string[], lang = 'en') {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args, '--lang', lang], {
    cwd: tmp,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('a refused roster', () => {
  it('prints its errors only: no summary of the valid rows, no officer warnings from the missing ones', () => {
    const bad = goodRows[1]!.replace(/^\d{18}/, '197413452002022016'); // month 13, day 45
    const f = file('sebagian.csv', [HEADER, goodRows[0], bad, ...goodRows.slice(2)].join('\r\n') + '\r\n');
    for (const lang of ['en', 'id']) {
      const c = run(['check', '--roster', f, '--event', goodEvent], lang);
      const out = c.stdout + c.stderr;
      expect(c.status, out).toBe(2);
      expect(out).toMatch(/sebagian\.csv:3: NIP:/);
      expect(out).not.toMatch(/\d+ (people|person|orang) (in|dalam|di)/);
      expect(out).not.toMatch(/officer-unknown-unit|no unit "|tidak ada unit/i);
      expect(out).not.toMatch(/no officer|tanpa pejabat|tidak ada pejabat/i);
      expect(out).not.toMatch(/warning|peringatan/i);
    }
    // The JSON says the same: no summary.
    const j = JSON.parse(run(['check', '--roster', f, '--event', goodEvent, '--json']).stdout);
    expect(j.usable).toBe(false);
    expect(j.summary).toBeNull();
    expect(j.warnings).toEqual([]);
  });
});

/** A roster of one unit whose every person is a "Kepala …", so the heads rule finds them all. */
function headsRoster(n: number): string {
  const names = ["NUR'AINI", "MA'RUF", 'SITI AMINAH', "JUM'AT SAPUTRA", 'RAHMAT'];
  const rows = [HEADER];
  for (let i = 1; i <= n; i++) {
    const nip = `19800101200501${i % 2 ? 1 : 2}${String(i).padStart(3, '0')}`;
    rows.push(`${nip};${names[i % names.length]} ${i};;S.E.;III/a;Kepala Seksi ${i};Dinas Sosial;PNS`);
  }
  return file(`kepala-${n}.csv`, rows.join('\r\n') + '\r\n');
}

describe('a warning that lists people', () => {
  it('the heads rule finding 100 people names five, whole, and counts the rest', () => {
    const f = headsRoster(100);
    for (const [lang, more] of [
      ['en', /and 95 more/],
      ['id', /dan 95 lainnya/],
    ] as const) {
      const c = run(['check', '--roster', f, '--event', goodEvent], lang);
      const out = c.stdout + c.stderr;
      expect(c.status, out).toBe(0);
      const line = out.split('\n').find((l) => /sheets\.heads/.test(l));
      expect(line, out).toBeDefined();
      expect(line!.length, line).toBeLessThan(500);
      expect(line).toMatch(more);
      // The first five, each whole with its line, apostrophes and all.
      for (const [i, name] of [
        [1, "MA'RUF 1"],
        [2, 'SITI AMINAH 2'],
        [3, "JUM'AT SAPUTRA 3"],
        [4, 'RAHMAT 4'],
        [5, "NUR'AINI 5"],
      ] as const) {
        expect(line).toContain(`${name}, S.E., ${lang === 'id' ? 'baris' : 'line'} ${i + 1}`);
      }
      expect(line).not.toMatch(/characters\)|karakter\)/);
      expect(line).not.toContain("NUR'AINI 10,");
    }
  });
});

describe('counts read as English counts', () => {
  const one = [
    HEADER,
    '196705271998012021;Wulan Sari;Hj.;S.AP., M.Si.;Pembina Utama Madya, IV/d;Sekretaris Daerah;Sekretariat Daerah;PNS',
  ];
  const two = [...one, '197407282002022016;Wan Fatimah;;S.AP., M.M.;4B;Kepala Dinas Sosial;Dinas Sosial;PNS'];
  const wrongOne = /\b1 (people|persons|units|pages|signers|signatories|sign a|machine-readable pages)\b/;
  const wrongTwo = /\b2 (person|unit|page|signer|signatory|signs a|machine-readable page)\b(?!s)/;

  it('check and render with one of each, then two of each', () => {
    for (const [rows, wrong, right] of [
      [
        one,
        wrongOne,
        [/1 person in 1 unit \(1 PNS\); 1 signs a pakta integritas/, /1 page, 1 unit \(/, /1 page, 1 signer \(/],
      ],
      [
        two,
        wrongTwo,
        [/2 people in 2 units \(2 PNS\); 2 sign a pakta integritas/, /2 pages, 2 units \(/, /2 pages, 2 signers \(/],
      ],
    ] as const) {
      const f = file(`jumlah-${rows.length - 1}.csv`, rows.join('\r\n') + '\r\n');
      const c = run(['check', '--roster', f, '--event', goodEvent]);
      expect(c.status, c.stdout + c.stderr).toBe(0);
      const out = path.join(tmp, `hasil-${rows.length - 1}`);
      const r = run(['render', '--roster', f, '--event', goodEvent, '--out', out]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const text = c.stdout + r.stdout;
      expect(text).not.toMatch(wrong);
      for (const re of right) expect(text).toMatch(re);
    }
  }, 120_000);
});
