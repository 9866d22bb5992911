/**
 * The tally (PURE): joins page readings with the manifest, then hand-typed marks, then the clerk's
 * overrides, into who signed. The result does not depend on the order of the readings:
 * pages are put in a fixed order (source file, then page) before anything is decided.
 *
 * - The same page code read more than once: the first copy (in that order) is 'identified', the later
 *   ones 'duplicate'; the boxes of every copy count, and per box signed > uncertain > unsigned.
 * - People whose boxes were on no scanned page are 'not-scanned'.
 * - Marks set the signing-sheet status of their people; overrides are applied last (manual: true).
 */
import type { Manifest, ManifestPage } from '../model/manifest.js';
import type { BoxDecision, PageReading, ScanPageSource } from '../scan/types.js';
import type { SignedDocument } from '../model/documents.js';
import type {
  Counts,
  Mark,
  MissingPage,
  Override,
  PersonStatus,
  RescanPage,
  TallyPage,
  TallyPerson,
  TallyResult,
  UnitSummary,
} from '../model/tally.js';

const RANK: Record<BoxDecision, number> = { signed: 3, uncertain: 2, unsigned: 1, outside: 0 };

/** The note of a person whose box was on a scanned page but cut off the image. */
export const OUTSIDE_NOTE = 'outside the scan';

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSources(a: ScanPageSource, b: ScanPageSource): number {
  return cmpStr(a.file, b.file) || a.page - b.page;
}

/** Readings in the tally's fixed order; ties (the same file and page twice) broken by content. */
function orderReadings(pages: PageReading[]): PageReading[] {
  const tie = (p: PageReading) =>
    `${p.status}\u0000${p.code ?? ''}\u0000${p.boxes.map((b) => `${b.key}:${b.decision}:${b.score}`).join(',')}`;
  return [...pages].sort((a, b) => compareSources(a.source, b.source) || cmpStr(tie(a), tie(b)));
}

interface Evidence {
  decision: BoxDecision;
  score: number;
  source: ScanPageSource;
}

function better(a: Evidence, b: Evidence): boolean {
  if (RANK[a.decision] !== RANK[b.decision]) return RANK[a.decision] > RANK[b.decision];
  if (a.score !== b.score) return a.score > b.score;
  return compareSources(a.source, b.source) < 0;
}

function percent(signed: number, people: number): number {
  return people === 0 ? 0 : Math.round((signed * 1000) / people) / 10;
}

export function countStatuses(list: { status: PersonStatus }[]): Counts {
  const c = { people: list.length, signed: 0, unsigned: 0, uncertain: 0, notScanned: 0, percent: 0 };
  for (const p of list) {
    if (p.status === 'signed') c.signed++;
    else if (p.status === 'unsigned') c.unsigned++;
    else if (p.status === 'uncertain') c.uncertain++;
    else c.notScanned++;
  }
  c.percent = percent(c.signed, c.people);
  return c;
}

