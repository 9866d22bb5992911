/**
 * Hostile roster-side inputs (issue #14), generated here in a temp dir and run as real processes:
 * each ends with exit 2 naming the place, or a warning naming the file; never a stack trace, never
 * a crash; render leaves nothing in the output's parent folder; every process stays under 1 GB of
 * peak memory (measured by a tiny wrapper that reports `process.resourceUsage().maxRSS`).
 * bin/ikrar.js imports dist/: build first (`npm run build`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, corpus } from './corpus.js';
import { writeBombXlsx, writeOle, writeRowsXlsx } from './hostile-files.js';

const c0 = corpus('ikrar-hostile-');
const { tmp, goodEvent, HEADER, file } = c0;
const goodRows = c0.goodRows.filter((l) => l !== '');

// Runs bin/ikrar.js and writes the peak resident memory (KiB on Linux) to a file on exit.
const wrapper = path.join(tmp, 'rss.mjs');
writeFileSync(
  wrapper,
  `import { writeFileSync } from 'node:fs';\n` +
    `process.on('exit', () => writeFileSync(process.env.IKRAR_RSS_FILE, String(process.resourceUsage().maxRSS)));\n` +
    `await import(${JSON.stringify(pathToFileURL(bin).href)});\n`,
);

const GB_KIB = 1024 * 1024;
let runs = 0;
/** Peak memory of every process, printed at the end (what the corpus measured). */
const peaks: { args: string; mb: number }[] = [];
afterAll(() => {
  const lines = peaks.map((p) => `${String(p.mb).padStart(6)} MB  ${p.args}`);
  console.log(`peak memory per process (max ${Math.max(...peaks.map((p) => p.mb))} MB):\n${lines.join('\n')}`);
});

interface Run {
  status: number | null;
  out: string;
  rssKiB: number;
}

