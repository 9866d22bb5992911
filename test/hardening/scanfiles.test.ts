/**
 * Hostile scan files through `ikrar tally` as real processes (issue #14): a FIFO in the scan
 * folder, PDFs and TIFFs of thousands of pages, images that claim (or have) enormous sizes. Each
 * ends with exit 0 and a warning naming the file (and page), or exit 2 naming the place; never a
 * stack trace, never a hang, the child's peak memory under 1 GB, and nothing left behind next to
 * the output folder. bin/ikrar.js imports dist/: run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDeflate } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexTiff, tiffPage } from '../../src/scan/tiff-pages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-scanfiles-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GB = 1024 * 1024 * 1024;
let manifest = '';
// Loaded into each child: prints its peak resident memory (worker threads included) as it exits.
// On Linux from VmHWM: getrusage's maxRSS would include the test process's own memory at fork.
const probe = path.join(tmp, 'rss-probe.mjs');
writeFileSync(
  probe,
  `import { readFileSync } from 'node:fs';
process.on('exit', () => {
  let kb;
  try { kb = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch { kb = process.resourceUsage().maxRSS; }
  process.stderr.write('\\n@@MAXRSS ' + kb + '\\n');
});
`,
);

/** The environment of a child: English messages, no colour. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return env;
}

interface Run {
  status: number | null;
  out: string;
  /** Peak resident memory of the child in bytes. */
  maxRss?: number;
  seconds: number;
  /** The output folder's parent after the run. */
  left: string[];
}

/** `ikrar tally` on `scans`, writing into a fresh folder `<case>/rekap`. */
function tally(name: string, scans: string[], timeoutMs = 240_000): Run {
  const parent = path.join(tmp, `case-${name}`);
  mkdirSync(parent, { recursive: true });
  const out = path.join(parent, 'rekap');
  const env = cliEnv();
  const args = ['--import', pathToFileURL(probe).href, bin, 'tally', '--manifest', manifest, '--out', out, ...scans];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: tmp,
    encoding: 'utf8',
    env,
    timeout: timeoutMs,
    maxBuffer: 256 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  let stderr = r.stderr ?? '';
  let maxRss: number | undefined;
  const m = /@@MAXRSS (\d+)\s*$/.exec(stderr);
  if (m) {
    maxRss = Number(m[1]) * 1024;
    stderr = stderr.slice(0, m.index);
  }
  const run: Run = { status: r.status, out: (r.stdout ?? '') + stderr, seconds, left: readdirSync(parent) };
  if (maxRss !== undefined) run.maxRss = maxRss;
  return run;
}

/** The pages a run's rekap.json lists (the terminal shows the first few hundred warnings only). */
function pagesRead(name: string): { source: { file: string; page: number }; status: string }[] {
  return (
    JSON.parse(readFileSync(path.join(tmp, `case-${name}`, 'rekap', 'rekap.json'), 'utf8')) as {
      pages: { source: { file: string; page: number }; status: string }[];
    }
  ).pages;
}

/** What every hostile run must show: it ended, no stack trace, bounded memory, no leftovers. */
function sane(r: Run, status = 0): void {
  expect(r.status, r.out).toBe(status);
  expect(r.maxRss, 'the memory probe reported').toBeDefined();
  expect(r.out).not.toMatch(/\n\s+at /);
  expect(r.out).not.toMatch(/internal error/i);
  expect(r.maxRss ?? 0, `peak memory ${((r.maxRss ?? 0) / 2 ** 20).toFixed(0)} MB`).toBeLessThan(GB);
  expect(r.left).toEqual(status === 0 ? ['rekap'] : []);
}

/** A PDF drawn by pdfkit. */
function pdfkitFile(file: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => resolve(writeFileSync(file, Buffer.concat(chunks))));
    draw(doc);
    doc.end();
  });
}

const blankPdf = (file: string, pages: number) =>
  pdfkitFile(file, (doc) => {
    for (let i = 0; i < pages; i++) doc.addPage({ size: 'A4' });
  });

/**
 * A hand-written PDF whose pages each draw one image XObject over the whole page. With
 * `objectStreams` (PDF 1.5, as many producers write) every dictionary that is not a stream — the
 * catalog, the page tree, the pages — sits inside an object stream, found through an xref stream.
 */
