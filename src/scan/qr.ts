/**
 * Finding the page-code QR with zxing-wasm. The .wasm binary is loaded from node_modules (never
 * fetched from a CDN): the tool must work offline.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { GrayImage } from './pixels.js';
import { boxBlur, cropGray, downscaleGray, thresholdLocal, upscaleGray } from './image.js';

const require = createRequire(import.meta.url);

let prepared = false;
/** Path of the reader .wasm inside node_modules. */
export function zxingWasmPath(): string {
  return require.resolve('zxing-wasm/reader/zxing_reader.wasm');
}

function prepare(): void {
  if (prepared) return;
  const bytes = readFileSync(zxingWasmPath());
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  prepareZXingModule({
    overrides: {
      wasmBinary,
      // Never resolve the .wasm to a URL: everything is already in memory.
      locateFile: (path: string) => path,
    },
  });
  prepared = true;
}

export interface Point {
  x: number;
  y: number;
}

export interface QrHit {
  text: string;
  /** Corners of the symbol (excluding the quiet zone) in the full image: TL, TR, BR, BL as printed. */
  corners: [Point, Point, Point, Point];
}

const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 4,
};
/** For an image enlarged on purpose: zxing must not shrink it back. */
const UPSCALED: ReaderOptions = { ...OPTIONS, tryDownscale: false };

async function readIn(
  img: GrayImage,
  offX: number,
  offY: number,
  factor: number,
  options: ReaderOptions = OPTIONS,
): Promise<QrHit[]> {
  prepare();
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i++, j += 4) {
    const v = img.data[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  const results = await readBarcodes(
    { data: rgba, width: img.width, height: img.height, colorSpace: 'srgb' } as unknown as Parameters<
      typeof readBarcodes
    >[0],
    options,
  );
  const hits: QrHit[] = [];
  for (const r of results) {
    if (!r.isValid || !r.text) continue;
    const p = r.position;
    const map = (q: { x: number; y: number }): Point => ({ x: offX + q.x * factor, y: offY + q.y * factor });
    hits.push({ text: r.text, corners: [map(p.topLeft), map(p.topRight), map(p.bottomRight), map(p.bottomLeft)] });
  }
  return hits;
}

/**
 * Look for QR codes: first in each corner region at full resolution (the code sits near a page
 * corner whatever the orientation), most likely corner first; then the whole page, downscaled.
 * `accept` stops the search as soon as it returns true for a hit. All hits found are returned.
 */
export async function findQr(img: GrayImage, accept: (hit: QrHit) => boolean): Promise<QrHit[]> {
  const { width: W, height: H } = img;
  const all: QrHit[] = [];
  const seen = new Set<string>();
  const take = (hits: QrHit[]): boolean => {
    let ok = false;
    for (const h of hits) {
      const k = `${h.text}@${Math.round(h.corners[0].x)},${Math.round(h.corners[0].y)}`;
      if (!seen.has(k)) {
        seen.add(k);
        all.push(h);
      }
      if (accept(h)) ok = true;
    }
    return ok;
  };
  // Corner regions: a portrait page has its two QRs in the top-left and bottom-right corners
  // (upside down: the same corners); turned 90°: top-right and bottom-left. An IK1 page of an old
  // render has one, in the bottom-left.
  const fw = 0.45;
  const fh = 0.32;
  const landscape = W > H;
  const cw = Math.round(W * (landscape ? fh : fw));
  const ch = Math.round(H * (landscape ? fw : fh));
  const regions: [number, number][] = landscape
    ? [
        [0, 0],
        [W - cw, H - ch],
        [W - cw, 0],
        [0, H - ch],
      ]
    : [
        [0, 0],
        [W - cw, H - ch],
        [W - cw, 0],
        [0, H - ch],
      ];
  // Pass 1: corners at a resolution where a 16 mm code is ~150–250 px.
  const longSide = Math.max(W, H);
  const targets = [longSide > 2600 ? 0.5 : 1, longSide > 2600 ? 1 : 0.6];
  for (const s of targets) {
    for (const [x, y] of regions) {
      const crop = cropGray(img, x, y, cw, ch);
      const scaled = s === 1 ? crop : downscaleGray(crop, s);
      if (take(await readIn(scaled, x, y, 1 / s))) return all;
    }
  }
  // Pass 2: the whole page, downscaled to about 1600 px on its long side.
  const s = Math.min(1, 1600 / longSide);
  if (take(await readIn(s === 1 ? img : downscaleGray(img, s), 0, 0, 1 / s))) return all;
  // Pass 3: dithered (fax-mode, 1-bit) scans and heavy noise: smooth the corners back to grey first.
  for (const r of [1, 2]) {
    for (const [x, y] of regions) {
      const crop = boxBlur(cropGray(img, x, y, cw, ch), r);
      if (take(await readIn(crop, x, y, 1))) return all;
    }
  }
  // Passes 4 and 5: small images (a WhatsApp photo is ~1600 px long: a 16 mm code is then ~55–80 px,
  // about two pixels a module, blurred and tilted): the reader's own binariser loses modules that
  // small, so each corner is enlarged and thresholded against its local mean before reading. Only
  // pages whose code was not found otherwise pay for this; SMALL_CODE_LADDER says in which order.
  if (longSide <= 2600) {
    const corners = regions.map(([x, y]) => ({ x, y, crop: cropGray(img, x, y, cw, ch) }));
    const inked = corners.filter((c) => hasDarkPixels(c.crop));
    for (const [k, r, which] of SMALL_CODE_LADDER) {
      for (const { x, y, crop } of which === 'all' ? corners : inked) {
        const big = upscaleGray(crop, k);
        const ready = r > 0 ? thresholdLocal(big, r) : big;
        if (take(await readIn(ready, x, y, 1 / k, r > 0 ? OPTIONS : UPSCALED))) return all;
      }
    }
  }
  return all;
}

/**
 * [enlargement, thresholdLocal radius in enlarged pixels (0: zxing's own binariser), which corners],
 * tried in order. Pass 4 is the first rung: twice the size, a mean over about two modules (4 source
 * pixels), on every corner. Pass 5 is the rest, for the smallest codes (the far corner of a photo
 * tilted 18–20°: under two pixels a module, JPEG-blurred), whose modules a mean that wide loses: a
 * radius of about one module at twice the size, the same at three times, three times with zxing's
 * own binariser; a corner with hardly any dark pixel (a blank page's) holds no code and is skipped.
 */
const SMALL_CODE_LADDER: readonly [number, number, 'all' | 'inked'][] = [
  [2, 8, 'all'],
  [2, 4, 'inked'],
  [3, 6, 'inked'],
  [3, 0, 'inked'],
];

/** Whether at least 0.5 % of a region is darker than mid-grey (a page code covers several %). */
function hasDarkPixels(img: GrayImage): boolean {
  let n = 0;
  for (const v of img.data) if (v < 128) n++;
  return n >= 0.005 * img.data.length;
}
