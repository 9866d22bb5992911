/**
 * The measuring grid: a window of the page resampled into page coordinates at GRID px/mm
 * (0.25 mm pixels), whatever the scan's resolution or angle, so every rule below is in millimetres.
 */
import { MM } from '../model/pagecode.js';
import type { GrayImage } from './pixels.js';
import { applyH, sample, type Homography } from './image.js';

/** Grid resolution, pixels per millimetre (0.25 mm pixels). */
export const GRID = 4;

/** A box region resampled in page space: w × h grid pixels, 0 = black. */
export interface Grid {
  w: number;
  h: number;
  v: Float32Array;
}

/** Resample a page rectangle (points) into a grid at `ppm` pixels per mm. */
export function resample(img: GrayImage, H: Homography, x: number, y: number, w: number, h: number, ppm = GRID): Grid {
  const gw = Math.max(1, Math.round((w / MM) * ppm));
  const gh = Math.max(1, Math.round((h / MM) * ppm));
  const v = new Float32Array(gw * gh);
  const step = MM / ppm;
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const [u, t] = applyH(H, x + (i + 0.5) * step, y + (j + 0.5) * step);
      v[j * gw + i] = sample(img, u, t);
    }
  }
  return { w: gw, h: gh, v };
}

/** A rectangle in grid pixels: [x0, y0, x1, y1), clamped to the grid. */
export type GRect = [number, number, number, number];

/** A grid window of the page, and the maps from page points to its pixels. */
export interface GridWindow {
  g: Grid;
  /** A page rectangle [x, y, w, h] (points) as grid pixels, clamped to the grid. */
  toG(r: readonly number[]): GRect;
  /** A page x (points) as a grid column, not clamped. */
  gx(px: number): number;
  /** A page y (points) as a grid row, not clamped. */
  gy(py: number): number;
}

/** Resample the page rectangle (points) [wx, wy, w, h] and say where page points fall in it. */
export function gridWindow(img: GrayImage, H: Homography, wx: number, wy: number, w: number, h: number): GridWindow {
  const g = resample(img, H, wx, wy, w, h);
  const toG = (r: readonly number[]): GRect => [
    Math.max(0, Math.min(g.w, Math.round(((r[0]! - wx) / MM) * GRID))),
    Math.max(0, Math.min(g.h, Math.round(((r[1]! - wy) / MM) * GRID))),
    Math.max(0, Math.min(g.w, Math.round(((r[0]! + r[2]! - wx) / MM) * GRID))),
    Math.max(0, Math.min(g.h, Math.round(((r[1]! + r[3]! - wy) / MM) * GRID))),
  ];
  const gx = (px: number) => Math.round(((px - wx) / MM) * GRID);
  const gy = (py: number) => Math.round(((py - wy) / MM) * GRID);
  return { g, toG, gx, gy };
}
