/**
 * Writes a RenderPlan: each part (a unit's sheets, a signer's pakta, the script, the deklarasi) is
 * drawn once — on every core, draw-pool.ts — into its own file, and the combined files are assembled
 * from those same bytes (assemble.ts); then manifest.json is streamed from the plan's Manifest, the
 * earlier manifests are kept, and the folder is committed atomically (src/output/).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PREVIOUS_MANIFESTS_DIR, type Manifest, type ManifestPage } from '../model/manifest.js';
import type { Problem } from '../model/problems.js';
import { abortOutput, beginOutput, commitOutput, writeFailure } from '../output/folder.js';
import { faultPoint } from '../output/fault.js';
import { PdfAssembler } from './assemble.js';
import { drawPart, type DrawTask } from './draw-part.js';
import { DrawPool, THREADED_PAGES, drawThreads } from './draw-pool.js';
import { FILES } from './kinds.js';
import { relieveHeap } from './heap.js';
import { JsonObjectStream } from './manifest-stream.js';
import { Summary, type RenderSummary } from './manifest.js';
import { logoError } from './layouter.js';
import type { DeferredSheets, PlanStep, RenderPlan } from './plan.js';
import { keepPrevious } from './previous.js';

export interface EmitOptions {
  /** Drawing threads at most (default: the machine's cores for a large render, else 1); 1 draws everything in this thread. */
  jobs?: number;
  onProgress?: (done: number, total: number, what: string) => void;
  /**
   * Return every manifest page (the whole manifest stays in memory). Without it, the plan's
   * `manifest.people` is emptied once written to manifest.json.
   */
  keepPages?: boolean;
}

/**
 * manifest.json, field by field and item by item: the bytes of JSON.stringify(m, null, 2) + "\n",
 * never one string of it all. The pages field is opened with the header and its items come as the
 * plan's parts are laid out (`page`), then the rest of the header (`end`).
 */
class ManifestWriter {
  private readonly json: JsonObjectStream;
  private readonly after: [string, unknown][] = [];

  private constructor(file: string) {
    this.json = new JsonObjectStream(file);
  }

  static async open(m: Manifest, file: string): Promise<ManifestWriter> {
    const w = new ManifestWriter(file);
    let before = true;
    for (const [key, value] of Object.entries(m)) {
      if (key === 'pages') before = false;
      if (before) await w.write(key, value);
      else if (key !== 'pages') w.after.push([key, value]);
    }
    w.json.beginArray('pages');
    return w;
  }

  private async write(key: string, value: unknown): Promise<void> {
    if (!Array.isArray(value)) return this.json.field(key, value);
    this.json.beginArray(key);
    for (const item of value) await this.json.item(item);
    this.json.endArray();
  }

  page(p: ManifestPage): Promise<void> {
    return this.json.item(p);
  }

  async end(): Promise<void> {
    this.json.endArray();
    for (const [key, value] of this.after) await this.write(key, value);
    await this.json.end();
  }

  destroy(): void {
    this.json.destroy();
  }
}

/** Pulls the plan's steps a few ahead: enough to know whether the render is large enough for threads. */
class Lookahead {
  private readonly it: Iterator<PlanStep>;
  private readonly buffer: PlanStep[] = [];
  private ended = false;

  constructor(steps: Iterable<PlanStep>) {
    this.it = steps[Symbol.iterator]();
  }

  /** Reads ahead until `pages` drawn pages are buffered or the plan ends; the pages buffered. */
  fill(pages: number): number {
    let n = 0;
    while (n < pages && this.pull()) n += this.buffer[this.buffer.length - 1]!.part?.pages.length ?? 0;
    return n;
  }

  next(): PlanStep | undefined {
    if (!this.buffer.length && !this.pull()) return undefined;
    return this.buffer.shift();
  }

  private pull(): boolean {
    if (this.ended) return false;
    const r = this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.buffer.push(r.value);
    return true;
  }
}

export interface EmitResult {
  /** Files written, relative to OUT, in writing order. */
  files: string[];
  /** Pages drawn (into the combined documents, the script and the deklarasi). */
  pages: number;
  summary: RenderSummary;
  warnings: Problem[];
  /** Every page of manifest.json, when asked for (`keepPages`). */
  manifestPages?: ManifestPage[];
}

/**
 * Writes the plan's documents and manifest into OUT (`out` as the user gave it), atomically. The
 * parts are laid out as they are pulled from the plan, at most the pool's window of them in flight,
 * and let go of once drawn, so memory does not grow with the roster.
 */
