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
  /** Which accuracy targets the page is held to (identified pages of the full set). */
  category?: 'scanner' | 'phone';
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
        position: head
          ? `Kepala ${unit}`
          : i % 5 === 0
            ? 'Pengelola Layanan Operasional pada Subbagian Umum dan Kepegawaian'
            : 'Guru Ahli Pertama',
        nip: `19860926${String(201505 + (i % 7)).padStart(6, '0')}1${String(100 + i).padStart(3, '0')}`,
      }),
    );
  }
  return people;
}

export async function renderEvent(out: string, people: Person[], code = 'K7QD2M', title?: string): Promise<Manifest> {
  const inputs: Inputs = {
    event: makeEvent({ code, ...(title ? { title } : {}) }),
    people,
    rosterHash: 'a'.repeat(64),
    warnings: [],
  };
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
  return sharp(data, { raw: { width: wPx, height: hPx, channels: 1 } })
    .blur(0.8)
    .jpeg({ quality: 70 })
    .toBuffer();
}

const MARK: Marking = { signed: 0.6, ticks: 0.08, dots: 0.08, spill: true, stamps: true };

/**
 * Build the set. `size` 'small' is 3 pages (for CLI tests); 'full' is the accuracy set: 42 pages
 * (30 scanner-like, 12 phone photos) plus a blank back, a duplicate and a foreign page.
 */
