/**
 * manifest.json's pieces, built from laid-out pages: page codes, page entries, people, and the counts
 * the command line prints. One builder: the plan (plan.ts) makes the Manifest with these, the writer
 * (emit.ts) streams that same object.
 */
import type { Manifest, ManifestPage, ManifestPerson } from '../model/manifest.js';
import type { Person } from '../model/person.js';
import { pageCodeFor, pageFurniture, qrSymbolSquare } from '../model/pagecode.js';
import { qrMatrix } from '../model/qrcode.js';
import type { LaidOutPage } from '../layout/types.js';

/** The manifest's version written by this render (src/model/manifest.ts). */
export const MANIFEST_VERSION = 2;

/** What the command line prints after a render: counts, not the pages themselves. */
export interface RenderSummary {
  event: Manifest['event'];
  paper: string;
  /** People in the roster (manifest.people). */
  people: number;
  /** Pages in manifest.json (machine-readable pages, kept ones of a partial render included). */
  manifestPages: number;
  sheets: { pages: number; units: number };
  pakta: { pages: number; signers: number };
  deklarasi: { pages: number; signers: number };
}

/** The boxes of a laid-out page as the manifest records them. */
function manifestBoxes(page: LaidOutPage): ManifestPage['boxes'] {
  return page.boxes.map((b) => {
    const box: ManifestPage['boxes'][number] = {
      key: b.key,
      nip: b.nip,
      number: b.number,
      side: b.side,
      rect: [b.rect[0], b.rect[1], b.rect[2], b.rect[3]],
    };
    if (b.label) box.label = [b.label[0], b.label[1], b.label[2], b.label[3]];
    return box;
  });
}

/**
 * The page code of a laid-out page: its serial and a tag bound to what it holds (who, in which box,
 * on which layout), so a page printed by another render never matches this manifest.
 */
export function codeFor(
  eventCode: string,
  serial: number,
  page: LaidOutPage,
  document: ManifestPage['document'],
  unit: string,
): string {
  return pageCodeFor(eventCode, serial, { document, unit, size: page.size, boxes: manifestBoxes(page) });
}

export function manifestPage(
  page: LaidOutPage,
  code: string,
  serial: number,
  document: ManifestPage['document'],
  file: string,
  pageNo: number,
  unit: string,
): ManifestPage {
  const [w, h] = page.size;
  const f = pageFurniture(w, h);
  const modules = qrMatrix(code).size;
  return {
    code,
    serial,
    document,
    file,
    page: pageNo,
    unit,
    size: [w, h],
    marks: f.marks.map(([x, y]) => [x, y] as [number, number]),
    markSize: f.markSize,
    qrs: f.qrs.map((sq) => {
      const [sx, sy, side] = qrSymbolSquare(sq, modules);
      return { square: [sq[0], sq[1], sq[2], sq[2]], symbol: [sx, sy, side, side] };
    }),
    boxes: manifestBoxes(page),
  };
}

export function personEntry(p: Person): ManifestPerson {
  return { key: p.key, nip: p.nip, name: p.fullName, unit: p.unit, position: p.position, kind: p.kind };
}

/** The counts of a manifest's pages, page by page. */
export class Summary {
  private readonly s: RenderSummary;
  private readonly units = new Set<string>();
  private readonly signers = new Set<string>();

  constructor(m: Pick<Manifest, 'event' | 'paper' | 'people'>) {
    this.s = {
      event: m.event,
      paper: m.paper,
      people: m.people.length,
      manifestPages: 0,
      sheets: { pages: 0, units: 0 },
      pakta: { pages: 0, signers: 0 },
      deklarasi: { pages: 0, signers: 0 },
    };
  }

  add(p: ManifestPage): void {
    const s = this.s;
    s.manifestPages++;
    if (p.document === 'sheets') {
      s.sheets.pages++;
      this.units.add(p.unit);
    } else if (p.document === 'pakta') {
      s.pakta.pages++;
      this.signers.add(p.boxes[0]?.key ?? p.code);
    } else {
      s.deklarasi.pages++;
      s.deklarasi.signers += p.boxes.length;
    }
  }

  result(): RenderSummary {
    return {
      ...this.s,
      sheets: { ...this.s.sheets, units: this.units.size },
      pakta: { ...this.s.pakta, signers: this.signers.size },
    };
  }
}
