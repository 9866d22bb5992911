/**
 * Issue #12: one render pipeline. The plan is pure (laid out once, serials once, one manifest), the
 * writer draws each page once (the combined files are assembled from the unit and signer files),
 * and the combined files stay valid PDFs whose pages read as the unit files' pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { renderInputs, type Inputs } from '../../src/render/render.js';
import { drainPlan, planRender, type PlanStep } from '../../src/render/plan.js';
import { emit } from '../../src/render/emit.js';
import type { World } from '../../src/world/world.js';
import { nodeWorld } from '../../src/world/node.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/engine.js';
import { PdfWriter } from '../../src/draw/pdf.js';
import { makeEvent, makePeople, makePerson } from './fixture.js';
import { pdfInfo, pdfText } from './pdf.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-pipeline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const inputs = (): Inputs => ({ event: makeEvent(), people: makePeople(), rosterHash: 'c'.repeat(64), warnings: [] });

/** A World that has no files at all and records every question asked of it. */
/** The built-in templates from the disk, nothing else (no old manifest); `asked`: what else was asked for. */
function emptyWorld(asked: string[]): World {
  const builtin = (p: string) => p.startsWith(BUILTIN_TEMPLATES_DIR);
  return {
    ...nodeWorld,
    readFile(file) {
      if (builtin(file)) return nodeWorld.readFile(file);
      asked.push(file);
      return null;
    },
    stat: (p) => (builtin(p) ? nodeWorld.stat(p) : { kind: 'missing' }),
    list: (dir) => (builtin(dir) || builtin(dir + path.sep) ? nodeWorld.list(dir) : null),
    isDirectory(p) {
      asked.push(p);
      return false;
    },
  };
}

