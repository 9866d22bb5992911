/**
 * Issue #13: `pakta.signers: heads` — one pakta signer per unit, its head as `check` names it (the
 * highest eselon, else the jabatan that names the unit, else sheets.heads), not every "Kepala …" a
 * `^Kepala ` rule picks on a SIASN export (every Kepala Seksi and Kepala Bidang). Through `ikrar
 * check` and `ikrar render` as real processes (bin/ikrar.js imports dist/: build first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { siasnCsv, siasnOpds } from '../roster/siasn-fixture.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-pakta-heads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
copyFileSync(path.join(root, 'examples/logo.png'), path.join(tmp, 'logo.png'));
const exampleText = readFileSync(path.join(root, 'examples/event.yaml'), 'utf8');
// The example event without its sheets.officers (they name the example's own units), grouped by OPD.
const example =
  exampleText.replace(/\n  # Nama unit kerja[\s\S]*?\n(?=\n# --- Berita acara)/, '\n') +
  '\nunits:\n  column: UNOR INDUK NAMA\n';

function write(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}
function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}
interface Report {
  summary: { paktaSigners: number; units: { name: string; head: { name: string; by: string } | null }[] };
  errors: { code: string; message: string; line?: number; field?: string }[];
}
function check(roster: string, ev: string): { status: number | null; report: Report; text: string } {
  const j = run(['check', '--roster', roster, '--event', ev, '--json']);
  const t = run(['check', '--roster', roster, '--event', ev]);
  return { status: j.status, report: JSON.parse(j.stdout) as Report, text: t.stdout + t.stderr };
}
const OPDS = siasnOpds();

describe('pakta.signers: heads', () => {
  it('the example event and what ikrar init writes say signers: heads', () => {
    expect(exampleText).toMatch(/^ {2}signers: heads\r?$/m);
    const dir = path.join(tmp, 'init');
    expect(run(['init', dir]).status).toBe(0);
    expect(readFileSync(path.join(dir, 'event.yaml'), 'utf8')).toMatch(/^ {2}signers: heads\r?$/m);
  });

  it('on a 10,000-person SIASN export with ESELON: one signer per unit with a head, where ^Kepala picks hundreds', () => {
    const roster = write('siasn-eselon.csv', siasnCsv({ people: 10_000, eselon: true }));
    const heads = check(roster, write('heads.yaml', example));
    expect(heads.status, heads.text).toBe(0);
    const withHead = heads.report.summary.units.filter((u) => u.head);
    expect(withHead.length).toBe(OPDS.length);
    expect(withHead.every((u) => u.head!.by === 'eselon')).toBe(true);
    expect(heads.report.summary.paktaSigners).toBe(withHead.length);
    expect(heads.text).toContain(`; ${withHead.length} sign a pakta integritas`);

    const kepala = check(
      roster,
      write(
        'kepala.yaml',
        example.replace('  signers: heads', '  signers:\n    - column: JABATAN NAMA\n      matches: "^Kepala "'),
      ),
    );
    expect(kepala.status, kepala.text).toBe(0);
    expect(kepala.report.summary.paktaSigners).toBeGreaterThan(5 * withHead.length);
  }, 120_000);

  it('without an ESELON column, by the jabatan naming the unit; the Indonesian alias kepala; render makes one pakta per head', () => {
    const roster = write('siasn.csv', siasnCsv({ people: 3000 }));
    const ev = write('kepala-id.yaml', example.replace('  signers: heads', '  signers: kepala'));
    const c = check(roster, ev);
    expect(c.status, c.text).toBe(0);
    const withHead = c.report.summary.units.filter((u) => u.head);
    expect(withHead.length).toBeGreaterThan(OPDS.length / 2);
    expect(c.report.summary.paktaSigners).toBe(withHead.length);

    const out = path.join(tmp, 'out');
    const r = run(['render', '--roster', roster, '--event', ev, '--out', out, '--only', 'pakta']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readdirSync(path.join(out, 'pakta-integritas')).filter((f) => f.endsWith('.pdf')).length).toBe(
      withHead.length,
    );
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      people: { name: string }[];
    };
    expect(manifest.people.length).toBeGreaterThan(0);
  }, 120_000);

  it('all, none and rules still work; a wrong word is named with heads among the choices', () => {
    const roster = write('small.csv', siasnCsv({ people: 300 }));
    expect(
      check(roster, write('all.yaml', example.replace('  signers: heads', '  signers: all'))).report.summary
        .paktaSigners,
    ).toBeGreaterThan(250);
    expect(
      check(roster, write('none.yaml', example.replace('  signers: heads', '  signers: none'))).report.summary
        .paktaSigners,
    ).toBe(0);
    const bad = check(roster, write('bad.yaml', example.replace('  signers: heads', '  signers: kepala dinas')));
    expect(bad.status).toBe(2);
    expect(bad.report.errors.map((e) => [e.code, e.field])).toEqual([['event-bad-value', 'pakta.signers']]);
    expect(bad.report.errors[0]!.message).toContain('all, none, heads, or rules');
    expect(bad.text).not.toMatch(/\n\s+at /);
  });
});
