/**
 * Field conditions for the scan simulator (test-only): what happens to a signed sheet between the
 * apel and the tally in a kabupaten office (see /work/shared/docs/recognition.md, "Office
 * realities"). One page = print (at 100 %, or "fit to page" 85–100 % on A4/Letter paper, or a
 * photocopy), sign (marks.ts: signatures, parafs, specks, a neighbour's flourish, light inks, at
 * their physical size), then scan or photograph under one condition. Deterministic from a seed;
 * every box keeps its ground truth.
 */
import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { ManifestBox, ManifestPage } from '../../src/model/manifest.js';
import { dither, gauss, phoneEffects, prng, rasterise, scannerEffects, warp } from './simulate.js';
import { drawFullSignature, drawNeighbourFlourish, drawParaf, drawSpecks, pickInk, type FieldTruth } from './marks.js';
import { scannerPdf } from './scanset.js';

export const CONDITIONS = [
  'scanner',
  'light-ink-150',
  'fit-to-page',
  'photocopy',
  'f4-on-a4',
  'adf-skew-crop',
  'whatsapp',
  'phone',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const CONDITION_TEXT: Record<Condition, string> = {
  scanner: 'ordinary scanner: 150–300 dpi, ±3°, JPEG / PNG / PDF / 1-bit TIFF',
  'light-ink-150': 'light grey / light blue ink, thin ballpoint, 150 dpi JPEG',
  'fit-to-page': 'printed "fit to page" 85–100 % on A4 or Letter, scanned 150–200 dpi',
  photocopy: 'photocopy (darker grey, toner specks, dark band at an edge), scanned',
  'f4-on-a4': 'F4 page on an A4 flatbed: bottom 33 mm+ not in the scan',
  'adf-skew-crop': 'ADF skew 2.5–3.5°, scan cropped to the paper size (corners cut)',
  whatsapp: 'phone photo through WhatsApp: 1600 px long side, JPEG 60–75, angle ≤ 20°, shadow',
  phone: 'phone photo at an angle ≤ 20°, with shadow, 140–200 dpi',
};

export interface FieldPage {
  bytes: Buffer;
  ext: 'jpg' | 'png' | 'tif' | 'pdf';
  code: string;
  truth: Map<string, FieldTruth>;
  describe: string;
}

const PAPER_MM = { a4: [210, 297], letter: [215.9, 279.4] } as const;

/** Truths for the boxes of a page: about 45 % signed in full, 15 % paraf, 20 % empty, 12 % specks, 8 % a neighbour's flourish. */
function assignTruths(rnd: () => number, boxes: readonly ManifestBox[]): FieldTruth[] {
  const t: FieldTruth[] = boxes.map(() => {
    const r = rnd();
    return r < 0.45 ? 'signed' : r < 0.6 ? 'paraf' : r < 0.8 ? 'empty' : r < 0.92 ? 'speck' : 'flourish';
  });
  // A flourish comes from a signed neighbour (the row above or below): without one, the box is empty.
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 'flourish') continue;
    const n = [i - 1, i + 1].find((j) => t[j] === 'signed');
    if (n === undefined) t[i] = 'empty';
  }
  return t;
}

/** Sign the page: `toPx` maps page points to paper pixels; marks are drawn at `pxPerMm`. */
function signPage(
  ctx: SKRSContext2D,
  rnd: () => number,
  page: ManifestPage,
  toPx: (r: readonly number[]) => [number, number, number, number],
  pxPerMm: number,
  light: boolean,
): Map<string, FieldTruth> {
  const truths = assignTruths(rnd, page.boxes);
  const truth = new Map<string, FieldTruth>();
  page.boxes.forEach((box, i) => {
    const t = truths[i]!;
    truth.set(box.key, t);
    const [bx, by, bw, bh] = toPx(box.rect);
    const ink = pickInk(rnd, light || rnd() < 0.25);
    const cx = bx + bw * (0.35 + rnd() * 0.3),
      cy = by + bh * (0.4 + rnd() * 0.25);
    if (t === 'signed') {
      const wMm = (bw / pxPerMm) * (0.6 + rnd() * 0.6);
      const hMm = (bh / pxPerMm) * (0.4 + rnd() * 0.5);
      drawFullSignature(ctx, rnd, cx, cy, wMm, hMm, pxPerMm, ink);
    } else if (t === 'paraf') {
      drawParaf(ctx, rnd, cx, cy, pxPerMm, ink);
    } else if (t === 'speck') {
      drawSpecks(ctx, rnd, bx, by, bw, bh, pxPerMm);
    } else if (t === 'flourish') {
      const n = [i - 1, i + 1].find((j) => truths[j] === 'signed')!;
      drawNeighbourFlourish(ctx, rnd, [bx, by, bw, bh], toPx(page.boxes[n]!.rect), pxPerMm, ink);
    }
  });
  return truth;
}

