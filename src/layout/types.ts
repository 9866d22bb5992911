/**
 * Layout data: what the paginator produces and the drawing consumes. Plain data, no PDF here.
 * All coordinates in points, origin at the top-left of the page, y growing downwards.
 */
import type { ManifestBox } from '../model/manifest.js';
import type { FontName } from '../model/event.js';
import type { Rect } from '../model/manifest.js';

export type { Rect };

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** Text measurement, so the layout needs no PDF library. Sizes in points. */
export interface Metrics {
  widthOf(text: string, style: FontStyle, size: number): number;
  /** Distance from baseline up to the top of the tallest glyphs (positive). */
  ascent(size: number): number;
  /** Distance from baseline down to the bottom of descenders (positive). */
  descent(size: number): number;
  lineGap(size: number): number;
  /** Pixel size of an image file (for the letterhead logo's aspect ratio); undefined if unknown. */
  imageSize?(path: string): [number, number] | undefined;
}

export interface PageSpec {
  size: [number, number];
  margins: { top: number; right: number; bottom: number; left: number };
  font: FontName;
  /** Body text size, 12 by the tata naskah dinas. */
  baseSize: number;
  /** Reserve the furniture zones of pageFurniture() (marks, QR square, code text). */
  machineReadable: boolean;
}

export type DrawItem =
  /** `clip`: the left and right edge the text must not draw past (set only when a line is wider than its box). */
  | {
      t: 'text';
      x: number;
      y: number /* baseline */;
      text: string;
      style: FontStyle;
      size: number;
      underline?: boolean;
      clip?: [number, number];
    }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; dash?: [number, number] }
  | { t: 'rect'; x: number; y: number; w: number; h: number; stroke?: boolean; fill?: string; width?: number }
  | { t: 'image'; path: string; x: number; y: number; w: number; h: number };

export interface LaidOutPage {
  size: [number, number];
  items: DrawItem[];
  /** The signature boxes placed on the page, as the manifest records them. */
  boxes: ManifestBox[];
  /** 1-based page within the document. */
  pageNumber: number;
  pageCount: number;
}
