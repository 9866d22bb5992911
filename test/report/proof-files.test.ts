/**
 * Proof images are made several at a time (proofFiles): each file must still be the image of its
 * own reading, under its own name, in the readings' order, and bukti.pdf the same as when they were
 * made one by one.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/model/manifest.js';
import { colourer, proofFiles, proofImage, proofName } from '../../src/report/proof.js';
import type { PageReading } from '../../src/scan/types.js';
import type { TallyResult } from '../../src/model/tally.js';

async function scanJpeg(w: number, h: number, grey: number): Promise<Uint8Array> {
  const b = await sharp({ create: { width: w, height: h, channels: 3, background: { r: grey, g: grey, b: grey } } })
    .greyscale()
    .jpeg({ quality: 70 })
    .toBuffer();
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

describe('proofFiles', () => {
  it('makes every proof image of its own reading, in order, whatever finishes first', async () => {
    const readings: PageReading[] = [];
    for (let i = 0; i < 9; i++) {
      // Different sizes, so that the small ones finish first; one reading without a proof.
      const w = 120 + ((i * 37) % 5) * 60;
      const h = 170 + ((i * 53) % 4) * 90;
      const r: PageReading = {
        source: { file: `scan-${i}.jpg`, page: 1 },
        status: 'unidentified',
        boxes: [
          {
            key: `k${i}`,
            number: i + 1,
            side: 'left',
            decision: i % 2 ? 'signed' : 'unsigned',
            score: 0.5,
            quad: [
              [10, 10],
              [60, 10],
              [60, 30],
              [10, 30],
            ],
          },
        ],
      };
      if (i !== 4) r.proof = { image: await scanJpeg(w, h, 150 + i * 10), width: w, height: h, scale: 1 };
      readings.push(r);
    }
    const manifest = { event: { title: 'Uji', government: 'Pemerintah' }, pages: [] } as unknown as Manifest;
    const result = { people: [], pakta: [], deklarasi: [] } as unknown as TallyResult;
    const files = await proofFiles(result, readings, manifest);
    const colours = colourer(result, manifest);
    const expected: { path: string; data: Uint8Array }[] = [];
    for (let i = 0; i < readings.length; i++) {
      if (!readings[i]!.proof) continue;
      expected.push({ path: proofName(i, readings[i]!), data: await proofImage(readings[i]!, colours(readings[i]!)) });
    }
    const images = files.filter((f) => f.path.endsWith('.jpg'));
    expect(images.map((f) => f.path)).toEqual(expected.map((f) => f.path));
    for (const [k, f] of images.entries())
      expect(Buffer.compare(Buffer.from(f.data as Uint8Array), Buffer.from(expected[k]!.data)), f.path).toBe(0);
    expect(files[files.length - 1]!.path).toBe('bukti.pdf');
    const again = await proofFiles(result, readings, manifest);
    expect(
      Buffer.compare(
        Buffer.from(again[again.length - 1]!.data as Uint8Array),
        Buffer.from(files[files.length - 1]!.data as Uint8Array),
      ),
    ).toBe(0);
  });
});
