/**
 * A newcomer's whole path in Indonesian, as processes: `ikrar init --contoh`, then exactly the three
 * commands BACA-SAYA.txt names, run inside the new folder — a rendered set, a tally of the bundled
 * example scans, and a berita acara. bin/ikrar.js imports dist/ (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const base = mkdtempSync(path.join(os.tmpdir(), 'ikrar contoh é '));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function ikrar(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'id_ID.UTF-8' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
}

/** "npx ikrar check --roster roster.csv …" from BACA-SAYA.txt → argv (paths there have no spaces). */
function commandsOf(readme: string): string[][] {
  return readme
    .split(/\r\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx ikrar ') && !l.includes('--help'))
    .map((l) => l.split(/\s+/).slice(2));
}

describe('ikrar init --contoh, then the three commands of BACA-SAYA.txt', () => {
  it('goes from an empty folder to a tally of the example scans and a berita acara, in Indonesian', () => {
    const dir = path.join(base, 'Apel Ikrar');
    const init = ikrar(['init', '--contoh', dir], base);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/BACA-SAYA\.txt/);
    expect(readdirSync(path.join(dir, 'pindaian')).length).toBeGreaterThan(0);

    const readme = readFileSync(path.join(dir, 'BACA-SAYA.txt'), 'utf8');
    const cmds = commandsOf(readme);
    expect(cmds.map((c) => c[0])).toEqual(['check', 'render', 'tally']);

    const check = ikrar(cmds[0]!, dir);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/300 orang/);
    expect(check.stdout).toMatch(/berkas dapat dipakai/);

    const render = ikrar(cmds[1]!, dir);
    expect(render.status, render.stdout + render.stderr).toBe(0);
    for (const f of ['lembar-ttd.pdf', 'naskah-ikrar.pdf', 'pakta-integritas.pdf', 'manifest.json'])
      expect(existsSync(path.join(dir, 'hasil', f)), f).toBe(true);

    const tally = ikrar(cmds[2]!, dir);
    expect(tally.status, tally.stdout + tally.stderr).toBe(0);
    // the example scans as the truth file says they read (test/tally/examples.test.ts holds that)
    const truth = JSON.parse(readFileSync(path.join(root, 'examples', 'scans-truth.json'), 'utf8')) as {
      pages: { document: string; unit: string; read: Record<string, string> }[];
    };
    const read = (doc: string, d: string, unit?: string) =>
      truth.pages
        .filter((p) => p.document === doc && (unit === undefined || p.unit === unit))
        .reduce((n, p) => n + Object.values(p.read).filter((v) => v === d).length, 0);
    expect(tally.stdout).toMatch(new RegExp(`${truth.pages.length} halaman dibaca — ${truth.pages.length} dikenali`));
    expect(tally.stdout).toMatch(
      new RegExp(`Sekretariat Daerah\\s+30\\s+${read('sheets', 'signed', 'Sekretariat Daerah')}\\s`),
    );
    for (const f of ['rekap.csv', 'rekap.json', 'rekap.pdf', 'berita-acara.pdf'])
      expect(existsSync(path.join(dir, 'rekap', f)), f).toBe(true);
    const rekap = JSON.parse(readFileSync(path.join(dir, 'rekap', 'rekap.json'), 'utf8'));
    expect(rekap.summary.signed).toBe(read('sheets', 'signed'));
    expect(rekap.summary.uncertain).toBe(read('sheets', 'uncertain'));
  });

  it('refuses --contoh together with --from-siasn, writing nothing', () => {
    const dir = path.join(base, 'dua-pilihan');
    const r = ikrar(['init', '--contoh', '--from-siasn', path.join(root, 'examples/siasn-export.csv'), dir], base);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/--contoh/);
    expect(existsSync(dir)).toBe(false);
  });
});
