import { describe, expect, it } from 'vitest';
import {
  decodePageCode,
  deriveEventCode,
  encodePageCode,
  encodePageCodeV1,
  pageContentDigest,
  pageFurniture,
  PAPER,
  MM,
} from '../../src/model/pagecode.js';
import { qrMatrix } from '../../src/model/qrcode.js';

describe('page codes', () => {
  const ev = deriveEventCode('PEMERINTAH KABUPATEN SUKAMARA|2024-11-04|Apel');

  it('derives a deterministic 6-char base32 event code', () => {
    expect(ev).toMatch(/^[A-Z2-7]{6}$/);
    expect(deriveEventCode('PEMERINTAH KABUPATEN SUKAMARA|2024-11-04|Apel')).toBe(ev);
    expect(deriveEventCode('PEMERINTAH KABUPATEN SUKAMARA|2024-11-05|Apel')).not.toBe(ev);
  });

  const digest = (unit: string, key = 'K1') =>
    pageContentDigest({
      document: 'sheets',
      unit,
      size: PAPER.f4,
      boxes: [{ key, nip: null, number: 1, side: 'left', rect: [100, 200, 150, 30] }],
    });

  it('round-trips and fits a version-2 QR (alphanumeric, 22 chars)', () => {
    const code = encodePageCode(ev, 12, digest('Dinas Pendidikan'));
    expect(code).toMatch(/^IK2-[A-Z2-7]{6}-000012-[A-Z2-7]{4}$/);
    expect(code.length).toBe(22);
    expect(decodePageCode(code)).toEqual({ version: 2, eventCode: ev, serial: 12 });
    expect(decodePageCode(` ${code}\n`)).toEqual({ version: 2, eventCode: ev, serial: 12 });
    expect(qrMatrix(code).size).toBe(25); // version 2
  });

  it('binds the code to what the page holds: another person, box or unit gives another code', () => {
    const base = encodePageCode(ev, 5, digest('Dinas Pendidikan'));
    expect(encodePageCode(ev, 5, digest('Dinas Pendidikan'))).toBe(base);
    expect(encodePageCode(ev, 5, digest('Dinas Kesehatan'))).not.toBe(base);
    expect(encodePageCode(ev, 5, digest('Dinas Pendidikan', 'K2'))).not.toBe(base);
    const moved = pageContentDigest({
      document: 'sheets',
      unit: 'Dinas Pendidikan',
      size: PAPER.f4,
      boxes: [{ key: 'K1', nip: null, number: 1, side: 'left', rect: [100, 230, 150, 30] }],
    });
    expect(encodePageCode(ev, 5, moved)).not.toBe(base);
    // rounding noise below 0.005 pt does not change it
    const noisy = pageContentDigest({
      document: 'sheets',
      unit: 'Dinas Pendidikan',
      size: PAPER.f4,
      boxes: [{ key: 'K1', nip: null, number: 1, side: 'left', rect: [100.001, 200, 150, 30] }],
    });
    expect(encodePageCode(ev, 5, noisy)).toBe(base);
  });

  it('still decodes the IK1 codes of older renders, with their check value', () => {
    const code = encodePageCodeV1(ev, 345);
    expect(code).toMatch(/^IK1-[A-Z2-7]{6}-000345-[0-9A-Z]{2}$/);
    expect(decodePageCode(code)).toEqual({ version: 1, eventCode: ev, serial: 345 });
    let accepted = 0;
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 4; i < code.length; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const bad = code.slice(0, i) + ch + code.slice(i + 1);
        if (decodePageCode(bad)?.version === 1) accepted++;
      }
    }
    // A 2-char check (1296 values) lets through about 1/1296 of random corruptions; far fewer here.
    expect(accepted).toBeLessThan(3);
    expect(decodePageCode('IK1-ABCDEF-000001')).toBeNull();
    expect(decodePageCode('IK2-ABCDEF-000000-AAAA')).toBeNull();
    expect(decodePageCode('hello')).toBeNull();
  });

  it('refuses to encode out-of-range serials', () => {
    const d = digest('X');
    expect(() => encodePageCode(ev, 0, d)).toThrow();
    expect(() => encodePageCode(ev, 1_000_000, d)).toThrow();
    expect(() => encodePageCode('abc', 1, d)).toThrow();
    expect(() => encodePageCode(ev, 1, 'nope')).toThrow();
  });
});

describe('page furniture', () => {
  for (const [name, [w, h]] of Object.entries(PAPER)) {
    const f = pageFurniture(w, h);
    it(`keeps six marks and two QR squares inside the printable area and out of the text area on ${name}`, () => {
      expect(f.marks).toHaveLength(6);
      for (const [x, y] of f.marks) {
        // at least 7 mm of paper outside each mark edge (printers leave ≤ 6.35 mm unprinted)
        expect(Math.min(x, w - x, y, h - y) - f.markSize / 2).toBeGreaterThanOrEqual(7 * MM);
      }
      expect(f.qrs).toHaveLength(2);
      const text = { x0: 30 * MM, x1: w - 20 * MM, y0: 20 * MM, y1: h - 25 * MM };
      for (const [qx, qy, qs] of f.qrs) {
        expect(Math.min(qx, qy, w - qx - qs, h - qy - qs)).toBeGreaterThanOrEqual(7 * MM - 0.01);
        const inText = qx < text.x1 && qx + qs > text.x0 && qy < text.y1 && qy + qs > text.y0;
        expect(inText).toBe(false);
      }
    });

    it(`survives a 3.5° skew cropped to the paper on ${name}: every mark stays 2 mm inside the crop`, () => {
      for (const deg of [-3.5, 3.5]) {
        const t = (deg * Math.PI) / 180;
        for (const [x, y] of f.marks) {
          const [u, v] = [x - w / 2, y - h / 2];
          const X = u * Math.cos(t) - v * Math.sin(t) + w / 2;
          const Y = u * Math.sin(t) + v * Math.cos(t) + h / 2;
          const half = (f.markSize / 2) * Math.SQRT2;
          expect(Math.min(X, w - X, Y, h - Y) - half).toBeGreaterThan(2 * MM);
        }
      }
    });

    it(`keeps one QR and three marks off one line whatever edge strip of 35 mm is lost on ${name}`, () => {
      const cut = 35 * MM;
      const strips: [string, (x: number, y: number) => boolean][] = [
        ['top', (_x, y) => y > cut],
        ['bottom', (_x, y) => y < h - cut],
        ['left', (x) => x > cut],
        ['right', (x) => x < w - cut],
      ];
      for (const [, inView] of strips) {
        const qrs = f.qrs.filter(
          ([qx, qy, qs]) => inView(qx, qy) && inView(qx + qs, qy + qs) && inView(qx, qy + qs) && inView(qx + qs, qy),
        );
        expect(qrs.length).toBeGreaterThanOrEqual(1);
        const marks = f.marks.filter(
          ([x, y]) => inView(x - f.markSize, y - f.markSize) && inView(x + f.markSize, y + f.markSize),
        );
        // with the QR's own corners, at least three points off one line
        const pts = [
          ...marks,
          ...qrs.flatMap(
            ([qx, qy, qs]) =>
              [
                [qx, qy],
                [qx + qs, qy + qs],
              ] as [number, number][],
          ),
        ];
        let area = 0;
        for (const a of pts)
          for (const b of pts)
            for (const c of pts)
              area = Math.max(area, Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])));
        expect(marks.length).toBeGreaterThanOrEqual(3);
        expect(area).toBeGreaterThan((50 * MM) ** 2);
      }
    });
  }
});
