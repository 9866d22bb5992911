/**
 * `ikrar tally` end to end: through main() (always) and as a real process (when dist/ is built:
 * `npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildScanSet, type ScanSet } from '../sim/scanset.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-tally-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let set: ScanSet;
let scans: string;

beforeAll(async () => {
  set = await buildScanSet(tmp, 'small');
  scans = path.join(tmp, 'scans');
  // a corrupt JPEG (truncated header) and a file that is not a scan, in the same folder
  writeFileSync(
    path.join(scans, '04-rusak.jpg'),
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')]),
  );
  writeFileSync(path.join(scans, 'catatan.txt'), 'hello');
}, 120_000);

/** Runs main() capturing stdout and stderr. */
async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await main(['node', 'ikrar', ...args]);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const PERSON_FIELDS = ['key', 'nip', 'name', 'unit', 'status', 'score', 'page', 'source', 'manual', 'note'];

describe('ikrar tally through main()', () => {
  it('--json: only the JSON on stdout, with the contract field names; files written; warnings on stderr', async () => {
    const out = path.join(tmp, 'rekap-json');
    const r = await runMain(['tally', '--manifest', set.manifestFile, '--out', out, '--json', scans]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['people', 'pakta', 'deklarasi', 'pages', 'summary']);
    for (const p of [...json.people, ...json.pakta]) expect(Object.keys(p)).toEqual(PERSON_FIELDS);
    expect(json.people.length).toBe(set.manifest.people.length);
    const statuses = new Set(json.people.map((p: { status: string }) => p.status));
    expect([...statuses].every((s) => ['signed', 'unsigned', 'uncertain', 'not-scanned'].includes(s as string))).toBe(
      true,
    );
    expect(statuses.has('signed') && statuses.has('not-scanned')).toBe(true);
    for (const pg of json.pages) {
      expect(Object.keys(pg)).toEqual(expect.arrayContaining(['source', 'code', 'status']));
      expect(['identified', 'unidentified', 'foreign', 'duplicate', 'blank']).toContain(pg.status);
    }
    expect(json.pages.map((p: { status: string; note: string | null }) => `${p.status} ${p.note ?? ''}`)).toEqual([
      'identified ',
      'identified ',
      'identified ',
    ]);
    const signed = json.people.find((p: { status: string }) => p.status === 'signed');
    expect(signed.source).toEqual({ file: path.join(scans, '01-scan.jpg'), page: 1 });
    expect(signed.page).toMatch(/^IK2-/);
    expect(json.summary).toMatchObject({ people: set.manifest.people.length });
    expect(json.summary.units.map((u: { unit: string }) => u.unit)).toEqual([
      'Dinas Pendidikan',
      'Dinas Kesehatan',
      'Badan Keuangan & Aset Daerah',
    ]);
    // the corrupt JPEG is named with its reason; the text file is skipped with a note
    expect(r.stderr).toMatch(/04-rusak\.jpg: cannot read this scan: cannot decode the image/);
    expect(r.stderr).toMatch(/catatan\.txt: skipped: not a scan/);
    expect(r.stderr).toContain('People');
    for (const f of ['rekap.csv', 'rekap.json', 'rekap.pdf', 'review/index.html', 'review/overrides.csv'])
      expect(existsSync(path.join(out, f)), f).toBe(true);
    const csv = readFileSync(path.join(out, 'rekap.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFNo;Unit;Nama;NIP;Status')).toBe(true);
    expect(readFileSync(path.join(out, 'rekap.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('prints the per-unit table with totals and the pages not scanned per unit', async () => {
    const out = path.join(tmp, 'rekap-table');
    const r = await runMain(['tally', '--manifest', set.manifestFile, '--out', out, path.join(scans, '01-scan.jpg')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Unit\s+People\s+Signed\s+Unsigned\s+Uncertain\s+Not scanned\s+%/);
    expect(r.stdout).toMatch(/Total\s+30\s/);
    expect(r.stdout).toMatch(/Not scanned yet/);
    expect(r.stdout).toMatch(/Dinas Kesehatan: lembar-ttd\.pdf p\. \d/);
  });

  it('applies overrides and marks them manual', async () => {
    const out = path.join(tmp, 'rekap-over');
    const person = set.manifest.people[5]!;
    const ov = path.join(tmp, 'overrides.csv');
    writeFileSync(ov, `key;nip;name;unit;dokumen;status;keputusan\n${person.key};;;;lembar-ttd;;signed\n`);
    const r = await runMain([
      'tally',
      '--manifest',
      set.manifestFile,
      '--out',
      out,
      '--overrides',
      ov,
      '--json',
      path.join(scans, '01-scan.jpg'),
    ]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout).people.find((x: { key: string }) => x.key === person.key);
    expect(p).toMatchObject({ status: 'signed', manual: true });
  });

  it('accepts a marks CSV as one more source', async () => {
    const marks = path.join(tmp, 'marks.csv');
    const last = set.manifest.people.at(-1)!;
    writeFileSync(marks, `NIP;STATUS\n${last.nip};sudah\n`);
    const r = await runMain([
      'tally',
      '--manifest',
      set.manifestFile,
      '--out',
      path.join(tmp, 'rekap-marks'),
      '--json',
      marks,
    ]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout).people.find((x: { key: string }) => x.key === last.key);
    expect(p).toMatchObject({ status: 'signed', source: `${marks}:2`, manual: false });
  });

  it('exits 2 naming the file: missing manifest, missing scan, invalid overrides; leaves DIR as it was', async () => {
    const out = path.join(tmp, 'rekap-keep');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'rekap.csv'), 'old');
    const missing = path.join(tmp, 'nope', 'manifest.json');
    let r = await runMain(['tally', '--manifest', missing, '--out', out, scans]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toMatch(/manifest not found/);
    r = await runMain(['tally', '--manifest', set.manifestFile, '--out', out, path.join(tmp, 'no-such-scan.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-scan\.pdf: no such file or folder/);
    const bad = path.join(tmp, 'bad-overrides.csv');
    writeFileSync(bad, 'key;keputusan\nnobody-known;signed\n');
    r = await runMain(['tally', '--manifest', set.manifestFile, '--out', out, '--overrides', bad, scans]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-overrides\.csv:2: nobody with key nobody-known/);
    expect(readFileSync(path.join(out, 'rekap.csv'), 'utf8')).toBe('old');
    const broken = path.join(tmp, 'broken-manifest.json');
    writeFileSync(broken, '{"format":"ikrar-manifest","version":1}');
    r = await runMain(['tally', '--manifest', broken, '--out', out, scans]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-manifest\.json: is damaged/);
  });
});

const bin = path.join(root, 'bin/ikrar.js');
const built = existsSync(path.join(root, 'dist/cli/tally.js'));

describe.runIf(built)('ikrar tally as a process (needs npm run build)', () => {
  it('tallies a folder with a corrupt JPEG: exit 0, JSON on stdout, the bad file reported', () => {
    const out = path.join(tmp, 'rekap-proc');
    const r = spawnSync(
      process.execPath,
      [bin, 'tally', '--manifest', set.manifestFile, '--out', out, '--json', scans],
      { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.stderr).toMatch(/04-rusak\.jpg/);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.people[0])).toEqual(PERSON_FIELDS);
    expect(json.summary.pages.identified).toBe(3);
    expect(existsSync(path.join(out, 'rekap.pdf'))).toBe(true);
  });

  it('exits 2 for a missing manifest, naming it', () => {
    const r = spawnSync(process.execPath, [bin, 'tally', '--manifest', 'tidak-ada/manifest.json', scans], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('tidak-ada/manifest.json');
    expect(r.stdout).toBe('');
  });

  it('writes ./rekap by default', () => {
    const cwd = path.join(tmp, 'cwd');
    mkdirSync(cwd, { recursive: true });
    copyFileSync(path.join(scans, '01-scan.jpg'), path.join(cwd, 'scan.jpg'));
    const r = spawnSync(process.execPath, [bin, 'tally', '--manifest', set.manifestFile, 'scan.jpg'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(cwd, 'rekap', 'rekap.csv'))).toBe(true);
  });
});
