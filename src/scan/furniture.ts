/**
 * Taking the printed page furniture off the ink mask: the table's straight lines where the manifest
 * says they run (near the box edges), and — for judging how far a stroke reaches — what is left of
 * a line along a box edge after that.
 */
import type { ManifestBox } from '../model/manifest.js';
import { BOX_INSET, MM } from '../model/pagecode.js';
import { GRID, type GridWindow } from './grid.js';

/** Where a table line is printed outside a box edge, in grid pixels (the layout's inset, 2 px). */
const LINE_OFFSET = Math.round((BOX_INSET / MM) * GRID);

/**
 * Remove straight printed lines: long (12 mm) thin horizontal or vertical runs. A line may wander by
 * a pixel (registration, dithering) and have short gaps (faint print, 1-bit scans), so a run is
 * followed in a 3-pixel band and gaps up to 0.75 mm are bridged; the band is cleared. Only where
 * lines are printed (rowZone / colZone: near the box edges), so a long flat stroke of a signature
 * inside a box is never taken for one.
 */
function removeLines(m: Uint8Array, w: number, h: number, rowZone?: Uint8Array, colZone?: Uint8Array): void {
  const minRun = 12 * GRID; // 12 mm
  const kill = new Uint8Array(w * h);
  markRuns(m, w, h, true, minRun, kill, rowZone);
  markRuns(m, w, h, false, Math.min(minRun, Math.round(0.85 * h)), kill, colZone);
  for (let i = 0; i < m.length; i++) if (kill[i]) m[i] = 0;
}

/**
 * One direction of removeLines: along each row (`horizontal`) or column `t` in `zone`, the runs of
 * ink at least `minRun` long (gaps up to 3 px bridged, a 3-pixel band followed) that are thin — the
 * rows (columns) 0.9 mm to either side are not both mostly inked along the run, so a signature
 * lying on the line on one side does not stop its removal — are marked in `kill`, band and all.
 */
function markRuns(
  m: Uint8Array,
  w: number,
  h: number,
  horizontal: boolean,
  minRun: number,
  kill: Uint8Array,
  zone?: Uint8Array,
): void {
  const thick = Math.round(0.9 * GRID) + 1;
  const maxGap = 3;
  const len = horizontal ? w : h,
    across = horizontal ? h : w;
  const idx = (u: number, t: number) => (horizontal ? t * w + u : u * w + t);
  const at = (u: number, t: number) => u >= 0 && t >= 0 && u < len && t < across && m[idx(u, t)] === 1;
  for (let t = 0; t < across; t++) {
    if (zone && !zone[t]) continue;
    const on = (u: number) => at(u, t) || at(u, t - 1) || at(u, t + 1);
    let u = 0;
    while (u < len) {
      if (!on(u)) {
        u++;
        continue;
      }
      const s = u;
      let last = u;
      while (u < len && u - last <= maxGap) {
        if (on(u)) last = u;
        u++;
      }
      const e = last + 1;
      u = e;
      if (e - s < minRun) continue;
      let before = 0,
        after = 0;
      for (let k = s; k < e; k++) {
        if (at(k, t - thick)) before++;
        if (at(k, t + thick)) after++;
      }
      if (before < 0.6 * (e - s) && after < 0.6 * (e - s)) {
        for (let k = s; k < e; k++)
          for (let tt = Math.max(0, t - 1); tt <= Math.min(across - 1, t + 1); tt++) kill[idx(k, tt)] = 1;
      }
    }
  }
}

/**
 * Remove the printed lines along the edges of the page's boxes `all` from the ink mask `inkM` (in
 * place), and clear `extend` where ink runs on along an edge: near a box edge (1.25 mm either
 * side), ink running along the edge for 1.5 mm or more is what is left of the line (a tick
 * touching a line must not grow by the line).
 */
