/**
 * rekap.pdf: a printable recap titled with the event (no letterhead): totals, a per-unit table with
 * a stacked bar (sudah / belum / perlu diperiksa / belum dipindai), then per unit the people who
 * still must sign, then the pakta integritas still to sign. Drawn with pdfkit directly in the
 * embedded Arimo fonts; deterministic (CreationDate pinned, no clock).
 */
import PDFDocument from 'pdfkit';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Manifest } from '../model/manifest.js';
import { PAPER, MM } from '../model/pagecode.js';
import type { Counts, PersonStatus, TallyPerson, TallyResult } from '../tally/types.js';
import { GENERATOR } from '../version.js';
import { STATUS_WORDS, indonesianDate, percentText, spacedNip, stillToSign } from './format.js';

/** assets/fonts from src/report/ or dist/report/ (both two levels below the package root). */
export const REPORT_FONT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'fonts');

const COLORS: Record<PersonStatus, string> = {
  signed: '#2e7d32',
  unsigned: '#c62828',
  uncertain: '#f9a825',
  'not-scanned': '#9e9e9e',
};

export const PINNED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

type Doc = InstanceType<typeof PDFDocument>;

interface Frame {
  doc: Doc;
  w: number;
  h: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  y: number;
}

function paperSize(paper: string): [number, number] {
  return (PAPER as Record<string, [number, number]>)[paper.toLowerCase()] ?? PAPER.f4;
}

function ensure(f: Frame, height: number, onNewPage?: () => void): void {
  if (f.y + height <= f.bottom) return;
  f.doc.addPage({ size: [f.w, f.h], margin: 0 });
  f.y = f.top;
  onNewPage?.();
}

function font(f: Frame, face: 'R' | 'B' | 'I', size: number): void {
  f.doc.font(face).fontSize(size).fillColor('#000000');
}

function textHeight(f: Frame, text: string, width: number): number {
  return f.doc.heightOfString(text, { width, lineGap: 1 });
}

function put(f: Frame, text: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
  f.doc.text(text, x, y, { width, align, lineGap: 1, lineBreak: true });
}

function stackedBar(f: Frame, c: Counts, x: number, y: number, width: number, height: number): void {
  const doc = f.doc;
  if (c.people === 0) {
    doc.rect(x, y, width, height).lineWidth(0.5).stroke('#9e9e9e');
    return;
  }
  let cx = x;
  const parts: [PersonStatus, number][] = [
    ['signed', c.signed],
    ['unsigned', c.unsigned],
    ['uncertain', c.uncertain],
    ['not-scanned', c.notScanned],
  ];
  for (const [s, n] of parts) {
    if (n === 0) continue;
    const pw = (n / c.people) * width;
    doc.rect(cx, y, pw, height).fill(COLORS[s]);
    cx += pw;
  }
  doc.rect(x, y, width, height).lineWidth(0.5).stroke('#333333');
  doc.fillColor('#000000');
}

function legend(f: Frame): void {
  let x = f.left;
  font(f, 'R', 9);
  for (const s of ['signed', 'unsigned', 'uncertain', 'not-scanned'] as PersonStatus[]) {
    f.doc.rect(x, f.y + 1, 9, 9).fill(COLORS[s]);
    f.doc.fillColor('#000000');
    const label = STATUS_WORDS[s];
    f.doc.text(label, x + 13, f.y + 1, { lineBreak: false });
    x += 13 + f.doc.widthOfString(label) + 16;
  }
  f.y += 16;
}