export async function emit(plan: RenderPlan, out: string, opts: EmitOptions = {}): Promise<EmitResult> {
  const staging = await beginOutput(out);
  const at = (rel: string) => path.join(staging.dir, ...rel.split('/'));
  const task = (title: string, pages: DrawTask['pages']): DrawTask => ({
    pages,
    title,
    subject: plan.subject,
    font: plan.font,
    date: plan.date.getTime(),
  });
  const files: string[] = [];
  const warnings: Problem[] = [];
  const codes = new Set<string>();
  const summary = new Summary(plan.manifest);
  const kept: ManifestPage[] | undefined = opts.keepPages ? [] : undefined;
  let combined: PdfAssembler | undefined;
  let manifest: ManifestWriter | undefined;
  let pool: DrawPool | undefined;
  let opened = 0;
  let done = 0;
  let pages = 0;
  /** Finishes the documents before `doc` and starts those up to it. */
  const reach = async (doc: number): Promise<void> => {
    while (opened <= doc) {
      if (combined) {
        await combined.finish();
        combined = undefined;
        files.push(plan.documents[opened - 1]!.file);
      }
      const d = opened === doc ? plan.documents[doc] : undefined;
      if (d?.dir) {
        await mkdir(at(d.dir));
        combined = await PdfAssembler.create(at(d.file), await drawPart(task(d.title, [])));
      }
      opened++;
    }
  };
  try {
    manifest = await ManifestWriter.open(plan.manifest, at(FILES.manifest));
    // The people are in manifest.json's header now; unless the caller wants the whole manifest back,
    // the plan's copy of them (one entry a person) is let go of for the rest of the render.
    if (!opts.keepPages) plan.manifest.people = [];
    const steps = new Lookahead(plan.steps);
    // A render of that many parts has that many pages at least; a smaller one is read ahead to count
    // them (laid out here), unless --jobs says how many threads.
    const counted = plan.parts >= THREADED_PAGES || opts.jobs !== undefined;
    pool = new DrawPool(
      drawThreads(plan.parts, counted ? THREADED_PAGES : steps.fill(THREADED_PAGES), opts.jobs),
      plan.sheetSetup,
    );
    // With worker threads, the units' signing sheets not yet laid out are laid out where they are drawn.
    if (pool.threaded) plan.deferSheets();
    const writePages = async (list: ManifestPage[]): Promise<void> => {
      for (const p of list) {
        await manifest!.page(p);
        codes.add(p.code);
        summary.add(p);
        kept?.push(p);
      }
    };
    const inFlight: { step: PlanStep; drawn: Promise<{ pdf: Uint8Array; pages?: ManifestPage[] }> }[] = [];
    const settle = async (): Promise<void> => {
      const { step, drawn } = inFlight.shift()!;
      const { pdf, pages: fresh } = await drawn;
      const part = step.part ?? step.deferred!;
      if (step.deferred) await writePages(step.deferred.merge(fresh!));
      await reach(step.doc);
      await writeFile(at(part.file), pdf);
      files.push(part.file);
      await combined?.append(pdf);
      faultPoint('stage');
      opts.onProgress?.(++done, plan.parts, part.what);
      relieveHeap();
    };
    /** Deferred units are placed (serials, from their page counts) one after another, in plan order. */
    let placedBefore: Promise<void> = Promise.resolve();
    const layOutThere = (d: DeferredSheets) => {
      const job = pool!.layout(d.group);
      const placing = placedBefore
        .then(() => job.laid)
        .then(({ count, problems }) => {
          if (problems.length) throw logoError(problems);
          pages += count;
          return d.place(count);
        });
      placedBefore = placing.then(() => {});
      placedBefore.catch(() => {});
      const meta = task(d.title, []);
      return placing.then(({ base, drawn }) =>
        job.draw(base, drawn, { title: meta.title, subject: meta.subject, font: meta.font, date: meta.date }),
      );
    };
    try {
      for (let step = steps.next(); step; step = steps.next()) {
        if (step.barrier) {
          while (inFlight.length) await settle();
          continue;
        }
        await writePages(step.pages);
        if (step.deferred) {
          inFlight.push({ step, drawn: layOutThere(step.deferred) });
          if (inFlight.length >= pool.window) await settle();
          continue;
        }
        const part = step.part;
        if (!part) continue;
        pages += part.pages.length;
        inFlight.push({ step, drawn: pool.draw(task(part.title, part.pages)).then((pdf) => ({ pdf })) });
        // The pages have been handed over (copied to a worker, or drawn up to the end of the PDF):
        // let go of them, so memory falls as the render goes on.
        part.pages = [];
        if (inFlight.length >= pool.window) await settle();
      }
      while (inFlight.length) await settle();
    } finally {
      // a failure part-way: the parts still being drawn are not waited for, but their rejections are handled
      for (const f of inFlight) f.drawn.catch(() => {});
    }
    await reach(plan.documents.length);
    await manifest.end();
    files.push(FILES.manifest);
    // The earlier manifests (OUT/manifest-lama/) are rewritten into the new set as a whole: the ones
    // kept before, and the one this render replaces when pages printed from it change.
    const earlier = await keepPrevious(staging.out, staging.dir, plan.previous, codes, out);
    if (earlier.warning) warnings.push(earlier.warning);
    await commitOutput(staging, [...plan.owned, ...(earlier.kept ? [PREVIOUS_MANIFESTS_DIR] : [])], out);
    return { files, pages, summary: summary.result(), warnings, ...(kept ? { manifestPages: kept } : {}) };
  } catch (e) {
    await combined?.abort();
    manifest?.destroy();
    await abortOutput(staging).catch(() => {});
    throw writeFailure(out, e);
  } finally {
    await pool?.close();
  }
}
