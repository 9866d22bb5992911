/**
 * The render pipeline: roster + event → documents → layout → PDFs + manifest.json, written atomically.
 *
 * Order (fixed, so the same inputs give the same page serials and bytes): signing sheets unit by unit
 * (units in the event's units.order, else in roster order of first appearance), then the pakta of each signer in roster order. Page
 * serials run 1.. across sheets, then pakta; the reading script carries no page codes.
 * Memory: one unit's (or one signer's) laid-out pages at a time; PDFs and manifest.json stream to disk
 * (the manifest's pages are kept in memory only for the returned result, see keepManifest).
 */
import { createWriteStream, existsSync, readFileSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { EventConfig, PaperName } from '../model/event.js';
import { PREVIOUS_MANIFESTS_DIR, type Manifest, type ManifestPage, type ManifestPerson } from '../model/manifest.js';
import type { Block, MarkupDocument } from '../model/markup.js';
import type { Person } from '../model/person.js';
import { pageCodeFor, pageFurniture, qrSymbolSquare } from '../model/pagecode.js';
import { qrMatrix } from '../model/qrcode.js';
import { IkrarError, countProblems, type Problem } from '../model/problems.js';
import { GENERATOR } from '../version.js';
import { readAndCheck, selectPaktaSigners } from '../check/check.js';
import { layoutDocument } from '../layout/layout.js';
import { pageSpec } from '../layout/pages.js';
import type { LaidOutPage, Metrics, PageSpec } from '../layout/types.js';
import { loadMetrics } from '../draw/fonts.js';
import { logoFault } from '../check/logo.js';
import { PdfWriter } from '../draw/pdf.js';
import { TemplateEngine } from '../templates/engine.js';
import { eventData, type EventData } from '../documents/common.js';
import { buildSheet, groupByUnit, unitFileName } from '../documents/sheets.js';
import { buildScript } from '../documents/script.js';
import { buildPakta, paktaFileName } from '../documents/pakta.js';
import { buildDeklarasi, deklarasiEntries, listedManifestPeople } from '../documents/deklarasi.js';
import { eventDetailsOf } from '../documents/berita.js';
import { abortOutput, beginOutput, commitOutput, recoverOutput, writeFailure, type Staging } from '../output/folder.js';
import { faultPoint } from '../output/fault.js';
import { JsonObjectStream } from './manifest-stream.js';
import { keepPrevious, readPreviousManifest } from './previous.js';

/** Every document; 'deklarasi' is made only for an event with a deklarasi: section. */
import { RENDERED_DOCUMENTS as DOCUMENT_KINDS, type RenderedDocument as DocumentKind } from '../model/documents.js';

export const FILES = {
  sheets: 'lembar-ttd.pdf',
  sheetsDir: 'lembar-ttd',
  script: 'naskah-ikrar.pdf',
  pakta: 'pakta-integritas.pdf',
  paktaDir: 'pakta-integritas',
  deklarasi: 'deklarasi.pdf',
  manifest: 'manifest.json',
} as const;

export interface RenderOptions {
  roster: string;
  event: string;
  out: string;
  templates?: string;
  paper?: PaperName;
  only?: DocumentKind[];
  onProgress?: (done: number, total: number, what: string) => void;
  /**
   * Return the whole manifest (every person and page) in the result; default true. manifest.json is
   * written as it is produced either way; with false the render holds no page of it in memory (the
   * command line passes false and prints `summary`), which keeps memory flat for large rosters.
   */
  keepManifest?: boolean;
}

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

export interface LeanRenderResult {
  /** Files written, relative to OUT, in writing order. */
  files: string[];
  /** Pages written into the combined documents (sheets + script + pakta). */
  pages: number;
  summary: RenderSummary;
  warnings: Problem[];
}

export interface RenderResult extends LeanRenderResult {
  manifest: Manifest;
}

export interface Inputs {
  event: EventConfig;
  people: Person[];
  rosterHash: string;
  warnings: Problem[];
}

/** Reads, validates and cross-checks both files; every error at once in one IkrarError. */
export async function readInputs(rosterFile: string, eventFile: string): Promise<Inputs> {
  const { event, people, rosterHash, problems } = await readAndCheck(rosterFile, eventFile);
  const errors = countProblems(problems, 'error');
  if (errors || !event) {
    throw new IkrarError(`the input files have ${errors || 'some'} error${errors === 1 ? '' : 's'}; nothing was written`, problems, 2, errors ? { key: 'input-errors', params: { n: errors } } : undefined);
  }
  if (people.length === 0) {
    throw new IkrarError('the roster has nobody in it; nothing was written', [
      ...problems,
      { severity: 'error', code: 'roster-empty', file: rosterFile, message: 'no people found in the roster', hint: 'check that the file has a header row and rows below it' },
    ]);
  }
  return { event, people, rosterHash, warnings: problems.filter((p) => p.severity === 'warning') };
}

function checkLogos(docLogos: Set<string>, event: EventConfig): void {
  const problems: Problem[] = [];
  for (const logo of [...docLogos].sort()) {
    const bad = logoFault(path.resolve(event.dir, logo), logo);
    if (!bad) continue;
    const missing = bad.kind === 'not-found' || bad.kind === 'not-file' || bad.kind === 'not-image';
    problems.push({ severity: 'error', code: missing ? 'logo-missing' : 'logo-unusable', file: event.file, field: 'government.logo', message: bad.message, hint: bad.hint, params: bad.params });
  }
  if (problems.length) throw new IkrarError('the letterhead logo cannot be used; nothing was written', problems, 2, { key: 'logo-missing' });
}

/** Makes letterhead logo paths absolute (relative ones are relative to the event file) and collects them. */
function resolveLogos(doc: MarkupDocument, event: EventConfig, seen: Set<string>, checked: Set<string>): void {
  for (const b of doc.blocks as Block[]) {
    if (b.type !== 'letterhead' || !b.logo) continue;
    const abs = path.resolve(event.dir, b.logo);
    if (!checked.has(abs)) {
      seen.add(b.logo);
      checkLogos(new Set([b.logo]), event);
      checked.add(abs);
    }
    b.logo = abs;
  }
}

class Writer {
  readonly stream: WriteStream;
  readonly pdf: PdfWriter;
  pages = 0;
  constructor(
    readonly file: string,
    abs: string,
    font: EventConfig['font'],
    title: string,
    date: Date,
    subject: string,
  ) {
    this.stream = createWriteStream(abs);
    this.pdf = new PdfWriter({ font, title, subject, author: 'ikrar', date, output: this.stream });
    // errors surface through end(); keep an early one from becoming an unhandled rejection
    this.stream.on('error', () => {});
  }
  add(page: LaidOutPage, code?: string): void {
    this.pdf.addPage(page, code);
    this.pages++;
  }
  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }
  async end(): Promise<void> {
    await this.pdf.end();
  }
  destroy(): void {
    this.stream.destroy();
  }
}

function ceremonyDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** The manifest's version written by this render (src/model/manifest.ts). */
export const MANIFEST_VERSION = 2;

/** The boxes of a laid-out page as the manifest records them. */
function manifestBoxes(page: LaidOutPage): ManifestPage['boxes'] {
  return page.boxes.map((b) => {
    const box: ManifestPage['boxes'][number] = { key: b.key, nip: b.nip, number: b.number, side: b.side, rect: [b.rect[0], b.rect[1], b.rect[2], b.rect[3]] };
    if (b.label) box.label = [b.label[0], b.label[1], b.label[2], b.label[3]];
    return box;
  });
}

/**
 * The page code of a laid-out page: its serial and a tag bound to what it holds (who, in which box,
 * on which layout), so a page printed by another render never matches this manifest.
 */
export function codeFor(eventCode: string, serial: number, page: LaidOutPage, document: ManifestPage['document'], unit: string): string {
  return pageCodeFor(eventCode, serial, { document, unit, size: page.size, boxes: manifestBoxes(page) });
}

export function manifestPage(page: LaidOutPage, code: string, serial: number, document: ManifestPage['document'], file: string, pageNo: number, unit: string): ManifestPage {
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

function personEntry(p: Person): ManifestPerson {
  return { key: p.key, nip: p.nip, name: p.fullName, unit: p.unit, position: p.position, kind: p.kind };
}

/** Unique file names within a folder (case-insensitively, for Windows): a second "x.pdf" becomes "x-2.pdf". */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  let n = 2;
  while (used.has(candidate.toLowerCase())) candidate = name.replace(/\.pdf$/, `-${n++}.pdf`);
  used.add(candidate.toLowerCase());
  return candidate;
}

