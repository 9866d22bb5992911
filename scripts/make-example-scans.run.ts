/**
 * Makes the bundled example scans in examples/scans/ (and their ground truth,
 * examples/scans-truth.json): the example's own signing sheets and pakta, rendered by the real
 * `ikrar render` from examples/roster.csv + examples/event.yaml, "signed" and scanned by the test
 * suite's scan simulator (test/sim). Render is deterministic, so the page codes match what
 * `npm start` renders.
 *
 *   npx vitest run --config scripts/vitest.config.ts
 *
 * Needs poppler's pdftoppm (a development tool, used by the simulator only). The output is
 * deterministic for a given render; run it again when the layout of the sheets changes (the test
 * test/tally/examples.test.ts fails then). Each page is read back with readScans and kept only
 * when it comes out exactly as signed (identified, every box decided as the pen left it, none
 * uncertain), otherwise the next seed in a fixed sequence is tried — so the README's demo shows a
 * clean result and the output stays deterministic.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { render } from '../src/render/render.js';
import { readScans } from '../src/scan/read.js';
import type { ManifestPage } from '../src/model/manifest.js';
import { scannerPdf } from '../test/sim/scanset.js';
import { simulate, type Effects, type Marking, type SimPage } from '../test/sim/simulate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'examples', 'scans');
const truthFile = path.join(root, 'examples', 'scans-truth.json');

/** Mostly signed; a few left empty, one tick; a stamp and a stray line over the names. */
const MARK: Marking = { signed: 0.82, ticks: 0.03, dots: 0.02, spill: true, stamps: true };

/** Scanner settings for small files: 150 dpi greyscale, JPEG quality 65, light noise. */
const SCAN: Effects = { kind: 'scanner', dpi: 150, output: 'jpeg', quality: 65, noise: 2 };

export interface ExampleTruth {
  file: string;
  page: number;
  code: string;
  document: string;
  unit: string;
  describe: string;
  /** Person key → what the pen left in the box. */
  boxes: Record<string, 'signed' | 'empty' | 'tick' | 'dot'>;
}

it('makes examples/scans', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-examples-'));
  try {
    const rendered = await render({ roster: path.join(root, 'examples/roster.csv'), event: path.join(root, 'examples/event.yaml'), out: path.join(tmp, 'out') });
    const manifest = rendered.manifest;
    const pdf = (p: ManifestPage) => path.join(tmp, 'out', p.file);
    const sheets = manifest.pages.filter((p) => p.document === 'sheets');
    const pakta = manifest.pages.filter((p) => p.document === 'pakta');
    const sim = (seed: number, p: ManifestPage, fx: Effects): Promise<SimPage> => simulate(seed, pdf(p), p.page, p, fx, MARK);

    const work = path.join(tmp, 'scans');
    mkdirSync(work);
    const truths: ExampleTruth[] = [];
    const files: string[] = [];
    const note = (file: string, page: number, p: ManifestPage, s: SimPage) =>
      truths.push({ file: `examples/scans/${file}`, page, code: p.code, document: p.document, unit: p.unit, describe: s.describe, boxes: Object.fromEntries(s.truth) });
    const save = (name: string, bytes: Buffer) => {
      writeFileSync(path.join(work, name), bytes);
      files.push(name);
    };
    /**
     * One page, signed and scanned; read back alone and accepted only when it reads exactly as
     * the pen left it (identified, no box uncertain or wrong) — otherwise the next seed is tried.
     */
    const clean = async (seed: number, p: ManifestPage, fx: Effects): Promise<SimPage> => {
      for (let k = 0; k < 20; k++) {
        const s = await sim(seed + 1000 * k, p, fx);
        const f = path.join(tmp, `try.${s.ext}`);
        writeFileSync(f, s.bytes);
        const r = (await readScans([f], manifest, { concurrency: 1 })).pages[0]!;
        const ok = r.status === 'identified' && r.code === p.code && r.boxes.every((b) => b.decision === (s.truth.get(b.key) === 'signed' ? 'signed' : 'unsigned'));
        if (ok) return s;
      }
      throw new Error(`no clean scan of ${p.code} in 20 seeds`);
    };

    // 1. The first three sheet pages through an office scanner: one PDF, JPEG pages inside.
    const first = sheets.slice(0, 3);
    const pages: SimPage[] = [];
    for (const [i, p] of first.entries()) pages.push(await clean(201 + i, p, SCAN));
    save('01-pindaian.pdf', await scannerPdf(pages.map((s) => s.bytes), SCAN.dpi));
    first.forEach((p, i) => note('01-pindaian.pdf', i + 1, p, pages[i]!));
    // 2. The next sheet as a JPEG, put on the glass upside down.
    {
      const p = sheets[3]!;
      const s = await clean(211, p, { ...SCAN, quarter: 2 });
      save('02-lembar-terbalik.jpg', s.bytes);
      note('02-lembar-terbalik.jpg', 1, p, s);
    }
    // 3. The one after as a plain JPEG.
    {
      const p = sheets[4]!;
      const s = await clean(212, p, SCAN);
      save('03-lembar.jpg', s.bytes);
      note('03-lembar.jpg', 1, p, s);
    }
    // 4. A pakta integritas photographed with a phone, at an angle.
    {
      const p = pakta[0]!;
      const s = await clean(213, p, { kind: 'phone', dpi: 150, tiltDeg: 12, quality: 70 });
      save('04-pakta-foto.jpg', s.bytes);
      note('04-pakta-foto.jpg', 1, p, s);
    }

    // Read back all together: must match the pen exactly.
    const read = await readScans(files.map((f) => path.join(work, f)), manifest, { concurrency: 2 });
    expect(read.problems).toEqual([]);
    expect(read.pages.length).toBe(truths.length);
    for (const [i, r] of read.pages.entries()) {
      const t = truths[i]!;
      expect(`${path.basename(r.source.file)}#${r.source.page} ${r.status} ${r.code}`).toBe(`${path.basename(t.file)}#${t.page} identified ${t.code}`);
      for (const b of r.boxes) expect(`${t.file} box ${b.number}: ${b.decision}`).toBe(`${t.file} box ${b.number}: ${t.boxes[b.key] === 'signed' ? 'signed' : 'unsigned'}`);
    }
    for (const f of readdirSync(outDir)) unlinkSync(path.join(outDir, f));
    for (const f of files) copyFileSync(path.join(work, f), path.join(outDir, f));
    writeFileSync(truthFile, JSON.stringify({ event: manifest.event.code, pages: truths }, null, 2) + '\n');
    let bytes = 0;
    for (const f of files) bytes += statSync(path.join(outDir, f)).size;
    const signed = truths.reduce((n, t) => n + Object.values(t.boxes).filter((v) => v === 'signed').length, 0);
    const boxes = truths.reduce((n, t) => n + Object.keys(t.boxes).length, 0);
    console.log(`examples/scans: ${files.length} files, ${truths.length} pages, ${boxes} boxes (${signed} signed), ${(bytes / 1024).toFixed(0)} KB`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
