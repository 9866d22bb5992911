// Roster readers compared (issue #13): exceljs's streaming XLSX reader (what ikrar uses for .xlsx)
// against SheetJS (@e965/xlsx, what it uses for .xls and .ods), for time and peak memory on large
// files and for how often a read misses part of the workbook.
//
//   npm run build && node bench/roster-readers.mjs [rows=100000] [tries=200]
//
// Each large read runs in a child process of its own, so its peak RSS (VmHWM) is its own. The
// workbooks are generated (bench/gen-roster.mjs: deterministic people, 9 columns); the .xls holds
// 65,000 rows, as BIFF8 holds at most 65,536.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { generatePeople, HEADERS } from './gen-roster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] ?? 100_000);
const tries = Number(process.argv[3] ?? 200);
const dir = mkdtempSync(path.join(os.tmpdir(), 'ikrar-readers-'));
const MB = (b) => (b / 2 ** 20).toFixed(0);

const toRow = (p) => [p.nip, p.name, p.front, p.back, p.sex, p.rank, p.position, p.unit, p.kind];

async function writeExcelJs(file, people) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(HEADERS).commit();
  for (const p of people) ws.addRow(toRow(p)).commit();
  ws.commit();
  await wb.commit();
}

function writeSheetJs(file, people, bookType) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADERS, ...people.map(toRow)]), 'Pegawai');
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
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Reads of a small exceljs-written workbook (3 sheets, as the reliability test) that missed something. */
async function misses(file) {
  let excel = 0;
  let sheet = 0;
  for (let i = 0; i < tries; i++) {
    try {
      const r = new ExcelJS.stream.xlsx.WorkbookReader((await import('node:fs')).createReadStream(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
      const names = [];
      let texts = 0;
      for await (const ws of r) {
        names.push(ws.name);
        for await (const row of ws) for (const v of row.values) if (typeof v === 'string') texts++;
      }
      if (!r.model?.sheets || names.length !== 3 || texts !== 4 + 5 * 4 + 2) excel++;
    } catch {
      excel++;
    }
    const wb = XLSX.read((await import('node:fs')).readFileSync(file), { type: 'buffer', dense: true });
    const texts = wb.SheetNames.flatMap((n) => wb.Sheets[n]['!data'].flat()).filter((c) => c?.t === 's').length;
    if (wb.SheetNames.length !== 3 || texts !== 4 + 5 * 4 + 2) sheet++;
  }
  return { excel, sheet };
}

const people = generatePeople(rows);
const files = {
  xlsx: path.join(dir, `roster-${rows}.xlsx`),
  ods: path.join(dir, `roster-${rows}.ods`),
  xls: path.join(dir, 'roster-65000.xls'),
};
await writeExcelJs(files.xlsx, people);
writeSheetJs(files.ods, people, 'ods');
writeSheetJs(files.xls, people.slice(0, 65_000), 'biff8');

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

console.log(`node ${process.version}, ${os.cpus().length} cores; exceljs ${JSON.parse((await import('node:fs')).readFileSync(path.join(ROOT, 'node_modules/exceljs/package.json'), 'utf8')).version}, SheetJS ${XLSX.version}`);
const table = [];
for (const [kind, file] of Object.entries(files)) {
  const size = MB(statSync(file).size);
  const readers = kind === 'xlsx' ? ['exceljs streaming', 'SheetJS (dense)', 'ikrar readRoster'] : ['SheetJS (dense)', 'ikrar readRoster'];
  for (const label of readers) {
    const m = measure(label, file);
    table.push(`| ${path.basename(file)} (${size} MB) | ${label} | ${m.rows} | ${m.s.toFixed(1)} s | ${MB(m.hwm)} MB |`);
    console.log(table.at(-1));
  }
}
const m = await misses(small);
console.log(`\nsmall exceljs-written workbook, ${tries} reads: exceljs streaming missed a part ${m.excel} times (${((100 * m.excel) / tries).toFixed(1)} %), SheetJS ${m.sheet} times`);
rmSync(dir, { recursive: true, force: true });
