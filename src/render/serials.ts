/**
 * Page serials and the manifest's pages: serials run 1.. in plan order, each page's code follows
 * from its serial and layout (never the other way round: a part's page count does not depend on its
 * serials, so a part laid out anywhere is numbered once its place is known), and a --only render
 * merges the kept pages of the old manifest in by serial.
 */
import type { Manifest, ManifestPage } from '../model/manifest.js';
import type { LaidOutPage } from '../layout/types.js';
import type { RenderedDocument } from './kinds.js';
import { codeFor, manifestPage } from './manifest.js';

/** One page to draw; `code` for a machine-readable page (marks, QR, code text). */
export interface PlannedPage {
  page: LaidOutPage;
  code?: string;
}

/** Where a part's pages sit in its combined file (`file`), after `at` pages. */
export interface DrawnAt {
  file: string;
  at: number;
}

/**
 * Numbers one part's pages from serial `base` + 1; `drawn` pages also get manifest entries (into
 * `into`), at page `at` + 1.. of `drawn.file`.
 */
export function numberPages(
  laid: LaidOutPage[],
  eventCode: string,
  base: number,
  document: ManifestPage['document'],
  unit: string,
  drawn: DrawnAt | null,
  into: ManifestPage[],
): PlannedPage[] {
  return laid.map((page, i) => {
    const serial = base + i + 1;
    const code = codeFor(eventCode, serial, page, document, unit);
    if (drawn) into.push(manifestPage(page, code, serial, document, drawn.file, drawn.at + i + 1, unit));
    return { page, code };
  });
}

/** Numbers machine-readable pages: serials in order, codes, and their manifest entries. */
export class Pager {
  serial = 0;
  constructor(readonly eventCode: string) {}

  number(
    laid: LaidOutPage[],
    document: ManifestPage['document'],
    unit: string,
    drawn: DrawnAt | null,
    into: ManifestPage[],
  ): PlannedPage[] {
    const pages = numberPages(laid, this.eventCode, this.serial, document, unit, drawn, into);
    this.serial += laid.length;
    return pages;
  }
}

/** Merges the kept pages (sorted by serial) into the new ones by serial, new first on a tie, a part at a time. */
export class SerialMerge {
  private k = 0;
  constructor(private readonly kept: ManifestPage[]) {}

  /** The kept pages that come before each of `fresh`, and `fresh`, in order. */
  take(fresh: ManifestPage[]): ManifestPage[] {
    if (this.k >= this.kept.length) return fresh;
    const out: ManifestPage[] = [];
    for (const p of fresh) {
      while (this.k < this.kept.length && this.kept[this.k]!.serial < p.serial) out.push(this.kept[this.k++]!);
      out.push(p);
    }
    return out;
  }

  /** The kept pages after the last new one. */
  rest(): ManifestPage[] {
    const out = this.kept.slice(this.k);
    this.k = this.kept.length;
    return out;
  }
}

export interface Kept {
  pages: ManifestPage[];
  warning?: string;
}

/**
 * A partial render (--only) keeps the pages of the documents it does not draw from the old
 * manifest, when that manifest belongs to the same event, roster and paper (then the codes are the same).
 */
export function keptPages(
  old: Partial<Manifest> | null | 'unreadable',
  code: string,
  rosterHash: string,
  paper: string,
  only: ReadonlySet<RenderedDocument>,
): Kept {
  if (old === null) return { pages: [] };
  if (old === 'unreadable')
    return {
      pages: [],
      warning: 'the old manifest.json could not be read; pages of documents not rendered now are not in the new one',
    };
  const others = (Array.isArray(old.pages) ? old.pages : []).filter((p) => !only.has(p.document));
  if (!others.length) return { pages: [] };
  if (old.event?.code !== code || old.rosterHash !== rosterHash || old.paper !== paper) {
    return {
      pages: [],
      warning:
        'the documents not rendered now were made from another event, roster or paper size; they are left out of manifest.json and cannot be tallied',
    };
  }
  return { pages: others.slice().sort((a, b) => a.serial - b.serial) };
}