/** A photocopy: greyer and darker, toner specks all over, a dark band where the lid did not close. */
function photocopy(ctx: SKRSContext2D, rnd: () => number, W: number, H: number, pxPerMm: number): void {
  const tone = 205 + Math.floor(rnd() * 25);
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.fillStyle = `rgb(${tone},${tone},${tone})`;
  ctx.fillRect(0, 0, W, H);
  ctx.restore();
  const specks = 150 + Math.floor(rnd() * 300);
  for (let i = 0; i < specks; i++) {
    const g = 20 + Math.floor(rnd() * 80);
    ctx.fillStyle = `rgb(${g},${g},${g})`;
    ctx.beginPath();
    ctx.arc(rnd() * W, rnd() * H, (0.05 + rnd() * 0.25) * pxPerMm, 0, Math.PI * 2);
    ctx.fill();
  }
  const side = Math.floor(rnd() * 4);
  const band = (4 + rnd() * 10) * pxPerMm;
  const dark = 40 + Math.floor(rnd() * 60);
  const [x0, y0, x1, y1] =
    side === 0
      ? [0, 0, band, 0]
      : side === 1
        ? [W, 0, W - band, 0]
        : side === 2
          ? [0, 0, 0, band]
          : [0, H, 0, H - band];
  const grad = ctx.createLinearGradient(x0, y0, x1, y1);
  grad.addColorStop(0, `rgba(${dark},${dark},${dark},0.95)`);
  grad.addColorStop(1, `rgba(${dark},${dark},${dark},0)`);
  ctx.fillStyle = grad;
  if (side < 2) ctx.fillRect(Math.min(x0, x1), 0, band, H);
  else ctx.fillRect(0, Math.min(y0, y1), W, band);
}

/** ADF: skewed 2.5–3.5° either way, cropped to the paper's own size (the corners go), grey noise. */
function adfSkewCrop(
  rnd: () => number,
  rgba: Uint8ClampedArray,
  W: number,
  H: number,
): { data: Uint8Array; w: number; h: number } {
  const g = new Float32Array(W * H);
  for (let i = 0, j = 0; i < g.length; i++, j += 4)
    g[i] = 0.2126 * rgba[j]! + 0.7152 * rgba[j + 1]! + 0.0722 * rgba[j + 2]!;
  const ang = ((rnd() < 0.5 ? -1 : 1) * (2.5 + rnd()) * Math.PI) / 180;
  const cos = Math.cos(ang),
    sin = Math.sin(ang);
  const [warped] = warp(
    [g],
    W,
    H,
    W,
    H,
    (x, y) => {
      const dx = x - W / 2,
        dy = y - H / 2;
      return [W / 2 + cos * dx + sin * dy, H / 2 - sin * dx + cos * dy];
    },
    [235],
  );
  const paper = 228 + rnd() * 22;
  const sigma = 3 + rnd() * 7;
  const out = new Uint8Array(W * H);
  for (let i = 0; i < out.length; i++)
    out[i] = Math.max(0, Math.min(255, Math.round((warped![i]! / 255) * paper + gauss(rnd) * sigma)));
  return { data: out, w: W, h: H };
}

