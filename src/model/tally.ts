/**
 * The tally's data: what hand-typed marks and the clerk's overrides say, and the joined result.
 * TallyResult is a CONTRACT (printed by `ikrar tally --json`, written to rekap.json): field names
 * are fixed; every field is always present (null rather than absent) so consumers can rely on them.
 */
import type { SignedDocument } from './documents.js';

/** Where a page came from: the file as the user named it, and the 1-based page within that file. */
export interface ScanPageSource {
  file: string;
  page: number;
}

/** A hand-typed mark (from a marks CSV): this person signed / did not sign the signing sheet. */
export interface Mark {
  /** Person key (ManifestPerson.key). */
  key: string;
  status: 'signed' | 'unsigned';
  /** "marks.csv:12" — the file as the user named it and the 1-based line. */
  source: string;
}

/** A clerk's decision from the overrides CSV (review/overrides.csv filled in). Applied last. */
export interface Override {
  key: string;
  document: SignedDocument;
  status: 'signed' | 'unsigned';
  /** "overrides.csv:7". */
  source: string;
}

export type PersonStatus = 'signed' | 'unsigned' | 'uncertain' | 'not-scanned';

export interface TallyPerson {
  key: string;
  nip: string | null;
  name: string;
  unit: string;
  status: PersonStatus;
  /** Ink score 0..1 of the box that decided (null when not read from a scan). */
  score: number | null;
  /** Page code of the manifest page carrying this person's box (null when there is none). */
  page: string | null;
  /** The scan page that decided, or "file:line" of a mark / override; null when not scanned. */
  source: ScanPageSource | string | null;
  /** True when the clerk's overrides file decided the status. */
  manual: boolean;
  /**
   * Why a person is 'not-scanned' although their page was scanned: "outside the scan" when their
   * box was cut off the image (rescan that page whole); null otherwise.
   */
  note: string | null;
}

export type TallyPageStatus = 'identified' | 'unidentified' | 'foreign' | 'duplicate' | 'blank';

export interface TallyPage {
  source: ScanPageSource;
  code: string | null;
  status: TallyPageStatus;
  note: string | null;
  /** For identified/duplicate pages: which document and unit the page belongs to. */
  document: SignedDocument | null;
  unit: string | null;
}

export interface Counts {
  people: number;
  signed: number;
  unsigned: number;
  uncertain: number;
  notScanned: number;
  /** signed / people × 100, one decimal (0 when there is nobody). */
  percent: number;
}

export interface UnitSummary extends Counts {
  unit: string;
}

/** A manifest page no scan showed (its people are not-scanned). */
export interface MissingPage {
  code: string;
  document: SignedDocument;
  file: string;
  page: number;
  unit: string;
}

/** A scanned page some of whose boxes were outside the image: scan it again, whole. */
export interface RescanPage {
  source: ScanPageSource;
  code: string;
  document: SignedDocument;
  unit: string;
  /** Boxes of the page that were not in the image (their people are not-scanned, "outside the scan"). */
  outside: number;
}

export interface TallySummary extends Counts {
  units: UnitSummary[];
  pakta: Counts;
  /** The joint declaration's signers (all zero when the event has none). */
  deklarasi: Counts;
  pages: {
    scanned: number;
    identified: number;
    unidentified: number;
    foreign: number;
    duplicate: number;
    blank: number;
  };
  missingPages: MissingPage[];
  /** Pages read only in part: the people on the part that is missing still count as not scanned. */
  rescanPages: RescanPage[];
}

export interface TallyResult {
  people: TallyPerson[];
  pakta: TallyPerson[];
  /** Everyone with a box on the deklarasi (roster people and those listed in the event file), in grid order. */
  deklarasi: TallyPerson[];
  pages: TallyPage[];
  summary: TallySummary;
}
