/**
 * Issue #12: with drawing workers, the units' signing sheets are laid out where they are drawn, not
 * serially in the planning thread. The plan then yields each unit as `deferred` (no laid-out pages)
 * and numbers it once its page count is known, in plan order; what a worker does with it (lay out
 * from the plan's sheetSetup, number from the placed serial) is done here in this thread, through a
 * structured clone as postMessage makes, and must give the same pages, codes and manifest as the
 * plan laid out in one thread. The threads themselves: test/cli/render-jobs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestPage } from '../../src/model/manifest.js';
import { drainPlan, planRender, type PlanStep } from '../../src/render/plan.js';
import { layoutSheets, sheetTools } from '../../src/render/layouter.js';
import { numberPages } from '../../src/render/serials.js';
import path from 'node:path';
import type { World } from '../../src/world/world.js';
import { nodeWorld } from '../../src/world/node.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/engine.js';
import { TemplateEngine } from '../../src/templates/engine.js';
import { makeEvent, makePeople } from './fixture.js';
import type { Inputs } from '../../src/render/render.js';

/** The built-in templates from the disk, nothing else (no old manifest). */
const builtin = (p: string) => p.startsWith(BUILTIN_TEMPLATES_DIR);
const world: World = {
  ...nodeWorld,
  readFile: (file) => (builtin(file) ? nodeWorld.readFile(file) : null),
  stat: (p) => (builtin(p) ? nodeWorld.stat(p) : { kind: 'missing' }),
  list: (dir) => (builtin(dir) || builtin(dir + path.sep) ? nodeWorld.list(dir) : null),
  isDirectory: () => false,
};
const inputs = (): Inputs => ({
  event: makeEvent(),
  people: makePeople(),
  rosterHash: 'c'.repeat(64),
  warnings: [],
});

describe('the plan with the signing sheets left to the workers', () => {
  it('lays out no unit itself and numbers each from its page count as one thread does', () => {
    const reference = drainPlan(planRender(inputs(), world, { out: 'out' }));
    const plan = planRender(inputs(), world, { out: 'out' });
    plan.deferSheets();
    const setup = structuredClone(plan.sheetSetup);
    const worker = sheetTools(new TemplateEngine({ world }), setup.event, setup.paper, world);
    const pages: ManifestPage[] = [];
    const parts: { file: string; codes: (string | undefined)[]; pages: unknown[] }[] = [];
    const kinds: string[] = [];
    for (const step of plan.steps as Iterable<PlanStep>) {
      kinds.push(step.barrier ? 'barrier' : step.deferred ? 'deferred' : 'laid');
      if (step.deferred) {
        expect(step.part).toBeUndefined();
        const d = step.deferred;
        const laid = layoutSheets(worker, structuredClone(d.group));
        const { base, drawn } = d.place(laid.length);
        const fresh: ManifestPage[] = [];
        const numbered = numberPages(laid, setup.event.code, base, 'sheets', d.group.name, drawn, fresh);
        pages.push(...d.merge(fresh));
        parts.push({ file: d.file, codes: numbered.map((p) => p.code), pages: numbered.map((p) => p.page) });
        continue;
      }
      pages.push(...step.pages);
      if (step.part)
        parts.push({
          file: step.part.file,
          codes: step.part.pages.map((p) => p.code),
          pages: step.part.pages.map((p) => p.page),
        });
    }
    const units = reference.parts.filter((p) => p.kind === 'sheets').length;
    expect(units).toBeGreaterThan(1);
    expect(kinds.slice(0, units + 1)).toEqual([...Array(units).fill('deferred'), 'barrier']);
    expect(kinds.slice(units + 1)).not.toContain('deferred');
    expect(pages).toEqual(reference.manifest.pages);
    expect(parts).toEqual(
      reference.parts.map((p) => ({
        file: p.file,
        codes: p.pages.map((q) => q.code),
        pages: p.pages.map((q) => q.page),
      })),
    );
  });

  it('refuses to go on past the signing sheets while a unit has not been placed', () => {
    const plan = planRender(inputs(), world, { out: 'out' });
    plan.deferSheets();
    const it = plan.steps[Symbol.iterator]();
    let step = it.next();
    while (!step.done && !step.value.barrier) step = it.next();
    expect(step.done).toBe(false);
    expect(() => it.next()).toThrow(/not placed/);
  });
});
