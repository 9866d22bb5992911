/**
 * The World seam (issue #12): the bundled example's event file, its logo and the templates read from
 * a Map of path → bytes, with those files gone from the disk, plan exactly as they do from Node's
 * file system; and the rendered files are byte for byte the same. (The roster is streamed from the
 * disk, and the drawing reads the package's fonts and the logo itself: test/house/imports.test.ts
 * lists those exceptions.)
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drainPlan, planRender } from '../../src/render/plan.js';
import { readInputs, renderInputs } from '../../src/render/render.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/engine.js';
import { memoryWorld } from '../../src/world/memory.js';
import { nodeWorld } from '../../src/world/node.js';
import type { World } from '../../src/world/world.js';

const examples = path.resolve(import.meta.dirname, '../../examples');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-world-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The example's event folder and a copy of the templates, on the disk under `tmp`. */
const acara = path.join(tmp, 'acara');
const templates = path.join(tmp, 'templat');
function layOut(): void {
  mkdirSync(acara, { recursive: true });
  cpSync(path.join(examples, 'event.yaml'), path.join(acara, 'event.yaml'));
  cpSync(path.join(examples, 'logo.png'), path.join(acara, 'logo.png'));
  cpSync(BUILTIN_TEMPLATES_DIR, templates, { recursive: true });
}

/** The same files as a Map, read from the disk once. */
function asMap(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const dir of [acara, templates])
    for (const name of readdirSync(dir)) files.set(path.join(dir, name), readFileSync(path.join(dir, name)));
  return files;
}

const roster = path.join(examples, 'roster.csv');
const event = path.join(acara, 'event.yaml');
const out = (name: string) => path.join(tmp, name);

async function plan(world: World) {
  const inputs = await readInputs(roster, event, world, { templates });
  return { inputs, ...drainPlan(planRender(inputs, world, { out: out('tidak-ada'), templates })) };
}

function filesOf(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else found.set(path.relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return found;
}

describe('an in-memory World (issue #12)', () => {
  it('plans the bundled example with its files gone from the disk exactly as Node World does', async () => {
    layOut();
    const world = memoryWorld(asMap());
    rmSync(acara, { recursive: true });
    rmSync(templates, { recursive: true });
    const inMemory = await plan(world);
    expect(inMemory.inputs.event.government.logo).toBe('logo.png');

    layOut();
    const onDisk = await plan(nodeWorld);
    expect(inMemory.inputs).toEqual(onDisk.inputs);
    expect(inMemory.manifest).toEqual(onDisk.manifest);
    expect(inMemory.parts).toEqual(onDisk.parts);
    expect(inMemory.parts.length).toBeGreaterThan(10);
  }, 120_000);

  it('renders the same bytes through it as through Node World', async () => {
    layOut();
    const world = memoryWorld(asMap());
    const inputs = await readInputs(roster, event, world, { templates });
    await renderInputs(inputs, { out: out('memori'), templates, world, jobs: 1, keepManifest: false });
    await renderInputs(await readInputs(roster, event, nodeWorld, { templates }), {
      out: out('disk'),
      templates,
      world: nodeWorld,
      jobs: 1,
      keepManifest: false,
    });
    const a = filesOf(out('memori'));
    expect(a.size).toBeGreaterThan(10);
    expect(a).toEqual(filesOf(out('disk')));
  }, 180_000);

  it('is a World without a disk: a file it was not given is missing', () => {
    const world = memoryWorld(new Map([[path.join(tmp, 'x', 'a.hbs'), Buffer.from('hi')]]));
    expect(world.readFile(path.join(examples, 'event.yaml'))).toBeNull();
    expect(world.stat(path.join(examples, 'event.yaml'))).toEqual({ kind: 'missing' });
    expect(world.stat(path.join(tmp, 'x'))).toEqual({ kind: 'folder', size: 0 });
    expect(world.list(path.join(tmp, 'x'))).toEqual(['a.hbs']);
  });
});
