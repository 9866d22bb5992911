/**
 * findQr on small page codes (issue #10): a WhatsApp photo of an F4 sheet is ~1600 px long, so the
 * 16 mm page code is ~55 px across — about two pixels a module — tilted, blurred and JPEG'd. The
 * fixture is the top-left corner (200 × 150 px, as decoded) of such a photo made by the field
 * simulator (whatsapp condition, 18° tilt, JPEG quality 62) whose code the reader used to miss.
 * It is put back in the corner of a 1061 × 1600 photo of the same grey.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../src/scan/pixels.js';
import { findQr } from '../../src/scan/qr.js';

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'scan',
  'whatsapp-small-qr.png',
);
const CODE = 'IK2-O76FST-000075-WLES';

async function photo(): Promise<GrayImage> {
  const { data, info } = await sharp(FIXTURE).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const W = 1061,
    H = 1600;
  const out = new Uint8Array(W * H).fill(data[info.width * 20 + 180]!);
  for (let y = 0; y < info.height; y++)
    out.set(data.subarray(y * info.width, (y + 1) * info.width), (110 + y) * W + 60);
  return { width: W, height: H, data: out };
}

describe('findQr: a small page code on a WhatsApp-sized photo', () => {
  it('reads a code of ~2 pixels a module, tilted, blurred, JPEG quality 62', async () => {
    const hits = await findQr(await photo(), (h) => h.text === CODE);
    expect(hits.map((h) => h.text)).toContain(CODE);
    // Where it is, in the photo's pixels (the corners drive the registration).
    const tl = hits.find((h) => h.text === CODE)!.corners[0];
    expect(tl.x).toBeGreaterThan(115);
    expect(tl.x).toBeLessThan(140);
    expect(tl.y).toBeGreaterThan(150);
    expect(tl.y).toBeLessThan(172);
  });
});
