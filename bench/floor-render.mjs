// The render FLOOR: the least work pdfkit can do to produce the same signing-sheet pages as
// `ikrar render --only sheets` — the same rows, the same embedded fonts (assets/fonts), grid lines,
// zig-zag numbers, registration marks and QR page codes drawn as vector rectangles — with fixed
// geometry and no templating, layout engine, validation or manifest. Like render, it writes the
// combined lembar-ttd.pdf and one file per unit in lembar-ttd/.
//
//   node bench/floor-render.mjs ROSTER.csv OUTDIR [f4|a4|letter]
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { readBenchRoster } from './gen-roster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FONT_R = path.join(ROOT, 'assets', 'fonts', 'Arimo-Regular.ttf');
const FONT_B = path.join(ROOT, 'assets', 'fonts', 'Arimo-Bold.ttf');
const { pageCodeFor, pageFurniture, qrSymbolSquare, PAPER, MM } = await import(
  pathToUrl(path.join(ROOT, 'dist', 'model', 'pagecode.js'))
);

function pathToUrl(p) {
  return new URL('file://' + (p.startsWith('/') ? '' : '/') + p.replace(/\\/g, '/')).href;
}

const EVENT_CODE = 'BENCH2';
const LOGO = path.join(ROOT, 'examples', 'logo.png');
const BODY = 9;
const ROW_H = 32; // ≈ 1.13 cm
const HEAD_H = 24;
const ROWS_FULL = 22;
const ROWS_FIRST = 16;
const SIGN_BLOCK = 130;

function spacedNip(n) {
  return n.length === 18 ? `${n.slice(0, 8)} ${n.slice(8, 14)} ${n.slice(14, 15)} ${n.slice(15)}` : n || '-';
}

function wrap(doc, text, width, maxLines) {
  const words = text.split(' ');
  const lines = [];
  let cur = '';
  for (const w of words) {
    const t = cur ? cur + ' ' + w : w;
    if (cur && doc.widthOfString(t) > width) {
      lines.push(cur);
      cur = w;
      if (lines.length === maxLines) return lines;
    } else cur = t;
  }
  if (cur && lines.length < maxLines) lines.push(cur);
  return lines;
}

/** Pages of one unit: how many rows go on each page (first page carries the letterhead; the last leaves room for the officer's block). */
export function unitPages(n) {
  const pages = [];
  let left = n;
  let cap = ROWS_FIRST;
  while (left > 0) {
    const take = Math.min(left, cap);
    pages.push(take);
    left -= take;
    cap = ROWS_FULL;
  }
  const lastCap = pages.length === 1 ? ROWS_FIRST : ROWS_FULL;
  if (pages[pages.length - 1] > lastCap - Math.ceil(SIGN_BLOCK / ROW_H)) pages.push(0); // block on its own page
  return pages;
}

function drawFurniture(doc, w, h, code) {
  const f = pageFurniture(w, h);
  doc.fillColor('black');
  for (const [cx, cy] of f.marks) doc.rect(cx - f.markSize / 2, cy - f.markSize / 2, f.markSize, f.markSize);
  doc.fill();
  const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const data = qr.modules.data;
  for (const square of f.qrs) {
    // the symbol inside its square, quiet zone and all, as src/draw/pdf.ts places it
    const [qx, qy, qs] = qrSymbolSquare(square, size);
    const m = qs / size;
    for (let y = 0; y < size; y++) {
      let x = 0;
      while (x < size) {
        if (!data[y * size + x]) {
          x++;
          continue;
        }
        let e = x;
        while (e < size && data[y * size + e]) e++;
        doc.rect(qx + x * m, qy + y * m, (e - x) * m, m);
        x = e;
      }
    }
  }
  doc.fill();
  doc.font('R').fontSize(7).text(code, f.codeText[0], f.codeText[1], { lineBreak: false });
}

