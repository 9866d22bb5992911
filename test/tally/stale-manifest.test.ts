/**
 * Issue #14, worst item first: after the roster changes, a page printed by the earlier render must
 * never be read against the new manifest (it used to keep its page code, so a new person on no
 * printed page came out signed). Run as a clerk would, as processes: render, sign and scan, insert
 * one row as the roster's third line, render again into the same folder, tally the old scans.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, ManifestPage } from '../../src/model/manifest.js';
import { simulate, type Effects, type Truth } from '../sim/simulate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'ikrar.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-stale-'));
afterAll(() => (process.env.IKRAR_KEEP ? console.log('kept', tmp) : rmSync(tmp, { recursive: true, force: true })));

const SCAN: Effects = { kind: 'scanner', dpi: 150, output: 'jpeg', quality: 75, noise: 3 };

function ikrar(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--lang', 'en', ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface TallyJson {
  people: { key: string; status: string; name: string }[];
  pages: { code: string | null; status: string; note: string | null }[];
}

function tallyJson(manifest: string, scans: string, out: string): { code: number; json: TallyJson; stderr: string } {
  const r = ikrar('tally', '--manifest', manifest, '--out', out, '--json', scans);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return { code: r.code, json: JSON.parse(r.stdout) as TallyJson, stderr: r.stderr };
}

const rosterLines = readFileSync(path.join(root, 'examples', 'roster.csv'), 'utf8').split('\n');
const event = path.join(root, 'examples', 'event.yaml');
let oldManifest: Manifest;
let oldBytes: Buffer;
const truth = new Map<string, Truth>();
const scans = path.join(tmp, 'scans');

beforeAll(async () => {
  expect(existsSync(path.join(root, 'dist', 'cli', 'main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  writeFileSync(path.join(tmp, 'roster.csv'), rosterLines.join('\n'));
  const r = ikrar('render', '--roster', 'roster.csv', '--event', event, '--out', 'out', '--only', 'sheets');
  expect(r.code, r.stderr).toBe(0);
  oldBytes = readFileSync(path.join(tmp, 'out', 'manifest.json'));
  oldManifest = JSON.parse(oldBytes.toString('utf8')) as Manifest;
  // The first two pages of the first unit, signed by most and scanned.
  mkdirSync(scans);
  const pages = oldManifest.pages.slice(0, 2);
  for (const [i, p] of pages.entries()) {
    const s = await simulate(7001 + i, path.join(tmp, 'out', p.file), p.page, p, SCAN, {
      signed: 0.8,
      ticks: 0,
      dots: 0,
      spill: false,
      stamps: false,
    });
    writeFileSync(path.join(scans, `lembar-${i + 1}.${s.ext}`), s.bytes);
    for (const [k, v] of s.truth) truth.set(k, v);
  }
}, 180_000);

describe('a page printed by an earlier render', { timeout: 240_000 }, () => {
  it('is read as signed against the manifest that printed it (the baseline)', () => {
    const { code, json } = tallyJson(path.join('out', 'manifest.json'), scans, 'rekap-before');
    expect(code).toBe(0);
    expect(json.pages.map((p) => p.status)).toEqual(['identified', 'identified']);
    const signed = json.people
      .filter((p) => p.status === 'signed')
      .map((p) => p.key)
      .sort();
    const truthSigned = [...truth]
      .filter(([, v]) => v === 'signed')
      .map(([k]) => k)
      .sort();
    expect(signed).toEqual(truthSigned);
  });

  it("after one row is inserted as the roster's third line: render warns and keeps the old manifest; the old scans are foreign, nobody is signed by them", () => {
    const lines = [...rosterLines];
    const first = oldManifest.pages[0]!.unit;
    lines.splice(2, 0, `198802142015031003;Budi Baru;;S.Kom.;3A;Pranata Komputer;${first};PNS`);
    writeFileSync(path.join(tmp, 'roster.csv'), lines.join('\n'));
    const r = ikrar('render', '--roster', 'roster.csv', '--event', event, '--out', 'out', '--only', 'sheets');
    expect(r.code, r.stderr).toBe(0);
    // The warning names the kept manifest; the kept file is the earlier manifest, byte for byte.
    const kept = readdirSync(path.join(tmp, 'out', 'manifest-lama'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(tmp, 'out', 'manifest-lama', kept[0]!)).equals(oldBytes)).toBe(true);
    expect(r.stdout + r.stderr).toContain(path.join('out', 'manifest-lama', kept[0]!));
    expect(r.stdout + r.stderr).toMatch(/printed differently now/);

    const newManifest = JSON.parse(readFileSync(path.join(tmp, 'out', 'manifest.json'), 'utf8')) as Manifest;
    // Same serials, other codes: the code depends on what the page holds.
    expect(newManifest.pages[0]!.serial).toBe(oldManifest.pages[0]!.serial);
    expect(newManifest.pages[0]!.code).not.toBe(oldManifest.pages[0]!.code);

    const { code, json } = tallyJson(path.join('out', 'manifest.json'), scans, 'rekap-after');
    expect(code).toBe(0);
    expect(json.pages.map((p) => p.status)).toEqual(['foreign', 'foreign']);
    for (const p of json.pages) {
      expect(p.note).toMatch(/printed from an earlier render of this event: use that render's manifest\.json/);
      expect(p.note).toContain(kept[0]!); // and says which one
    }
    expect(json.people.filter((p) => p.status !== 'not-scanned')).toEqual([]);
    expect(json.people.find((p) => p.name.includes('Budi Baru'))!.status).toBe('not-scanned');

    // In Indonesian the terminal says the same in Indonesian; rekap.json keeps the English note.
    const id = ikrar(
      '--lang',
      'id',
      'tally',
      '--manifest',
      path.join('out', 'manifest.json'),
      '--out',
      'rekap-after-id',
      scans,
    );
    expect(id.code, id.stderr).toBe(0);
    const said = id.stdout + id.stderr;
    expect(said).toMatch(
      /dicetak dari render acara ini yang lebih dahulu: pakai manifest\.json render itu \(--manifest\)/,
    );
    expect(said).toContain(`halaman itu ada di ${path.join('out', 'manifest-lama', kept[0]!)}`);
    expect(said).not.toMatch(/printed from an earlier render|it is in |: page \d+:/);
    expect(said).toMatch(/: halaman \d+: bukan halaman manifest ini/);
    const rekap = JSON.parse(readFileSync(path.join(tmp, 'rekap-after-id', 'rekap.json'), 'utf8')) as TallyJson;
    expect(rekap.pages.map((p) => p.note)).toEqual(json.pages.map((p) => p.note));
  });

  it('tallies right with the kept manifest', () => {
    const kept = readdirSync(path.join(tmp, 'out', 'manifest-lama'))[0]!;
    const { json } = tallyJson(path.join('out', 'manifest-lama', kept), scans, 'rekap-kept');
    expect(json.pages.map((p) => p.status)).toEqual(['identified', 'identified']);
    const signed = json.people
      .filter((p) => p.status === 'signed')
      .map((p) => p.key)
      .sort();
    expect(signed).toEqual(
      [...truth]
        .filter(([, v]) => v === 'signed')
        .map(([k]) => k)
        .sort(),
    );
  });

  it('rendering the same roster again keeps what is there and warns of nothing', () => {
    const before = readdirSync(path.join(tmp, 'out', 'manifest-lama'));
    const r = ikrar('render', '--roster', 'roster.csv', '--event', event, '--out', 'out', '--only', 'sheets');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/printed differently now/);
    expect(readdirSync(path.join(tmp, 'out', 'manifest-lama'))).toEqual(before);
  });

  it('an unsigned page of another roster with the same event is foreign, never read as signed', async () => {
    // Another office's roster (the same event file, so the same event code), its first page unsigned.
    const other = [
      rosterLines[0]!,
      ...rosterLines
        .slice(1)
        .filter((l) => l.trim())
        .reverse(),
    ];
    writeFileSync(path.join(tmp, 'roster-lain.csv'), other.join('\n'));
    const r = ikrar('render', '--roster', 'roster-lain.csv', '--event', event, '--out', 'out-lain', '--only', 'sheets');
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(path.join(tmp, 'out-lain', 'manifest.json'), 'utf8')) as Manifest;
    expect(m.event.code).toBe(oldManifest.event.code);
    const p: ManifestPage = m.pages[0]!;
    const s = await simulate(7101, path.join(tmp, 'out-lain', p.file), p.page, p, SCAN, {
      signed: 0,
      ticks: 0,
      dots: 0,
      spill: false,
      stamps: false,
    });
    const dir = path.join(tmp, 'scans-lain');
    mkdirSync(dir);
    writeFileSync(path.join(dir, `lain.${s.ext}`), s.bytes);
    const { json } = tallyJson(path.join('out', 'manifest.json'), dir, 'rekap-lain');
    expect(json.pages.map((x) => x.status)).toEqual(['foreign']);
    expect(json.people.filter((x) => x.status === 'signed')).toEqual([]);
  }, 240_000);
});
