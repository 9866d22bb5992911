/**
 * Page codes and the fixed furniture of machine-readable pages (registration marks, QR square).
 * Pure and shared: the drawing places these, the manifest records them, the scanner looks for them.
 *
 * Code text: "IK1-<EVENT6>-<SERIAL6>-<CHECK2>", all in the QR alphanumeric set, e.g.
 * "IK1-K7QD2M-000012-4F". No personal data. CHECK is 2 base-36 chars of sha256(rest).
 */
import { createHash } from 'node:crypto';

export const PAGE_CODE_PREFIX = 'IK1';
const ALNUM36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const MM = 72 / 25.4;

function checkValue(body: string): string {
  const h = createHash('sha256').update(body).digest();
  const n = h.readUInt16BE(0) % (36 * 36);
  return ALNUM36[Math.floor(n / 36)]! + ALNUM36[n % 36]!;
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

export function encodePageCode(eventCode: string, serial: number): string {
  if (!isEventCode(eventCode)) throw new Error(`bad event code ${eventCode}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999999) throw new Error(`bad serial ${serial}`);
  const body = `${PAGE_CODE_PREFIX}-${eventCode}-${String(serial).padStart(6, '0')}`;
  return `${body}-${checkValue(body)}`;
}

export interface DecodedPageCode {
  eventCode: string;
  serial: number;
}

/** Returns null for anything that is not a well-formed code with a correct check value. */
export function decodePageCode(text: string): DecodedPageCode | null {
  const m = /^IK1-([A-Z2-7]{6})-(\d{6})-([0-9A-Z]{2})$/.exec(text.trim());
  if (!m) return null;
  const body = `${PAGE_CODE_PREFIX}-${m[1]}-${m[2]}`;
  if (checkValue(body) !== m[3]) return null;
  return { eventCode: m[1]!, serial: Number(m[2]) };
}

/** Paper sizes in points (portrait). F4 = 215 × 330 mm. */
export const PAPER: Record<'f4' | 'a4' | 'letter', [number, number]> = {
  f4: [215 * MM, 330 * MM],
  a4: [210 * MM, 297 * MM],
  letter: [612, 792],
};

/**
 * Furniture of a machine-readable page of size w × h (points, top-left origin):
 * four filled square marks 5 mm wide whose centres sit 10 mm in from each edge (inside any
 * printer's unprintable margin of ≤ 7.5 mm), and a QR square of 16 mm in the bottom margin,
 * left-aligned with the 3 cm text margin. The area between the marks is the page's own.
 */
export interface PageFurniture {
  marks: [number, number][]; // TL, TR, BR, BL centres
  markSize: number;
  qr: [number, number, number, number];
  /** Where the human-readable code text goes (just right of the QR). */
  codeText: [number, number];
}

export function pageFurniture(w: number, h: number): PageFurniture {
  const inset = 10 * MM;
  const markSize = 5 * MM;
  const qrSide = 16 * MM;
  const qrX = 30 * MM;
  const qrY = h - 4 * MM - qrSide - 3 * MM; // bottom edge of QR 7 mm above the page edge
  return {
    marks: [
      [inset, inset],
      [w - inset, inset],
      [w - inset, h - inset],
      [inset, h - inset],
    ],
    markSize,
    qr: [qrX, qrY, qrSide, qrSide],
    codeText: [qrX + qrSide + 2 * MM, qrY + qrSide - 3 * MM],
  };
}