export function removeFurniture(
  inkM: Uint8Array,
  win: GridWindow,
  all: readonly ManifestBox[],
  extend: Uint8Array,
): void {
  const { g, gx, gy } = win;
  const before = Uint8Array.from(inkM);
  const W = g.w;
  const lw = Math.round(1.25 * GRID);
  const run = Math.round(1.5 * GRID);
  const rowZone = new Uint8Array(g.h);
  const colZone = new Uint8Array(W);
  const zw = Math.round(1.75 * GRID);
  for (const b of all) {
    for (const e of [gx(b.rect[0]), gx(b.rect[0] + b.rect[2])])
      for (let k = e - zw; k <= e + zw; k++) if (k >= 0 && k < W) colZone[k] = 1;
    for (const e of [gy(b.rect[1]), gy(b.rect[1] + b.rect[3])])
      for (let k = e - zw; k <= e + zw; k++) if (k >= 0 && k < g.h) rowZone[k] = 1;
  }
  removeLines(inkM, g.w, g.h, rowZone, colZone);
  // Along each box edge, the rows (columns) where the printed line actually ran: where
  // removeLines took the most ink, or — when nothing was taken there — BOX_INSET outside the edge,
  // where it is printed. Ink left on those rows in runs of 1.5 mm or more is what remains of the
  // line, not writing.
  const lineRows = (e: number, outward: number, horizontal: boolean): number[] => {
    const lo = Math.max(0, e - lw),
      hi = Math.min(horizontal ? g.h : W, e + lw);
    const counts: number[] = [];
    for (let t = lo; t < hi; t++) {
      let c = 0;
      const n = horizontal ? W : g.h;
      for (let u = 0; u < n; u++) {
        const i = horizontal ? t * W + u : u * W + t;
        if (before[i] && !inkM[i]) c++;
      }
      counts.push(c);
    }
    const max = Math.max(0, ...counts);
    const at: number[] = [];
    if (max >= 3 * GRID)
      counts.forEach((c, k) => {
        if (c >= 0.5 * max) at.push(lo + k);
      });
    else at.push(e + outward * LINE_OFFSET);
    const out = new Set<number>();
    for (const t of at) for (let d = -1; d <= 1; d++) if (t + d >= 0 && t + d < (horizontal ? g.h : W)) out.add(t + d);
    return [...out];
  };
  const hRun = (xx: number, yy: number) => {
    let a = xx,
      b = xx;
    while (a > 0 && inkM[yy * W + a - 1]) a--;
    while (b < W - 1 && inkM[yy * W + b + 1]) b++;
    return b - a + 1;
  };
  const vRun = (xx: number, yy: number) => {
    let a = yy,
      b = yy;
    while (a > 0 && inkM[(a - 1) * W + xx]) a--;
    while (b < g.h - 1 && inkM[(b + 1) * W + xx]) b++;
    return b - a + 1;
  };
  const xEdges = new Map<number, number>();
  const yEdges = new Map<number, number>();
  for (const b of all) {
    xEdges.set(gx(b.rect[0]), -1);
    xEdges.set(gx(b.rect[0] + b.rect[2]), 1);
    yEdges.set(gy(b.rect[1]), -1);
    yEdges.set(gy(b.rect[1] + b.rect[3]), 1);
  }
  for (const [e, out] of xEdges) {
    if (e + lw < 0 || e - lw >= W) continue;
    for (const xx of lineRows(e, out, false))
      for (let yy = 0; yy < g.h; yy++) {
        if (inkM[yy * W + xx] && vRun(xx, yy) >= run) extend[yy * W + xx] = 0;
      }
  }
  for (const [e, out] of yEdges) {
    if (e + lw < 0 || e - lw >= g.h) continue;
    for (const yy of lineRows(e, out, true))
      for (let xx = 0; xx < W; xx++) {
        if (inkM[yy * W + xx] && hRun(xx, yy) >= run) extend[yy * W + xx] = 0;
      }
  }
}
