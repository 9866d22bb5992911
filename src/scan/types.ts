/**
 * What recognition hands to the tally: one PageReading per scanned page (every page of every file,
 * blank backs included), sorted by file (in the order given) then page.
 *
 * Produced by readScans() in src/scan/read.ts; consumed by src/tally.
 */

import type { ScanPageSource } from '../model/tally.js';

/** Where a page came from (the tally's result names it too, so it lives in src/model/tally.ts). */
export type { ScanPageSource };

/**
 * identified   — a valid page code of this event whose serial is in the manifest; boxes are read.
 * unidentified — ink on the page but no valid page code, or the page could not be registered
 *                (marks not found / bad fit); `note` says why. Never guessed.
 * foreign      — a well-formed page code of another event, or of this event but printed by another
 *                render (after a roster or layout change the codes differ: src/model/pagecode.ts),
 *                or of a page this manifest does not contain. `code`/`serial` are filled in.
 * blank        — (nearly) no ink, e.g. the blank back of a duplex scan.
 */
export type PageStatus = 'identified' | 'unidentified' | 'foreign' | 'blank';

/**
 * 'outside': the box is not (wholly) in the scanned image — a page cut at the glass's edge or by a
 * skewed feed. Nothing is decided for it; the person stays not scanned, with the note "outside the
 * scan", and the page is listed for a rescan.
 */
export type BoxDecision = 'signed' | 'unsigned' | 'uncertain' | 'outside';

export interface BoxReading {
  /** Person key (ManifestBox.key). */
  key: string;
  /** Row number printed on the sheet (ManifestBox.number). */
  number: number;
  side: 'left' | 'right' | 'pakta';
  decision: BoxDecision;
  /**
   * Ink evidence in 0..1: 0 = nothing beyond what was printed, 1 = clearly written. It is a
   * monotone squashing of the measured ink span and coverage (see src/scan/measure.ts):
   * below 0.3 is read as unsigned, from 0.6 as signed, in between uncertain.
   */
  score: number;
  /** PNG of the box region (with a margin), for uncertain boxes and near misses, for a person to look at. */
  crop?: Uint8Array;
  /** PNG of the whole printed row (name, NIP, unit, the neighbours' halves), for the same boxes. */
  rowCrop?: Uint8Array;
  /** The box's corners in the scan's pixels (clockwise from top-left); absent when not registered. */
  quad?: [number, number][];
}

/** The scan downscaled for its proof page (src/report/proof.ts draws the boxes over it). */
export interface ProofBase {
  /** JPEG, greyscale. */
  image: Uint8Array;
  width: number;
  height: number;
  /** Scan pixels → proof pixels. */
  scale: number;
}

export interface PageReading {
  source: ScanPageSource;
  status: PageStatus;
  /** The page code text as read from the QR (identified and foreign pages). */
  code?: string;
  serial?: number;
  /** Clockwise rotation in degrees (0, 90, 180, 270, approximately; may be fractional) of the scan
   * relative to the upright page. */
  rotation?: number;
  /** One reading per manifest box of the page, in manifest order; empty unless identified. */
  boxes: BoxReading[];
  /** Why a page is unidentified, or a warning about an identified page (e.g. affine fallback). */
  note?: string;
  /** The downscaled scan for the proof page (every decoded page). */
  proof?: ProofBase;
}

export interface ReadScansOptions {
  /** Called after each page is read (done counts pages, total is the number known so far). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Pages read in parallel, each in its own worker thread (decode, QR, registration, measuring).
   * Default: min(2, cores). 1 = in this thread. From TypeScript sources (tests), where the compiled
   * worker entry does not exist, pages are read in this thread, `concurrency` at a time.
   */
  concurrency?: number;
  /** Called with each page's reading as soon as it is read (in no particular order). */
  onReading?: (reading: PageReading) => void;
}
