/**
 * Issue #10: a page seen only in part still registers — an F4 page on A4 glass (its bottom 33 mm
 * not in the scan), or any one edge strip of 35 mm lost. The boxes in view are decided; a box cut
 * off is `outside` (never guessed) and its person is not scanned, "outside the scan".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, ManifestPage } from '../../src/model/manifest.js';
import { MM } from '../../src/model/pagecode.js';
import { render } from '../../src/render/render.js';
import { readScans } from '../../src/scan/read.js';
import { tally } from '../../src/tally/tally.js';
import { simulate, type SimPage } from '../sim/simulate.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-partial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DPI = 150;
const px = (mm: number) => Math.round((mm / 25.4) * DPI);
/** The simulated scanner shows 6 mm of lid around the paper. */
const LID = 6;

let manifest: Manifest;
let page: ManifestPage;
let scan: SimPage;

beforeAll(async () => {
  const r = await render({
    roster: path.join(root, 'examples/roster.csv'),
    event: path.join(root, 'examples/event.yaml'),
    out: path.join(tmp, 'out'),
    only: ['sheets'],
  });
  manifest = r.manifest;
  page = manifest.pages[0]!; // a full page of 16 rows, down to the bottom margin
  scan = await simulate(
    4242,
    path.join(tmp, 'out', page.file),
    page.page,
    page,
    { kind: 'scanner', dpi: DPI, output: 'png', noise: 3 },
    { signed: 0.7, ticks: 0, dots: 0, spill: false, stamps: false },
  );
}, 120_000);

async function cut(
  name: string,
  keep: (w: number, h: number) => { left: number; top: number; width: number; height: number },
): Promise<string> {
  const img = sharp(scan.bytes);
  const { width, height } = await img.metadata();
  const file = path.join(tmp, `${name}.png`);
  writeFileSync(file, await img.extract(keep(width!, height!)).png().toBuffer());
  return file;
}

const CASES: [
  string,
  (w: number, h: number) => { left: number; top: number; width: number; height: number },
  boolean,
][] = [
  // F4 (330 mm) on A4 glass (297 mm): the bottom 33 mm of the paper are not in the scan.
  ['f4-on-a4', (w) => ({ left: 0, top: 0, width: w, height: px(LID + 297) }), true],
  ['no-top-35mm', (w, h) => ({ left: 0, top: px(LID + 35), width: w, height: h - px(LID + 35) }), false],
  ['no-left-35mm', (w, h) => ({ left: px(LID + 35), top: 0, width: w - px(LID + 35), height: h }), false],
  ['no-right-35mm', (w, h) => ({ left: 0, top: 0, width: w - px(LID + 35), height: h }), false],
];

describe('a page seen only in part', () => {
  for (const [name, keep, cutsBoxes] of CASES) {
    it(`${name}: identified and registered; boxes in view read as signed, the cut ones outside`, async () => {
      const file = await cut(name, keep);
      const { pages } = await readScans([file], manifest, { concurrency: 1 });
      const r = pages[0]!;
      expect(r.status, r.note).toBe('identified');
      expect(r.code).toBe(page.code);
      const outside = r.boxes.filter((b) => b.decision === 'outside');
      if (cutsBoxes) {
        expect(outside.length).toBeGreaterThan(0);
        expect(r.note).toMatch(/outside the scan/);
      }
      let wrong = 0;
      for (const b of r.boxes) {
        if (b.decision === 'outside' || b.decision === 'uncertain') continue;
        const t = scan.truth.get(b.key);
        if ((t === 'signed') !== (b.decision === 'signed')) wrong++;
      }
      expect(wrong).toBe(0);
      expect(r.boxes.filter((b) => b.decision === 'uncertain').length).toBeLessThanOrEqual(1);
      // Boxes wholly inside what was kept are never outside.
      for (const b of outside) {
        const box = page.boxes.find((x) => x.key === b.key)!;
        if (name === 'f4-on-a4') expect((box.rect[1] + box.rect[3]) / MM).toBeGreaterThan(297 - 8);
      }
      if (cutsBoxes) {
        const t = tally(manifest, pages);
        const lost = t.people.filter((p) => p.note === 'outside the scan');
        expect(lost.map((p) => p.key).sort()).toEqual(outside.map((b) => b.key).sort());
        expect(lost.every((p) => p.status === 'not-scanned')).toBe(true);
        expect(t.summary.rescanPages).toEqual([
          { source: { file, page: 1 }, code: page.code, document: 'sheets', unit: page.unit, outside: outside.length },
        ]);
      }
    }, 60_000);
  }
});
