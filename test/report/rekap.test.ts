/**
 * Issue #12: rekap.pdf is made from templates/rekap.hbs through the same path as the berita acara
 * (template → markup → layout → drawing), in the event's font, paper and letterhead. As the clerk
 * runs it: `ikrar render` of the bundled example, `ikrar tally` of its scans (real processes;
 * bin/ikrar.js imports dist/: build first); rekap.pdf read back page by page with pdftotext and
 * every figure compared with rekap.json of the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counts, TallyPerson, TallySummary } from '../../src/model/tally.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-rekap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
const figures = (c: Counts) => [c.people, c.signed, c.unsigned, c.uncertain, c.notScanned];
const pct = (n: number) => `${n.toFixed(1).replace('.', ',')}%`;

interface Rekap {
  summary: TallySummary;
  people: TallyPerson[];
  pakta: TallyPerson[];
}

const out = path.join(tmp, 'out');
const rekapA = path.join(tmp, 'rekap-a');
const rekapB = path.join(tmp, 'rekap-b');
beforeAll(() => {
  const r = run(['render', '--roster', 'examples/roster.csv', '--event', 'examples/event.yaml', '--out', out]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  for (const dir of [rekapA, rekapB]) {
    const t = run([
      'tally',
      '--manifest',
      path.join(out, 'manifest.json'),
      '--event',
      'examples/event.yaml',
      '--out',
      dir,
      'examples/scans',
    ]);
    expect(t.status, t.stdout + t.stderr).toBe(0);
  }
}, 240_000);

describe('rekap.pdf from templates/rekap.hbs', () => {
  it('every figure on its pages is rekap.json’s: per unit signed / unsigned / uncertain / not scanned, the totals, who still must sign', () => {
    const file = path.join(rekapA, 'rekap.pdf');
    const json = JSON.parse(readFileSync(path.join(rekapA, 'rekap.json'), 'utf8')) as Rekap;
    const s = json.summary;
    const n = pages(file);
    const texts = Array.from({ length: n }, (_, i) => pageText(file, i + 1));

    // Letterhead and title on page 1; the footer with the page number on every page.
    expect(texts[0]).toContain('PEMERINTAH KABUPATEN SUKAMARA');
    expect(texts[0]).toMatch(/REKAPITULASI PENANDATANGANAN/);
    texts.forEach((t, i) => {
      expect(t).toMatch(new RegExp(`Rekapitulasi Apel Ikrar Netralitas ASN\\s+Halaman ${i + 1} dari ${n}\\s*$`));
    });

    // The unit table: one row per unit with its figures and percentage, then JUMLAH.
    const rows = new Map<number, string[]>();
    let total: string[] | undefined;
    for (const line of texts.join('\n').split('\n')) {
      const m = /^\s*(\d+)\.\s+(.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+,\d%)\s*$/.exec(line);
      if (m) rows.set(Number(m[1]), m.slice(3));
      const t = /^\s*JUMLAH\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+,\d%)\s*$/.exec(line);
      if (t) total = t.slice(1);
    }
    expect(rows.size).toBe(s.units.length);
    s.units.forEach((u, i) => {
      expect(rows.get(i + 1), u.unit).toEqual([...figures(u).map(String), pct(u.percent)]);
    });
    expect(total).toEqual([...figures(s).map(String), pct(s.percent)]);

    const flat = texts.join('\n').replace(/\s+/g, ' ');
    expect(flat).toContain(`Jumlah pegawai : ${s.people} orang`);
    expect(flat).toContain(`Sudah menandatangani : ${s.signed} orang (${pct(s.percent)})`);
    expect(flat).toContain(`Belum menandatangani : ${s.unsigned} orang`);
    expect(flat).toContain(`Perlu diperiksa : ${s.uncertain} orang`);
    expect(flat).toContain(`Belum dipindai : ${s.notScanned} orang`);
    expect(flat).toContain(
      `Pakta integritas: ${s.pakta.signed} dari ${s.pakta.people} sudah ditandatangani (${pct(s.pakta.percent)}).`,
    );
    expect(flat).toContain(
      `Halaman dipindai : ${s.pages.scanned} (dikenali ${s.pages.identified}, ganda ${s.pages.duplicate}`,
    );

    // Per unit, how many still must sign, and every one of them listed with their status.
    s.units.forEach((u, i) => {
      const left = u.people - u.signed;
      expect(flat).toContain(
        left
          ? `${i + 1}. ${u.unit} — ${left} dari ${u.people} orang belum`
          : `${i + 1}. ${u.unit} — semua sudah menandatangani`,
      );
    });
    const listed = texts
      .join('\n')
      .split('\n')
      .filter((l) =>
        /^\s*\d+\.\s.*\s(?:\d{8} \d{6} \d \d{3}|-)\s+(?:Belum TTD|Belum dipindai|Perlu diperiksa)(?: \(manual\))?\s*$/.test(
          l,
        ),
      );
    const stillSheets = json.people.filter((p) => p.status !== 'signed').length;
    const stillPakta = json.pakta.filter((p) => p.status !== 'signed').length;
    expect(listed.length).toBe(stillSheets + stillPakta);
    // Names as they flow (a long name wraps inside its cell): pdftotext without -layout.
    const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const p of json.people.filter((q) => q.status !== 'signed'))
      expect(raw, p.name).toContain(p.name.replace(/\s+/g, ' '));
  });

  it('two tallies of the same scans give byte-identical rekap.pdf files', () => {
    expect(readFileSync(path.join(rekapA, 'rekap.pdf')).equals(readFileSync(path.join(rekapB, 'rekap.pdf')))).toBe(
      true,
    );
  });

  it('its wording lives in the template: a clerk’s rekap.hbs in --templates changes the heading', () => {
    const mine = path.join(tmp, 'mine');
    mkdirSync(mine);
    writeFileSync(
      path.join(mine, 'rekap.hbs'),
      readFileSync(path.join(root, 'templates/rekap.hbs'), 'utf8').replace(
        'REKAPITULASI PENANDATANGANAN LEMBAR IKRAR NETRALITAS',
        'REKAP IKRAR KAMI',
      ),
    );
    const dir = path.join(tmp, 'rekap-mine');
    const t = run([
      'tally',
      '--manifest',
      path.join(out, 'manifest.json'),
      '--event',
      'examples/event.yaml',
      '--templates',
      mine,
      '--out',
      dir,
      'examples/scans',
    ]);
    expect(t.status, t.stdout + t.stderr).toBe(0);
    expect(pageText(path.join(dir, 'rekap.pdf'), 1)).toContain('REKAP IKRAR KAMI');
  }, 120_000);
});