function drawUnit(doc, paper, unit, rows, serial0) {
  const [w, h] = PAPER[paper];
  const left = 30 * MM;
  const right = w - 20 * MM;
  const top = 20 * MM;
  const width = right - left;
  const cols = [22, 0.24, 0.24, 0.1, 0.22]; // No fixed, then fractions of the rest before the signature column
  const signW = 0.23 * (width - cols[0]);
  const rest = width - cols[0] - signW;
  const xs = [left, left + cols[0]];
  for (let i = 1; i < cols.length; i++) xs.push(xs[i] + (cols[i] / 0.8) * rest);
  xs.push(right);
  const pages = unitPages(rows.length);
  let r = 0;
  let serial = serial0;
  for (let p = 0; p < pages.length; p++) {
    doc.addPage({ size: [w, h], margin: 0 });
    // the page code binds the page's boxes, as render's does (pageCodeFor digests them)
    const half = (right - xs[5]) / 2;
    const boxes = [];
    for (let i = 0; i < pages[p]; i++) {
      const num = r + i + 1;
      const row = rows[r + i];
      boxes.push({
        key: row.nip,
        nip: row.nip,
        number: num,
        side: num % 2 ? 'left' : 'right',
        rect: [xs[5] + (num % 2 ? 0 : half), top + i * ROW_H, half, ROW_H],
      });
    }
    drawFurniture(doc, w, h, pageCodeFor(EVENT_CODE, serial++, { document: 'sheets', unit, size: [w, h], boxes }));
    let y = top;
    if (p === 0) {
      doc.image(LOGO, left, y, { width: 48, height: 48 }); // the letterhead emblem, as the bench event has one
      doc
        .font('B')
        .fontSize(14)
        .text('PEMERINTAH KABUPATEN SUKAMARA', left + 60, y, { lineBreak: false });
      doc
        .fontSize(12)
        .text('BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA', left + 60, y + 18, { lineBreak: false });
      doc
        .font('R')
        .fontSize(8)
        .text('Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172', left + 60, y + 34, { lineBreak: false });
      doc
        .lineWidth(2)
        .moveTo(left, y + 48)
        .lineTo(right, y + 48)
        .stroke();
      y += 60;
      doc.font('B').fontSize(12).text('DAFTAR HADIR APEL IKRAR NETRALITAS ASN', left, y, { lineBreak: false });
      doc.text('PADA PEMILIHAN SERENTAK TAHUN 2024', left, y + 15, { lineBreak: false });
      doc.font('R').fontSize(10);
      doc.text('Hari/Tanggal : Senin, 4 November 2024', left, y + 36, { lineBreak: false });
      doc.text('Waktu           : 07.30 WIB s.d. selesai', left, y + 49, { lineBreak: false });
      doc.text('Tempat          : Halaman Kantor Bupati Sukamara', left, y + 62, { lineBreak: false });
      y += 80;
    }
    doc.font('B').fontSize(10).text(`Unit Kerja: ${unit}`, left, y, { lineBreak: false });
    y += 16;
    const n = pages[p];
    doc.lineWidth(0.75);
    if (n > 0) {
      // header row, repeated on every page that has rows
      doc.rect(left, y, width, HEAD_H).stroke();
      doc.font('B').fontSize(BODY);
      const heads = ['No', 'Nama', 'NIP', 'Gol.', 'Jabatan', 'Tanda Tangan'];
      for (let c = 0; c < heads.length; c++) doc.text(heads[c], xs[c] + 3, y + 8, { lineBreak: false });
      y += HEAD_H;
    }
    const tableTop = y;
    doc.font('R').fontSize(BODY);
    for (let i = 0; i < n; i++, r++) {
      const row = rows[r];
      const num = r + 1;
      const full = [row.front, row.name].filter(Boolean).join(' ') + (row.back ? `, ${row.back}` : '');
      doc.text(String(num), xs[0] + 3, y + 4, { lineBreak: false });
      const nameLines = wrap(doc, full, xs[2] - xs[1] - 6, 3);
      for (let l = 0; l < nameLines.length; l++)
        doc.text(nameLines[l], xs[1] + 3, y + 4 + l * 10, { lineBreak: false });
      doc.text(spacedNip(row.nip), xs[2] + 3, y + 4, { lineBreak: false });
      doc.text(row.rank || '-', xs[3] + 3, y + 4, { lineBreak: false });
      const posLines = wrap(doc, row.position, xs[5] - xs[4] - 6, 3);
      for (let l = 0; l < posLines.length; l++) doc.text(posLines[l], xs[4] + 3, y + 4 + l * 10, { lineBreak: false });
      doc.text(`${num}.`, xs[5] + 3 + (num % 2 === 0 ? half : 0), y + 4, { lineBreak: false });
      y += ROW_H;
      doc.moveTo(left, y).lineTo(right, y);
    }
    if (n > 0) {
      for (let c = 0; c < xs.length; c++) doc.moveTo(xs[c], tableTop).lineTo(xs[c], y);
      const mid = (xs[5] + right) / 2;
      doc.moveTo(mid, tableTop).lineTo(mid, y);
      doc.stroke();
    }
    if (p === pages.length - 1) {
      const bx = left + width * 0.55;
      y += 20;
      doc.font('R').fontSize(11).text('Sukamara, 4 November 2024', bx, y, { lineBreak: false });
      doc.text('KEPALA BADAN KEPEGAWAIAN DAN', bx, y + 14, { lineBreak: false });
      doc.text('PENGEMBANGAN SUMBER DAYA MANUSIA,', bx, y + 28, { lineBreak: false });
      doc.font('B').text('Drs. Ahmad Santoso, M.Si.', bx, y + 100, { underline: true, lineBreak: false });
      doc.font('R').text('Pembina Utama Muda', bx, y + 114, { lineBreak: false });
      doc.text('NIP. 19681104 199303 1 009', bx, y + 128, { lineBreak: false });
    }
    doc
      .font('R')
      .fontSize(8)
      .text(`${unit} — Halaman ${p + 1} dari ${pages.length}`, left + 60 * MM, h - 25 * MM + 6, { lineBreak: false });
  }
  return serial;
}

