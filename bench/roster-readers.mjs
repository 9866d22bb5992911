// Roster readers compared (issue #13): for .xlsx, exceljs's streaming reader (what ikrar used until
// it had its own), SheetJS (@e965/xlsx, what ikrar uses for .xls and .ods) and ikrar's own XLSX
// reader (src/roster/xlsx.ts), for time and peak memory on large files and for how often a read
// misses part of the workbook.
//
//   npm run build && node bench/roster-readers.mjs [rows=100000] [tries=200] [columns=9] [only-xlsx]
//
// Each large read runs in a child process of its own, so its peak RSS (VmHWM) is its own. The
// workbooks are generated (bench/gen-roster.mjs: deterministic people, 9 columns; with more columns,
// the rest filled as a SIASN export's are: short codes, dates as text, numbers); the .xls holds
// 65,000 rows, as BIFF8 holds at most 65,536. `only-xlsx` skips the .ods and .xls.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { generatePeople, HEADERS } from './gen-roster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] ?? 100_000);
const tries = Number(process.argv[3] ?? 200);
const columns = Math.max(9, Number(process.argv[4] ?? 9));
const onlyXlsx = process.argv[5] === 'only-xlsx';
const dir = mkdtempSync(path.join(os.tmpdir(), 'ikrar-readers-'));
const MB = (b) => (b / 2 ** 20).toFixed(0);

const EXTRA = Array.from({ length: columns - 9 }, (_, i) => `KOLOM ${i + 10}`);
const extra = (p, n) =>
  EXTRA.map((_, i) =>
    i % 3 === 0
      ? `K${(n * 7 + i) % 997}`
      : i % 3 === 1
        ? `19${70 + (n % 30)}-0${1 + (i % 9)}-1${i % 10}`
        : (n * 31 + i) % 100_000,
  );
const toRow = (p, n) => [p.nip, p.name, p.front, p.back, p.sex, p.rank, p.position, p.unit, p.kind, ...extra(p, n)];
const HEAD = [...HEADERS, ...EXTRA];

async function writeExcelJs(file, people) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(HEAD).commit();
  people.forEach((p, n) => {
    ws.addRow(toRow(p, n)).commit();
  });
  ws.commit();
  await wb.commit();
}

function writeSheetJs(file, people, bookType) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEAD, ...people.map(toRow)]), 'Pegawai');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType, compression: true }));
}

// What each child runs: read FILE, print rows seen, seconds, peak RSS.
const child = {
  'exceljs streaming': `
    import ExcelJS from 'exceljs'; import { createReadStream } from 'node:fs';
    const r = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(FILE), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    let n = 0; for await (const ws of r) for await (const row of ws) { n++; }
    ROWS = n;`,
  'SheetJS (dense)': `
    import * as XLSX from '@e965/xlsx'; import { readFileSync } from 'node:fs';
    const wb = XLSX.read(readFileSync(FILE), { type: 'buffer', dense: true, cellNF: true, cellHTML: false, cellFormula: false });
    ROWS = wb.Sheets[wb.SheetNames[0]]['!data'].filter(Boolean).length;`,
  'ikrar xlsx reader, parse only': `
    const { readXlsx } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/roster/xlsx.js')).href)});
    let n = 0; const r = await readXlsx(FILE, () => ({ push() { n++; } }), undefined);
    ROWS = n; if (r.problems.length) throw new Error(r.problems[0].message);`,
  'ikrar readRoster': `
    const { readRoster } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/roster/read.js')).href)});
    const r = await readRoster({ file: FILE });
    ROWS = r.people.length + 1; if (r.problems.some((p) => p.severity === 'error')) throw new Error(r.problems[0].message);`,
};

