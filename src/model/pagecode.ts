/**
 * Page codes and the fixed furniture of machine-readable pages (registration marks, QR squares).
 * Pure and shared: the drawing places these, the manifest records them, the scanner looks for them.
 *
 * Code text (since manifest version 2): "IK2-<EVENT6>-<SERIAL6>-<TAG4>", all in the QR alphanumeric
 * set, e.g. "IK2-K7QD2M-000012-QX4T". No personal data. TAG is 4 base-32 characters (20 bits) of
 * sha256 over the rest of the code AND the page's content digest (who is on the page, in which box,
 * on which layout: `pageContentDigest`). A page is therefore matched only by the render that printed
 * it: after a roster change the same serial carries another tag, and a scan of the old page is
 * `foreign` instead of being read as someone else's signature. The QR's own error correction guards
 * against misreads; the manifest lookup (the whole code must be one of its pages) is the check.
 *
 * Older renders printed "IK1-<EVENT6>-<SERIAL6>-<CHECK2>" (CHECK = 2 base-36 chars of sha256 of the
 * rest, event-only): still decoded, and accepted only against a version-1 manifest.
 */
import { createHash } from 'node:crypto';

export const PAGE_CODE_PREFIX = 'IK2';
const ALNUM36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const MM = 72 / 25.4;

/**
 * How far a signature box recorded in the manifest lies inside the printed lines around it (points):
 * the layout insets every box by this much, and the scanner looks for a table line this far outside
 * a box edge when it cannot see where the line ran.
 */
export const BOX_INSET = 1.5;

function checkValueV1(body: string): string {
  const h = createHash('sha256').update(body).digest();
  const n = h.readUInt16BE(0) % (36 * 36);
  return ALNUM36[Math.floor(n / 36)]! + ALNUM36[n % 36]!;
}

