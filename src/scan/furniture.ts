/**
 * Taking the printed page furniture off the ink mask: the table's straight lines where the manifest
 * says they run (near the box edges), and — for judging how far a stroke reaches — what is left of
 * a line along a box edge after that.
 */
import type { ManifestBox } from '../model/manifest.js';
import { GRID, type GridWindow } from './grid.js';

/**
 * Remove straight printed lines: long (12 mm) thin horizontal or vertical runs. A line may wander by
 * a pixel (registration, dithering) and have short gaps (faint print, 1-bit scans), so a run is
 * followed in a 3-pixel band and gaps up to 0.75 mm are bridged; the band is cleared. Only where
 * lines are printed (rowZone / colZone: near the box edges), so a long flat stroke of a signature
 * inside a box is never taken for one.
 */
function removeLines(m: Uint8Array, w: number, h: number, rowZone?: Uint8Array, colZone?: Uint8Array): void {
  const minRun = 12 * GRID; // 12 mm
  const thick = Math.round(0.9 * GRID) + 1;
  const maxGap = 3;
  const kill = new Uint8Array(w * h);
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && m[y * w + x] === 1;
  for (let y = 0; y < h; y++) {
    if (rowZone && !rowZone[y]) continue;
    const on = (x: number) => at(x, y) || at(x, y - 1) || at(x, y + 1);
    let x = 0;
    while (x < w) {
      if (!on(x)) { x++; continue; }
      const s = x;
      let last = x;
      while (x < w && x - last <= maxGap) { if (on(x)) last = x; x++; }
      const e = last + 1;
      x = e;
      if (e - s < minRun) continue;
      // Only thin: the rows `thick` above and below are not both mostly inked along the run (a
      // signature lying on the line on one side does not stop its removal).
      let above = 0, below = 0;
      for (let k = s; k < e; k++) {
        if (at(k, y - thick)) above++;
        if (at(k, y + thick)) below++;
      }
      if (above < 0.6 * (e - s) && below < 0.6 * (e - s)) {
        for (let k = s; k < e; k++) for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) kill[yy * w + k] = 1;
      }
    }
  }
  const minCol = Math.min(minRun, Math.round(0.85 * h));
  for (let x = 0; x < w; x++) {
    if (colZone && !colZone[x]) continue;
    const on = (y: number) => at(x, y) || at(x - 1, y) || at(x + 1, y);
    let y = 0;
    while (y < h) {
      if (!on(y)) { y++; continue; }
      const s = y;
      let last = y;
      while (y < h && y - last <= maxGap) { if (on(y)) last = y; y++; }
      const e = last + 1;
      y = e;
      if (e - s < minCol) continue;
      let left = 0, right = 0;
      for (let k = s; k < e; k++) {
        if (at(x - thick, k)) left++;
        if (at(x + thick, k)) right++;
      }
      if (left < 0.6 * (e - s) && right < 0.6 * (e - s)) {
        for (let k = s; k < e; k++) for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) kill[k * w + xx] = 1;
      }
    }
  }
  for (let i = 0; i < m.length; i++) if (kill[i]) m[i] = 0;
}

/**
 * Remove the printed lines along the edges of the page's boxes `all` from the ink mask `inkM` (in
 * place), and clear `extend` where ink runs on along an edge: near a box edge (1.25 mm either
 * side), ink running along the edge for 1.5 mm or more is what is left of the line (a tick
 * touching a line must not grow by the line).
 */
export function removeFurniture(inkM: Uint8Array, win: GridWindow, all: readonly ManifestBox[], extend: Uint8Array): void {
  const { g, gx, gy } = win;
  const before = Uint8Array.from(inkM);
  const W = g.w;
  const lw = Math.round(1.25 * GRID);
  const run = Math.round(1.5 * GRID);
  const rowZone = new Uint8Array(g.h);
  const colZone = new Uint8Array(W);
  const zw = Math.round(1.75 * GRID);
  for (const b of all) {
    for (const e of [gx(b.rect[0]), gx(b.rect[0] + b.rect[2])]) for (let k = e - zw; k <= e + zw; k++) if (k >= 0 && k < W) colZone[k] = 1;
    for (const e of [gy(b.rect[1]), gy(b.rect[1] + b.rect[3])]) for (let k = e - zw; k <= e + zw; k++) if (k >= 0 && k < g.h) rowZone[k] = 1;
  }
  removeLines(inkM, g.w, g.h, rowZone, colZone);
  // Along each box edge, the rows (columns) where the printed line actually ran: where
  // removeLines took the most ink, or — when nothing was taken there — 0.5 mm outside the edge,
  // where it is printed. Ink left on those rows in runs of 1.5 mm or more is what remains of the
  // line, not writing.
  const lineRows = (e: number, outward: number, horizontal: boolean): number[] => {
    const lo = Math.max(0, e - lw), hi = Math.min(horizontal ? g.h : W, e + lw);
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
    if (max >= 3 * GRID) counts.forEach((c, k) => { if (c >= 0.5 * max) at.push(lo + k); });
    else at.push(e + outward * 2);
    const out = new Set<number>();
    for (const t of at) for (let d = -1; d <= 1; d++) if (t + d >= 0 && t + d < (horizontal ? g.h : W)) out.add(t + d);
    return [...out];
  };
  const hRun = (xx: number, yy: number) => {
    let a = xx, b = xx;
    while (a > 0 && inkM[yy * W + a - 1]) a--;
    while (b < W - 1 && inkM[yy * W + b + 1]) b++;
    return b - a + 1;
  };
  const vRun = (xx: number, yy: number) => {
    let a = yy, b = yy;
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
    for (const xx of lineRows(e, out, false)) for (let yy = 0; yy < g.h; yy++) {
      if (inkM[yy * W + xx] && vRun(xx, yy) >= run) extend[yy * W + xx] = 0;
    }
  }
  for (const [e, out] of yEdges) {
    if (e + lw < 0 || e - lw >= g.h) continue;
    for (const yy of lineRows(e, out, true)) for (let xx = 0; xx < W; xx++) {
      if (inkM[yy * W + xx] && hRun(xx, yy) >= run) extend[yy * W + xx] = 0;
    }
  }
}