interface Col {
  title: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

function tableHeader(f: Frame, cols: Col[]): void {
  font(f, 'B', 9);
  const hh = Math.max(...cols.map((c) => textHeight(f, c.title, c.width - 6))) + 6;
  let x = f.left;
  f.doc.rect(f.left, f.y, cols.reduce((s, c) => s + c.width, 0), hh).fill('#e8e8e8');
  f.doc.fillColor('#000000');
  for (const c of cols) {
    put(f, c.title, x + 3, f.y + 3, c.width - 6, c.align);
    x += c.width;
  }
  gridRow(f, cols, hh);
  f.y += hh;
}

function gridRow(f: Frame, cols: Col[], height: number): void {
  const doc = f.doc;
  doc.lineWidth(0.5).strokeColor('#555555');
  let x = f.left;
  for (const c of cols) {
    doc.rect(x, f.y, c.width, height).stroke();
    x += c.width;
  }
  doc.strokeColor('#000000');
}

/** A table whose rows never split; the header repeats on every page. `draw` gets the cell origins. */
function table(f: Frame, cols: Col[], rows: { cells: string[]; bold?: boolean; bar?: Counts }[]): void {
  tableHeader(f, cols);
  for (const row of rows) {
    font(f, row.bold ? 'B' : 'R', 9);
    const rh = Math.max(14, ...row.cells.map((t, i) => textHeight(f, t, cols[i]!.width - 6) + 6));
    ensure(f, rh, () => tableHeader(f, cols));
    font(f, row.bold ? 'B' : 'R', 9);
    let x = f.left;
    row.cells.forEach((t, i) => {
      const c = cols[i]!;
      if (row.bar && i === cols.length - 1) stackedBar(f, row.bar, x + 4, f.y + rh / 2 - 4.5, c.width - 8, 9);
      else put(f, t, x + 3, f.y + 3, c.width - 6, c.align);
      x += c.width;
    });
    gridRow(f, cols, rh);
    f.y += rh;
  }
}

function heading(f: Frame, text: string, size = 11): void {
  font(f, 'B', size);
  const hgt = textHeight(f, text, f.right - f.left);
  ensure(f, hgt + 40);
  put(f, text, f.left, f.y, f.right - f.left);
  f.y += hgt + 4;
}

function countCells(c: Counts): string[] {
  return [String(c.people), String(c.signed), String(c.unsigned), String(c.uncertain), String(c.notScanned), percentText(c.percent)];
}

function peopleTable(f: Frame, list: TallyPerson[]): void {
  const width = f.right - f.left;
  const cols: Col[] = [
    { title: 'No', width: 28, align: 'right' },
    { title: 'Nama', width: width - 28 - 130 - 95, align: 'left' },
    { title: 'NIP', width: 130, align: 'left' },
    { title: 'Keterangan', width: 95, align: 'left' },
  ];
  table(
    f,
    cols,
    list.map((p, i) => ({ cells: [String(i + 1), p.name, spacedNip(p.nip) || '-', STATUS_WORDS[p.status] + (p.manual ? ' (manual)' : '')] })),
  );
}

export async function rekapPdf(result: TallyResult, manifest: Manifest): Promise<Buffer> {
  const [w, h] = paperSize(manifest.paper);
  const doc = new PDFDocument({
    size: [w, h],
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    compress: true,
    info: {
      Title: `Rekapitulasi — ${manifest.event.title}`,
      Author: manifest.event.government,
      Creator: GENERATOR,
      Producer: GENERATOR,
      CreationDate: PINNED_DATE,
      ModDate: PINNED_DATE,
    },
  });
  const bytes = collectPdf(doc);
  doc.registerFont('R', join(REPORT_FONT_DIR, 'Arimo-Regular.ttf'));
  doc.registerFont('B', join(REPORT_FONT_DIR, 'Arimo-Bold.ttf'));
  doc.registerFont('I', join(REPORT_FONT_DIR, 'Arimo-Italic.ttf'));

  const f: Frame = { doc, w, h, left: 30 * MM, right: w - 20 * MM, top: 20 * MM, bottom: h - 25 * MM, y: 20 * MM };
  const width = f.right - f.left;
  const ev = manifest.event;
  const s = result.summary;

  // Title
  font(f, 'B', 14);
  for (const line of ['REKAPITULASI PENANDATANGANAN', ev.title.toUpperCase(), ev.label.toUpperCase()]) {
    const lh = textHeight(f, line, width);
    put(f, line, f.left, f.y, width, 'center');
    f.y += lh + 2;
  }
  font(f, 'R', 11);
  for (const line of [ev.government, indonesianDate(ev.date)]) {
    const lh = textHeight(f, line, width);
    put(f, line, f.left, f.y, width, 'center');
    f.y += lh + 1;
  }
  f.doc.moveTo(f.left, f.y + 4).lineTo(f.right, f.y + 4).lineWidth(1.5).stroke();
  f.y += 14;

  // Totals
  font(f, 'R', 10);
  const totals = [
    `Jumlah pegawai: ${s.people}`,
    `Sudah TTD: ${s.signed} (${percentText(s.percent)})`,
    `Belum TTD: ${s.unsigned}`,
    `Perlu diperiksa: ${s.uncertain}`,
    `Belum dipindai: ${s.notScanned}`,
  ].join('   ·   ');
  const th = textHeight(f, totals, width);
  put(f, totals, f.left, f.y, width);
  f.y += th + 4;
  if (s.pakta.people > 0) {
    const pl = `Pakta integritas: ${s.pakta.signed} dari ${s.pakta.people} sudah ditandatangani (${percentText(s.pakta.percent)})`;
    put(f, pl, f.left, f.y, width);
    f.y += textHeight(f, pl, width) + 4;
  }
  if (s.deklarasi.people > 0) {
    const dl = `Deklarasi: ${s.deklarasi.signed} dari ${s.deklarasi.people} penanda tangan sudah menandatangani (${percentText(s.deklarasi.percent)})`;
    put(f, dl, f.left, f.y, width);
    f.y += textHeight(f, dl, width) + 4;
  }
  const pg = s.pages;
  const pagesLine = `Halaman dipindai: ${pg.scanned} (dikenali ${pg.identified}, ganda ${pg.duplicate}, tidak dikenali ${pg.unidentified}, acara lain ${pg.foreign}, kosong ${pg.blank}); halaman belum dipindai: ${s.missingPages.length}`;
  put(f, pagesLine, f.left, f.y, width);
  f.y += textHeight(f, pagesLine, width) + 10;

  // Per-unit table with bars
  heading(f, 'Rekapitulasi per unit kerja');
  legend(f);
  const barW = 110;
  const numW = 46;
  const pctW = 34;
  const cols: Col[] = [
    { title: 'Unit kerja', width: width - barW - numW * 5 - pctW, align: 'left' },
    { title: 'Jumlah', width: numW, align: 'right' },
    { title: 'Sudah TTD', width: numW, align: 'right' },
    { title: 'Belum TTD', width: numW, align: 'right' },
    { title: 'Perlu diperiksa', width: numW, align: 'right' },
    { title: 'Belum dipindai', width: numW, align: 'right' },
    { title: '%', width: pctW, align: 'right' },
    { title: 'Grafik', width: barW, align: 'left' },
  ];
  table(f, cols, [
    ...s.units.map((u) => ({ cells: [u.unit, ...countCells(u), ''], bar: u })),
    { cells: ['Jumlah', ...countCells(s), ''], bold: true, bar: s },
  ]);
  f.y += 14;

  // Per unit: who still must sign
  heading(f, 'Daftar pegawai yang belum menandatangani lembar ikrar', 12);
  font(f, 'I', 9);
  const note = 'Belum TTD: kotak kosong pada lembar yang dipindai. Perlu diperiksa: kotak diragukan, periksa di folder review/. Belum dipindai: halaman lembar belum dipindai.';
  put(f, note, f.left, f.y, width);
  f.y += textHeight(f, note, width) + 8;
  for (const u of s.units) {
    const list = stillToSign(result.people.filter((p) => p.unit === u.unit));
    heading(f, `${u.unit} — ${list.length ? `${list.length} dari ${u.people} orang belum` : 'semua sudah menandatangani'}`, 10.5);
    if (list.length) peopleTable(f, list);
    f.y += 10;
  }

  // Deklarasi
  if (result.deklarasi.length) {
    const left = stillToSign(result.deklarasi);
    heading(f, 'Penanda tangan deklarasi yang belum menandatangani', 12);
    if (left.length) {
      peopleTable(f, left);
      f.y += 8;
    } else {
      font(f, 'R', 10);
      put(f, 'Semua penanda tangan deklarasi sudah menandatangani.', f.left, f.y, width);
      f.y += 16;
    }
  }

  // Pakta
  if (result.pakta.length) {
    const left = stillToSign(result.pakta);
    heading(f, 'Pakta integritas yang belum ditandatangani', 12);
    if (left.length) {
      const byUnit = new Map<string, TallyPerson[]>();
      for (const p of left) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
      for (const [unit, list] of byUnit) {
        heading(f, unit, 10.5);
        peopleTable(f, list);
        f.y += 8;
      }
    } else {
      font(f, 'R', 10);
      put(f, 'Semua pakta integritas sudah ditandatangani.', f.left, f.y, width);
      f.y += 16;
    }
  }

  // Footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    font(f, 'R', 8);
    const footer = `Rekapitulasi ${ev.title} — dibuat dengan ${GENERATOR}`;
    doc.fillColor('#555555');
    doc.text(footer, f.left, h - 15 * MM, { width: width * 0.7, lineBreak: false });
    doc.text(`Halaman ${i - range.start + 1} dari ${range.count}`, f.left + width * 0.7, h - 15 * MM, { width: width * 0.3, align: 'right', lineBreak: false });
  }
  doc.end();
  return bytes;
}

/** The bytes a pdfkit document writes, once it has ended (call before drawing anything). */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
