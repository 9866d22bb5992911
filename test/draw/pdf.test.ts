import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_DIR, fontFiles, FONT_STYLES, loadMetrics } from '../../src/draw/fonts.js';
import { imageSizeOf, readImageSize } from '../../src/draw/images.js';
import { PdfWriter } from '../../src/draw/pdf.js';
import { qrMatrix } from '../../src/model/qrcode.js';
import { layoutDocument } from '../../src/layout/layout.js';
import { pageSpec } from '../../src/layout/pages.js';
import { PAPER, QR_QUIET } from '../../src/model/pagecode.js';
import { LOGO, paktaDoc, sheetsDoc, scriptDoc, rows } from '../layout/fixtures.js';
import { renderPdf } from './render.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ikrar-draw-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pdftotext = (file: string, page?: number): string =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], {
    encoding: 'utf8',
  });
const pdfinfo = (file: string): Record<string, string> => {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const rec: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) rec[m[1]!.trim()] = m[2]!.trim();
  }
  return rec;
};
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('fonts', () => {
  it('finds the four faces of both families in assets/fonts', () => {
    for (const font of ['sans', 'serif'] as const) {
      const files = fontFiles(font);
      for (const style of FONT_STYLES) {
        expect(files[style].startsWith(FONT_DIR)).toBe(true);
        expect(existsSync(files[style])).toBe(true);
      }
    }
  });

  it('measures exactly what pdfkit draws', () => {
    const samples = [
      "Ma'ruf & Sons <Jr>",
      'Dr. H. Kaspinor, S.E., M.Si.',
      'NIP. 19681104 199303 1 009',
      'fi fl Tk. I (III/b)  dua  spasi',
      'Halaman 12 dari 30',
    ];
    for (const font of ['sans', 'serif'] as const) {
      const m = loadMetrics(font);
      const doc = new PDFDocument({ autoFirstPage: false, font: fontFiles(font).regular });
      for (const style of FONT_STYLES) {
        doc.font(fontFiles(font)[style]).fontSize(11);
        for (const s of samples) expect(m.widthOf(s, style, 11)).toBeCloseTo(doc.widthOfString(s), 9);
      }
      expect(m.ascent(12)).toBeGreaterThan(8);
      expect(m.descent(12)).toBeGreaterThan(1);
    }
  });
});