interface Context {
  event: EventConfig;
  ev: EventData;
  engine: TemplateEngine;
  metrics: Metrics;
  staging: Staging;
  date: Date;
  logos: Set<string>;
  checkedLogos: Set<string>;
  open: Set<Writer>;
  files: string[];
}

function openWriter(ctx: Context, rel: string, title: string, subject: string): Writer {
  const w = new Writer(rel, path.join(ctx.staging.dir, rel), ctx.event.font, title, ctx.date, subject);
  ctx.open.add(w);
  return w;
}

async function closeWriter(ctx: Context, w: Writer): Promise<void> {
  await w.end();
  ctx.open.delete(w);
  ctx.files.push(w.file.split(path.sep).join('/'));
}

function layout(ctx: Context, doc: MarkupDocument, spec: PageSpec): LaidOutPage[] {
  resolveLogos(doc, ctx.event, ctx.logos, ctx.checkedLogos);
  const pages = layoutDocument(doc, spec, ctx.metrics);
  if (doc.kind !== 'pakta' || pages.length === 1) return pages;
  // A pakta integritas is one sheet of paper: when long positions or unit names push the signature
  // block over (A4 and Letter are shorter than F4), the body type steps down, 12 → 10.5 pt at most.
  for (const baseSize of PAKTA_FIT_SIZES) {
    const fitted = layoutDocument(doc, { ...spec, baseSize }, ctx.metrics);
    if (fitted.length === 1) return fitted;
  }
  return pages;
}

/** The files of each document in OUT. */
const KIND_FILES: Record<DocumentKind, string[]> = {
  sheets: [FILES.sheets, FILES.sheetsDir],
  script: [FILES.script],
  pakta: [FILES.pakta, FILES.paktaDir],
  deklarasi: [FILES.deklarasi],
};

/**
 * What a render replaces in OUT: manifest.json and the files of every document it renders now. One
 * that has nothing to show this time (no pakta signers, no deklarasi: section) is removed, since
 * its pages are no longer in the manifest; the documents a partial render leaves out are kept.
 */
export function ownedEntries(only: ReadonlySet<DocumentKind>): string[] {
  return [...DOCUMENT_KINDS.filter((k) => only.has(k)).flatMap((k) => KIND_FILES[k]), FILES.manifest];
}

/** Body sizes tried, in order, for a pakta that does not fit one page at 12 pt. */
const PAKTA_FIT_SIZES = [11.5, 11, 10.5];

export function render(opts: RenderOptions & { keepManifest: false }): Promise<LeanRenderResult>;
export function render(opts: RenderOptions): Promise<RenderResult>;
export async function render(opts: RenderOptions): Promise<RenderResult | LeanRenderResult> {
  // Before anything else (even a refusal of the inputs): finish what an interrupted run left in OUT.
  await recoverOutput(opts.out);
  const inputs = await readInputs(opts.roster, opts.event);
  return renderInputs(inputs, opts);
}

/** Counts of the manifest's pages, gathered page by page. */
class SummaryCounter {
  manifestPages = 0;
  readonly sheets = { pages: 0, units: new Set<string>() };
  readonly pakta = { pages: 0, signers: new Set<string>() };
  readonly deklarasi = { pages: 0, signers: 0 };
  add(p: ManifestPage): void {
    this.manifestPages++;
    if (p.document === 'sheets') {
      this.sheets.pages++;
      this.sheets.units.add(p.unit);
    } else if (p.document === 'pakta') {
      this.pakta.pages++;
      this.pakta.signers.add(p.boxes[0]?.key ?? p.code);
    } else {
      this.deklarasi.pages++;
      this.deklarasi.signers += p.boxes.length;
    }
  }
  summary(event: Manifest['event'], paper: string, people: number): RenderSummary {
    return {
      event,
      paper,
      people,
      manifestPages: this.manifestPages,
      sheets: { pages: this.sheets.pages, units: this.sheets.units.size },
      pakta: { pages: this.pakta.pages, signers: this.pakta.signers.size },
      deklarasi: { ...this.deklarasi },
    };
  }
}

