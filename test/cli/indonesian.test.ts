/**
 * `--lang id` prints problems in Indonesian, the rarely seen ones too: for each bad input, every
 * problem `check --json` reports (in English, the contract) must not appear in English in the
 * Indonesian output. Real processes; bin/ikrar.js imports dist/ (build first).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, corpus } from './corpus.js';

const { tmp, goodEvent, HEADER, goodRows, file } = corpus('ikrar-id-');

function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

interface JsonProblem {
  code: string;
  message: string;
  hint?: string;
}

/** Every problem of `check` on the two files is printed in Indonesian, message and hint. */
function allIndonesian(roster: string, event: string): JsonProblem[] {
  const j = JSON.parse(run(['check', '--roster', roster, '--event', event, '--json']).stdout) as {
    errors: JsonProblem[];
    warnings: JsonProblem[];
  };
  const problems = [...j.errors, ...j.warnings].filter((p) => p.code !== 'problems-omitted');
  expect(problems.length).toBeGreaterThan(0);
  const c = run(['check', '--roster', roster, '--event', event, '--lang', 'id']);
  const out = c.stdout + c.stderr;
  const english = problems.flatMap((p) =>
    [`${p.code}: ${p.message}`, ...(p.hint ? [`${p.code} hint: ${p.hint}`] : [])].filter((s) =>
      out.includes(s.slice(s.indexOf(': ') + 2)),
    ),
  );
  expect(english, out).toEqual([]);
  return problems;
}

const row = (i: number, nip: string, rest?: string) => {
  const cells = goodRows[i]!.split(';');
  cells[0] = nip;
  return rest === undefined ? cells.join(';') : rest;
};

describe('--lang id: no English problem left', () => {
  it('roster problems: NIPs, NRPs, kinds, ranks, sex, empty cells, duplicates', () => {
    const H = HEADER + ';NRP;JENIS KELAMIN';
    const rows = [
      H,
      goodRows[0] + ';;P',
      row(1, '1.96705E+17') + ';;P', // Excel number
      row(2, '197413452002022016') + ';;P', // birth date
      row(3, '19740728200202201') + ';;P', // 17 digits
      row(4, '1974072820020220AB') + ';;P', // not digits
      row(5, '197407281302022016') + ';;P', // appointment month
      row(6, '197407282002023016') + ';;X', // sex digit, sex unknown
      row(7, '123456789') + ';;L', // old NIP
      goodRows[8]!.replace(/;PNS$/, ';TNI') + ';;L', // NIP for a TNI row, NRP missing
      goodRows[9]!.replace(/;PNS$/, ';PEJABAT') + ';85071234;L', // unknown kind, NRP for ASN
      ';Tanpa Nip;;;III/z;Staf;Dinas Sosial;PNS;;L', // NIP missing, rank unknown
      '199001012015031001;;;;III/a;Staf;;PNS;;L', // name and unit missing
      goodRows[0] + ';;P', // duplicate
    ];
    const codes = allIndonesian(file('rusak-id.csv', rows.join('\r\n') + '\r\n'), goodEvent).map((p) => p.code);
    expect(new Set(codes).size).toBeGreaterThan(8);
  });

  it('files that are not rosters', () => {
    allIndonesian(
      file('bukan.csv', Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(200, 7)])),
      goodEvent,
    );
    allIndonesian(file('kosong.csv', ''), goodEvent);
    allIndonesian(file('judul.csv', HEADER + '\r\n'), goodEvent);
    allIndonesian(
      file('kutip.csv', [HEADER, goodRows[0], '"196705271998012021;Wulan'].join('\r\n') + '\r\n'),
      goodEvent,
    );
  });

  it('event problems: types, keys, dates, times, zones, paper, font, logo, rules', () => {
    const roster = file('ok.csv', [HEADER, ...goodRows].join('\r\n') + '\r\n');
    const text = readFileSync(goodEvent, 'utf8');
    const bad = text
      .replace(/^(\s*)year: 2024/m, '$1year: [2024]')
      .replace(/^(\s*)place: /m, '$1plase: ')
      .replace(/date: 2024-11-04/, 'date: 04-11-2024')
      .replace(/time: "07.30"/, 'time: "25.70"')
      .replace(/timeZone: WIB/, 'timeZone: GMT')
      .replace(/^paper: f4/m, 'paper: a3\nfont: comic')
      .replace(/logo: logo\.png/, 'logo: tidak/ada.png')
      .replace(/prefix: Pj\./, 'prefix: Kapt.')
      .replace(/kind: kabupaten /, 'kind: desa ');
    allIndonesian(roster, file('rusak-id.yaml', bad));
    allIndonesian(roster, file('kosong.yaml', ''));
    allIndonesian(roster, file('ganda.yaml', text.replace(/^title: /m, 'title: A\ntitle: ')));
  });
});