function base32(bytes: Buffer, n: number): string {
  // n characters from the leading 5n bits
  let s = '';
  let acc = 0;
  let bits = 0;
  let i = 0;
  while (s.length < n) {
    acc = (acc << 8) | bytes[i++]!;
    bits += 8;
    while (bits >= 5 && s.length < n) {
      bits -= 5;
      s += BASE32[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return s;
}

/** A deterministic 6-char event code from the event's identity fields. */
export function deriveEventCode(identity: string): string {
  const h = createHash('sha256').update(identity).digest();
  let s = '';
  for (let i = 0; i < 6; i++) s += BASE32[h[i]! % 32];
  return s;
}

export function isEventCode(s: string): boolean {
  return /^[A-Z2-7]{6}$/.test(s);
}

/** What a page holds, as far as attribution goes: the input of its page code's tag. */
export interface PageContent {
  document: string;
  unit: string;
  size: readonly [number, number];
  boxes: readonly {
    key: string;
    nip: string | null;
    number: number;
    side: string;
    rect: readonly number[];
    label?: readonly number[] | undefined;
  }[];
}

/** Version of the page furniture (marks and QR squares) that the digest and the code belong to. */
export const FURNITURE_VERSION = 2;

/**
 * sha256 (hex) of a page's content: furniture version, document, unit, paper size and every box
 * (person key, NIP, row number, side, where it is), positions rounded to 0.01 pt so the digest does
 * not depend on floating-point noise. Names are not part of it: fixing a typo in a name does not
 * make the printed pages foreign, moving anybody to another box does.
 */
export function pageContentDigest(c: PageContent): string {
  const r = (v: number) => Math.round(v * 100) / 100;
  const canon = JSON.stringify([
    FURNITURE_VERSION,
    c.document,
    c.unit,
    c.size.map(r),
    c.boxes.map((b) => [b.key, b.nip, b.number, b.side, b.rect.map(r), b.label ? b.label.map(r) : null]),
  ]);
  return createHash('sha256').update(canon).digest('hex');
}

export function encodePageCode(eventCode: string, serial: number, contentDigest: string): string {
  if (!isEventCode(eventCode)) throw new Error(`bad event code ${eventCode}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999999) throw new Error(`bad serial ${serial}`);
  if (!/^[0-9a-f]{64}$/.test(contentDigest)) throw new Error('bad content digest');
  const body = `${PAGE_CODE_PREFIX}-${eventCode}-${String(serial).padStart(6, '0')}`;
  const tag = base32(createHash('sha256').update(`${body}|${contentDigest}`).digest(), 4);
  return `${body}-${tag}`;
}

/** The page code of a page holding `content`: encodePageCode with that content's digest. */
export function pageCodeFor(eventCode: string, serial: number, content: PageContent): string {
  return encodePageCode(eventCode, serial, pageContentDigest(content));
}

/** An IK1 code (renders of ikrar before manifest version 2); for tests and old manifests. */
export function encodePageCodeV1(eventCode: string, serial: number): string {
  const body = `IK1-${eventCode}-${String(serial).padStart(6, '0')}`;
  return `${body}-${checkValueV1(body)}`;
}

export interface DecodedPageCode {
  /** 1: an IK1 code (old renders); 2: an IK2 code. */
  version: 1 | 2;
  eventCode: string;
  serial: number;
}

/** Returns null for anything that is not a well-formed page code (IK1: with a correct check value). */
export function decodePageCode(text: string): DecodedPageCode | null {
  const t = text.trim();
  const m2 = /^IK2-([A-Z2-7]{6})-(\d{6})-([A-Z2-7]{4})$/.exec(t);
  if (m2) {
    const serial = Number(m2[2]);
    return serial >= 1 ? { version: 2, eventCode: m2[1]!, serial } : null;
  }
  const m = /^IK1-([A-Z2-7]{6})-(\d{6})-([0-9A-Z]{2})$/.exec(t);
  if (!m) return null;
  const body = `IK1-${m[1]}-${m[2]}`;
  if (checkValueV1(body) !== m[3]) return null;
  return { version: 1, eventCode: m[1]!, serial: Number(m[2]) };
}

/** Paper sizes in points (portrait). F4 = 215 × 330 mm. */
export const PAPER: Record<'f4' | 'a4' | 'letter', [number, number]> = {
  f4: [215 * MM, 330 * MM],
  a4: [210 * MM, 297 * MM],
  letter: [612, 792],
};

/** Names of the registration marks, in the order of `PageFurniture.marks`. */
export const MARK_NAMES = [
  'top-left',
  'top-right',
  'bottom-right',
  'bottom-left',
  'middle-left',
  'middle-right',
] as const;

/** Quiet zone the drawing leaves around each QR symbol, in modules (the standard's minimum). */
export const QR_QUIET = 4;

/**
 * Furniture of a machine-readable page of size w × h (points, top-left origin), designed for the
 * return leg (docs: ARCHITECTURE.md, "The printed page is designed to be read back"):
 * - six filled square marks 5 mm wide: four near the corners, 16 mm in from the sides and 13 mm from
 *   the top and bottom edges (a feeder skew of 3.5° cropped to the paper's size moves a corner mark
 *   by up to 9 mm sideways and 6 mm up or down, and every printer prints 7 mm from the edge), and one
 *   at mid-height 12 mm in from each side;
 * - the page code twice, as two 16 mm QR squares in opposite corners: one in the left margin below
 *   the top-left mark, one in the bottom margin against the right text margin.
 * Whatever single edge strip up to 35 mm deep is lost (an F4 page on A4 glass loses its bottom
 * 33 mm), one QR and at least three marks that are not on one line stay in view.
 */
export interface PageFurniture {
  marks: [number, number][]; // centres, in MARK_NAMES order
  markSize: number;
  /** The QR squares (x, y, side; quiet zone included): [0] top-left (left margin), [1] bottom-right. */
  qrs: [number, number, number][];
  /** Where the human-readable code text goes (baseline start), bottom left of the text area. */
  codeText: [number, number];
}

export function pageFurniture(w: number, h: number): PageFurniture {
  const markSize = 5 * MM;
  const sx = 16 * MM; // corner marks from the left / right edge
  const sy = 13 * MM; // corner marks from the top / bottom edge
  const mid = 12 * MM; // middle marks from the side
  const qrSide = 16 * MM;
  return {
    marks: [
      [sx, sy],
      [w - sx, sy],
      [w - sx, h - sy],
      [sx, h - sy],
      [mid, h / 2],
      [w - mid, h / 2],
    ],
    markSize,
    qrs: [
      [11 * MM, 24 * MM, qrSide],
      [w - 22 * MM - qrSide, h - 7 * MM - qrSide, qrSide],
    ],
    codeText: [30 * MM, h - 10 * MM],
  };
}

/** Where a symbol of n modules sits in a QR square: its top-left corner and the module's side (points). */
export function qrModules(
  square: readonly [number, number, number],
  modules: number,
): { x: number; y: number; mod: number } {
  const [x, y, side] = square;
  const mod = side / (modules + 2 * QR_QUIET);
  return { x: x + QR_QUIET * mod, y: y + QR_QUIET * mod, mod };
}

/** The square of the QR symbol (quiet zone excluded) inside a QR square, for a symbol of n modules. */
export function qrSymbolSquare(square: readonly [number, number, number], modules: number): [number, number, number] {
  const { x, y, mod } = qrModules(square, modules);
  return [x, y, modules * mod];
}
