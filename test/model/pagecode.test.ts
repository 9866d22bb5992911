import { describe, expect, it } from 'vitest';
import {
  decodePageCode,
  deriveEventCode,
  encodePageCode,
  pageFurniture,
  PAPER,
  MM,
} from '../../src/model/pagecode.js';

describe('page codes', () => {
  const ev = deriveEventCode('PEMERINTAH KABUPATEN SUKAMARA|2024-11-04|Apel');

  it('derives a deterministic 6-char base32 event code', () => {
    expect(ev).toMatch(/^[A-Z2-7]{6}$/);
    expect(deriveEventCode('PEMERINTAH KABUPATEN SUKAMARA|2024-11-04|Apel')).toBe(ev);
    expect(deriveEventCode('PEMERINTAH KABUPATEN SUKAMARA|2024-11-05|Apel')).not.toBe(ev);
  });

  it('round-trips and fits a version-1 QR (alphanumeric, 20 chars)', () => {
    const code = encodePageCode(ev, 12);
    expect(code).toMatch(/^IK1-[A-Z2-7]{6}-000012-[0-9A-Z]{2}$/);
    expect(code.length).toBe(20);
    expect(decodePageCode(code)).toEqual({ eventCode: ev, serial: 12 });
    expect(decodePageCode(` ${code}\n`)).toEqual({ eventCode: ev, serial: 12 });
  });

  it('rejects any single-character corruption through the check value or the format', () => {
    const code = encodePageCode(ev, 345);
    let accepted = 0;
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < code.length; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const bad = code.slice(0, i) + ch + code.slice(i + 1);
        const d = decodePageCode(bad);
        if (d) accepted++;
      }
    }
    // A 2-char check (1296 values) lets through about 1/1296 of random corruptions; far fewer here.
    expect(accepted).toBeLessThan(3);
    expect(decodePageCode('IK1-ABCDEF-000001')).toBeNull();
    expect(decodePageCode('hello')).toBeNull();
  });

  it('refuses to encode out-of-range serials', () => {
    expect(() => encodePageCode(ev, 0)).toThrow();
    expect(() => encodePageCode(ev, 1_000_000)).toThrow();
    expect(() => encodePageCode('abc', 1)).toThrow();
  });
});

describe('page furniture', () => {
  for (const [name, [w, h]] of Object.entries(PAPER)) {
    it(`keeps marks and QR inside printable area on ${name}`, () => {
      const f = pageFurniture(w, h);
      expect(f.marks).toHaveLength(4);
      for (const [x, y] of f.marks) {
        // at least 7 mm of paper outside each mark edge (printers leave ≤ 6.35 mm unprinted)
        expect(Math.min(x, w - x, y, h - y) - f.markSize / 2).toBeGreaterThanOrEqual(7 * MM);
      }
      const [qx, qy, qs] = f.qr;
      expect(qy + qs).toBeLessThanOrEqual(h - 7 * MM + 0.01);
      // QR lies in the bottom margin (2.5 cm), below the text area
      expect(qy).toBeGreaterThanOrEqual(h - 25 * MM);
      expect(qx).toBeGreaterThanOrEqual(30 * MM - 0.01);
    });
  }
});