describe('image sizes', () => {
  it('reads PNG and JPEG headers, refuses other bytes', async () => {
    expect(readImageSize(LOGO)).toEqual([200, 240]);
    const jpeg = await sharp({ create: { width: 123, height: 45, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    expect(imageSizeOf(jpeg)).toEqual([123, 45]);
    expect(imageSizeOf(Buffer.from('GIF89a not an image we take'))).toBeUndefined();
    expect(imageSizeOf(new Uint8Array(0))).toBeUndefined();
    expect(readImageSize(join(dir, 'no-such-file.png'))).toBeUndefined();
  });
});

describe('drawing signing sheets', () => {
  it('writes F4 pages whose text reads back: header, names, spaced NIPs, page numbers on every page', async () => {
    const file = join(dir, 'sheets.pdf');
    const { pages } = await renderPdf(sheetsDoc(45), file);
    const info = pdfinfo(file);
    expect(Number(info.Pages)).toBe(pages.length);
    expect(info['Page size']).toMatch(/^609\.4\d* x 935\.4\d* pts/);
    expect(info.Title).toBe('Uji ikrar');
    const data = rows(45);
    for (let n = 1; n <= pages.length; n++) {
      const text = pdftotext(file, n);
      expect(text).toContain('Tanda Tangan');
      expect(text).toContain('Pangkat/Gol.');
      expect(text).toContain('Unit Kerja: Dinas Pendidikan dan Kebudayaan');
      expect(text).toContain(`Halaman ${n} dari ${pages.length}`);
      expect(text).toMatch(/IK2-K7QD2M-00000\d-[A-Z2-7]{4}/);
      for (const b of pages[n - 1]!.boxes) {
        const r = data[b.number - 1]!;
        expect(text).toContain(`${r.number}.`);
        if (r.nip) expect(text).toContain(r.nipText);
      }
    }
    const all = squash(pdftotext(file));
    expect(all).toContain('DAFTAR HADIR');
    expect(all).toContain('Hari/Tanggal : Senin, 4 November 2024');
    expect(all).toContain('Siti Lestari 19860202 201505 2 001');
    expect(all).toContain('NIP. 19681104 199303 1 009');
    expect(all).toContain('PEMERINTAH KABUPATEN SUKAMARA');
  });

  it('draws A4 and Letter pages at their sizes', async () => {
    const a4 = join(dir, 'a4.pdf');
    await renderPdf(sheetsDoc(10), a4, { paper: 'a4' });
    expect(pdfinfo(a4)['Page size']).toMatch(/^595\.27\d* x 841\.8\d* pts \(A4\)/);
    const letter = join(dir, 'letter.pdf');
    await renderPdf(paktaDoc(), letter, { paper: 'letter' });
    expect(pdfinfo(letter)['Page size']).toMatch(/^612 x 792 pts/);
  });

  it('prints names exactly as written and the pakta furniture', async () => {
    const file = join(dir, 'pakta.pdf');
    await renderPdf(paktaDoc(true), file);
    const text = squash(pdftotext(file));
    expect(text).toContain("Ma'ruf & Sons <Jr>, S.Kom.");
    expect(text).toContain('METERAI');
    expect(text).toContain('Rp10.000');
    expect(text).toContain('PAKTA INTEGRITAS');
    expect(text).toContain('Mengetahui,');
  });

  it('gives byte-identical PDFs on re-render, for both fonts', async () => {
    for (const font of ['sans', 'serif'] as const) {
      const a = join(dir, `same-a-${font}.pdf`);
      const b = join(dir, `same-b-${font}.pdf`);
      await renderPdf(sheetsDoc(30), a, { font });
      await renderPdf(sheetsDoc(30), b, { font });
      const ba = readFileSync(a);
      expect(ba.length).toBeGreaterThan(1000);
      expect(ba.equals(readFileSync(b))).toBe(true);
      expect(pdfinfo(a).CreationDate).toMatch(/Jan {1,2}1 00:00:00 2000 UTC/);
    }
    // A different page code changes the bytes: the code really is drawn.
    const c = join(dir, 'same-c.pdf');
    await renderPdf(sheetsDoc(30), c, { event: 'ABCDEF' });
    expect(readFileSync(c).equals(readFileSync(join(dir, 'same-a-sans.pdf')))).toBe(false);
  });

  it('embeds only the subset fonts it uses (no standard Helvetica)', async () => {
    const file = join(dir, 'fonts.pdf');
    await renderPdf(scriptDoc(), file);
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(out).not.toContain('Helvetica');
    expect(out).toMatch(/\+Arimo-Bold\s/);
    expect(pdftotext(file)).not.toMatch(/IK[12]-/); // the script carries no page code
  });
});

describe('page code QR', () => {
  it('lays the module matrix out inside its quiet zone', () => {
    const { size, runs } = qrMatrix('IK2-K7QD2M-000012-QX4T');
    expect(size).toBe(25); // version 2 holds the 22 alphanumeric characters at level M
    expect(runs.length).toBeGreaterThan(20);
    for (const [r, c, len] of runs) {
      expect(r).toBeLessThan(size);
      expect(c + len).toBeLessThanOrEqual(size);
    }
    expect(QR_QUIET).toBe(4);
  });

  it('decodes back to the page code from the rasterised page', async () => {
    const file = join(dir, 'qr.pdf');
    const { codes } = await renderPdf(sheetsDoc(25), file, { event: 'K7QD2M' });
    const wasm = readFileSync(join(process.cwd(), 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'));
    prepareZXingModule({
      overrides: {
        wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
        locateFile: (p: string) => p,
      },
    });
    for (const page of [1, 2]) {
      const prefix = join(dir, `qr-${page}`);
      execFileSync('pdftoppm', [
        '-r',
        '150',
        '-gray',
        '-png',
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        file,
        prefix,
      ]);
      const { data, info } = await sharp(`${prefix}.png`).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const image = {
        data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
        width: info.width,
        height: info.height,
        colorSpace: 'srgb',
      };
      const found = await readBarcodes(image as unknown as Parameters<typeof readBarcodes>[0], {
        formats: ['QRCode'],
        tryHarder: true,
      });
      // the page code is printed twice (opposite corners): both copies read back
      expect(found.map((r) => r.text)).toEqual([codes[page - 1], codes[page - 1]]);
    }
  });
});

describe('streaming', () => {
  it('flushes pages to the output as they are added', async () => {
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (c: Buffer) => (bytes += c.length));
    const writer = new PdfWriter({ font: 'sans', title: 'stream', output: out });
    const pages = layoutDocument(sheetsDoc(200), pageSpec('f4', 'sans', true), loadMetrics('sans'));
    const seen: number[] = [];
    for (const p of pages) {
      writer.addPage(p, 'IK2-K7QD2M-000012-QX4T');
      await new Promise((r) => setImmediate(r));
      seen.push(bytes);
    }
    // Every page added pushes the previous one out: the byte count grows page by page.
    for (let i = 2; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    await writer.end();
    expect(bytes).toBeGreaterThan(seen[seen.length - 1]!);
    expect(writer.pageCount).toBe(pages.length);
  });

  it('refuses pages after end', async () => {
    const writer = new PdfWriter({ font: 'sans', title: 'x', output: new PassThrough().resume() });
    writer.addPage({ size: PAPER.a4, items: [], boxes: [], pageNumber: 1, pageCount: 1 });
    await writer.end();
    expect(() => writer.addPage({ size: PAPER.a4, items: [], boxes: [], pageNumber: 1, pageCount: 1 })).toThrow();
  });
});
