/**
 * Parts drawn on every core: a pool of worker threads (draw-worker.ts), each drawing whole parts
 * (a unit's sheets, a signer's pakta). A part's bytes are the same in any thread (draw-part.ts), so
 * the output does not depend on the number of workers. With one job, or when running from the
 * TypeScript sources (tests, where no compiled worker exists), parts are drawn in this thread.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerAvailable } from '../util/workers.js';
import { drawPart, type DrawTask } from './draw-part.js';

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
  resolve: (pdf: Uint8Array) => void;
  reject: (e: Error) => void;
}

class DrawWorker {
  // A bounded heap: drawing makes much short-lived garbage, which V8 otherwise lets pile up (issue #12).
  private readonly worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  private failed: Error | undefined;

  constructor() {
    this.worker.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.pdf!);
    });
    const fail = (e: Error) => {
      this.failed ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`drawing worker exited (${code})`)));
  }

  get busy(): number {
    return this.waiting.size;
  }

  draw(task: DrawTask): Promise<Uint8Array> {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export class DrawPool {
  private readonly workers: DrawWorker[] = [];

  /** `threads` > 1 starts that many workers (when the compiled worker exists); 1 draws in this thread. */
  constructor(threads: number) {
    if (threads > 1 && workerAvailable(WORKER_URL))
      for (let i = 0; i < threads; i++) this.workers.push(new DrawWorker());
  }

  /** How many parts may be in flight at once to keep every thread busy. */
  get window(): number {
    return Math.max(1, this.workers.length * 2);
  }

  /** Draws a part on the least busy worker (or here). */
  draw(task: DrawTask): Promise<Uint8Array> {
    if (!this.workers.length) return drawPart(task);
    let best = this.workers[0]!;
    for (const w of this.workers) if (w.busy < best.busy) best = w;
    return best.draw(task);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