function imagePdf(file: string, images: { dict: string; data: Buffer }[], objectStreams = false): void {
  const objs: (string | [string, Buffer])[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  const content = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
  for (const im of images) {
    const at = objs.length + 1; // page, content, image
    kids.push(`${at} 0 R`);
    objs.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${at + 2} 0 R >> >> /Contents ${at + 1} 0 R >>`,
    );
    objs.push([`<< /Length ${content.length} >>`, Buffer.from(content)]);
    objs.push([`<< ${im.dict} /Length ${im.data.length} >>`, im.data]);
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${images.length} >>`;
  const packed = objectStreams ? objs.map((o, i) => (typeof o === 'string' ? i + 1 : 0)).filter(Boolean) : [];
  if (objectStreams) {
    let body = '';
    const heads: string[] = [];
    for (const n of packed) {
      heads.push(`${n} ${body.length}`);
      body += `${objs[n - 1]}\n`;
    }
    const head = `${heads.join(' ')}\n`;
    objs.push([
      `<< /Type /ObjStm /N ${packed.length} /First ${head.length} /Length ${head.length + body.length} >>`,
      Buffer.from(head + body, 'latin1'),
    ]);
  }
  const stm = objs.length; // the object stream's number, when there is one
  const parts: Buffer[] = [Buffer.from(objectStreams ? '%PDF-1.5\n' : '%PDF-1.4\n')];
  let pos = parts[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    pos += buf.length;
  };
  objs.forEach((o, i) => {
    offsets.push(pos);
    if (typeof o === 'string') {
      if (!objectStreams) push(`${i + 1} 0 obj\n${o}\nendobj\n`);
    } else {
      push(`${i + 1} 0 obj\n${o[0]}\nstream\n`);
      push(o[1]);
      push('\nendstream\nendobj\n');
    }
  });
  const xref = pos;
  if (!objectStreams) {
    push(
      `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`,
    );
    push(`trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } else {
    // xref stream rows [type, field 2 (4 bytes), field 3 (2 bytes)]; it is object objs.length + 1
    const size = objs.length + 2;
    const rows = Buffer.alloc(7 * size);
    for (let n = 0; n < size; n++) {
      const r = 7 * n;
      const inStm = packed.indexOf(n);
      if (n === 0) rows.writeUInt16BE(0xffff, r + 5);
      else if (inStm >= 0) {
        rows[r] = 2;
        rows.writeUInt32BE(stm, r + 1);
        rows.writeUInt16BE(inStm, r + 5);
      } else {
        rows[r] = 1;
        rows.writeUInt32BE(n === size - 1 ? xref : offsets[n - 1]!, r + 1);
      }
    }
    push(`${size - 1} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`);
    push(rows);
    push(`\nendstream\nendobj\nstartxref\n${xref}\n%%EOF\n`);
  }
  writeFileSync(file, Buffer.concat(parts));
}

/** A white n × n greyscale image, Flate-compressed (900 Mpx fit in under 1 MB), made in slices. */
async function flateImage(n: number): Promise<{ dict: string; data: Buffer }> {
  const z = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  const rows = Buffer.alloc(n * 1000, 255);
  for (let y = 0; y < n; y += 1000)
    if (!z.write(rows.subarray(0, n * Math.min(1000, n - y)))) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  const data = Buffer.concat(chunks);
  return {
    dict: `/Type /XObject /Subtype /Image /Width ${n} /Height ${n} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
    data,
  };
}

/** A 64 × 64 JPEG whose frame header (SOF) claims n × n; the image dictionary says `dictSize`. */
async function forgedJpeg(n: number, dictSize = n): Promise<{ dict: string; data: Buffer }> {
  const jpg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
    .jpeg()
    .toBuffer();
  for (let i = 2; i + 9 < jpg.length; ) {
    const marker = jpg[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) {
      jpg.writeUInt16BE(n, i + 5);
      jpg.writeUInt16BE(n, i + 7);
      break;
    }
    i += 2 + jpg.readUInt16BE(i + 2);
  }
  return {
    dict: `/Type /XObject /Subtype /Image /Width ${dictSize} /Height ${dictSize} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`,
    data: jpg,
  };
}

/** A multi-page TIFF of `pages` tiny white pages. */
async function tinyTiff(file: string, pages: number): Promise<void> {
  const raw = Buffer.alloc(16 * 16 * pages, 255);
  await sharp(raw, { raw: { width: 16, height: 16 * pages, channels: 1, pageHeight: 16 } as never })
    .tiff({ compression: 'lzw' })
    .toFile(file);
}

beforeAll(() => {
  const r = spawnSync(
    process.execPath,
    [
      bin,
      'render',
      '--roster',
      path.join(root, 'examples/roster.csv'),
      '--event',
      path.join(root, 'examples/event.yaml'),
      '--out',
      path.join(tmp, 'out'),
    ],
    { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(r.status, r.stdout + r.stderr).toBe(0);
  manifest = path.join(tmp, 'out', 'manifest.json');
}, 120_000);

describe('things in a scan folder that are not regular files', () => {
  it.skipIf(process.platform === 'win32')(
    'a FIFO in the folder is skipped with a warning naming it; a symlink to a scan is read',
    () => {
      const dir = path.join(tmp, 'fifo-scans');
      mkdirSync(dir);
      spawnSync('mkfifo', [path.join(dir, 'antrean.pdf'), path.join(dir, 'tanda.csv')]);
      symlinkSync(path.join(root, 'examples/scans/01-pindaian.jpg'), path.join(dir, 'tautan.jpg'));
      const r = tally('fifo', [dir], 60_000);
      sane(r);
      expect(r.out).toMatch(/antrean\.pdf: skipped: not a regular file/);
      expect(r.out).toMatch(/tanda\.csv: skipped: not a regular file/);
      expect(r.out).not.toMatch(/tautan\.jpg/); // read, and identified
      expect(r.out).toMatch(/1 page read — 1 identified/);
    },
  );

  it.skipIf(process.platform === 'win32')('a FIFO named on the command line is exit 2 naming it', () => {
    const fifo = path.join(tmp, 'pipa.pdf');
    spawnSync('mkfifo', [fifo]);
    const r = tally('fifo-arg', [fifo], 60_000);
    sane(r, 2);
    expect(r.out).toMatch(/pipa\.pdf: is not a file or folder/);
  });

  it.skipIf(process.platform === 'win32')('a FIFO given as the manifest is exit 2 naming it', () => {
    const fifo = path.join(tmp, 'manifest-pipa.json');
    spawnSync('mkfifo', [fifo]);
    const r = spawnSync(
      process.execPath,
      [
        bin,
        'tally',
        '--manifest',
        fifo,
        '--out',
        path.join(tmp, 'rekap-pipa'),
        path.join(root, 'examples/scans/01-pindaian.jpg'),
      ],
      { cwd: tmp, encoding: 'utf8', env: cliEnv(), timeout: 60_000 },
    );
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/manifest-pipa\.json: is not a regular file/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * Tallies a file of 200 and one of 2,000 pages made by `make`; every page is read, and ten times
 * the pages take at most ~ten times as long (quadratic would be a hundred times).
 */
async function linearInPages(
  label: string,
  name: string,
  ext: string,
  make: (file: string, pages: number) => Promise<void>,
): Promise<void> {
  const runs = [];
  for (const pages of [200, 2000]) {
    const f = path.join(tmp, `${name}-${pages}.${ext}`);
    await make(f, pages);
    const r = tally(`${name}-${pages}`, [f]);
    sane(r);
    const read = pagesRead(`${name}-${pages}`);
    expect(read).toHaveLength(pages);
    expect(read.every((p) => p.status === 'blank')).toBe(true);
    expect(read[pages - 1]!.source.page).toBe(pages);
    runs.push(r.seconds);
  }
  console.log(`${label}: 200 pages ${runs[0]!.toFixed(1)} s, 2000 pages ${runs[1]!.toFixed(1)} s`);
  expect(runs[1]!).toBeLessThan(Math.max(15, runs[0]!) * 14);
}

describe('files of thousands of pages take time linear in pages', () => {
  it('blank-page PDFs: 200 and 2,000 pages', () => linearInPages('blank PDF', 'kosong', 'pdf', blankPdf), 600_000);

  it(
    'multi-page TIFFs of tiny pages: 200 and 2,000 pages',
    () => linearInPages('tiny TIFF', 'kecil', 'tif', tinyTiff),
    600_000,
  );

  it('a PDF of 10,000 blank pages reads the first pages up to the cap and says so', async () => {
    const f = path.join(tmp, 'kosong-10000.pdf');
    await blankPdf(f, 10_000);
    const r = tally('blank-10000', [f], 400_000);
    sane(r);
    expect(r.out).toMatch(
      /kosong-10000\.pdf: has 10000 pages; only the first 5000 were read \(split it into files of at most 5000 pages/,
    );
    const read = pagesRead('blank-10000');
    expect(read).toHaveLength(5000);
    expect(read[4999]).toMatchObject({ source: { page: 5000 }, status: 'blank' });
  }, 600_000);
});

describe('a page of a multi-page TIFF, handed to sharp on its own', () => {
  it('decodes to the same pixels as sharp reading that page of the whole file', async () => {
    const pages = 4;
    const raw = Buffer.alloc(40 * 30 * pages);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7 + (i >> 5)) % 251;
    const tiffs: Record<string, Buffer> = {
      lzw: await sharp(raw, { raw: { width: 40, height: 30 * pages, channels: 1, pageHeight: 30 } as never })
        .tiff({ compression: 'lzw' })
        .toBuffer(),
      jpeg: await sharp(raw, { raw: { width: 40, height: 30 * pages, channels: 1, pageHeight: 30 } as never })
        .tiff({ compression: 'jpeg' })
        .toBuffer(),
      'deflate, tiled': await sharp(raw, {
        raw: { width: 40, height: 30 * pages, channels: 1, pageHeight: 30 } as never,
      })
        .tiff({ compression: 'deflate', tile: true, tileWidth: 16, tileHeight: 16 })
        .toBuffer(),
      'ccitt g4': await sharp(raw, { raw: { width: 40, height: 30 * pages, channels: 1, pageHeight: 30 } as never })
        .toColourspace('b-w')
        .tiff({ compression: 'ccittfax4', bitdepth: 1 })
        .toBuffer(),
    };
    for (const [kind, buf] of Object.entries(tiffs)) {
      const index = indexTiff(buf);
      expect(index?.ifds.length, kind).toBe(pages);
      for (let p = 0; p < pages; p++) {
        const whole = await sharp(buf, { page: p }).raw().toBuffer();
        const alone = await sharp(tiffPage(buf, index!, p))
          .raw()
          .toBuffer();
        expect(alone.equals(whole), `${kind} page ${p + 1}`).toBe(true);
      }
    }
  });

  it('a directory pointing outside the file, or strips claiming more than the file, is refused', async () => {
    const buf = Buffer.from(
      await sharp(Buffer.alloc(16 * 32, 200), { raw: { width: 16, height: 32, channels: 1, pageHeight: 16 } as never })
        .tiff({ compression: 'none' })
        .toBuffer(),
    );
    const index = indexTiff(buf)!;
    // StripByteCounts (279) of page 2: claim 2 GB per strip
    const at = index.ifds[1]!;
    for (let i = 0; i < buf.readUInt16LE(at); i++) {
      const e = at + 2 + 12 * i;
      if (buf.readUInt16LE(e) === 279) buf.writeUInt32LE(buf.length - 8, e + 8);
    }
    expect(() => tiffPage(buf, index, 1)).toThrow(/TIFF page 2/);
    expect(tiffPage(buf, index, 0).length).toBeGreaterThan(16 * 16);
  });
});

/** The tally of `file` names each of its `pages` as refused for its 30000 × 30000 image. */
function refusesPages(name: string, file: string, pages: number[]): void {
  const r = tally(name, [file]);
  sane(r);
  const base = path.basename(file).replace('.', '\\.');
  for (const p of pages)
    expect(r.out).toMatch(
      new RegExp(
        `${base}: page ${p}: its image is 30000 × 30000 pixels \\(900 megapixels\\), more than ikrar reads \\(40\\); the page was not read \\(scan it again`,
      ),
    );
}

describe('every page is decoded under a pixel budget', () => {
  it('a PDF page holding one 30000 × 30000 image (877 KB) is refused by name, twice', async () => {
    const f = path.join(tmp, 'raksasa.pdf');
    const image = await flateImage(30_000);
    imagePdf(f, [image, image]);
    refusesPages('flate', f, [1, 2]);
  }, 300_000);

  it('a JPEG in a PDF whose frame header claims 30000 × 30000 is refused by name', async () => {
    const f = path.join(tmp, 'palsu.pdf');
    // once with the image dictionary agreeing, once claiming a small image
    imagePdf(f, [await forgedJpeg(30_000), await forgedJpeg(30_000, 64)]);
    refusesPages('forged', f, [1, 2]);
  }, 300_000);

  it('the same, with the pages inside object streams (PDF 1.5)', async () => {
    const f = path.join(tmp, 'palsu-15.pdf');
    imagePdf(f, [await forgedJpeg(30_000, 64), await flateImage(30_000)], true);
    refusesPages('forged-15', f, [1, 2]);
  }, 300_000);

  it('a plain scanner PDF with its pages inside object streams is still read', async () => {
    const f = path.join(tmp, 'pindaian-15.pdf');
    const jpg = await sharp(path.join(root, 'examples/scans/01-pindaian.jpg')).rotate().greyscale().jpeg().toBuffer();
    const { width, height } = await sharp(jpg).metadata();
    imagePdf(
      f,
      [
        {
          dict: `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`,
          data: jpg,
        },
      ],
      true,
    );
    const r = tally('objstm-good', [f]);
    sane(r);
    expect(r.out).toMatch(/1 page read — 1 identified/);
  }, 300_000);

  it('a JPEG file whose header claims 30000 × 30000 is refused by name', async () => {
    const f = path.join(tmp, 'palsu.jpg');
    writeFileSync(f, (await forgedJpeg(30_000)).data);
    refusesPages('forged-file', f, [1]);
  }, 300_000);

  it('vector pages of 200 × 200 inches (1.6 gigapixels at 200 dpi) are rasterised within the budget', async () => {
    const f = path.join(tmp, 'spanduk.pdf');
    await pdfkitFile(f, (doc) => {
      for (let i = 0; i < 2; i++)
        doc
          .addPage({ size: [14_400, 14_400] })
          .moveTo(100, 100)
          .lineTo(14_000, 14_000)
          .lineWidth(20)
          .stroke();
    });
    const r = tally('huge-vector', [f]);
    sane(r);
    expect(r.out).toMatch(/spanduk\.pdf: page 1: unidentified: no page code found/);
    expect(r.out).toMatch(/spanduk\.pdf: page 2: unidentified: no page code found/);
  }, 300_000);

  it('a real 9000 × 9000 photo (81 Mpx) is read downscaled, within memory', async () => {
    const f = path.join(tmp, 'besar.jpg');
    await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#ffffff' } })
      .jpeg({ quality: 80 })
      .toFile(f);
    copyFileSync(f, path.join(tmp, 'besar-2.jpg'));
    const r = tally('big-photo', [f, path.join(tmp, 'besar-2.jpg')]);
    sane(r);
    expect(r.out).toMatch(/besar\.jpg: page 1: blank/);
    expect(r.out).toMatch(/besar-2\.jpg: page 1: blank/);
  }, 300_000);
});

/**
 * A BMP of the raw RGB(A) or grey pixels of `img`: uncompressed (BI_RGB) 8-bit grey with a palette,
 * 24-bit or 32-bit, bottom-up as most writers store it (`topDown` for a negative height), or with a
 * `compression` code other than 0 on the header only (the pixels are then not valid for it).
 */
function bmpFile(
  img: { data: Buffer; width: number; height: number; channels: number },
  bits: 8 | 24 | 32,
  opts: { topDown?: boolean; compression?: number } = {},
): Buffer {
  const { width: w, height: h } = img;
  const bpp = bits / 8;
  const stride = Math.ceil((w * bpp) / 4) * 4;
  const palette = bits === 8 ? 256 * 4 : 0;
  const offset = 14 + 40 + palette;
  const out = Buffer.alloc(offset + stride * h);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(w, 18);
  out.writeInt32LE(opts.topDown ? -h : h, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(bits, 28);
  out.writeUInt32LE(opts.compression ?? 0, 30);
  out.writeUInt32LE(stride * h, 34);
  out.writeInt32LE(11811, 38); // 300 dpi
  out.writeInt32LE(11811, 42);
  for (let i = 0; i < palette / 4; i++) out.writeUInt32LE(i * 0x010101, 54 + 4 * i);
  for (let y = 0; y < h; y++) {
    const row = offset + stride * (opts.topDown ? y : h - 1 - y);
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * img.channels;
      const [r, g, b] =
        img.channels >= 3
          ? [img.data[s]!, img.data[s + 1]!, img.data[s + 2]!]
          : [img.data[s]!, img.data[s]!, img.data[s]!];
      const d = row + x * bpp;
      if (bits === 8) out[d] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      else {
        out[d] = b;
        out[d + 1] = g;
        out[d + 2] = r;
        if (bits === 32) out[d + 3] = 255;
      }
    }
  }
  return out;
}

describe('scans in the other image formats phones and scanners write (issue #13)', () => {
  const photo = path.join(root, 'examples/scans/06-pakta-foto.jpg');
  const heic = path.join(root, 'test/fixtures/scan/iphone-pakta.heic');

  it('an iPhone HEIC photo is read like the JPEG it was made from', () => {
    const r = tally('heic', [heic]);
    sane(r);
    expect(r.out).toMatch(/1 page read — 1 identified/);
  }, 120_000);

  it('a damaged HEIC photo is named as an iPhone photo, with how to send it as JPEG', () => {
    const f = path.join(tmp, 'IMG_0001.HEIC');
    const buf = readFileSync(heic);
    writeFileSync(f, buf.subarray(0, Math.floor(buf.length / 3)));
    const r = tally('heic-damaged', [f, path.join(root, 'examples/scans/01-pindaian.jpg')]);
    sane(r);
    expect(r.out).toMatch(
      /IMG_0001\.HEIC: cannot read this scan: it is an iPhone photo in HEIC format and could not be decoded/,
    );
    expect(r.out).toMatch(/Most Compatible/);
    expect(r.out).toMatch(/WhatsApp/);
    expect(r.out).toMatch(/1 page read — 1 identified/);
  }, 120_000);

  it('the same message in Indonesian', () => {
    const f = path.join(tmp, 'IMG_0002.HEIC');
    writeFileSync(f, readFileSync(heic).subarray(0, 4000));
    const parent = path.join(tmp, 'case-heic-id');
    mkdirSync(parent, { recursive: true });
    const r = spawnSync(
      process.execPath,
      [bin, 'tally', '--lang', 'id', '--manifest', manifest, '--out', path.join(parent, 'rekap'), f],
      { cwd: tmp, encoding: 'utf8', env: cliEnv(), timeout: 120_000 },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/IMG_0002\.HEIC: pindaian ini tidak dapat dibaca: ini foto iPhone berformat HEIC/);
    expect(r.stderr).toMatch(/Paling Kompatibel|Most Compatible/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('WebP, AVIF and GIF copies of a phone photo are read', async () => {
    const files: string[] = [];
    for (const [ext, make] of [
      ['webp', (s: ReturnType<typeof sharp>) => s.webp({ quality: 80 })],
      ['avif', (s: ReturnType<typeof sharp>) => s.avif({ quality: 60 })],
      ['gif', (s: ReturnType<typeof sharp>) => s.gif()],
    ] as const) {
      const f = path.join(tmp, `foto.${ext}`);
      await make(sharp(photo)).toFile(f);
      files.push(f);
    }
    const r = tally('webp-avif-gif', files);
    sane(r);
    // the same page three times: one identified, two duplicates, none unreadable
    expect(r.out).toMatch(/3 pages read — 1 identified, 2 duplicate, 0 unidentified/);
    expect(pagesRead('webp-avif-gif').map((p) => path.extname(p.source.file))).toEqual(['.avif', '.gif', '.webp']);
  }, 180_000);

  it('uncompressed BMPs (8-bit grey, 24-bit, 32-bit top-down) are read, also from a folder', async () => {
    const { data, info } = await sharp(photo).raw().toBuffer({ resolveWithObject: true });
    const img = { data, width: info.width, height: info.height, channels: info.channels };
    const dir = path.join(tmp, 'bmp-scans');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'abu.bmp'), bmpFile(img, 8));
    writeFileSync(path.join(dir, 'warna.BMP'), bmpFile(img, 24));
    writeFileSync(path.join(dir, 'atas.bmp'), bmpFile(img, 32, { topDown: true }));
    const r = tally('bmp', [dir]);
    sane(r);
    expect(r.out).not.toMatch(/skipped/);
    expect(r.out).toMatch(/3 pages read — 1 identified, 2 duplicate, 0 unidentified/);
  }, 180_000);

  it('a compressed BMP is named, with how to save it instead', async () => {
    const { data, info } = await sharp(photo).resize(200).raw().toBuffer({ resolveWithObject: true });
    const f = path.join(tmp, 'rle.bmp');
    writeFileSync(
      f,
      bmpFile({ data, width: info.width, height: info.height, channels: info.channels }, 8, { compression: 1 }),
    );
    const r = tally('bmp-rle', [f]);
    sane(r);
    expect(r.out).toMatch(/rle\.bmp: cannot read this scan: a BMP image in a form ikrar does not read \(RLE8\)/);
    expect(r.out).toMatch(/save it as PNG or JPEG/);
  }, 120_000);
});
