/**
 * Parts drawn on every core: a pool of worker threads (draw-worker.ts), each drawing whole parts
 * (a unit's sheets, a signer's pakta). A part's bytes are the same in any thread (draw-part.ts), so
 * the output does not depend on the number of workers. With one job, or when running from the
 * TypeScript sources (tests, where no compiled worker exists), parts are drawn in this thread.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerAvailable } from '../util/workers.js';
import type { ManifestPage } from '../model/manifest.js';
import type { Problem } from '../model/problems.js';
import type { UnitGroup } from '../check/units.js';
import { drawPart, type DrawTask } from './draw-part.js';
import type { WorkerAnswer, WorkerRequest } from './draw-worker.js';
import type { SheetSetup } from './layouter.js';
import type { DrawnAt } from './serials.js';

const WORKER_URL = new URL('./draw-worker.js', import.meta.url);

/**
 * Below this many pages a render draws in this thread unless --jobs asks otherwise: starting a worker
 * (pdfkit, fonts) costs about what drawing a hundred pages does.
 */
export const THREADED_PAGES = 200;

/** Old-generation heap of a drawing worker, in MB (a unit of 2,000 people draws in well under it). */
const WORKER_HEAP_MB = 256;

/** Threads to draw with: `jobs` when given, else every core for a large render; never more than there are parts. */
export function drawThreads(parts: number, pages: number, jobs?: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = jobs ?? (pages >= THREADED_PAGES ? cores : 1);
  return Math.max(1, Math.min(wanted, parts, 16));
}

interface Waiting {
  resolve: (a: WorkerAnswer) => void;
  reject: (e: Error) => void;
}

/** A unit laid out in a worker: its page count (and logo problems), then its PDF and manifest pages once placed. */
export interface UnitJob {
  laid: Promise<{ count: number; problems: Problem[] }>;
  draw(
    base: number,
    drawn: DrawnAt,
    task: Omit<DrawTask, 'pages'>,
  ): Promise<{ pdf: Uint8Array; pages: ManifestPage[] }>;
}

class DrawWorker {
  // A bounded heap: drawing makes much short-lived garbage, which V8 otherwise lets pile up (issue #12).
  private readonly worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  /** Units laid out here and not yet placed. */
  private held = 0;
  private failed: Error | undefined;

  constructor(setup: SheetSetup | undefined) {
    this.worker.on('message', (m: WorkerAnswer) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) w.reject(new Error(m.error));
      else w.resolve(m);
    });
    const fail = (e: Error) => {
      this.failed ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`drawing worker exited (${code})`)));
    if (setup) this.worker.postMessage({ type: 'setup', setup } satisfies WorkerRequest);
  }

  get busy(): number {
    return this.waiting.size + this.held;
  }

  private ask(request: WorkerRequest & { id: number }): Promise<WorkerAnswer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async draw(task: DrawTask): Promise<Uint8Array> {
    const a = await this.ask({ type: 'draw', id: ++this.seq, task });
    return (a as { pdf: Uint8Array }).pdf;
  }

  layout(group: UnitGroup): UnitJob {
    const id = ++this.seq;
    this.held++;
    const laid = this.ask({ type: 'layout', id, group }) as Promise<{ count: number; problems: Problem[] }>;
    return {
      laid,
      draw: async (base, drawn, task) => {
        this.held--;
        const a = await this.ask({ type: 'place', id, base, drawn, task });
        return a as { pdf: Uint8Array; pages: ManifestPage[] };
      },
    };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export class DrawPool {
  private readonly workers: DrawWorker[] = [];

  /**
   * `threads` > 1 starts that many workers (when the compiled worker exists); 1 draws in this thread.
   * With `setup`, the workers can also lay out units' signing sheets (`layout`).
   */
  constructor(threads: number, setup?: SheetSetup) {
    if (threads > 1 && workerAvailable(WORKER_URL))
      for (let i = 0; i < threads; i++) this.workers.push(new DrawWorker(setup));
  }

  /** Whether parts go to worker threads (else they are drawn in this thread). */
  get threaded(): boolean {
    return this.workers.length > 0;
  }

  /** How many parts may be in flight at once to keep every thread busy. */
  get window(): number {
    return Math.max(1, this.workers.length * 2);
  }

  private leastBusy(): DrawWorker {
    let best = this.workers[0]!;
    for (const w of this.workers) if (w.busy < best.busy) best = w;
    return best;
  }

  /** Draws a part on the least busy worker (or here). */
  draw(task: DrawTask): Promise<Uint8Array> {
    if (!this.workers.length) return drawPart(task);
    return this.leastBusy().draw(task);
  }

  /** Lays a unit's signing sheets out on the least busy worker, which keeps them to draw (threaded pools only). */
  layout(group: UnitGroup): UnitJob {
    return this.leastBusy().layout(group);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
