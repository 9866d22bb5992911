/**
 * Writes a RenderPlan: each part (a unit's sheets, a signer's pakta, the script, the deklarasi) is
 * drawn once — on every core, draw-pool.ts — into its own file, and the combined files are assembled
 * from those same bytes (assemble.ts); then manifest.json is streamed from the plan's Manifest, the
 * earlier manifests are kept, and the folder is committed atomically (src/output/).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PREVIOUS_MANIFESTS_DIR, type Manifest } from '../model/manifest.js';
import type { Problem } from '../model/problems.js';
import { abortOutput, beginOutput, commitOutput, writeFailure } from '../output/folder.js';
import { faultPoint } from '../output/fault.js';
import { PdfAssembler } from './assemble.js';
import { drawPart, type DrawTask } from './draw-part.js';
import { DrawPool, drawThreads } from './draw-pool.js';
import { FILES } from './kinds.js';
import { JsonObjectStream } from './manifest-stream.js';
import { plannedPages, type PlannedPart, type RenderPlan } from './plan.js';
import { keepPrevious } from './previous.js';

export interface EmitOptions {
  /** Drawing threads at most (default: the machine's cores for a large render, else 1); 1 draws everything in this thread. */
  jobs?: number;
  onProgress?: (done: number, total: number, what: string) => void;
}

/** manifest.json, field by field and item by item: the bytes of JSON.stringify(m, null, 2) + "\n", never one string of it all. */
async function writeManifest(m: Manifest, file: string): Promise<void> {
  const json = new JsonObjectStream(file);
  try {
    for (const [key, value] of Object.entries(m)) {
      if (!Array.isArray(value)) {
        await json.field(key, value);
        continue;
      }
      json.beginArray(key);
      for (const item of value) await json.item(item);
      json.endArray();
    }
    await json.end();
  } catch (e) {
    json.destroy();
    throw e;
  }
}

/** Draws parts with the pool, a window ahead, and hands each one's PDF to `done` in the parts' order. */
async function drawInOrder(pool: DrawPool, parts: readonly PlannedPart[], task: (p: PlannedPart) => DrawTask, done: (p: PlannedPart, pdf: Uint8Array) => Promise<void>): Promise<void> {
  const pending: (Promise<Uint8Array> | undefined)[] = [];
  let started = 0;
  try {
    for (let i = 0; i < parts.length; i++) {
      while (started < parts.length && started < i + pool.window) {
        const part = parts[started]!;
        pending[started++] = pool.draw(task(part));
        // The pages have been handed over (copied to a worker, or drawn up to the end of the PDF):
        // let go of them, so memory falls as the render goes on. The plan is used up by emit.
        part.pages = [];
      }
      const pdf = await pending[i]!;
      pending[i] = undefined;
      await done(parts[i]!, pdf);
    }
  } finally {
    // a failure part-way: the parts still being drawn are not waited for, but their rejections are handled
    for (const p of pending) p?.catch(() => {});
  }
}

/** Writes the plan's documents and manifest into OUT (`out` as the user gave it), atomically; the plan's pages are let go of as they are drawn. Returns the files written (relative to OUT, in writing order) and warnings. */
export async function emit(plan: RenderPlan, out: string, opts: EmitOptions = {}): Promise<{ files: string[]; warnings: Problem[] }> {
  const staging = await beginOutput(out);
  const total = plan.documents.reduce((n, d) => n + d.parts.length, 0);
  const pool = new DrawPool(drawThreads(total, plannedPages(plan), opts.jobs));
  const at = (rel: string) => path.join(staging.dir, ...rel.split('/'));
  const task = (title: string, pages: DrawTask['pages']): DrawTask => ({ pages, title, subject: plan.subject, font: plan.font, date: plan.date.getTime() });
  const files: string[] = [];
  const warnings: Problem[] = [];
  let combined: PdfAssembler | undefined;
  let done = 0;
  try {
    for (const doc of plan.documents) {
      if (doc.dir) {
        await mkdir(at(doc.dir));
        combined = await PdfAssembler.create(at(doc.file), await drawPart(task(doc.title, [])));
      }
      await drawInOrder(
        pool,
        doc.parts,
        (p) => task(p.title, p.pages),
        async (part, pdf) => {
          await writeFile(at(part.file), pdf);
          files.push(part.file);
          await combined?.append(pdf);
          faultPoint('stage');
          opts.onProgress?.(++done, total, part.what);
        },
      );
      if (combined) {
        await combined.finish();
        combined = undefined;
        files.push(doc.file);
      }
    }
    await writeManifest(plan.manifest, at(FILES.manifest));
    files.push(FILES.manifest);
    // The earlier manifests (OUT/manifest-lama/) are rewritten into the new set as a whole: the ones
    // kept before, and the one this render replaces when pages printed from it change.
    const earlier = await keepPrevious(staging.out, staging.dir, plan.previous, new Set(plan.manifest.pages.map((p) => p.code)), out);
    if (earlier.warning) warnings.push(earlier.warning);
    await commitOutput(staging, [...plan.owned, ...(earlier.kept ? [PREVIOUS_MANIFESTS_DIR] : [])], out);
    return { files, warnings };
  } catch (e) {
    await combined?.abort();
    await abortOutput(staging).catch(() => {});
    throw writeFailure(out, e);
  } finally {
    await pool.close();
  }
}
