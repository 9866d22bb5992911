/**
 * The README's demo: `ikrar render` on the bundled example (examples/roster.csv + event.yaml), then
 * `ikrar tally` on the bundled example scans (examples/scans, made by
 * scripts/make-example-scans.run.ts). Every scan page must be identified and every box read as the
 * generator's ground truth (examples/scans-truth.json) says the pen left it.
 *
 * When this fails after a change to the sheets' layout, make the scans again:
 *   npx vitest run --config scripts/vitest.config.ts
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/render/render.js';
import { runTally, type TallyRun } from '../../src/tally/run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Truth {
  event: string;
  pages: { file: string; page: number; code: string; document: string; unit: string; boxes: Record<string, string> }[];
}

const truth = JSON.parse(readFileSync(path.join(root, 'examples/scans-truth.json'), 'utf8')) as Truth;
let run: TallyRun;

beforeAll(async () => {
  const r = await render({ roster: path.join(root, 'examples/roster.csv'), event: path.join(root, 'examples/event.yaml'), out: path.join(tmp, 'out') });
  expect(r.manifest.event.code).toBe(truth.event);
  run = await runTally({ manifest: path.join(tmp, 'out', 'manifest.json'), scans: [path.join(root, 'examples/scans')], concurrency: 2 });
}, 120_000);

describe('the bundled example scans', () => {
  it('are small: a few pages, at most 1.5 MB together', () => {
    const dir = path.join(root, 'examples/scans');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const bytes = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
    expect(bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });

  it('are all identified: no page unidentified, foreign, blank or twice; nothing skipped', () => {
    expect(run.problems).toEqual([]);
    expect(run.readings.map((r) => `${path.basename(r.source.file)}#${r.source.page} ${r.status} ${r.code}`)).toEqual(
      truth.pages.map((t) => `${path.basename(t.file)}#${t.page} identified ${t.code}`),
    );
    expect(run.result.summary.pages).toEqual({ scanned: truth.pages.length, identified: truth.pages.length, unidentified: 0, foreign: 0, duplicate: 0, blank: 0 });
  });

  it('reads every box as the pen left it: the signed counts are the ground truth', () => {
    for (const r of run.readings) {
      const t = truth.pages.find((p) => p.code === r.code)!;
      for (const b of r.boxes) expect(`${path.basename(t.file)} box ${b.number}: ${b.decision}`).toBe(`${path.basename(t.file)} box ${b.number}: ${t.boxes[b.key] === 'signed' ? 'signed' : 'unsigned'}`);
    }
    const signed = (doc: string) => truth.pages.filter((p) => p.document === doc).reduce((n, p) => n + Object.values(p.boxes).filter((v) => v === 'signed').length, 0);
    const boxes = (doc: string) => truth.pages.filter((p) => p.document === doc).reduce((n, p) => n + Object.keys(p.boxes).length, 0);
    const s = run.result.summary;
    expect(s.signed).toBe(signed('sheets'));
    expect(s.unsigned).toBe(boxes('sheets') - signed('sheets'));
    expect(s.uncertain).toBe(0);
    expect(s.pakta.signed).toBe(signed('pakta'));
    expect(s.pakta.uncertain).toBe(0);
    // per unit too
    for (const u of s.units) {
      const pages = truth.pages.filter((p) => p.document === 'sheets' && p.unit === u.unit);
      expect(u.signed, u.unit).toBe(pages.reduce((n, p) => n + Object.values(p.boxes).filter((v) => v === 'signed').length, 0));
    }
  });
});