function newDoc(file) {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { CreationDate: new Date(Date.UTC(2024, 10, 4)), Producer: 'floor', Creator: 'floor' },
  });
  doc.registerFont('R', FONT_R);
  doc.registerFont('B', FONT_B);
  const stream = createWriteStream(file);
  doc.pipe(stream);
  const done = new Promise((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  return { doc, done };
}

function safeName(s) {
  return s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** Draws the signing sheets of every unit: combined file plus one file per unit. Returns the page count of the combined file. */
export async function floorRender(rosterFile, outDir, paper = 'f4') {
  const people = readBenchRoster(rosterFile);
  const byUnit = new Map();
  for (const p of people) {
    if (!byUnit.has(p.unit)) byUnit.set(p.unit, []);
    byUnit.get(p.unit).push(p);
  }
  mkdirSync(path.join(outDir, 'lembar-ttd'), { recursive: true });
  const all = newDoc(path.join(outDir, 'lembar-ttd.pdf'));
  let serial = 1;
  let pages = 0;
  const pending = [all.done];
  for (const [unit, rows] of byUnit) {
    const start = serial;
    serial = drawUnit(all.doc, paper, unit, rows, start);
    pages += serial - start;
    const one = newDoc(path.join(outDir, 'lembar-ttd', `${safeName(unit)}.pdf`));
    drawUnit(one.doc, paper, unit, rows, start);
    one.doc.end();
    await one.done;
  }
  all.doc.end();
  await Promise.all(pending);
  return { pages };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [roster, out, paper] = process.argv.slice(2);
  const { pages } = await floorRender(path.resolve(roster), path.resolve(out ?? 'floor-out'), paper ?? 'f4');
  console.log(`${pages} pages`);
}