function run(args: string[], lang = 'C'): Run {
  const rssFile = path.join(tmp, `rss-${++runs}.txt`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: lang, IKRAR_RSS_FILE: rssFile };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const r = spawnSync(process.execPath, [wrapper, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const rssKiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
  peaks.push({
    args: args.map((a) => (a.startsWith(tmp) ? path.relative(tmp, a) : a)).join(' '),
    mb: Math.round(rssKiB / 1024),
  });
  const out = r.stdout + r.stderr;
  expect(out).not.toMatch(/\n\s+at /);
  expect(out).not.toMatch(/internal error|Maximum call stack/i);
  expect(rssKiB, 'peak memory (KiB)').toBeLessThan(GB_KIB);
  return { status: r.status, out, rssKiB };
}

/** check exits 2 naming the place; render exits 2 too and leaves its output's parent folder empty. */
function refuses(roster: string, place: RegExp, what: RegExp): Run {
  const c = run(['check', '--roster', roster, '--event', goodEvent]);
  expect(c.status, c.out.slice(0, 4000)).toBe(2);
  expect(c.out).toMatch(place);
  expect(c.out).toMatch(what);
  const parent = path.join(tmp, `parent-${runs}`);
  mkdirSync(parent);
  const r = run(['render', '--roster', roster, '--event', goodEvent, '--out', path.join(parent, 'out')]);
  expect(r.status, r.out.slice(0, 4000)).toBe(2);
  expect(r.out).toMatch(place);
  expect(readdirSync(parent)).toEqual([]);
  return c;
}

/** A roster row with its name replaced. */
function withName(row: string, name: string): string {
  const cells = row.split(';');
  cells[1] = name;
  return cells.join(';');
}

describe('problem counts', () => {
  // 160,000 rows with a 5-digit NIP: one error each (enough to overflow the stack of a spread push).
  const bad = Array.from({ length: 160_000 }, (_, i) => `12345;Pegawai ${i};Staf;Dinas Kesehatan`);
  const many = file('banyak.csv', ['NIP;NAMA;JABATAN;UNIT KERJA', ...bad].join('\r\n') + '\r\n');

  it('a roster with 160,000 errors: the first few hundred and a count, in both languages', () => {
    const c = refuses(many, /banyak\.csv:2: NIP:/, /160,000 errors/);
    expect(c.out).toMatch(/… and 159,700 more errors in .*banyak\.csv/);
    expect(c.out.length).toBeLessThan(200_000);
    // In Indonesian, with its thousands separator.
    const some = file('seribu.csv', ['NIP;NAMA;JABATAN;UNIT KERJA', ...bad.slice(0, 1300)].join('\r\n') + '\r\n');
    const id = run(['check', '--roster', some, '--event', goodEvent], 'id_ID.UTF-8');
    expect(id.status).toBe(2);
    expect(id.out).toMatch(/1\.300 galat/);
    expect(id.out).toMatch(/… dan 1\.000 galat lagi di .*seribu\.csv/);
  }, 300_000);

  it('init --from-siasn on that file still plans the columns', () => {
    const dir = path.join(tmp, 'init-banyak');
    const r = run(['init', '--from-siasn', many, dir]);
    expect(r.status, r.out.slice(0, 4000)).toBe(0);
    expect(readFileSync(path.join(dir, 'event.yaml'), 'utf8')).toMatch(/nip: NIP/);
  }, 300_000);
});

describe('marks CSV', () => {
  it('200,000 unknown NIPs: tallied, with the first warnings and a count', () => {
    const parent = path.join(tmp, 'marks-render');
    mkdirSync(parent);
    const roster = file('ok.csv', [HEADER, ...goodRows].join('\r\n') + '\r\n');
    const r = run(['render', '--roster', roster, '--event', goodEvent, '--out', path.join(parent, 'out')]);
    expect(r.status, r.out).toBe(0);
    const unknown = Array.from({ length: 200_000 }, (_, i) => `19800101${String(i).padStart(10, '0')};ya`);
    const marks = file('tandai.csv', ['NIP;STATUS', ...unknown].join('\r\n') + '\r\n');
    const t = run([
      'tally',
      '--manifest',
      path.join(parent, 'out', 'manifest.json'),
      '--out',
      path.join(parent, 'rekap'),
      marks,
    ]);
    expect(t.status, t.out.slice(0, 4000)).toBe(0);
    expect(t.out).toMatch(/tandai\.csv:2:/);
    expect(t.out).toMatch(/… and 199,\d{3} more warnings in .*tandai\.csv/);
  }, 300_000);
});

describe('encodings', () => {
  it('a UTF-8 roster with one Windows-1252 byte: UTF-8 names stay whole, the stray byte is named by line and column', () => {
    const rows = [
      HEADER,
      withName(goodRows[0]!, 'José Müller'),
      withName(goodRows[1]!, 'Ani Rahayu'),
      ...goodRows.slice(2),
    ];
    const utf8 = Buffer.from(rows.join('\r\n') + '\r\n', 'utf8');
    // "Rahayu" → "Rahayé" with é as the single Windows-1252 byte 0xE9.
    const at = utf8.indexOf(Buffer.from('Ani Rahayu'));
    const bytes = Buffer.concat([
      utf8.subarray(0, at + 'Ani Rahay'.length),
      Buffer.from([0xe9]),
      utf8.subarray(at + 'Ani Rahayu'.length),
    ]);
    const f = file('campur.csv', bytes);
    const c = run(['check', '--roster', f, '--event', goodEvent, '--json']);
    expect(c.status, c.out).toBe(0);
    const json = JSON.parse(c.out) as { warnings: { code: string; line?: number; column?: number; message: string }[] };
    const w = json.warnings.find((x) => x.code === 'roster-encoding');
    expect(w, c.out).toBeDefined();
    expect(w).toMatchObject({ line: 3 });
    const col = rows[2]!.indexOf('Ani Rahayu') + 'Ani Rahay'.length + 1;
    expect(w!.message).toContain(`line 3, column ${col}`);
    // Rendered, the names come out right: José Müller intact, the stray byte read as é.
    const parent = path.join(tmp, 'campur-out');
    mkdirSync(parent);
    const r = run(['render', '--roster', f, '--event', goodEvent, '--out', path.join(parent, 'out')]);
    expect(r.status, r.out).toBe(0);
    const manifest = readFileSync(path.join(parent, 'out', 'manifest.json'), 'utf8');
    expect(manifest).toContain('José Müller');
    expect(manifest).toContain('Ani Rahayé');
    expect(manifest).not.toMatch(/Ã/);
  }, 120_000);

  it('a UTF-16LE file without a BOM is read as text', () => {
    const f = file('utf16.csv', Buffer.from([HEADER, ...goodRows].join('\r\n') + '\r\n', 'utf16le'));
    const c = run(['check', '--roster', f, '--event', goodEvent]);
    expect(c.status, c.out).toBe(0);
    expect(c.out).toMatch(new RegExp(`${goodRows.length} people`));
  });

  it('a NUL byte far after the first 64 KiB is refused with its line and field', () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `;Pegawai ${i};Staf;Dinas;Non ASN`);
    const header = 'NIP;NAMA;JABATAN;UNIT KERJA;STATUS';
    const lines = [header, ...filler, ';Bud\u0000i;Staf;Dinas;Non ASN'];
    const f = file('nul.csv', lines.join('\r\n') + '\r\n');
    expect(readFileSync(f).indexOf(0)).toBeGreaterThan(64 * 1024);
    refuses(f, new RegExp(`nul\\.csv:${lines.length}: NAMA:`), /NUL|control/i);
  });
});

/** Words of a PDF page with their boxes, as poppler's pdftotext -bbox reads what is drawn. */
function words(pdf: string, page: number): { text: string; x1: number; x2: number; y1: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ x1: Number(m[1]), y1: Number(m[2]), x2: Number(m[3]), text: m[4]! }),
  );
}

