/**
 * Slices: what every block becomes before pagination. A slice is never split; `keepWithNext` ties it
 * to the following one; a header is drawn again on top of every page its slices reach.
 */
import type { ManifestBox } from '../model/manifest.js';
import type { DrawItem, Metrics, PageSpec } from './types.js';
import type { Line } from './text.js';

/** What a slice draws into. */
export interface PageOut {
  items: DrawItem[];
  boxes: ManifestBox[];
}

export interface Header {
  height: number;
  gapBefore: number;
  draw(y: number, out: PageOut): void;
}

export interface Slice {
  height: number;
  /** Space above, dropped at the top of a page. */
  gapBefore: number;
  keepWithNext: boolean;
  /** A header that must be on the page above this slice (drawn again after a page break). */
  header?: Header;
  /** A forced page break before this slice. */
  breakBefore?: boolean;
  /** Empty space that is dropped when it would open a page (other than the first). */
  discardAtTop?: boolean;
  draw(y: number, out: PageOut): void;
}

export interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** What the block layouts share: the page, the metrics, the frame, and the slices made so far. */
export class LayoutContext {
  readonly slices: Slice[] = [];
  /** Space still owed below the last block, given to the next slice that opens a block. */
  pendingGap = 0;

  constructor(
    readonly spec: PageSpec,
    readonly m: Metrics,
    readonly f: Frame,
  ) {}

  get width(): number {
    return this.f.x1 - this.f.x0;
  }

  push(s: Omit<Slice, 'gapBefore'> & { gapBefore?: number }, first: boolean): void {
    const gap = first ? this.pendingGap + (s.gapBefore ?? 0) : (s.gapBefore ?? 0);
    if (first) this.pendingGap = 0;
    this.slices.push({ ...s, gapBefore: gap });
  }

  /** Slices for wrapped lines, with orphan and widow control. */
  lineSlices(
    lines: Line[],
    lh: number,
    draw: (line: Line, index: number, top: number, out: PageOut) => void,
    keepLast: boolean,
    first: boolean,
    gap: number,
  ) {
    const n = lines.length;
    lines.forEach((line, i) => {
      const keep = i === n - 1 ? keepLast : n <= 3 || i === 0 || i === n - 2;
      this.push(
        { height: lh, gapBefore: i === 0 ? gap : 0, keepWithNext: keep, draw: (y, out) => draw(line, i, y, out) },
        first && i === 0,
      );
    });
  }

  /** Ties the last slice placed (and any spacing slices before it) to what is placed next. */
  keepPreviousWithNext(): void {
    for (let k = this.slices.length - 1; k >= 0; k--) {
      const prev = this.slices[k]!;
      if (prev.breakBefore) break;
      prev.keepWithNext = true;
      if (!prev.discardAtTop) break;
    }
  }
}
