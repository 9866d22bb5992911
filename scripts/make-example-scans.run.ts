/**
 * Makes the bundled example scans in examples/scans/ (and their ground truth,
 * examples/scans-truth.json): the example's own signing sheets and a pakta, rendered by the real
 * `ikrar render` from examples/roster.csv + examples/event.yaml, signed and scanned by the test
 * suite's field simulator (test/sim/field.ts: full signatures, parafs, specks, a neighbour's
 * flourish, light inks) the way offices really hand them in: an ordinary scan, a sheet signed in
 * light ink, an F4 sheet scanned on A4 glass, a feeder-skewed and cropped one, a photocopy, and a
 * phone photo of a pakta.
 *
 *   npx vitest run --config scripts/vitest.config.ts scripts/make-example-scans.run.ts
 *
 * One fixed seed, no retries: the pages are kept as they come out, so `npm start` shows what a clerk
 * will see — uncertain boxes, boxes outside the scan and all. The truth file records, per box, what
 * the pen left and what this ikrar read (the regression test test/tally/examples.test.ts holds the
 * readings to it, and never accepts an empty box read signed). Needs
 * poppler's pdftoppm (a development tool, used by the simulator only). Run it again when the
 * sheets' layout changes (that test fails then).
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { render } from '../src/render/render.js';
import { readScans } from '../src/scan/read.js';
import type { ManifestPage } from '../src/model/manifest.js';
import { simulateField, type Condition } from '../test/sim/field.js';
import { isSignedTruth, type FieldTruth } from '../test/sim/marks.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'examples', 'scans');
const truthFile = path.join(root, 'examples', 'scans-truth.json');

/** The one seed the example scans are made from. */
const SEED = 2024_11_04;

// biome-ignore lint/suspicious/noExportsInTest: a script run through vitest, not a test; the truth file's shape
export interface ExampleTruth {
  file: string;
  page: number;
  code: string;
  document: string;
  unit: string;
  describe: string;
  /** Person key → what the pen left in the box. */
  boxes: Record<string, FieldTruth>;
  /** Person key → what ikrar read when the scans were made (signed / unsigned / uncertain / outside). */
  read: Record<string, string>;
}

it('makes examples/scans', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-examples-'));
  try {
    const rendered = await render({
      roster: path.join(root, 'examples/roster.csv'),
      event: path.join(root, 'examples/event.yaml'),
      out: path.join(tmp, 'out'),
    });
    const manifest = rendered.manifest;
    const sheets = manifest.pages.filter((p) => p.document === 'sheets');
    const pakta = manifest.pages.filter((p) => p.document === 'pakta');
    const plan: [string, ManifestPage, Condition][] = [
      ['01-pindaian', sheets[0]!, 'scanner'],
      ['02-tinta-muda', sheets[1]!, 'light-ink-150'],
      ['03-f4-di-kaca-a4', sheets[2]!, 'f4-on-a4'],
      ['04-adf-miring', sheets[3]!, 'adf-skew-crop'],
      ['05-fotokopi', sheets[4]!, 'photocopy'],
      ['06-pakta-foto', pakta[0]!, 'phone'],
    ];
    const work = path.join(tmp, 'scans');
    mkdirSync(work);
    const made: { name: string; page: ManifestPage; describe: string; truth: Map<string, FieldTruth> }[] = [];
    for (const [i, [base, page, cond]] of plan.entries()) {
      const s = await simulateField(SEED + i, path.join(tmp, 'out', page.file), page, cond);
      const name = `${base}.${s.ext}`;
      writeFileSync(path.join(work, name), s.bytes);
      made.push({ name, page, describe: s.describe, truth: s.truth });
    }
    const read = await readScans(
      made.map((m) => path.join(work, m.name)),
      manifest,
      { concurrency: 2 },
    );
    expect(read.problems).toEqual([]);
    const truths: ExampleTruth[] = made.map((m, i) => {
      const r = read.pages[i]!;
      expect(`${m.name} ${r.status}`).toBe(`${m.name} identified`);
      return {
        file: `examples/scans/${m.name}`,
        page: 1,
        code: m.page.code,
        document: m.page.document,
        unit: m.page.unit,
        describe: m.describe,
        boxes: Object.fromEntries(m.truth),
        read: Object.fromEntries(r.boxes.map((b) => [b.key, b.decision])),
      };
    });
    // Never a wrong answer in the demo (uncertain and outside are honest answers).
    const wrong: string[] = [];
    for (const t of truths) {
      for (const [key, d] of Object.entries(t.read)) {
        if (d === 'uncertain' || d === 'outside') continue;
        if (d !== (isSignedTruth(t.boxes[key]!) ? 'signed' : 'unsigned'))
          wrong.push(`${t.file} ${key}: the pen left ${t.boxes[key]}, ikrar read ${d}`);
      }
    }
    // An empty box read signed would be a false proof of signing: never in the demo. A signature
    // read unsigned is shown as it is (the README says so), never hidden by picking another seed.
    expect(wrong.filter((w) => / read signed$/.test(w))).toEqual([]);
    if (wrong.length) console.log(`read wrong (kept, as a clerk would see it):\n  ${wrong.join('\n  ')}`);
    mkdirSync(outDir, { recursive: true });
    for (const f of readdirSync(outDir)) unlinkSync(path.join(outDir, f));
    let bytes = 0;
    for (const m of made) {
      const data = statSync(path.join(work, m.name)).size;
      bytes += data;
      copyFileSync(path.join(work, m.name), path.join(outDir, m.name));
    }
    writeFileSync(truthFile, JSON.stringify({ event: manifest.event.code, seed: SEED, pages: truths }, null, 2) + '\n');
    const all = truths.flatMap((t) => Object.values(t.read));
    const count = (d: string) => all.filter((x) => x === d).length;
    console.log(
      `examples/scans: ${made.length} files, ${all.length} boxes: ${count('signed')} signed, ${count('unsigned')} unsigned, ${count('uncertain')} uncertain, ${count('outside')} outside the scan; ${(bytes / 1024).toFixed(0)} KB`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
