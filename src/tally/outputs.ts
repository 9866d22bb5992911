/**
 * From readings to the output folder's files: the join (tally.ts), the foreign pages' earlier
 * manifests, the berita acara, the reports, review/ (crops, index.html, overrides.csv, the saved
 * readings) and the proof pages. Shared by `ikrar tally` (readings from the scans) and `ikrar
 * review` (readings from review/readings.json), so both write exactly the same files.
 */
import type { EventConfig } from '../model/event.js';
import type { Manifest } from '../model/manifest.js';
import type { MarkupDocument } from '../model/markup.js';
import type { Problem } from '../model/problems.js';
import type { PageReading } from '../scan/types.js';
import { rekapCsv } from '../report/csv.js';
import { rekapJsonText } from '../report/json.js';
import { rekapDocument, rekapEvent, rekapPdf } from '../report/pdf.js';
import { proofFiles, type ProofCache } from '../report/proof.js';
import { reviewFiles, type OutputFile } from '../report/review.js';
import { BERITA_FILE, beritaDocument, beritaEvent, beritaPdf } from '../report/berita.js';
import { pointToEarlierManifests } from './earlier.js';
import { readingsFiles, type ReadingsOrigin } from './readings.js';
import { tally } from './tally.js';
import type { Mark, Override, TallyResult } from '../model/tally.js';

export interface OutputInputs {
  manifest: Manifest;
  /** The manifest file as the user named it (earlier manifests and the logo are found beside it). */
  manifestFile: string;
  readings: PageReading[];
  marks: Mark[];
  overrides: Override[];
  /** The event file's contents when one was given (--event). */
  event?: EventConfig;
  templates?: string;
  /** What review/readings.json records about where the inputs came from. */
  origin: ReadingsOrigin;
  /** Proof images made before in this process (review). */
  proofCache?: ProofCache;
}

export interface TallyOutputs {
  result: TallyResult;
  /** Warnings about the berita acara (templates, missing event details). */
  problems: Problem[];
  /** Every file of the output folder (paths relative to it). */
  files(): Promise<OutputFile[]>;
}

export async function tallyOutputs(inp: OutputInputs): Promise<TallyOutputs> {
  const { manifest } = inp;
  const result = tally(manifest, inp.readings, inp.marks, inp.overrides);
  await pointToEarlierManifests(result, inp.manifestFile);
  // The berita acara: from the same result as rekap.json. A template mistake stops here, before
  // anything is written; no event data at all skips it with a warning.
  const problems: Problem[] = [];
  const be = beritaEvent(manifest, inp.manifestFile, inp.event);
  problems.push(...be.problems);
  let berita: { doc: MarkupDocument; event: EventConfig } | undefined;
  if (be.event) {
    const d = beritaDocument(result, be.event, inp.templates);
    problems.push(...d.problems);
    berita = { doc: d.doc, event: be.event };
  }
  const rekapFor = rekapEvent(manifest, inp.manifestFile, be.event);
  const rekap = rekapDocument(result, rekapFor, inp.templates);
  const files = async (): Promise<OutputFile[]> => [
    { path: 'rekap.csv', data: rekapCsv(result) },
    { path: 'rekap.json', data: rekapJsonText(result, manifest) },
    { path: 'rekap.pdf', data: new Uint8Array(await rekapPdf(rekap, rekapFor, manifest.paper)) },
    ...(berita
      ? [{ path: BERITA_FILE, data: new Uint8Array(await beritaPdf(berita.doc, berita.event, manifest.paper)) }]
      : []),
    ...reviewFiles(result, inp.readings, manifest),
    ...(await proofFiles(result, inp.readings, manifest, inp.proofCache)),
    ...readingsFiles(inp.readings, inp.marks, inp.origin),
  ];
  return { result, problems, files };
}