async function encodeGrey(
  rnd: () => number,
  out: { data: Uint8Array; w: number; h: number },
  dpi: number,
  kind: 'jpeg' | 'png' | 'dither' | 'pdf',
  quarter: number,
): Promise<{ bytes: Buffer; ext: FieldPage['ext'] }> {
  const grey = sharp(Buffer.from(out.data), { raw: { width: out.w, height: out.h, channels: 1 } })
    .rotate(quarter * 90)
    .blur(0.4 + rnd() * 0.5);
  if (kind === 'dither') {
    const { data, info } = await grey.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const d = dither(new Uint8Array(data), info.width, info.height);
    const bytes = await sharp(Buffer.from(d), { raw: { width: info.width, height: info.height, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
    return { bytes, ext: 'tif' };
  }
  if (kind === 'png') return { bytes: await grey.png().toBuffer(), ext: 'png' };
  const jpeg = await grey.jpeg({ quality: 50 + Math.floor(rnd() * 41) }).toBuffer();
  if (kind === 'pdf') return { bytes: await scannerPdf([jpeg], dpi), ext: 'pdf' };
  return { bytes: jpeg, ext: 'jpg' };
}

/**
 * Conditions a test may force instead of drawing them (a steep photo, upside down); the seed's other
 * draws stay the same, so a page made without `force` is the one every earlier run made.
 */
export interface FieldForce {
  /** Phone / WhatsApp: the camera's tilt, degrees (0–20 as drawn; tests force 15–20). */
  tiltDeg?: number;
  upsideDown?: boolean;
}

/** Simulate one page of `pdf` (the rendered document holding `page`) under `cond`. */
export async function simulateField(
  seed: number,
  pdf: string,
  page: ManifestPage,
  cond: Condition,
  force: FieldForce = {},
): Promise<FieldPage> {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const dpi =
    cond === 'scanner'
      ? pick([150, 150, 200, 200, 300])
      : cond === 'phone'
        ? 140 + Math.floor(rnd() * 61)
        : cond === 'light-ink-150' || cond === 'whatsapp'
          ? 150
          : pick([150, 200]);
  const img = await loadImage(rasterise(pdf, page.page, dpi));
  const pxPerMm = dpi / 25.4;
  // Print: at 100 % on paper of the page's own size, or shrunk about the centre onto A4/Letter.
  let W = img.width,
    H = img.height,
    scale = 1;
  if (cond === 'fit-to-page') {
    const [pw, ph] = PAPER_MM[rnd() < 0.6 ? 'a4' : 'letter'];
    W = Math.round(pw * pxPerMm);
    H = Math.round(ph * pxPerMm);
    scale = Math.max(0.85, Math.min(1, Math.min(W / img.width, H / img.height) * (0.96 + rnd() * 0.04)));
  } else if (cond === 'photocopy') {
    scale = 0.98 + rnd() * 0.02;
  }
  const ox = (W - img.width * scale) / 2,
    oy = (H - img.height * scale) / 2;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.drawImage(img, ox, oy, img.width * scale, img.height * scale);
  const k = (dpi / 72) * scale;
  const toPx = (r: readonly number[]): [number, number, number, number] => [
    ox + r[0]! * k,
    oy + r[1]! * k,
    r[2]! * k,
    r[3]! * k,
  ];
  // The photocopy is made of the signed original (the signatures are copied too).
  const truth = signPage(ctx, rnd, page, toPx, pxPerMm, cond === 'light-ink-150');
  if (cond === 'photocopy') photocopy(ctx, rnd, W, H, pxPerMm);
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const drawnQuarter = rnd() < 0.2 ? 2 : 0;
  const quarter = force.upsideDown === undefined ? drawnQuarter : force.upsideDown ? 2 : 0;
  let enc: { bytes: Buffer; ext: FieldPage['ext'] };
  let detail = `${dpi} dpi`;
  if (cond === 'phone' || cond === 'whatsapp') {
    const drawnTilt = Math.round(rnd() * 20);
    const tiltDeg = force.tiltDeg ?? drawnTilt;
    const out = phoneEffects(rnd, rgba, W, H, { kind: 'phone', dpi, tiltDeg });
    let s = sharp(Buffer.from(out.data), { raw: { width: out.w, height: out.h, channels: 3 } })
      .rotate(quarter * 90)
      .blur(0.5 + rnd() * 0.7);
    let q = 70 + Math.floor(rnd() * 21);
    if (cond === 'whatsapp') {
      s = sharp(await s.png({ compressionLevel: 1 }).toBuffer()).resize(
        out.w >= out.h ? { width: 1600 } : { height: 1600 },
      );
      q = 60 + Math.floor(rnd() * 16);
    }
    enc = { bytes: await s.jpeg({ quality: q }).toBuffer(), ext: 'jpg' };
    detail += ` tilt ${tiltDeg}° q${q}`;
  } else if (cond === 'adf-skew-crop') {
    enc = await encodeGrey(rnd, adfSkewCrop(rnd, rgba, W, H), dpi, pick(['jpeg', 'pdf'] as const), quarter);
  } else {
    let out = scannerEffects(rnd, rgba, W, H, { kind: 'scanner', dpi });
    if (cond === 'f4-on-a4') {
      // The glass is 297 mm long: the scan ends there, whatever the paper below it held.
      const keep = Math.min(out.h, Math.round(297 * pxPerMm));
      out = { data: out.data.subarray(0, keep * out.w), w: out.w, h: keep };
    }
    const kinds =
      cond === 'scanner'
        ? dpi >= 200
          ? (['jpeg', 'png', 'pdf', 'dither'] as const)
          : (['jpeg', 'png', 'pdf'] as const)
        : (['jpeg', 'pdf'] as const);
    enc = await encodeGrey(rnd, out, dpi, pick(kinds), quarter);
  }
  return {
    ...enc,
    code: page.code,
    truth,
    describe: `${cond} ${detail} ${enc.ext}${quarter ? ' upside down' : ''}${scale !== 1 ? ` print ${(scale * 100).toFixed(0)} %` : ''}`,
  };
}