describe('names in scripts the fonts lack', () => {
  const names = [
    'محمد عبد الله الرحمن',
    '王小明张伟李娜刘洋陈静杨帆赵磊黄敏周杰吴婷',
    '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
    'Budi 🙂 Santoso',
  ];
  const rows = goodRows.map((r, i) => (i < names.length ? withName(r, names[i]!) : r));
  const f = file('aksara.csv', [HEADER, ...rows].join('\r\n') + '\r\n');

  it('a warning names the roster line and the column of each such name', () => {
    const c = run(['check', '--roster', f, '--event', goodEvent]);
    expect(c.status, c.out).toBe(0);
    for (let i = 0; i < names.length; i++)
      expect(c.out).toMatch(new RegExp(`aksara\\.csv:${i + 2}: NAMA: .*cannot print`));
    expect(c.out).not.toMatch(/aksara\.csv:\d+: NAMA: 'Budi Santoso'/);
  });

  // A character the font lacks used to be drawn as the font's .notdef glyph, which viewers draw
  // wider than pdfkit measured it (and text extraction skips): boxes ran over the NIP column. Now
  // each is drawn as a real □ glyph, measured as it is drawn, so the word boxes below are what shows.
  it('drawn, every character is a real glyph (□ for the missing ones) and no name reaches into the NIP column', () => {
    const parent = path.join(tmp, 'aksara-out');
    mkdirSync(parent);
    const r = run(['render', '--roster', f, '--event', goodEvent, '--out', path.join(parent, 'out')]);
    expect(r.status, r.out).toBe(0);
    const pdf = path.join(parent, 'out', 'lembar-ttd.pdf');
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    expect(text.match(/\u25A1/g)?.length ?? 0).toBeGreaterThanOrEqual(20 + 20 + 17 + 1);
    expect(text).toMatch(/Budi □ Santoso/);
    const w = words(pdf, 1);
    const nips = w.filter((x) => /^(19|20)\d{6}$/.test(x.text));
    expect(nips.length).toBeGreaterThanOrEqual(names.length);
    const nipLeft = Math.min(...nips.map((x) => x.x1));
    const top = Math.min(...nips.map((x) => x.y1)) - 30;
    const bottom = Math.max(...nips.map((x) => x.y1)) + 30;
    const left = w.filter((x) => x.y1 > top && x.y1 < bottom && x.x1 < nipLeft - 2);
    expect(left.length).toBeGreaterThan(names.length);
    for (const x of left)
      expect(x.x2, `'${x.text}' ends at ${x.x2}, the NIP column starts at ${nipLeft}`).toBeLessThan(nipLeft - 1);
  }, 120_000);
});

describe('files that are not what they say', () => {
  it('an .xls renamed .xlsx is called an old .xls workbook, not password-protected', () => {
    const f = file('lama.xlsx', writeOle(['Workbook', '\u0005SummaryInformation']));
    const c = refuses(f, /lama\.xlsx/, /97–2003|\.xls\b/);
    expect(c.out).not.toMatch(/password/i);
  });

  it('a password-protected workbook is still called that', () => {
    const f = file('rahasia.xlsx', writeOle(['EncryptionInfo', 'EncryptedPackage']));
    refuses(f, /rahasia\.xlsx/, /password/i);
  });

  it('an XLSX that inflates to 1.1 GB is refused quickly, by its size', () => {
    const f = path.join(tmp, 'bom.xlsx');
    writeBombXlsx(f, 1100 * 1024 * 1024, false);
    const t0 = Date.now();
    const c = refuses(f, /bom\.xlsx/, /inflate|unpack|MB/i);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(c.out).toMatch(/xl\/worksheets\/sheet1\.xml/);
  }, 120_000);

  it("an XLSX with a row beyond Excel's last row names that row", () => {
    const f = path.join(tmp, 'baris.xlsx');
    const person: [string, string][] = [
      ['A', '196705271998012021'],
      ['B', 'Wulan Sari'],
      ['C', 'Sekretaris'],
      ['D', 'Setda'],
    ];
    writeRowsXlsx(f, [
      [
        1,
        [
          ['A', 'NIP'],
          ['B', 'NAMA'],
          ['C', 'JABATAN'],
          ['D', 'UNIT KERJA'],
        ],
      ],
      [2, person],
      [1_048_577, person],
    ]);
    refuses(f, /baris\.xlsx:1048577/, /beyond Excel's last row/);
  });

  it('an XLSX whose entries lie about their size is stopped while inflating', () => {
    const f = path.join(tmp, 'bohong.xlsx');
    writeBombXlsx(f, 1100 * 1024 * 1024, true);
    refuses(f, /bohong\.xlsx/, /inflate|unpack|MB/i);
  }, 120_000);
});
