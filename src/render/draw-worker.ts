/**
 * Worker-thread entry for the drawing pool (draw-pool.ts). Two kinds of work:
 * - `draw`: a part laid out by the planning thread (DrawTask) → its PDF bytes;
 * - `layout` then `place`: a unit's signing sheets laid out here (templates and layout, from the
 *   `setup` sent once), answered with the page count and any logo problem; once the planning thread
 *   knows the unit's first serial (`place`), its pages are numbered and drawn here → the PDF and the
 *   unit's manifest pages. The same functions as in the planning thread, so the same bytes.
 */
import { parentPort } from 'node:worker_threads';
import type { ManifestPage } from '../model/manifest.js';
import type { Problem } from '../model/problems.js';
import type { UnitGroup } from '../check/units.js';
import type { LaidOutPage } from '../layout/types.js';
import { openTemplates } from '../templates/folder.js';
import { nodeWorld } from '../world/node.js';
import { drawPart, type DrawTask } from './draw-part.js';
import { layoutSheets, sheetTools, type SheetSetup, type SheetTools } from './layouter.js';
import { numberPages, type DrawnAt } from './serials.js';

export type WorkerRequest =
  | { type: 'setup'; setup: SheetSetup }
  | { type: 'draw'; id: number; task: DrawTask }
  | { type: 'layout'; id: number; group: UnitGroup }
  | { type: 'place'; id: number; base: number; drawn: DrawnAt; task: Omit<DrawTask, 'pages'> };

export type WorkerAnswer =
  | { id: number; error: string }
  | { id: number; pdf: Uint8Array; pages?: ManifestPage[] }
  | { id: number; count: number; problems: Problem[] };

const port = parentPort!;
let tools: SheetTools | undefined;
/** Units laid out and waiting for their place. */
const laid = new Map<number, { unit: string; pages: LaidOutPage[] }>();

const fail = (id: number, e: unknown) =>
  port.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerAnswer);

async function answerPdf(id: number, task: DrawTask, pages?: ManifestPage[]): Promise<void> {
  const pdf = await drawPart(task);
  // A copy of its own, so the buffer can be handed over without copying it again.
  const bytes = new Uint8Array(pdf);
  port.postMessage({ id, pdf: bytes, ...(pages ? { pages } : {}) } satisfies WorkerAnswer, [bytes.buffer]);
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'setup') {
    const { event, templates, paper } = msg.setup;
    // a worker is the Node side of the render: it reads templates and logos through Node's World
    const world = nodeWorld;
    tools = sheetTools(openTemplates(templates, world), event, paper, world);
    return;
  }
  try {
    if (msg.type === 'draw') {
      answerPdf(msg.id, msg.task).catch((e: unknown) => fail(msg.id, e));
    } else if (msg.type === 'layout') {
      const pages = layoutSheets(tools!, msg.group);
      laid.set(msg.id, { unit: msg.group.name, pages });
      port.postMessage({ id: msg.id, count: pages.length, problems: tools!.layouter.problems } satisfies WorkerAnswer);
    } else {
      const unit = laid.get(msg.id)!;
      laid.delete(msg.id);
      const manifest: ManifestPage[] = [];
      const pages = numberPages(unit.pages, tools!.event.code, msg.base, 'sheets', unit.unit, msg.drawn, manifest);
      answerPdf(msg.id, { ...msg.task, pages }, manifest).catch((e: unknown) => fail(msg.id, e));
    }
  } catch (e) {
    fail(msg.id, e);
  }
});