describe('render draws each page once', () => {
  it('draws as many pages as the PDFs hold, not the sheets and the pakta twice', async () => {
    const addPage = vi.spyOn(PdfWriter.prototype, 'addPage');
    const out = path.join(tmp, 'once');
    const r = await renderInputs(inputs(), { out });
    const held = ['lembar-ttd.pdf', 'naskah-ikrar.pdf', 'pakta-integritas.pdf'].map(
      (f) => pdfInfo(path.join(out, f)).pages,
    );
    expect(r.manifest.pages.length).toBe(held[0]! + held[2]!);
    expect(addPage).toHaveBeenCalledTimes(held[0]! + held[1]! + held[2]!);
  });

  it('assembles combined files that qpdf finds clean, each page reading as its unit or signer file', async () => {
    const out = path.join(tmp, 'check');
    const r = await renderInputs(inputs(), { out });
    for (const f of ['lembar-ttd.pdf', 'pakta-integritas.pdf']) {
      expect(execFileSync('qpdf', ['--check', path.join(out, f)], { encoding: 'utf8' })).toMatch(
        /No syntax or stream encoding errors found/,
      );
    }
    const parts = r.files.filter((f) => /^(lembar-ttd|pakta-integritas)\//.test(f));
    let sheetPage = 0;
    let paktaPage = 0;
    for (const part of parts) {
      const combined = part.startsWith('lembar-ttd/') ? 'lembar-ttd.pdf' : 'pakta-integritas.pdf';
      const n = pdfInfo(path.join(out, part)).pages;
      for (let i = 1; i <= n; i++) {
        const at = combined === 'lembar-ttd.pdf' ? ++sheetPage : ++paktaPage;
        expect(pdfText(path.join(out, combined), at)).toBe(pdfText(path.join(out, part), i));
      }
    }
    expect(sheetPage).toBe(pdfInfo(path.join(out, 'lembar-ttd.pdf')).pages);
    expect(paktaPage).toBe(pdfInfo(path.join(out, 'pakta-integritas.pdf')).pages);
    // the combined file's own title, not the first unit's
    expect(execFileSync('pdfinfo', [path.join(out, 'lembar-ttd.pdf')], { encoding: 'utf8' })).toMatch(
      /Title:\s+Daftar Hadir Apel Ikrar Netralitas ASN\n/,
    );
  });

  it('writes the same bytes twice', async () => {
    const a = await renderInputs(inputs(), { out: path.join(tmp, 'a') });
    await renderInputs(inputs(), { out: path.join(tmp, 'b') });
    for (const f of a.files)
      expect(readFileSync(path.join(tmp, 'b', f)).equals(readFileSync(path.join(tmp, 'a', f))), f).toBe(true);
  });
});

describe('planRender', () => {
  it('plans without touching the disk, and the render writes the manifest it planned', async () => {
    const asked: string[] = [];
    const plan = planRender(inputs(), emptyWorld(asked), { out: path.join(tmp, 'planned') });
    // it asks the World for the old manifest, and writes nothing
    expect(asked).toEqual([path.join(tmp, 'planned', 'manifest.json')]);
    expect(existsSync(path.join(tmp, 'planned'))).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
    // nor does it lay anything out until its steps are asked for; draining them asks nothing more
    const { manifest, parts } = drainPlan(plan);
    expect(asked).toHaveLength(1);
    expect(manifest.pages.map((p) => p.serial)).toEqual(manifest.pages.map((_, i) => i + 1));
    expect(parts.map((p) => p.kind).filter((k, i, all) => all[i - 1] !== k)).toEqual(['sheets', 'script', 'pakta']);
    const r = await renderInputs(inputs(), { out: path.join(tmp, 'planned') });
    expect(readFileSync(path.join(tmp, 'planned', 'manifest.json'), 'utf8')).toBe(
      JSON.stringify(manifest, null, 2) + '\n',
    );
    expect(r.manifest).toEqual(manifest);
  });

  it('plans --only pakta with the serials of the full plan, keeping the old manifest pages it does not draw', () => {
    const full = drainPlan(planRender(inputs(), emptyWorld([]), { out: path.join(tmp, 'p') }));
    const old = Buffer.from(JSON.stringify(full.manifest));
    const world: World = {
      ...emptyWorld([]),
      readFile: (f) => (f.endsWith('manifest.json') ? old : emptyWorld([]).readFile(f)),
    };
    const plan = planRender(inputs(), world, { out: path.join(tmp, 'p'), only: ['pakta'] });
    const only = drainPlan(plan);
    expect(only.manifest).toEqual(full.manifest);
    expect(plan.documents.map((d) => d.kind)).toEqual(['pakta']);
    expect(new Set(only.parts.map((p) => p.kind))).toEqual(new Set(['pakta']));
  });
});

describe('the plan is a stream (issue #12: memory flat in the roster size)', () => {
  it('lays a part out only when the writer is ready for it, and lets its pages go once drawn', async () => {
    // 205 signers, one pakta part each: more parts than the read-ahead a small render needs
    const people = Array.from({ length: 205 }, (_, i) =>
      makePerson({ name: `Pejabat ${i + 1}`, unit: `Unit ${i % 12}`, position: `Kepala Seksi ${i + 1}` }),
    );
    const ins: Inputs = { event: makeEvent(), people, rosterHash: 'd'.repeat(64), warnings: [] };
    const plan = planRender(ins, emptyWorld([]), { out: path.join(tmp, 'stream') });
    const ends = vi.spyOn(PdfWriter.prototype, 'end');
    const held: PlanStep[] = [];
    let most = 0;
    const steps = plan.steps;
    plan.steps = (function* () {
      for (const step of steps) {
        held.push(step);
        most = Math.max(most, held.filter((s) => s.part?.pages.length).length);
        yield step;
      }
    })();
    const r = await emit(plan, path.join(tmp, 'stream'), { jobs: 1 });
    expect(r.files.filter((f) => f.startsWith('pakta-integritas/'))).toHaveLength(205);
    expect(ends.mock.calls.length).toBeGreaterThan(205);
    // at most the part being drawn and the next one hold laid-out pages
    expect(most).toBeLessThanOrEqual(2);
    expect(held.every((s) => !s.part || s.part.pages.length === 0)).toBe(true);
  }, 60_000);
});
