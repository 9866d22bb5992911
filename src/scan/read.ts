/**
 * readScans: decode every page of every scan file, identify it by its page code, register it from
 * its marks and measure each signature box (read-page.ts). Pure with respect to the terminal:
 * progress goes to a callback, problems are returned.
 *
 * Work is spread over `concurrency` worker threads (page-worker.ts), each reading one page at a
 * time: decoding, QR, registration and measuring all run there, so both cores are used and at most
 * one decoded page per worker is alive. Files are opened lazily, in order: a file's first page is
 * read by whichever worker is free, which also tells its page count; its other pages are queued
 * then. Results are sorted by file and page, so they do not depend on the order of completion.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Manifest } from '../model/manifest.js';
import type { Problem } from '../model/problems.js';
import { MAX_PAGE_PIXELS, MAX_PAGES_PER_FILE, megapixels } from './budget.js';
import { PageReader, type PageContext, type PageTask, type PageTaskResult } from './page-task.js';
import type { PageReading, ReadScansOptions } from './types.js';

export type { PageReading, ReadScansOptions } from './types.js';

interface Executor {
  run(task: PageTask): Promise<PageTaskResult>;
  close(): Promise<void>;
}

/** The compiled worker entry; absent when running from TypeScript sources (tests): then in-thread. */
const WORKER_URL = new URL('./page-worker.js', import.meta.url);
function workerAvailable(): boolean {
  try {
    return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
  } catch {
    return false;
  }
}

class ThreadExecutor implements Executor {
  private worker: Worker;
  private seq = 0;
  private waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(ctx: PageContext) {
    this.worker = new Worker(WORKER_URL, { workerData: ctx });
    this.worker.on('message', (m: { id: number; result?: PageTaskResult; error?: string; closed?: true }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.result);
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`page worker exited (${code})`)));
  }

  private call<T>(msg: object): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  run(task: PageTask): Promise<PageTaskResult> {
    return this.call<PageTaskResult>({ task });
  }

  async close(): Promise<void> {
    if (!this.failed) await this.call({ close: true }).catch(() => {});
    await this.worker.terminate();
  }
}

class LocalExecutor implements Executor {
  private reader: PageReader;
  constructor(ctx: PageContext) {
    this.reader = new PageReader(ctx);
  }
  run(task: PageTask): Promise<PageTaskResult> {
    return this.reader.run(task);
  }
  close(): Promise<void> {
    return this.reader.close();
  }
}

