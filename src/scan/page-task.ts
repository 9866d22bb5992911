/**
 * One unit of scan work, the same whether it runs in a worker thread (page-worker.ts) or in this
 * thread: open the file if it is not the one already open, decode one page, read it (QR, register,
 * measure). Only one decoded page is alive per executor at a time, and only one open file.
 */
import type { ManifestPage } from '../model/manifest.js';
import { PageTooLarge } from './budget.js';
import { openScan } from './decode.js';
import type { ScanFile } from './pixels.js';
import { readPage } from './read-page.js';
import { proofBase } from './proof-base.js';
import type { PageReading } from './types.js';

export interface PageTask {
  file: string;
  page: number;
}

/** What an executor needs of the manifest (cloned once into each worker). */
export interface PageContext {
  eventCode: string;
  pages: ManifestPage[];
}

export type PageTaskResult =
  | { kind: 'unreadable'; reason: string; hint?: string; params?: Record<string, string> }
  | { kind: 'empty' }
  | {
      kind: 'page';
      pageCount: number;
      reading: PageReading;
      failure?: string;
      tooLarge?: { width: number; height: number };
    };

export class PageReader {
  private byCode = new Map<string, ManifestPage>();
  private open: { file: string; scan: ScanFile } | undefined;

  constructor(private readonly ctx: PageContext) {
    for (const p of ctx.pages) this.byCode.set(p.code, p);
  }

  async run(t: PageTask): Promise<PageTaskResult> {
    if (this.open?.file !== t.file) {
      await this.close();
      const r = await openScan(t.file);
      if (!r.ok)
        return {
          kind: 'unreadable',
          reason: r.reason,
          ...(r.hint !== undefined ? { hint: r.hint } : {}),
          ...(r.params ? { params: r.params } : {}),
        };
      if (r.scan.pageCount < 1) {
        await r.scan.close();
        return { kind: 'empty' };
      }
      this.open = { file: t.file, scan: r.scan };
    }
    const scan = this.open!.scan;
    const source = { file: t.file, page: t.page };
    try {
      const img = await scan.page(t.page);
      const reading = await readPage(img, source, this.ctx.eventCode, this.byCode);
      reading.proof = await proofBase(img);
      return { kind: 'page', pageCount: scan.pageCount, reading };
    } catch (e) {
      if (e instanceof PageTooLarge) {
        const reading: PageReading = {
          source,
          status: 'unidentified',
          boxes: [],
          note: 'not read: its image is larger than ikrar decodes',
        };
        return { kind: 'page', pageCount: scan.pageCount, reading, tooLarge: { width: e.width, height: e.height } };
      }
      const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      return {
        kind: 'page',
        pageCount: scan.pageCount,
        reading: { source, status: 'unidentified', boxes: [], note: `this page could not be decoded (${reason})` },
        failure: reason,
      };
    }
  }

  async close(): Promise<void> {
    const o = this.open;
    this.open = undefined;
    if (o) await o.scan.close();
  }
}
