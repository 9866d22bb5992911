/**
 * What a person looks at later, taken while the decoded page is in memory: the scan downscaled for
 * its proof page, each box's corners in scan pixels, and, for the boxes worth a look (uncertain,
 * and unsigned ones that held some ink: near misses), a crop of the whole printed row.
 */
import sharp from 'sharp';
import { MM } from '../model/pagecode.js';
import type { Rect } from '../model/manifest.js';
import type { ManifestBox } from '../model/manifest.js';
import type { GrayImage } from './pixels.js';
import { applyH, downscaleGray, type Homography } from './image.js';
import { resample } from './grid.js';
import type { BoxDecision, ProofBase } from './types.js';

/** An unsigned box scoring at least this is a near miss: shown under "periksa juga". */
export const NEAR_MISS_FROM = 0.1;
/** The proof image's longer side, in pixels. */
export const PROOF_SIDE = 1100;
/** Row crops: pixels per mm, and the margin kept at the page's left and right edges. */
const ROW_PPM = 5;
const ROW_EDGE_MM = 8;

export function isNearMiss(decision: BoxDecision, score: number): boolean {
  return decision === 'unsigned' && score >= NEAR_MISS_FROM;
}

export function boxQuad(H: Homography, rect: Rect): [number, number][] {
  const [x, y, w, h] = rect;
  return (
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ] as [number, number][]
  ).map(([u, v]) => {
    const [px, py] = applyH(H, u, v);
    return [Math.round(px * 10) / 10, Math.round(py * 10) / 10] as [number, number];
  });
}

function toPng(w: number, h: number, v: Float32Array | Uint8Array): Promise<Buffer> {
  const px = Buffer.alloc(w * h);
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(v[i]!)));
  return sharp(px, { raw: { width: w, height: h, channels: 1 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);

/** The printed row across the page (page space, so upright whatever the scan's rotation). */
export async function rowCrop(
  img: GrayImage,
  H: Homography,
  box: ManifestBox,
  size: [number, number],
): Promise<Uint8Array> {
  const e = 2.5 * MM;
  const x = ROW_EDGE_MM * MM;
  const g = resample(img, H, x, box.rect[1] - e, size[0] - 2 * x, box.rect[3] + 2 * e, ROW_PPM);
  return bytes(await toPng(g.w, g.h, g.v));
}

export async function proofBase(img: GrayImage): Promise<ProofBase> {
  const scale = Math.min(1, PROOF_SIDE / Math.max(img.width, img.height));
  const small = scale < 1 ? downscaleGray(img, scale) : img;
  const jpeg = await sharp(Buffer.from(small.data.buffer, small.data.byteOffset, small.data.length), {
    raw: { width: small.width, height: small.height, channels: 1 },
  })
    .jpeg({ quality: 70 })
    .toBuffer();
  return { image: bytes(jpeg), width: small.width, height: small.height, scale: small.width / img.width };
}
