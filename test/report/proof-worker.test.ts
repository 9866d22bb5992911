/**
 * Each page's proof image is drawn as soon as the page is read (colours: the boxes' own readings),
 * while the workers read the next pages, so the main thread no longer draws every proof after the
 * last page. The output must not change: a proof whose colours a decision by hand changes is
 * drawn again, and every proof file is the image proofImage draws from the final result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/render/render.js';
import { colourer, proofImage, proofName, type ProofCache } from '../../src/report/proof.js';
import { boxColour, drawProof, keepProof } from '../../src/report/proof-image.js';
import type { PageReading } from '../../src/scan/types.js';
import { readScans } from '../../src/scan/read.js';
import { loadManifest } from '../../src/tally/manifest.js';
import { runTally } from '../../src/tally/run.js';
import type { Manifest } from '../../src/model/manifest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-proof-worker-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SCAN = path.join(root, 'examples/scans/01-pindaian.jpg');
const manifestFile = path.join(tmp, 'out', 'manifest.json');
let manifest: Manifest;

beforeAll(async () => {
  await render({
    roster: path.join(root, 'examples/roster.csv'),
    event: path.join(root, 'examples/event.yaml'),
    out: path.join(tmp, 'out'),
  });
  manifest = await loadManifest(manifestFile);
}, 120_000);

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe('proof images drawn as the pages are read', () => {
  it('readScans hands over each reading as it is read; its proof, kept, is the one proofImage gives', async () => {
    const seen: PageReading[] = [];
    const { pages } = await readScans([SCAN], manifest, { onReading: (r) => seen.push(r) });
    expect(pages).toHaveLength(1);
    expect(seen).toEqual(pages);
    const r = pages[0]!;
    expect(r.status).toBe('identified');
    const cache: ProofCache = new WeakMap();
    await keepProof(r, cache);
    const kept = cache.get(r.proof!.image);
    expect(kept, 'no proof kept for the page').toBeDefined();
    const own = (b: Parameters<typeof boxColour>[0]) => boxColour(b, undefined);
    expect(await proofImage(r, own, cache)).toBe(kept!.data); // not drawn again
    expect(same(kept!.data, await proofImage(r, own))).toBe(true);
  }, 60_000);

  it('the tally writes the worker’s proof when nothing is decided by hand, and draws it again when something is', async () => {
    const plain = await runTally({ manifest: manifestFile, scans: [SCAN] });
    const r0 = plain.readings[0]!;
    const file0 = (await plain.files()).find((f) => f.path === proofName(0, r0))!;
    expect(same(file0.data as Uint8Array, (await drawProof(r0, (b) => boxColour(b, undefined))).data)).toBe(true);

    // A decision by hand for one person on the page: that box is drawn in the "manual" colour.
    const box = r0.boxes.find((b) => b.quad && b.decision !== 'outside')!;
    const ov = path.join(tmp, 'overrides.csv');
    writeFileSync(ov, `key;nip;name;unit;dokumen;status;keputusan\n${box.key};;;;lembar-ttd;;signed\n`);
    const decided = await runTally({ manifest: manifestFile, scans: [SCAN], overrides: ov });
    const r = decided.readings[0]!;
    const file = (await decided.files()).find((f) => f.path === proofName(0, r))!;
    const fresh = await proofImage(r, colourer(decided.result, decided.manifest)(r));
    expect(same(file.data as Uint8Array, fresh)).toBe(true);
    expect(same(file.data as Uint8Array, file0.data as Uint8Array)).toBe(false);
  }, 120_000);
});
