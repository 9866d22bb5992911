/**
 * A realistic set of synthetic scans for tally tests (test-only): documents rendered by the real
 * pipeline (renderInputs), then printed, "signed" and scanned by the simulator in every way an
 * office does it — scanner PDFs with embedded JPEG pages, a CCITT TIFF, JPEGs, PNGs, phone photos,
 * upside down and sideways, a blank back page, a page of another event, a page scanned twice.
 * Every box's ground truth is returned.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { renderInputs, type Inputs } from '../../src/render/render.js';
import type { Manifest, ManifestPage } from '../../src/model/manifest.js';
import type { Person } from '../../src/model/person.js';
import { makeEvent, makePerson } from '../render/fixture.js';
import { simulate, type Effects, type Marking, type SimPage, type Truth } from './simulate.js';

export interface ScanTruth {
  /** File (as it will be passed to the tally) and 1-based page. */
  file: string;
  page: number;
  /** 'identified' pages carry the code and per-box truth. */
  expect: 'identified' | 'blank' | 'foreign';
  code?: string;
  truth?: Map<string, Truth>;
  describe: string;
}

export interface ScanSet {
  dir: string;
  manifestFile: string;
  manifest: Manifest;
  /** Scan files written (in dir/scans). */
  files: string[];
  truths: ScanTruth[];
}

/** A roster of `n` people in three units; the heads of unit sign a pakta. */
export function makeRoster(n: number, prefix = 'Pegawai'): Person[] {
  const units = ['Dinas Pendidikan', 'Dinas Kesehatan', 'Badan Keuangan & Aset Daerah'];
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const unit = units[i < n * 0.5 ? 0 : i < n * 0.8 ? 1 : 2]!;
    const head = i === 0 || i === Math.ceil(n * 0.5) || i === Math.ceil(n * 0.8);
    people.push(
      makePerson({
        name: `${prefix} ${['Budi', 'Siti', 'Yohana', 'Ahmad', 'Dewi', 'Rudi', 'Maria', 'Hendra'][i % 8]} ${i + 1}`,
        unit,
        position: head ? `Kepala ${unit}` : i % 5 === 0 ? 'Pengelola Layanan Operasional pada Subbagian Umum dan Kepegawaian' : 'Guru Ahli Pertama',
        nip: `19860926${String(201505 + (i % 7)).padStart(6, '0')}1${String(100 + i).padStart(3, '0')}`,
      }),
    );
  }
  return people;
}

export async function renderEvent(out: string, people: Person[], code = 'K7QD2M', title?: string): Promise<Manifest> {
  const inputs: Inputs = { event: makeEvent({ code, ...(title ? { title } : {}) }), people, rosterHash: 'a'.repeat(64), warnings: [] };
  const r = await renderInputs(inputs, { out, only: ['sheets', 'pakta'] });
  return r.manifest;
}

