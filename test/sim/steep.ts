/**
 * Steep phone photos for the registration and page-code tests (issue #10): the signing sheets of a
 * 60-person render, each photographed by the field simulator from a fixed seed at a forced tilt,
 * decoded to grey, with every page code found in it.
 */
import path from 'node:path';
import type { ManifestPage } from '../../src/model/manifest.js';
import { decodePageCode } from '../../src/model/pagecode.js';
import { imageToGray } from '../../src/scan/decode.js';
import type { GrayImage } from '../../src/scan/pixels.js';
import { findQr, type QrHit } from '../../src/scan/qr.js';
import { type Condition, simulateField } from './field.js';
import { makeRoster, renderEvent } from './scanset.js';

/** [condition, seed, tilt°, upside down, which sheet page]. */
export type SteepCase = [Condition, number, number, boolean, number];

export interface Shot {
  seed: number;
  /** The simulator's description of the photo. */
  describe: string;
  img: GrayImage;
  page: ManifestPage;
  /** Every page code found in the photo (any page's). */
  hits: QrHit[];
}

/** Renders into DIR/out and takes one photo per case. */
export async function steepShots(dir: string, cases: SteepCase[]): Promise<Shot[]> {
  const manifest = await renderEvent(path.join(dir, 'out'), makeRoster(60));
  const sheets = manifest.pages.filter((p) => p.document === 'sheets');
  const shots: Shot[] = [];
  for (const [cond, seed, tiltDeg, upsideDown, n] of cases) {
    const page = sheets[n % sheets.length]!;
    const sim = await simulateField(seed, path.join(dir, 'out', page.file), page, cond, { tiltDeg, upsideDown });
    const img = await imageToGray(sim.bytes);
    const hits = await findQr(img, (h) => decodePageCode(h.text) !== null);
    shots.push({ seed, describe: sim.describe, img, page, hits });
  }
  return shots;
}