export async function buildScanSet(
  dir: string,
  size: 'small' | 'full' = 'full',
  opts: { seed?: number } = {},
): Promise<ScanSet> {
  const renderDir = path.join(dir, 'out');
  const people = makeRoster(size === 'full' ? 900 : 30);
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
  const ident = (file: string, page: number, s: SimPage) =>
    truths.push({
      file,
      page,
      expect: 'identified',
      code: s.code,
      truth: s.truth,
      describe: s.describe,
      ...(s.category ? { category: s.category } : {}),
    });

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

  // The full set: 30 scanner-like pages and 12 phone photos, each a different sheet page with its
  // own marking seed, plus a blank back, a page scanned twice and a page of another event. Seeds and
  // settings are fixed, so the set (and the rates measured on it) is the same on every run.
  const base = opts.seed ?? 1000;
  let n = 0;
  const seed = () => base + n++;
  const nextSheet = (() => {
    let i = 0;
    return () => {
      const p = sheets[i++];
      if (!p) throw new Error('scan set: the roster gives too few sheet pages');
      return p;
    };
  })();
  const scanner = async (dpi: number, output: NonNullable<Effects['output']>, quarter = 0, page = nextSheet()) => {
    const s = await sim(seed(), page, { kind: 'scanner', dpi, output, quarter });
    s.category = 'scanner';
    return s;
  };
  const single = async (name: string, s: SimPage) => ident(save(`${name}.${s.ext}`, s.bytes), 1, s);

  // 1. A scanner PDF at 150 dpi (embedded JPEG pages, quality 50–90), with a blank back page.
  {
    const pages: SimPage[] = [];
    for (let i = 0; i < 6; i++) pages.push(await scanner(150, 'jpeg', i === 4 ? 2 : 0));
    const meta = await sharp(pages[0]!.bytes).metadata();
    const back = await blankPage(meta.width!, meta.height!, 7);
    const f = save('01-scanner.pdf', await scannerPdf([...pages.map((p) => p.bytes), back], 150));
    for (const [i, p] of pages.entries()) ident(f, i + 1, p);
    truths.push({ file: f, page: 7, expect: 'blank', describe: 'blank back page' });
  }
  // 2. A scanner PDF at 200 dpi.
  {
    const pages = [await scanner(200, 'jpeg'), await scanner(200, 'jpeg', 2), await scanner(200, 'jpeg')];
    const f = save(
      '02-scanner-200.pdf',
      await scannerPdf(
        pages.map((p) => p.bytes),
        200,
      ),
    );
    for (const [i, p] of pages.entries()) ident(f, i + 1, p);
  }
  // 3. Fax-mode scanners: 1-bit dithered CCITT G4 TIFFs at 200 and 300 dpi (at 150 dpi a 1-bit QR
  //    is at the limit of what can be read: see the README's scanner settings).
  await single('03-fax-200d', await scanner(200, 'dither'));
  await single('03-fax-200a', await scanner(200, 'dither'));
  await single('03-fax-200b', await scanner(200, 'dither', 2));
  await single('03-fax-200c', await scanner(200, 'dither'));
  await single('03-fax-300', await scanner(300, 'dither'));
  // 4. Single JPEGs: upright, upside down and sideways on the glass, 150–300 dpi; a pakta page.
  await single('04-jpeg-150a', await scanner(150, 'jpeg', 2));
  await single('04-jpeg-150b', await scanner(150, 'jpeg', 1));
  await single('04-jpeg-150c', await scanner(150, 'jpeg'));
  await single('04-jpeg-150d', await scanner(150, 'jpeg', 3));
  await single('04-jpeg-150e', await scanner(150, 'jpeg'));
  await single('04-jpeg-150f', await scanner(150, 'jpeg'));
  await single('04-jpeg-150g', await scanner(150, 'jpeg', 2));
  await single('04-jpeg-200a', await scanner(200, 'jpeg'));
  await single('04-jpeg-200b', await scanner(200, 'jpeg', 2));
  await single('04-jpeg-200c', await scanner(200, 'jpeg'));
  await single('04-jpeg-300', await scanner(300, 'jpeg'));
  await single('04-pakta-200', await scanner(200, 'jpeg', 0, pakta[0]!));
  // 5. PNGs (lossless, still grey noise and blur).
  await single('05-png-150a', await scanner(150, 'png'));
  await single('05-png-150b', await scanner(150, 'png', 2));
  await single('05-png-200', await scanner(200, 'png', 1));
  await single('05-pakta-png-150', await scanner(150, 'png', 0, pakta[1]!));
  // 6. Phone photos: perspective 0–20°, uneven light and shadow, blur, JPEG; some upside down or
  //    sideways; one pakta page.
  const tilts = [3, 6, 8, 10, 12, 14, 15, 16, 17, 18, 19, 20];
  for (const [i, tiltDeg] of tilts.entries()) {
    const page = i === 5 ? pakta[2]! : nextSheet();
    const s = await sim(seed(), page, {
      kind: 'phone',
      dpi: i % 3 === 2 ? 200 : 150,
      quarter: i === 3 || i === 9 ? 2 : i === 7 ? 1 : 0,
      tiltDeg,
    });
    s.category = 'phone';
    await single(`06-phone-${String(i + 1).padStart(2, '0')}`, s);
  }
  // 7. The same paper as 01-scanner.pdf page 1 scanned again (same ink: same marking seed), 200 dpi.
  {
    const s = await sim(base, sheets[0]!, { kind: 'scanner', dpi: 200, output: 'png' });
    s.category = 'scanner';
    ident(save('07-again.png', s.bytes), 1, s);
  }
  // 8. A page from another event (different event code).
  {
    const otherDir = path.join(dir, 'other');
    const other = await renderEvent(otherDir, makeRoster(12, 'Lain'), 'QQ2R7M', 'Apel Lain');
    const op = other.pages.find((p) => p.document === 'sheets')!;
    const s = await simulate(
      109,
      path.join(otherDir, 'lembar-ttd.pdf'),
      op.page,
      op,
      { kind: 'scanner', dpi: 150, output: 'jpeg' },
      MARK,
    );
    const f = save('08-other-event.jpg', s.bytes);
    truths.push({ file: f, page: 1, expect: 'foreign', code: s.code, describe: 'page of another event' });
  }
  return { dir, manifestFile: path.join(renderDir, 'manifest.json'), manifest, files, truths };
}
