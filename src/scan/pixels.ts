/** What the decoders hand on: greyscale pages, raw pixels, an opened scan file, or why it cannot be opened. */
/** One greyscale page: width × height bytes, row-major, 0 = black, 255 = white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface ScanFile {
  pageCount: number;
  /** 1-based page. */
  page(n: number): Promise<GrayImage>;
  close(): Promise<void>;
}

/** Decoded pixels from a decoder other than sharp (HEIC, BMP), 8 bits a channel, row-major. */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

/**
 * Why a file cannot be read: `reason` in English; a file of a kind with advice of its own also
 * carries the English `hint` and the `params` of its catalogue entry (`_m`, `_h` and its fields).
 */
export type OpenResult =
  | { ok: true; scan: ScanFile }
  | { ok: false; reason: string; hint?: string; params?: Record<string, string> };
