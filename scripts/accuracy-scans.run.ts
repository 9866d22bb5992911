/**
 * The scan-making half of `npm run accuracy` (scripts/accuracy.mjs runs it through vitest, which
 * compiles the TypeScript simulator): simulates signed sheet pages of a real render under every
 * field condition of test/sim/field.ts and writes them with their ground truth.
 *
 * Environment (set by accuracy.mjs): IKRAR_ACC_RENDER (the render's output folder),
 * IKRAR_ACC_OUT (where to write <condition>/<n>.<ext> and truth.json), IKRAR_ACC_SEED, IKRAR_ACC_PAGES, and
 * IKRAR_ACC_ONLY (a comma-separated list of conditions to make, `--only`; empty: all of them).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Manifest } from '../src/model/manifest.js';
import { CONDITIONS, simulateField } from '../test/sim/field.js';
import { prng } from '../test/sim/simulate.js';

it('makes the accuracy scan set', async () => {
  const renderDir = process.env.IKRAR_ACC_RENDER!;
  const out = process.env.IKRAR_ACC_OUT!;
  const seed = Number(process.env.IKRAR_ACC_SEED);
  const pages = Number(process.env.IKRAR_ACC_PAGES ?? 100);
  expect(renderDir && out && Number.isInteger(seed)).toBeTruthy();
  const manifest = JSON.parse(readFileSync(path.join(renderDir, 'manifest.json'), 'utf8')) as Manifest;
  const sheets = manifest.pages.filter((p) => p.document === 'sheets');
  const rnd = prng(seed);
  const wanted = (process.env.IKRAR_ACC_ONLY ?? '').split(',').filter(Boolean);
  const conditions = wanted.length ? CONDITIONS.filter((c) => wanted.includes(c)) : CONDITIONS;
  const unknown = wanted.filter((c) => !(CONDITIONS as readonly string[]).includes(c));
  if (unknown.length) throw new Error(`unknown condition ${unknown.join(', ')}; known: ${CONDITIONS.join(', ')}`);
  const per = Math.max(1, Math.ceil(pages / conditions.length));
  const truth: Record<string, { file: string; code: string; describe: string; truth: Record<string, string> }[]> = {};
  let done = 0;
  for (const cond of conditions) {
    mkdirSync(path.join(out, cond), { recursive: true });
    // Different pages of the render within a condition (a page scanned twice would be a duplicate).
    const order = sheets
      .map((p) => ({ p, k: rnd() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.p);
    truth[cond] = [];
    for (let i = 0; i < per; i++) {
      const page = order[i % order.length]!;
      const s = await simulateField(Math.floor(rnd() * 2 ** 31), path.join(renderDir, page.file), page, cond);
      const file = path.join(out, cond, `${String(i + 1).padStart(3, '0')}.${s.ext}`);
      writeFileSync(file, s.bytes);
      truth[cond]!.push({ file, code: s.code, describe: s.describe, truth: Object.fromEntries(s.truth) });
      done++;
      if (done % 10 === 0) process.stderr.write(`  ${done} of ${per * conditions.length} pages simulated\n`);
    }
  }
  writeFileSync(path.join(out, 'truth.json'), JSON.stringify(truth));
});
