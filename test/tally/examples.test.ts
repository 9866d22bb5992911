/**
 * The README's demo: `ikrar render` on the bundled example (examples/roster.csv + event.yaml), then
 * `ikrar tally` on the bundled example scans (examples/scans, made by
 * scripts/make-example-scans.run.ts from one fixed seed, kept as they came out). Every scan page
 * must be identified, every box read as it was when the scans were made (examples/scans-truth.json
 * records that beside what the pen left), and no empty box may ever read signed.
 *
 * When this fails after a change to the sheets' layout or to the reading, make the scans again:
 *   npx vitest run --config scripts/vitest.config.ts scripts/make-example-scans.run.ts
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
  pages: {
    file: string;
    page: number;
    code: string;
    document: string;
    unit: string;
    boxes: Record<string, string>;
    read: Record<string, string>;
  }[];
}

const truth = JSON.parse(readFileSync(path.join(root, 'examples/scans-truth.json'), 'utf8')) as Truth;
const SIGNED = new Set(['signed', 'paraf']);
let run: TallyRun;

beforeAll(async () => {
  const r = await render({
    roster: path.join(root, 'examples/roster.csv'),
    event: path.join(root, 'examples/event.yaml'),
    out: path.join(tmp, 'out'),
  });
  expect(r.manifest.event.code).toBe(truth.event);
  run = await runTally({
    manifest: path.join(tmp, 'out', 'manifest.json'),
    scans: [path.join(root, 'examples/scans')],
    concurrency: 2,
  });
}, 120_000);

describe('the bundled example scans', () => {
  it('are small: a few pages, at most 3 MB together', () => {
    const dir = path.join(root, 'examples/scans');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const bytes = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
    expect(bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
  });

  it('are all identified — the F4 page on A4 glass and the skewed, cropped one too; nothing skipped', () => {
    expect(run.problems).toEqual([]);
    expect(run.readings.map((r) => `${path.basename(r.source.file)}#${r.source.page} ${r.status} ${r.code}`)).toEqual(
      truth.pages.map((t) => `${path.basename(t.file)}#${t.page} identified ${t.code}`),
    );
    expect(run.result.summary.pages).toEqual({
      scanned: truth.pages.length,
      identified: truth.pages.length,
      unidentified: 0,
      foreign: 0,
      duplicate: 0,
      blank: 0,
    });
  });

  it('read as they did when they were made (a regression guard), and no empty box, speck or flourish ever reads signed', () => {
    for (const r of run.readings) {
      const t = truth.pages.find((p) => p.code === r.code)!;
      for (const b of r.boxes) {
        const where = `${path.basename(t.file)} box ${b.number} (the pen left ${t.boxes[b.key]})`;
        expect(`${where}: ${b.decision}`).toBe(`${where}: ${t.read[b.key]}`);
        if (b.decision === 'signed') expect(SIGNED.has(t.boxes[b.key]!), where).toBe(true);
      }
    }
  });

  it('the recap counts what the boxes read: signed, unsigned, uncertain, and outside the scan as not scanned', () => {
    const count = (doc: string, d: string) =>
      truth.pages
        .filter((p) => p.document === doc)
        .reduce((n, p) => n + Object.values(p.read).filter((v) => v === d).length, 0);
    const s = run.result.summary;
    expect(s.signed).toBe(count('sheets', 'signed'));
    expect(s.unsigned).toBe(count('sheets', 'unsigned'));
    expect(s.uncertain).toBe(count('sheets', 'uncertain'));
    expect(run.result.people.filter((p) => p.note === 'outside the scan').length).toBe(count('sheets', 'outside'));
    expect(s.pakta.signed).toBe(count('pakta', 'signed'));
    expect(s.pakta.uncertain).toBe(count('pakta', 'uncertain'));
    for (const u of s.units) {
      const pages = truth.pages.filter((p) => p.document === 'sheets' && p.unit === u.unit);
      expect(u.signed, u.unit).toBe(
        pages.reduce((n, p) => n + Object.values(p.read).filter((v) => v === 'signed').length, 0),
      );
    }
  });
});