export async function readScans(
  files: string[],
  manifest: Manifest,
  opts: ReadScansOptions = {},
): Promise<{ pages: PageReading[]; problems: Problem[] }> {
  const ctx: PageContext = { eventCode: manifest.event.code, pages: manifest.pages };
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const concurrency = Math.max(1, Math.min(8, opts.concurrency ?? Math.min(2, cores)));
  const threads = concurrency > 1 && files.length > 0 && workerAvailable();

  const problems: { fileIndex: number; page: number; problem: Problem }[] = [];
  const results: { fileIndex: number; reading: PageReading }[] = [];
  // Pages of files whose page count is known, waiting for a free executor (in file, page order).
  const queue: { fileIndex: number; page: number }[] = [];
  let nextFile = 0;
  let opening = 0;
  let done = 0;
  let total = files.length; // one page per file until a file says otherwise

  function take(): { fileIndex: number; page: number } | undefined {
    if (queue.length) return queue.shift();
    if (nextFile < files.length) {
      opening++;
      return { fileIndex: nextFile++, page: 1 };
    }
    return undefined;
  }

  function record(fileIndex: number, page: number, r: PageTaskResult): void {
    const file = files[fileIndex]!;
    if (page === 1) opening--;
    if (r.kind === 'unreadable') {
      total--;
      const hint =
        r.hint ?? 'the other files were still read; scan this one again or save it as PDF, TIFF, JPEG or PNG';
      problems.push({
        fileIndex,
        page: 0,
        problem: {
          severity: 'error',
          code: 'scan-unreadable',
          file,
          message: `cannot read this scan: ${r.reason}`,
          hint,
          params: { reason: r.reason, ...r.params },
        },
      });
      return;
    }
    if (r.kind === 'empty') {
      total--;
      problems.push({
        fileIndex,
        page: 0,
        problem: {
          severity: 'error',
          code: 'scan-unreadable',
          file,
          message: 'the file has no pages',
          params: { _m: 'empty' },
        },
      });
      return;
    }
    if (page === 1 && r.pageCount > MAX_PAGES_PER_FILE) {
      problems.push({
        fileIndex,
        page: 0,
        problem: {
          severity: 'warning',
          code: 'scan-pages-capped',
          file,
          message: `has ${r.pageCount} pages; only the first ${MAX_PAGES_PER_FILE} were read`,
          hint: `split it into files of at most ${MAX_PAGES_PER_FILE} pages and tally them together`,
          params: { pages: r.pageCount, limit: MAX_PAGES_PER_FILE },
        },
      });
    }
    const pages = Math.min(r.pageCount, MAX_PAGES_PER_FILE);
    if (page === 1 && pages > 1) {
      total += pages - 1;
      for (let p = 2; p <= pages; p++) queue.push({ fileIndex, page: p });
      // Keep the queue in file order: a later file's pages may already be waiting.
      queue.sort((a, b) => a.fileIndex - b.fileIndex || a.page - b.page);
    }
    if (r.tooLarge) {
      const { width, height } = r.tooLarge;
      const mpx = megapixels(width, height);
      const limit = MAX_PAGE_PIXELS / 1e6;
      problems.push({
        fileIndex,
        page,
        problem: {
          severity: 'warning',
          code: 'scan-page-too-large',
          file,
          field: `page ${page}`,
          message: `its image is ${width} × ${height} pixels (${mpx} megapixels), more than ikrar reads (${limit}); the page was not read`,
          hint: 'scan it again at 300 dpi, or save it as a smaller JPEG',
          params: { page, width, height, mpx, limit },
        },
      });
    }
    if (r.failure !== undefined) {
      problems.push({
        fileIndex,
        page,
        problem: {
          severity: 'warning',
          code: 'scan-page-unreadable',
          file,
          line: undefined,
          message: `page ${page} could not be decoded: ${r.failure}`,
        },
      });
    }
    results.push({ fileIndex, reading: r.reading });
    opts.onReading?.(r.reading);
    done++;
    opts.onProgress?.(done, total);
  }

  // An executor (a worker thread) is started when its driver first has a page to read, so one
  // single-page file starts one, and a long PDF gets all of them once its page count is known.
  const executors: Executor[] = [];
  const start = (): Executor => {
    const ex = threads ? new ThreadExecutor(ctx) : new LocalExecutor(ctx);
    executors.push(ex);
    return ex;
  };
  // Idle executors wait here for pages of a file that another executor is opening.
  let wake: (() => void)[] = [];
  const notify = () => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };

  async function drive(): Promise<void> {
    let ex: Executor | undefined;
    for (;;) {
      const t = take();
      if (!t) {
        if (opening > 0) {
          await new Promise<void>((resolve) => wake.push(resolve));
          continue;
        }
        return;
      }
      const file = files[t.fileIndex]!;
      ex ??= start();
      let r: PageTaskResult;
      try {
        try {
          r = await ex.run({ file, page: t.page });
        } catch (e) {
          if (!(ex instanceof ThreadExecutor)) throw e;
          // The worker itself died (not a bad page: those are answered): go on in this thread.
          void ex.close().catch(() => {});
          ex = new LocalExecutor(ctx);
          executors.push(ex);
          // (the dead worker stays in `executors` and is terminated at the end)
          r = await ex.run({ file, page: t.page });
        }
      } catch (e) {
        const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        r =
          t.page === 1
            ? { kind: 'unreadable', reason }
            : {
                kind: 'page',
                pageCount: 0,
                reading: {
                  source: { file, page: t.page },
                  status: 'unidentified',
                  boxes: [],
                  note: `this page could not be decoded (${reason})`,
                },
                failure: reason,
              };
      }
      record(t.fileIndex, t.page, r);
      notify();
    }
  }

  try {
    await Promise.all(Array.from({ length: concurrency }, () => drive()));
  } finally {
    await Promise.all(executors.map((ex) => ex.close().catch(() => {})));
  }
  results.sort((a, b) => a.fileIndex - b.fileIndex || a.reading.source.page - b.reading.source.page);
  problems.sort((a, b) => a.fileIndex - b.fileIndex || a.page - b.page);
  return { pages: results.map((r) => r.reading), problems: problems.map((p) => p.problem) };
}