/** A scanner PDF: each page one embedded JPEG filling the page (as office scanners write them). */
export async function scannerPdf(pages: Buffer[], dpi: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  for (const img of pages) {
    const meta = await sharp(img).metadata();
    const jpeg = meta.format === 'jpeg' ? img : await sharp(img).jpeg({ quality: 85 }).toBuffer();
    const w = (meta.width! / dpi) * 72;
    const h = (meta.height! / dpi) * 72;
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(jpeg, 0, 0, { width: w, height: h });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A blank back page as a scanner delivers it: grey paper with noise, as a JPEG. */
export async function blankPage(wPx: number, hPx: number, seed: number): Promise<Buffer> {
  const data = Buffer.alloc(wPx * hPx);
  let a = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    data[i] = 232 + ((a >>> 24) % 16);
  }
  return sharp(data, { raw: { width: wPx, height: hPx, channels: 1 } }).blur(0.8).jpeg({ quality: 70 }).toBuffer();
}

const MARK: Marking = { signed: 0.6, ticks: 0.08, dots: 0.08, spill: true, stamps: true };

/**
 * Build the set. `size` 'small' is 4 pages (for CLI tests), 'full' about a dozen (accuracy).
 */
export async function buildScanSet(dir: string, size: 'small' | 'full' = 'full'): Promise<ScanSet> {
  const renderDir = path.join(dir, 'out');
  const people = makeRoster(size === 'full' ? 90 : 30);
  const manifest = await renderEvent(renderDir, people);
  const sheetsPdf = path.join(renderDir, 'lembar-ttd.pdf');
  const paktaPdf = path.join(renderDir, 'pakta-integritas.pdf');
  const scans = path.join(dir, 'scans');
  mkdirSync(scans, { recursive: true });
  const sheets = manifest.pages.filter((p) => p.document === 'sheets');
  const pakta = manifest.pages.filter((p) => p.document === 'pakta');
  const truths: ScanTruth[] = [];
  const files: string[] = [];

  const sim = async (seed: number, page: ManifestPage, fx: Effects, mk: Marking = MARK): Promise<SimPage> =>
    simulate(seed, page.document === 'pakta' ? paktaPdf : sheetsPdf, page.page, page, fx, mk);
  const save = (name: string, bytes: Buffer) => {
    const f = path.join(scans, name);
    writeFileSync(f, bytes);
    files.push(f);
    return f;
  };
  const ident = (file: string, page: number, s: SimPage) => truths.push({ file, page, expect: 'identified', code: s.code, truth: s.truth, describe: s.describe });

  if (size === 'small') {
    // sheets p1 as a JPEG, p2 as a PNG, a pakta as a phone photo; the rest not scanned.
    const a = await sim(11, sheets[0]!, { kind: 'scanner', dpi: 150, output: 'jpeg' });
    ident(save('01-scan.jpg', a.bytes), 1, a);
    const b = await sim(14, sheets[1]!, { kind: 'scanner', dpi: 150, output: 'png', quarter: 2 });
    ident(save('02-scan.png', b.bytes), 1, b);
    const c = await sim(13, pakta[0]!, { kind: 'phone', dpi: 150 });
    ident(save('03-pakta-foto.jpg', c.bytes), 1, c);
    return { dir, manifestFile: path.join(renderDir, 'manifest.json'), manifest, files, truths };
  }

  // 1. A scanner PDF with embedded JPEG pages: sheets p1, p2 (skewed, noisy), then a blank back.
  {
    const p1 = await sim(101, sheets[0]!, { kind: 'scanner', dpi: 150, output: 'jpeg' });
    const p2 = await sim(102, sheets[1]!, { kind: 'scanner', dpi: 150, output: 'jpeg' });
    const meta = await sharp(p1.bytes).metadata();
    const back = await blankPage(meta.width!, meta.height!, 7);
    const f = save('01-scanner.pdf', await scannerPdf([p1.bytes, p2.bytes, back], 150));
    ident(f, 1, p1);
    ident(f, 2, p2);
    truths.push({ file: f, page: 3, expect: 'blank', describe: 'blank back page' });
  }
  // 2. A fax-mode scanner: 1-bit CCITT G4 TIFF at 200 dpi.
  {
    const s = await sim(103, sheets[2]!, { kind: 'scanner', dpi: 200, output: 'dither' });
    ident(save('02-fax.tif', s.bytes), 1, s);
  }
  // 3. Upside down on the scanner glass (JPEG), and sideways (PNG).
  {
    const s = await sim(104, sheets[3]!, { kind: 'scanner', dpi: 150, output: 'jpeg', quarter: 2 });
    ident(save('03-upside-down.jpg', s.bytes), 1, s);
    const t = await sim(105, sheets[4]!, { kind: 'scanner', dpi: 150, output: 'png', quarter: 1 });
    ident(save('04-sideways.png', t.bytes), 1, t);
  }
  // 4. Phone photos: perspective, shadow, uneven light, blur, JPEG.
  {
    const s = await sim(106, sheets[5]!, { kind: 'phone', dpi: 150 });
    ident(save('05-phone.jpg', s.bytes), 1, s);
    const t = await sim(107, pakta[0]!, { kind: 'phone', dpi: 150, quarter: 2 });
    ident(save('06-pakta-phone.jpg', t.bytes), 1, t);
    const u = await sim(108, pakta[1]!, { kind: 'scanner', dpi: 200, output: 'jpeg' });
    ident(save('07-pakta-scan.jpg', u.bytes), 1, u);
  }
  // 5. The same paper as 1/p1 scanned again (same ink: same marking seed), at 200 dpi.
  {
    const s = await sim(101, sheets[0]!, { kind: 'scanner', dpi: 200, output: 'png' });
    ident(save('08-again.png', s.bytes), 1, s);
  }
  // 6. A page from another event (different event code).
  {
    const otherDir = path.join(dir, 'other');
    const other = await renderEvent(otherDir, makeRoster(12, 'Lain'), 'QQ2R7M', 'Apel Lain');
    const op = other.pages.find((p) => p.document === 'sheets')!;
    const s = await simulate(109, path.join(otherDir, "lembar-ttd.pdf"), op.page, op, { kind: 'scanner', dpi: 150, output: 'jpeg' }, MARK);
    const f = save('09-other-event.jpg', s.bytes);
    truths.push({ file: f, page: 1, expect: 'foreign', code: s.code, describe: 'page of another event' });
  }
  return { dir, manifestFile: path.join(renderDir, 'manifest.json'), manifest, files, truths };
}