/** The pipeline after reading: documents, layout, drawing, manifest, atomic write. */
export function renderInputs(inputs: Inputs, opts: Omit<RenderOptions, 'roster' | 'event'> & { keepManifest: false }): Promise<LeanRenderResult>;
export function renderInputs(inputs: Inputs, opts: Omit<RenderOptions, 'roster' | 'event'>): Promise<RenderResult>;
export async function renderInputs(inputs: Inputs, opts: Omit<RenderOptions, 'roster' | 'event'>): Promise<RenderResult | LeanRenderResult> {
  const only = new Set<DocumentKind>(opts.only && opts.only.length ? opts.only : DOCUMENT_KINDS);
  const { event, people, rosterHash } = inputs;
  const warnings = [...inputs.warnings];

  if (opts.templates !== undefined) {
    let ok = false;
    try {
      ok = statSync(opts.templates).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new IkrarError(`templates folder ${opts.templates} not found`, [
        { severity: 'error', code: 'templates-missing', file: opts.templates, message: 'is not a folder', hint: 'give the folder that holds your edited .hbs files' },
      ]);
    }
  }
  const engine = new TemplateEngine(opts.templates !== undefined ? { templatesDir: opts.templates } : {});
  if (engine.problems.length) throw new IkrarError('a template has a syntax error; nothing was written', engine.problems);

  const paper = opts.paper ?? event.paper;
  const metrics = loadMetrics(event.font);
  const machineSpec = pageSpec(paper, event.font, true);
  const plainSpec = pageSpec(paper, event.font, false);
  const ev = eventData(event);
  const groups = groupByUnit(people, event);
  const signers = only.has('pakta') ? selectPaktaSigners(people, event) : [];
  const deklarasi = only.has('deklarasi') && event.deklarasi ? deklarasiEntries(people, event) : [];

  const total = (only.has('sheets') ? groups.length : 0) + (only.has('script') ? 1 : 0) + signers.length + (deklarasi.length ? 1 : 0);
  let done = 0;
  const progress = (what: string) => {
    faultPoint('stage');
    opts.onProgress?.(++done, total, what);
  };

  const staging = await beginOutput(opts.out);
  const ctx: Context = {
    event,
    ev,
    engine,
    metrics,
    staging,
    date: ceremonyDate(event.ceremony.date),
    logos: new Set(),
    checkedLogos: new Set(),
    open: new Set(),
    files: [],
  };
  const keep = opts.keepManifest !== false;
  // manifest.json is written as the pages are made (src/render/manifest-stream.ts): same bytes and
  // key order as JSON.stringify(manifest, null, 2), without holding every page in memory.
  const json = new JsonObjectStream(path.join(staging.dir, FILES.manifest));
  const manifestEvent: Manifest['event'] = {
    code: event.code,
    title: event.title,
    label: ev.label,
    date: event.ceremony.date,
    region: event.government.region,
    government: event.government.name,
    file: path.basename(event.file),
  };
  const keptPeople: ManifestPerson[] = [];
  const pages: ManifestPage[] = [];
  const counter = new SummaryCounter();
  // A partial render (--only) keeps the pages of the documents it did not redraw from the old
  // manifest, when that manifest belongs to the same event, roster and paper (same codes); they are
  // merged in by serial as the new pages are written (new first on a tie, like a stable sort).
  let kept: ManifestPage[] = [];
  let keptAt = 0;
  const writePage = async (p: ManifestPage): Promise<void> => {
    counter.add(p);
    newCodes.add(p.code);
    if (keep) pages.push(p);
    await json.item(p);
  };
  const emitPage = async (p: ManifestPage): Promise<void> => {
    while (keptAt < kept.length && kept[keptAt]!.serial < p.serial) await writePage(kept[keptAt++]!);
    await writePage(p);
  };
  let serial = 0;
  let combinedPages = 0;
  // Every page code of this render, to tell whether it replaces pages the earlier render printed.
  const newCodes = new Set<string>();
  try {
    const previous = await readPreviousManifest(staging.out, FILES.manifest);
    if (only.size < DOCUMENT_KINDS.length) {
      const old = keptPages(staging.out, event.code, rosterHash, paper, only);
      kept = old.pages.slice().sort((a, b) => a.serial - b.serial);
      if (old.warning) warnings.push({ severity: 'warning', code: 'manifest-stale', file: path.join(opts.out, FILES.manifest), message: old.warning, hint: 'render all documents again (without --only)' });
    }
    await json.field('format', 'ikrar-manifest');
    await json.field('version', MANIFEST_VERSION);
    await json.field('generator', GENERATOR);
    await json.field('event', manifestEvent);
    await json.field('rosterHash', rosterHash);
    await json.field('paper', paper);
    json.beginArray('people');
    for (const p of people) {
      const entry = personEntry(p);
      if (keep) keptPeople.push(entry);
      await json.item(entry);
    }
    json.endArray();
    json.beginArray('pages');

    // --- signing sheets -------------------------------------------------------------------------
    if (only.has('sheets')) {
      await mkdir(path.join(staging.dir, FILES.sheetsDir));
      const all = openWriter(ctx, FILES.sheets, `Daftar Hadir ${event.title}`, ev.label);
      const used = new Set<string>();
      for (const g of groups) {
        const doc = buildSheet(engine, g, event, ev);
        const laid = layout(ctx, doc, machineSpec);
        const unitFile = path.join(FILES.sheetsDir, uniqueName(unitFileName(g, groups.length), used));
        const one = openWriter(ctx, unitFile, `Daftar Hadir ${event.title} — ${g.name}`, ev.label);
        for (const page of laid) {
          const code = codeFor(event.code, ++serial, page, 'sheets', g.name);
          all.add(page, code);
          one.add(page, code);
          await emitPage(manifestPage(page, code, serial, 'sheets', FILES.sheets, all.pages, g.name));
        }
        await closeWriter(ctx, one);
        await all.drain();
        progress(g.name);
      }
      await closeWriter(ctx, all);
      combinedPages += all.pages;
    } else if (only.has('pakta') || deklarasi.length) {
      // Pakta serials come after the sheets' pages even when the sheets are not drawn now,
      // so a later full render gives every page the same code.
      for (const g of groups) serial += layout(ctx, buildSheet(engine, g, event, ev), machineSpec).length;
    }

    // --- reading script ---------------------------------------------------------------------------
    if (only.has('script')) {
      const doc = buildScript(engine, event, ev);
      const laid = layout(ctx, doc, plainSpec);
      const w = openWriter(ctx, FILES.script, `Naskah ${event.title}`, ev.label);
      for (const page of laid) w.add(page);
      await closeWriter(ctx, w);
      combinedPages += w.pages;
      progress('naskah ikrar');
    }

    // --- pakta integritas -------------------------------------------------------------------------
    if (only.has('pakta') && signers.length) {
      await mkdir(path.join(staging.dir, FILES.paktaDir));
      const all = openWriter(ctx, FILES.pakta, `Pakta Integritas ${ev.label}`, ev.label);
      const used = new Set<string>();
      for (let i = 0; i < signers.length; i++) {
        const person = signers[i]!;
        const doc = buildPakta(engine, person, i + 1, signers.length, event, ev);
        const laid = layout(ctx, doc, machineSpec);
        const file = path.join(FILES.paktaDir, uniqueName(paktaFileName(person), used));
        const one = openWriter(ctx, file, `Pakta Integritas — ${person.fullName}`, ev.label);
        for (const page of laid) {
          const code = codeFor(event.code, ++serial, page, 'pakta', person.unit);
          all.add(page, code);
          one.add(page, code);
          await emitPage(manifestPage(page, code, serial, 'pakta', FILES.pakta, all.pages, person.unit));
        }
        await closeWriter(ctx, one);
        await all.drain();
        progress(person.fullName);
      }
      await closeWriter(ctx, all);
      combinedPages += all.pages;
    } else if (!only.has('pakta') && deklarasi.length) {
      // Deklarasi serials come after the pakta pages, drawn now or not (same codes as a full render).
      const all = selectPaktaSigners(people, event);
      for (let i = 0; i < all.length; i++) serial += layout(ctx, buildPakta(engine, all[i]!, i + 1, all.length, event, ev), machineSpec).length;
    }

    // --- deklarasi bersama (last, so the serials of the other documents do not depend on it) ------
    if (deklarasi.length) {
      const doc = buildDeklarasi(engine, deklarasi, event, ev);
      const laid = layout(ctx, doc, machineSpec);
      const w = openWriter(ctx, FILES.deklarasi, `Deklarasi ${event.title}`, ev.label);
      for (const page of laid) {
        const code = codeFor(event.code, ++serial, page, 'deklarasi', 'Deklarasi');
        w.add(page, code);
        await emitPage(manifestPage(page, code, serial, 'deklarasi', FILES.deklarasi, w.pages, 'Deklarasi'));
      }
      await closeWriter(ctx, w);
      combinedPages += w.pages;
      progress('deklarasi');
    }

    // --- manifest (the rest) ----------------------------------------------------------------------
    while (keptAt < kept.length) await writePage(kept[keptAt++]!);
    kept = [];
    json.endArray();
    // what `ikrar tally` needs for the berita acara (the logo relative to this folder)
    const eventDetails = eventDetailsOf(event, staging.out);
    await json.field('eventDetails', eventDetails);
    // Deklarasi signers listed in the event file (not in the roster): only when there are any,
    // so the manifest of an event without them is unchanged.
    const listed = event.deklarasi ? listedManifestPeople(deklarasiEntries(people, event)) : [];
    if (listed.length) await json.field('signers', listed);
    await json.end();
    ctx.files.push(FILES.manifest);
    // The earlier manifests (OUT/manifest-lama/) are rewritten into the new set as a whole: the ones
    // kept before, and the one this render replaces when pages printed from it change.
    const earlier = await keepPrevious(staging.out, staging.dir, previous, newCodes, opts.out);
    if (earlier.warning) warnings.push(earlier.warning);

    await commitOutput(staging, [...ownedEntries(only), ...(earlier.kept ? [PREVIOUS_MANIFESTS_DIR] : [])], opts.out);
    const summary = counter.summary(manifestEvent, paper, people.length);
    if (!keep) return { files: ctx.files, pages: combinedPages, summary, warnings };
    const manifest: Manifest = {
      format: 'ikrar-manifest',
      version: MANIFEST_VERSION,
      generator: GENERATOR,
      event: manifestEvent,
      rosterHash,
      paper,
      people: keptPeople,
      pages,
      eventDetails,
    };
    if (listed.length) manifest.signers = listed;
    return { files: ctx.files, pages: combinedPages, summary, manifest, warnings };
  } catch (e) {
    json.destroy();
    for (const w of ctx.open) w.destroy();
    await abortOutput(staging).catch(() => {});
    throw writeFailure(opts.out, e);
  }
}

function keptPages(outAbs: string, code: string, rosterHash: string, paper: string, only: Set<DocumentKind>): { pages: ManifestPage[]; warning?: string } {
  const file = path.join(outAbs, FILES.manifest);
  if (!existsSync(file)) return { pages: [] };
  let old: Manifest;
  try {
    old = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return { pages: [], warning: 'the old manifest.json could not be read; pages of documents not rendered now are not in the new one' };
  }
  const others = (old.pages ?? []).filter((p) => !only.has(p.document));
  if (!others.length) return { pages: [] };
  if (old.event?.code !== code || old.rosterHash !== rosterHash || old.paper !== paper) {
    return { pages: [], warning: 'the documents not rendered now were made from another event, roster or paper size; they are left out of manifest.json and cannot be tallied' };
  }
  return { pages: others };
}