function measure(label, file) {
  const body = child[label];
  const script = `let ROWS = 0; const FILE = ${JSON.stringify(file)}; const t0 = performance.now();
${body}
const s = (performance.now() - t0) / 1000;
const hwm = Number(/VmHWM:\\s*(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
console.log(JSON.stringify({ rows: ROWS, s, hwm }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/** The cell texts of every sheet of FILE as each reader gives them (a missed part shows as a difference). */
const readAll = {
  async exceljs(file) {
    const r = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    const out = [];
    for await (const ws of r)
      for await (const row of ws)
        out.push(row.values.map((v) => (typeof v === 'object' && v ? JSON.stringify(v) : String(v))).join('|'));
    if (!r.model?.sheets) throw new Error('workbook part missed');
    return out.join('\n');
  },
  async sheetjs(file) {
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', dense: true });
    return wb.SheetNames.flatMap((n) =>
      (wb.Sheets[n]['!data'] ?? []).filter(Boolean).map((row) => row.map((c) => c?.w ?? c?.v ?? '').join('|')),
    ).join('\n');
  },
  async ikrar(file) {
    const { readXlsx } = await import(pathToFileURL(path.join(ROOT, 'dist/roster/xlsx.js')).href);
    const { readRoster } = await import(pathToFileURL(path.join(ROOT, 'dist/roster/read.js')).href);
    const sheets = (await readRoster({ file })).sheets ?? [];
    const out = [];
    for (const sheet of sheets) {
      const r = await readXlsx(file, () => ({ push: (cells) => out.push(cells.join('|')) }), sheet);
      if (r.problems.length) throw new Error(r.problems[0].message);
    }
    return out.join('\n');
  },
};

/** How many of `tries` reads of `file` gave something else than the first read (or failed), per reader. */
async function misses(file) {
  const out = {};
  for (const [name, read] of Object.entries(readAll)) {
    let first;
    let missed = 0;
    for (let i = 0; i < tries; i++) {
      const got = await read(file).catch((e) => `failed: ${e.message}`);
      first ??= got;
      if (got !== first || got.startsWith('failed')) missed++;
    }
    out[name] = missed;
  }
  return out;
}

const people = generatePeople(rows);
const files = { xlsx: path.join(dir, `roster-${rows}x${columns}.xlsx`) };
await writeExcelJs(files.xlsx, people);
if (!onlyXlsx) {
  files.ods = path.join(dir, `roster-${rows}.ods`);
  files.xls = path.join(dir, 'roster-65000.xls');
  writeSheetJs(files.ods, people, 'ods');
  writeSheetJs(files.xls, people.slice(0, 65_000), 'biff8');
}

const small = path.join(dir, 'small.xlsx');
{
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Catatan').addRow(['Data contoh']);
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(['NIP', 'NAMA', 'UNIT KERJA', 'GOLRU']);
  for (let i = 0; i < 5; i++) ws.addRow([people[i].nip, people[i].name, 'Dinas A', 'III/a']);
  wb.addWorksheet('Lain').addRow(['x']);
  await wb.xlsx.writeFile(small);
}

console.log(
  `node ${process.version}, ${os.cpus().length} cores; exceljs ${JSON.parse((await import('node:fs')).readFileSync(path.join(ROOT, 'node_modules/exceljs/package.json'), 'utf8')).version}, SheetJS ${XLSX.version}`,
);
const table = [];
for (const [kind, file] of Object.entries(files)) {
  const size = MB(statSync(file).size);
  const readers =
    kind === 'xlsx'
      ? ['exceljs streaming', 'SheetJS (dense)', 'ikrar xlsx reader, parse only', 'ikrar readRoster']
      : ['SheetJS (dense)', 'ikrar readRoster'];
  for (const label of readers) {
    let m;
    try {
      m = measure(label, file);
    } catch (e) {
      console.log(
        `| ${path.basename(file)} (${size} MB) | ${label} | failed: ${
          String(e.message)
            .split('\n')
            .find((l) => /Error|heap/.test(l)) ?? e.message.slice(0, 120)
        } |`,
      );
      continue;
    }
    table.push(
      `| ${path.basename(file)} (${size} MB) | ${label} | ${m.rows} | ${m.s.toFixed(1)} s | ${MB(m.hwm)} MB |`,
    );
    console.log(table.at(-1));
  }
}
const sheetjsSmall = path.join(dir, 'small-sheetjs.xlsx');
{
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['NIP', 'NAMA'],
      [people[0].nip, people[0].name],
    ]),
    'Pegawai',
  );
  writeFileSync(sheetjsSmall, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
}
console.log('');
for (const file of [small, sheetjsSmall, path.join(ROOT, 'examples/roster.xlsx')]) {
  const m = await misses(file);
  console.log(
    `${path.basename(file)}, ${tries} reads each: ${Object.entries(m)
      .map(([k, v]) => `${k} missed ${v} (${((100 * v) / tries).toFixed(1)} %)`)
      .join(', ')}`,
  );
}
rmSync(dir, { recursive: true, force: true });
