// Headless Chromium printing the equivalent signing sheet: one HTML file, one table per unit with a
// repeated <thead>, rows that do not split, the same rows and the same font (Arimo), F4 pages,
// marks as fixed-position squares
// (repeated on every printed page, at the corners of the text area). Chromium cannot place a
// different QR code per printed page without a layout pass of its own, so no QR codes are drawn:
// this favours Chromium slightly.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readBenchRoster } from './gen-roster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The chromium executable on PATH (Debian's `chromium`, or `chromium-browser`), or null. */
export function findChromium() {
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim().split(/\r?\n/)[0];
  }
  return null;
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const spacedNip = (n) =>
  n.length === 18 ? `${n.slice(0, 8)} ${n.slice(8, 14)} ${n.slice(14, 15)} ${n.slice(15)}` : n || '-';

export function writeSheetHtml(rosterFile, htmlFile) {
  const people = readBenchRoster(rosterFile);
  const byUnit = new Map();
  for (const p of people) {
    if (!byUnit.has(p.unit)) byUnit.set(p.unit, []);
    byUnit.get(p.unit).push(p);
  }
  const font = (f) => pathToFileURL(path.join(ROOT, 'assets', 'fonts', f)).href;
  const parts = [];
  parts.push(`<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@font-face { font-family: Arimo; src: url("${font('Arimo-Regular.ttf')}"); }
@font-face { font-family: Arimo; font-weight: bold; src: url("${font('Arimo-Bold.ttf')}"); }
@page { size: 215mm 330mm; margin: 20mm 20mm 25mm 30mm; }
body { font-family: Arimo, sans-serif; font-size: 9pt; margin: 0; }
.unit { break-before: page; }
.unit:first-of-type { break-before: auto; }
.kop { border-bottom: 2pt solid black; margin-bottom: 8pt; }
.kop .l1 { font: bold 14pt Arimo; } .kop .l2 { font: bold 12pt Arimo; } .kop .l3 { font-size: 8pt; }
h1 { font-size: 12pt; margin: 4pt 0; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; height: 32pt; }
th, td { border: 0.75pt solid black; vertical-align: top; padding: 2pt 3pt; }
td.s { width: 11%; }
th:nth-child(3) { width: 21%; } th:nth-child(1) { width: 5%; }
.mark { position: fixed; width: 5mm; height: 5mm; background: black; }
.sign { break-inside: avoid; margin: 16pt 0 0 55%; font-size: 11pt; }
</style></head><body>
<div class="mark" style="top:0;left:0"></div><div class="mark" style="top:0;right:0"></div>
<div class="mark" style="bottom:0;left:0"></div><div class="mark" style="bottom:0;right:0"></div>
`);
  for (const [unit, rows] of byUnit) {
    parts.push(`<section class="unit"><div class="kop"><div class="l1">PEMERINTAH KABUPATEN SUKAMARA</div>
<div class="l2">BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA</div><div class="l3">Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172</div></div>
<h1>DAFTAR HADIR APEL IKRAR NETRALITAS ASN<br>PADA PEMILIHAN SERENTAK TAHUN 2024</h1>
<div>Hari/Tanggal : Senin, 4 November 2024<br>Waktu : 07.30 WIB s.d. selesai<br>Tempat : Halaman Kantor Bupati Sukamara</div>
<p><b>Unit Kerja: ${esc(unit)}</b></p>
<table><thead><tr><th>No</th><th>Nama</th><th>NIP</th><th>Gol.</th><th>Jabatan</th><th colspan="2">Tanda Tangan</th></tr></thead><tbody>
`);
    rows.forEach((r, i) => {
      const n = i + 1;
      const full = [r.front, r.name].filter(Boolean).join(' ') + (r.back ? `, ${r.back}` : '');
      parts.push(
        `<tr><td>${n}</td><td>${esc(full)}</td><td>${spacedNip(r.nip)}</td><td>${esc(r.rank || '-')}</td><td>${esc(r.position)}</td>` +
          `<td class="s">${n % 2 ? n + '.' : ''}</td><td class="s">${n % 2 ? '' : n + '.'}</td></tr>\n`,
      );
    });
    parts.push(
      `</tbody></table><div class="sign">Sukamara, 4 November 2024<br>KEPALA BADAN KEPEGAWAIAN DAN<br>PENGEMBANGAN SUMBER DAYA MANUSIA,<br><br><br><br><br><b><u>Drs. Ahmad Santoso, M.Si.</u></b><br>Pembina Utama Muda<br>NIP. 19681104 199303 1 009</div></section>\n`,
    );
  }
  parts.push('</body></html>\n');
  writeFileSync(htmlFile, parts.join(''));
  return htmlFile;
}

/** Prints htmlFile to pdfFile with headless Chromium; resolves with the wall time in ms. onSpawn(pid) lets the caller watch the process. */
export function chromiumPrint(exe, htmlFile, pdfFile, timeoutMs = 600_000, onSpawn = () => {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ikrar-bench-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-pdf-header-footer',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    onSpawn(child.pid);
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      rmSync(profile, { recursive: true, force: true });
      if (code !== 0 || !existsSync(pdfFile)) reject(new Error(`chromium exited ${code}: ${err.slice(-800)}`));
      else resolve(ms);
    });
  });
}

/** Counts the pages of a PDF written by pdfkit or Chromium (page objects; no object streams assumed, else /Count). */
export function countPdfPages(file) {
  const s = readFileSync(file).toString('latin1');
  const n = (s.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  if (n > 0) return n;
  let max = 0;
  for (const m of s.matchAll(/\/Count\s+(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}
