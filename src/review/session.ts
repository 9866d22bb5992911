/**
 * A review session on one rekap folder: the saved readings (review/readings.json), the manifest and
 * event they were tallied against, and the clerk's decisions (review/overrides.csv). Each decision is
 * written to overrides.csv at once, then the recap is recomputed from the saved readings and the
 * overrides — the same files `ikrar tally --overrides REKAP/review/overrides.csv` writes.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEvent } from '../event/load.js';
import type { EventConfig } from '../model/event.js';
import type { Manifest } from '../model/manifest.js';
import { IkrarError } from '../model/problems.js';
import { overridesCsv, type OutputFile } from '../report/review.js';
import type { ProofCache } from '../report/proof.js';
import { loadManifest } from '../tally/manifest.js';
import { recoverOutput } from '../output/folder.js';
import { tallyOutputs } from '../tally/outputs.js';
import { parseOverrides, readOverrides } from '../tally/overrides.js';
import {
  loadReadings,
  READINGS_FILE,
  readingsError,
  sha256,
  type NamedFile,
  type SavedReadings,
} from '../tally/readings.js';
import { tally } from '../tally/tally.js';
import type { SignedDocument } from '../model/documents.js';
import type { Override, TallyResult } from '../model/tally.js';
import { removeOthers, writeIfChanged } from './files.js';

export type Decision = 'signed' | 'unsigned';

export interface ReviewSession {
  /** The rekap folder as the user named it. */
  dir: string;
  /** review/overrides.csv, named from `dir` (as a clerk would pass it to --overrides). */
  overridesFile: string;
  manifest: Manifest;
  manifestFile: string;
  saved: SavedReadings;
  event?: EventConfig;
  templates?: string;
  /** The tally without any decision by hand: which boxes the machine was unsure of. */
  machine: TallyResult;
  /** The decisions by hand, by `${document}:${key}`. */
  decisions: Map<string, { document: SignedDocument; key: string; status: Decision }>;
  /** The current result (with the decisions). */
  result: TallyResult;
  proofCache: ProofCache;
}

export const decisionId = (document: SignedDocument, key: string) => `${document}:${key}`;

/** The manifest the readings were tallied against: as named then if it is still there unchanged, else where it was. */
async function findManifest(saved: SavedReadings): Promise<string> {
  const m = saved.origin.manifest;
  for (const candidate of [m.path, m.resolved]) {
    try {
      if (sha256(await readFile(candidate)) === m.sha256) return candidate;
    } catch {
      // try the next one
    }
  }
  throw readingsError(
    m.path,
    'manifest',
    'the manifest.json this recap was tallied against is gone or has changed since',
    'run `npx ikrar tally` again with the manifest of the printed pages, then `npx ikrar review`',
  );
}

/** A file as it was named for the tally when that still finds it (the same folder), else where it was. */
function existing1(f: NamedFile): string {
  return existsSync(f.path) ? f.path : f.resolved;
}

export async function openSession(dir: string): Promise<ReviewSession> {
  // A tally killed in the middle of its swap is finished first (as the next tally would).
  await recoverOutput(dir);
  const saved = await loadReadings(dir);
  const manifestFile = await findManifest(saved);
  const manifest = await loadManifest(manifestFile);
  let event: EventConfig | undefined;
  if (saved.origin.event) {
    const loaded = await loadEvent(existing1(saved.origin.event));
    if (!loaded.event)
      throw new IkrarError(
        `the event file ${saved.origin.event.path} has errors; nothing was written`,
        loaded.problems,
      );
    event = loaded.event;
  }
  const overridesFile = path.join(dir, 'review', 'overrides.csv');
  const decisions = new Map<string, { document: SignedDocument; key: string; status: Decision }>();
  let existing: Override[] = [];
  try {
    await readFile(overridesFile);
    const r = await readOverrides(overridesFile, manifest);
    const errors = r.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new IkrarError(`overrides file ${overridesFile} is invalid`, r.problems);
    existing = r.overrides;
  } catch (e) {
    if (e instanceof IkrarError) throw e;
  }
  for (const o of existing)
    decisions.set(decisionId(o.document, o.key), { document: o.document, key: o.key, status: o.status });
  const machine = tally(manifest, saved.readings, saved.marks, []);
  const s: ReviewSession = {
    dir,
    overridesFile,
    manifest,
    manifestFile,
    saved,
    machine,
    decisions,
    result: machine,
    proofCache: new WeakMap(),
  };
  if (event) s.event = event;
  if (saved.origin.templates) s.templates = existing1(saved.origin.templates);
  return s;
}

/** The overrides.csv text for the session's decisions. */
function overridesText(s: ReviewSession): string {
  const list: Override[] = [...s.decisions.values()].map((d, i) => ({
    key: d.key,
    document: d.document,
    status: d.status,
    source: `review:${String(i).padStart(6, '0')}`,
  }));
  return overridesCsv(tally(s.manifest, s.saved.readings, s.saved.marks, list));
}

/** Files a recompute never rewrites: what the tally read (it does not change). */
const KEPT = (p: string) => p === READINGS_FILE || p.startsWith('review/img/');

/**
 * Writes overrides.csv (atomically, flushed) and then the recap recomputed from it. Returns when
 * both are on disk. Safe to call again after a crash between the two.
 */
export async function saveAndRecompute(s: ReviewSession): Promise<void> {
  const text = overridesText(s);
  await writeIfChanged(s.overridesFile, text);
  try {
    await recompute(s, text);
  } catch (e) {
    throw new RecapNotUpdated(e);
  }
}

/** The decision is in overrides.csv, but a recap file could not be written (on Windows: a PDF open in a viewer). */
export class RecapNotUpdated extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'RecapNotUpdated';
  }
}

async function recompute(s: ReviewSession, text: string): Promise<void> {
  const parsed = parseOverrides(text, s.overridesFile, s.manifest);
  const out = await tallyOutputs({
    manifest: s.manifest,
    manifestFile: s.manifestFile,
    readings: s.saved.readings,
    marks: s.saved.marks,
    overrides: parsed.overrides,
    ...(s.event ? { event: s.event } : {}),
    ...(s.templates !== undefined ? { templates: s.templates } : {}),
    origin: s.saved.origin,
    proofCache: s.proofCache,
  });
  s.result = out.result;
  const files: OutputFile[] = (await out.files()).filter((f) => !KEPT(f.path) && f.path !== 'review/overrides.csv');
  for (const f of files) await writeIfChanged(path.join(s.dir, ...f.path.split('/')), f.data);
  // The numbered crops of review/index.html follow the boxes still uncertain.
  const crops = new Set(
    files.filter((f) => /^review\/\d{3}-[^/]+\.png$/.test(f.path)).map((f) => f.path.slice('review/'.length)),
  );
  await removeOthers(path.join(s.dir, 'review'), /^\d{3}-.+\.png$/, crops);
}

/** Records (or, with null, withdraws) a decision, then saves and recomputes. */
export async function decide(
  s: ReviewSession,
  document: SignedDocument,
  key: string,
  status: Decision | null,
): Promise<void> {
  const id = decisionId(document, key);
  const before = s.decisions.get(id);
  const apply = (d: typeof before) => (d ? s.decisions.set(id, d) : s.decisions.delete(id));
  apply(status === null ? undefined : { document, key, status });
  try {
    await saveAndRecompute(s);
  } catch (e) {
    // Not in overrides.csv: the decision did not happen.
    if (!(e instanceof RecapNotUpdated)) apply(before);
    throw e;
  }
}
