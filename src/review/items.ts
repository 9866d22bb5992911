/**
 * What the review page shows: the boxes the machine was unsure of, then "periksa juga" — the
 * unsigned boxes that held the most ink — each with its crops, its proof page and its decision.
 */
import { isNearMiss } from '../scan/proof-base.js';
import { boxFinder } from '../report/review.js';
import { proofName } from '../report/proof.js';
import { sourceText, spacedNip } from '../report/format.js';
import { decisionId, type Decision, type ReviewSession } from './session.js';
import type { SignedDocument } from '../model/documents.js';
import type { TallyPerson } from '../model/tally.js';
import { boxImageRef } from '../tally/readings.js';

/** At most this many near misses are listed. */
export const NEAR_MISS_LIMIT = 30;

export interface ReviewEntry {
  id: string;
  kind: 'uncertain' | 'near-miss';
  document: SignedDocument;
  key: string;
  name: string;
  nip: string;
  unit: string;
  number: number | null;
  score: number | null;
  page: string;
  source: string;
  /** What the machine read. */
  machine: TallyPerson['status'];
  /** The clerk's decision, or null. */
  decision: Decision | null;
  /** Paths inside the rekap folder ('/' separated), or null. */
  crop: string | null;
  row: string | null;
  proof: string | null;
}

export interface ReviewState {
  title: string;
  label: string;
  entries: ReviewEntry[];
  remaining: number;
  uncertain: number;
  summary: { people: number; signed: number; unsigned: number; uncertain: number; notScanned: number; percent: number };
  pakta: { people: number; signed: number; uncertain: number };
}

export function reviewState(s: ReviewSession): ReviewState {
  const find = boxFinder(s.saved.readings);
  const uncertain: ReviewEntry[] = [];
  const near: ReviewEntry[] = [];
  const add = (document: SignedDocument, list: TallyPerson[]) => {
    for (const p of list) {
      const near1 = p.status === 'unsigned';
      if (p.status !== 'uncertain' && !near1) continue;
      const found = find(p);
      if (near1 && !(found && isNearMiss(found.box.decision, found.box.score))) continue;
      const j = found ? found.reading.boxes.indexOf(found.box) : -1;
      const entry: ReviewEntry = {
        id: decisionId(document, p.key),
        kind: near1 ? 'near-miss' : 'uncertain',
        document,
        key: p.key,
        name: p.name,
        nip: spacedNip(p.nip),
        unit: p.unit,
        number: found ? found.box.number : null,
        score: p.score,
        page: p.page ?? '',
        source: sourceText(p.source),
        machine: p.status,
        decision: s.decisions.get(decisionId(document, p.key))?.status ?? null,
        crop: found?.box.crop ? boxImageRef(found.index, j, 'kotak') : null,
        row: found?.box.rowCrop ? boxImageRef(found.index, j, 'baris') : null,
        proof: found?.reading.proof ? proofName(found.index, found.reading) : null,
      };
      (near1 ? near : uncertain).push(entry);
    }
  };
  add('sheets', s.machine.people);
  add('pakta', s.machine.pakta);
  add('deklarasi', s.machine.deklarasi);
  near.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.id < b.id ? -1 : 1));
  const entries = [...uncertain, ...near.slice(0, NEAR_MISS_LIMIT)];
  const r = s.result.summary;
  return {
    title: s.manifest.event.title,
    label: s.manifest.event.label,
    entries,
    remaining: uncertain.filter((e) => e.decision === null).length,
    uncertain: uncertain.length,
    summary: {
      people: r.people,
      signed: r.signed,
      unsigned: r.unsigned,
      uncertain: r.uncertain,
      notScanned: r.notScanned,
      percent: r.percent,
    },
    pakta: { people: r.pakta.people, signed: r.pakta.signed, uncertain: r.pakta.uncertain },
  };
}