export function tally(
  manifest: Manifest,
  pages: PageReading[],
  marks: Mark[] = [],
  overrides: Override[] = [],
): TallyResult {
  const byCode = new Map<string, ManifestPage>();
  for (const pg of manifest.pages) byCode.set(pg.code, pg);

  // The manifest page each person's box is on, per document (first in manifest order).
  const homePage: Record<SignedDocument, Map<string, string>> = {
    sheets: new Map(),
    pakta: new Map(),
    deklarasi: new Map(),
  };
  for (const pg of manifest.pages) {
    for (const b of pg.boxes) if (!homePage[pg.document].has(b.key)) homePage[pg.document].set(b.key, pg.code);
  }

  // 1. Pages, in fixed order; duplicates found; evidence gathered per (document, key).
  const evidence: Record<SignedDocument, Map<string, Evidence>> = {
    sheets: new Map(),
    pakta: new Map(),
    deklarasi: new Map(),
  };
  const seenCodes = new Set<string>();
  const outPages: TallyPage[] = [];
  const rescanPages: RescanPage[] = [];
  for (const r of orderReadings(pages)) {
    const page: TallyPage = {
      source: { file: r.source.file, page: r.source.page },
      code: r.code ?? null,
      status: r.status,
      note: r.note ?? null,
      document: null,
      unit: null,
    };
    outPages.push(page);
    if (r.status !== 'identified') continue;
    const mp = r.code !== undefined ? byCode.get(r.code) : undefined;
    if (!mp) {
      page.status = 'foreign';
      page.note = page.note ?? 'page code is not in this manifest';
      continue;
    }
    page.document = mp.document;
    page.unit = mp.unit;
    if (seenCodes.has(mp.code)) page.status = 'duplicate';
    seenCodes.add(mp.code);
    const onPage = new Set(mp.boxes.map((b) => b.key));
    const outside = r.boxes.filter((b) => b.decision === 'outside' && onPage.has(b.key)).length;
    if (outside)
      rescanPages.push({ source: { ...page.source }, code: mp.code, document: mp.document, unit: mp.unit, outside });
    for (const b of r.boxes) {
      if (!onPage.has(b.key)) continue; // a reading that does not belong to this page is never trusted
      const e: Evidence = { decision: b.decision, score: b.score, source: page.source };
      const prev = evidence[mp.document].get(b.key);
      if (!prev || better(e, prev)) evidence[mp.document].set(b.key, e);
    }
  }

  const manifestPerson = new Map([...(manifest.signers ?? []), ...manifest.people].map((p) => [p.key, p]));
  const person = (key: string, doc: SignedDocument): TallyPerson => {
    const mp = manifestPerson.get(key)!;
    const e = evidence[doc].get(key);
    const outside = e?.decision === 'outside';
    return {
      key,
      nip: mp.nip,
      name: mp.name,
      unit: mp.unit,
      status: e && !outside ? (e.decision as PersonStatus) : 'not-scanned',
      score: e && !outside ? e.score : null,
      page: homePage[doc].get(key) ?? null,
      source: e ? { ...e.source } : null,
      manual: false,
      note: outside ? OUTSIDE_NOTE : null,
    };
  };

  // 2. Signing sheet: everyone in the manifest. Pakta: everyone with a pakta box.
  const people = manifest.people.map((p) => person(p.key, 'sheets'));
  const pakta = manifest.people.filter((p) => homePage.pakta.has(p.key)).map((p) => person(p.key, 'pakta'));
  const peopleByKey = new Map(people.map((p) => [p.key, p]));
  const paktaByKey = new Map(pakta.map((p) => [p.key, p]));
  // Deklarasi: in the order of its boxes (the grid's numbers); its people may be outside the roster.
  const deklarasi = [...homePage.deklarasi.keys()]
    .filter((k) => manifestPerson.has(k))
    .map((k) => person(k, 'deklarasi'));
  const deklarasiByKey = new Map(deklarasi.map((p) => [p.key, p]));

  // 3. Marks: a person marked signed in any marks file is signed (like a scanned copy).
  const markFor = new Map<string, Mark>();
  const sortedMarks = [...marks].sort((a, b) => cmpStr(a.source, b.source));
  for (const m of sortedMarks) {
    const prev = markFor.get(m.key);
    if (!prev || (m.status === 'signed' && prev.status !== 'signed')) markFor.set(m.key, m);
  }
  for (const [key, m] of markFor) {
    const p = peopleByKey.get(key);
    if (!p) continue;
    p.status = m.status;
    p.score = null;
    p.source = m.source;
    p.note = null;
  }

  // 4. Overrides, last.
  for (const o of [...overrides].sort((a, b) => cmpStr(a.source, b.source))) {
    const p = (o.document === 'pakta' ? paktaByKey : o.document === 'deklarasi' ? deklarasiByKey : peopleByKey).get(
      o.key,
    );
    if (!p) continue;
    p.status = o.status;
    p.source = o.source;
    p.manual = true;
    p.note = null;
  }

  // 5. Summary.
  const byUnit = new Map<string, TallyPerson[]>();
  for (const p of people) {
    const list = byUnit.get(p.unit);
    if (list) list.push(p);
    else byUnit.set(p.unit, [p]);
  }
  const perUnit: UnitSummary[] = [...byUnit].map(([unit, list]) => ({ unit, ...countStatuses(list) }));
  const missingPages: MissingPage[] = manifest.pages
    .filter((pg) => !seenCodes.has(pg.code))
    .map((pg) => ({ code: pg.code, document: pg.document, file: pg.file, page: pg.page, unit: pg.unit }));
  const pageCount = (s: TallyPage['status']) => outPages.filter((p) => p.status === s).length;

  return {
    people,
    pakta,
    deklarasi,
    pages: outPages,
    summary: {
      ...countStatuses(people),
      units: perUnit,
      pakta: countStatuses(pakta),
      deklarasi: countStatuses(deklarasi),
      pages: {
        scanned: outPages.length,
        identified: pageCount('identified'),
        unidentified: pageCount('unidentified'),
        foreign: pageCount('foreign'),
        duplicate: pageCount('duplicate'),
        blank: pageCount('blank'),
      },
      missingPages,
      rescanPages,
    },
  };
}
