/** Decoding scan files and identifying pages (the full recognition is in test/tally/accuracy.test.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScan } from '../../src/scan/decode.js';
import { readScans } from '../../src/scan/read.js';
import type { Manifest } from '../../src/model/manifest.js';
import { blankPage, makeRoster, renderEvent, scannerPdf } from '../sim/scanset.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-scan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const f = (name: string, data: string | Buffer) => {
  const p = path.join(tmp, name);
  writeFileSync(p, data);
  return p;
};

let manifest: Manifest;
beforeAll(async () => {
  manifest = await renderEvent(path.join(tmp, 'out'), makeRoster(12));
}, 60_000);

describe('openScan', () => {
  it('reports bad files with a reason instead of throwing', async () => {
    expect(await openScan(path.join(tmp, 'missing.jpg'))).toEqual({ ok: false, reason: 'file not found' });
    expect(await openScan(f('empty.pdf', ''))).toEqual({ ok: false, reason: 'the file is empty' });
    expect(await openScan(f('notes.txt', 'hello'))).toEqual({
      ok: false,
      reason: 'not a supported scan format (use PDF, TIFF, JPEG or PNG)',
    });
    const r = await openScan(
      f('broken.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('garbage')])),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^cannot decode the image/);
    const p = await openScan(f('broken.pdf', '%PDF-1.4\nnot a pdf at all'));
    expect(p.ok).toBe(false);
  });

  it('takes the embedded page image of a scanner PDF as it is (no rasterising)', async () => {
    const page = await blankPage(620, 877, 3);
    const withMark = await sharp(page)
      .composite([{ input: { create: { width: 40, height: 40, channels: 3, background: '#000' } }, left: 10, top: 20 }])
      .jpeg()
      .toBuffer();
    const r = await openScan(f('scanner.pdf', await scannerPdf([withMark, page], 75)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scan.pageCount).toBe(2);
    const img = await r.scan.page(1);
    expect([img.width, img.height]).toEqual([620, 877]);
    expect(img.data[30 * 620 + 20]).toBeLessThan(60); // the black square, upright, top-left
    expect(img.data[30 * 620 + 600]).toBeGreaterThan(200);
    await r.scan.close();
  });

  it('rasterises vector PDF pages (the rendered sheets) at 200 dpi', async () => {
    const r = await openScan(path.join(tmp, 'out', 'lembar-ttd.pdf'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const img = await r.scan.page(1);
    expect(img.width).toBe(Math.ceil((manifest.pages[0]!.size[0] * 200) / 72));
    await r.scan.close();
  });
});

describe('readScans', () => {
  it('identifies the rendered pages themselves, finds blank and unidentified pages, reports bad files', async () => {
    const blank = f('blank.jpg', await blankPage(1270, 1949, 9));
    const noise = f(
      'photo.png',
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#888' } })
        .composite([
          {
            input: Buffer.from(
              '<svg width="800" height="600"><text x="50" y="300" font-size="80">Bukan lembar</text></svg>',
            ),
            left: 0,
            top: 0,
          },
        ])
        .png()
        .toBuffer(),
    );
    const bad = f('bad.tif', 'II*\0garbage');
    const sheets = path.join(tmp, 'out', 'lembar-ttd.pdf');
    const progress: number[] = [];
    const r = await readScans([sheets, blank, noise, bad], manifest, { onProgress: (d) => progress.push(d) });
    const sheetPages = manifest.pages.filter((p) => p.document === 'sheets');
    expect(r.pages.map((p) => [path.basename(p.source.file), p.source.page, p.status])).toEqual([
      ...sheetPages.map((p, i) => ['lembar-ttd.pdf', i + 1, 'identified']),
      ['blank.jpg', 1, 'blank'],
      ['photo.png', 1, 'unidentified'],
    ]);
    expect(r.pages.slice(0, sheetPages.length).map((p) => p.code)).toEqual(sheetPages.map((p) => p.code));
    // an unsigned printed sheet reads unsigned everywhere
    expect(r.pages.flatMap((p) => p.boxes.map((b) => b.decision)).every((d) => d === 'unsigned')).toBe(true);
    expect(r.pages.at(-1)!.note).toMatch(/no page code found/);
    expect(r.problems.map((p) => [path.basename(p.file), p.code])).toEqual([['bad.tif', 'scan-unreadable']]);
    expect(progress.at(-1)).toBe(sheetPages.length + 2);
  }, 60_000);
});
