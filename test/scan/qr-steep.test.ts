/**
 * The page code of a steep phone photo (issue #10): at 18–20° tilt through WhatsApp (1600 px,
 * JPEG 60–75) the codes are under two pixels a module and blurred, and in these pages, made from
 * fixed seeds with the field simulator, neither copy was read before the finer ladder of
 * src/scan/qr.ts (pass 5). Each must now be read, as that page's own code and nothing else, and the
 * page placed from it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePageCode } from '../../src/model/pagecode.js';
import { register } from '../../src/scan/register.js';
import { type Shot, type SteepCase, steepShots } from '../sim/steep.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-qr-steep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** No code was read from any of these before. */
const CASES: SteepCase[] = [
  ['whatsapp', 931_064, 19, false, 4],
  ['whatsapp', 932_028, 19, false, 4],
  ['whatsapp', 934_033, 20, false, 3],
  ['whatsapp', 934_073, 20, false, 1],
];

const shots: (Shot & { name: string })[] = [];

beforeAll(async () => {
  for (const s of await steepShots(tmp, CASES)) shots.push({ ...s, name: `seed ${s.seed} (${s.describe})` });
}, 300_000);

describe('page code of a steep phone photo', () => {
  it('is read, and only the page’s own code is read', () => {
    const out = shots.map((s) => {
      const codes = [...new Set(s.hits.filter((h) => decodePageCode(h.text)).map((h) => h.text.trim()))];
      return `${s.name}: ${codes.join(', ') || 'no code'}`;
    });
    expect(out).toEqual(shots.map((s) => `${s.name}: ${s.page.code}`));
  });

  it('places the page from the code that was read', () => {
    const out = shots.map((s) => {
      const r = register(
        s.img,
        s.page,
        s.hits.filter((h) => h.text.trim() === s.page.code),
      );
      return `${s.name}: ${r.ok ? 'placed' : `refused (${r.note})`}`;
    });
    expect(out).toEqual(shots.map((s) => `${s.name}: placed`));
  });
});
