/**
 * The render plan: every document laid out once, page serials allocated once from the real page
 * counts, file names chosen, and the Manifest built once. Pure apart from what it asks of the World
 * (the old manifest in OUT, whether --templates is a folder); nothing is written here — emit.ts
 * writes the chosen parts of a plan.
 *
 * Order (fixed, so the same inputs give the same page serials and bytes): signing sheets unit by unit
 * (units in the event's units.order, else in roster order of first appearance), then the pakta of
 * each signer in roster order, then the deklarasi. Page serials run 1.. across them; the reading
 * script carries no page codes. Documents a partial render (--only) does not draw are still laid out
 * when later serials depend on their page counts, so every page keeps the code of a full render.
 */
import path from 'node:path';
import type { EventConfig, PaperName } from '../model/event.js';
import type { Manifest, ManifestPage } from '../model/manifest.js';
import type { Block, MarkupDocument } from '../model/markup.js';
import { IkrarError, type Problem } from '../model/problems.js';
import { GENERATOR } from '../version.js';
import { selectPaktaSigners } from '../check/check.js';
import { logoFault } from '../check/logo.js';
import { layoutDocument } from '../layout/layout.js';
import { pageSpec } from '../layout/pages.js';
import type { LaidOutPage, Metrics, PageSpec } from '../layout/types.js';
import { loadMetrics } from '../draw/fonts.js';
import { TemplateEngine } from '../templates/engine.js';
import { eventData, type EventData } from '../documents/common.js';
import { buildSheet, groupByUnit, unitFileName } from '../documents/sheets.js';
import { buildScript } from '../documents/script.js';
import { buildPakta, paktaFileName } from '../documents/pakta.js';
import { buildDeklarasi, deklarasiEntries, listedManifestPeople } from '../documents/deklarasi.js';
import { eventDetailsOf } from '../documents/berita.js';
import { RENDERED_DOCUMENTS, FILES, ownedEntries, type RenderedDocument } from './kinds.js';
import { MANIFEST_VERSION, codeFor, manifestPage, personEntry } from './manifest.js';
import { parsePrevious, type PreviousManifest } from './previous.js';
import type { World } from './world.js';

export interface Inputs {
  event: EventConfig;
  people: import('../model/person.js').Person[];
  rosterHash: string;
  warnings: Problem[];
}

export interface PlanOptions {
  /** OUT as the user gave it (messages, the old manifest). */
  out: string;
  /** OUT resolved (the logo in eventDetails is relative to it); path.resolve(out) when omitted. */
  outAbs?: string;
  templates?: string;
  paper?: PaperName;
  only?: readonly RenderedDocument[];
}

/** One page to draw; `code` for a machine-readable page (marks, QR, code text). */
export interface PlannedPage {
  page: LaidOutPage;
  code?: string;
}

/** One PDF file drawn from its pages. */
export interface PlannedPart {
  /** Relative to OUT, with "/". */
  file: string;
  title: string;
  pages: PlannedPage[];
  /** What the progress bar names when this part is done. */
  what: string;
}

/** A document: one drawn file, or (with `dir`) one file per unit or signer and the combined file assembled from them. */
export interface PlannedDocument {
  kind: RenderedDocument;
  file: string;
  title: string;
  dir?: string;
  parts: PlannedPart[];
}

export interface RenderPlan {
  only: ReadonlySet<RenderedDocument>;
  /** The documents to write, in writing order. */
  documents: PlannedDocument[];
  manifest: Manifest;
  /** What the commit replaces in OUT. */
  owned: string[];
  font: EventConfig['font'];
  /** CreationDate of every PDF (the ceremony's date). */
  date: Date;
  subject: string;
  /** The manifest OUT held before (kept in manifest-lama/ when its pages change). */
  previous: PreviousManifest | null;
  warnings: Problem[];
}

/** Pages the plan draws (into the combined documents, the script and the deklarasi). */
export function plannedPages(plan: RenderPlan): number {
  return plan.documents.reduce((n, d) => n + d.parts.reduce((m, p) => m + p.pages.length, 0), 0);
}

/** Body sizes tried, in order, for a pakta that does not fit one page at 12 pt. */
const PAKTA_FIT_SIZES = [11.5, 11, 10.5];

function ceremonyDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Unique file names within a folder (case-insensitively, for Windows): a second "x.pdf" becomes "x-2.pdf". */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  let n = 2;
  while (used.has(candidate.toLowerCase())) candidate = name.replace(/\.pdf$/, `-${n++}.pdf`);
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Lays documents out, checking each letterhead logo once; logo problems are gathered, not thrown. */
class Layouter {
  private readonly logos = new Map<string, Problem | null>();
  constructor(
    private readonly event: EventConfig,
    private readonly metrics: Metrics,
  ) {}

  get problems(): Problem[] {
    return [...this.logos.values()].filter((p): p is Problem => p !== null);
  }

  layout(doc: MarkupDocument, spec: PageSpec): LaidOutPage[] {
    this.resolveLogos(doc);
    const pages = layoutDocument(doc, spec, this.metrics);
    if (doc.kind !== 'pakta' || pages.length === 1) return pages;
    // A pakta integritas is one sheet of paper: when long positions or unit names push the signature
    // block over (A4 and Letter are shorter than F4), the body type steps down, 12 → 10.5 pt at most.
    for (const baseSize of PAKTA_FIT_SIZES) {
      const fitted = layoutDocument(doc, { ...spec, baseSize }, this.metrics);
      if (fitted.length === 1) return fitted;
    }
    return pages;
  }

  /** Makes letterhead logo paths absolute (relative ones are relative to the event file). */
  private resolveLogos(doc: MarkupDocument): void {
    for (const b of doc.blocks as Block[]) {
      if (b.type !== 'letterhead' || !b.logo) continue;
      const abs = path.resolve(this.event.dir, b.logo);
      if (!this.logos.has(abs)) this.logos.set(abs, this.logoProblem(abs, b.logo));
      b.logo = abs;
    }
  }

  private logoProblem(abs: string, logo: string): Problem | null {
    const bad = logoFault(abs, logo);
    if (!bad) return null;
    const missing = bad.kind === 'not-found' || bad.kind === 'not-file' || bad.kind === 'not-image';
    return { severity: 'error', code: missing ? 'logo-missing' : 'logo-unusable', file: this.event.file, field: 'government.logo', message: bad.message, hint: bad.hint, params: bad.params };
  }
}

function templatesEngine(world: World, templates: string | undefined): TemplateEngine {
  if (templates !== undefined && !world.isDirectory(templates)) {
    throw new IkrarError(`templates folder ${templates} not found`, [
      { severity: 'error', code: 'templates-missing', file: templates, message: 'is not a folder', hint: 'give the folder that holds your edited .hbs files' },
    ]);
  }
  const engine = new TemplateEngine(templates !== undefined ? { templatesDir: templates } : {});
  if (engine.problems.length) throw new IkrarError('a template has a syntax error; nothing was written', engine.problems);
  return engine;
}

/** Numbers machine-readable pages: serials in order, codes, and their manifest entries. */
class Pager {
  serial = 0;
  readonly pages: ManifestPage[] = [];
  constructor(private readonly eventCode: string) {}

  /** Numbers one part's pages; `drawn` pages also go into the manifest, at `file` page `at`.. */
  number(laid: LaidOutPage[], document: ManifestPage['document'], unit: string, drawn: { file: string; at: number } | null): PlannedPage[] {
    return laid.map((page, i) => {
      const serial = ++this.serial;
      const code = codeFor(this.eventCode, serial, page, document, unit);
      if (drawn) this.pages.push(manifestPage(page, code, serial, document, drawn.file, drawn.at + i + 1, unit));
      return { page, code };
    });
  }
}

/** Merges the kept pages (sorted by serial) into the new ones by serial, new first on a tie. */
function mergeBySerial(fresh: ManifestPage[], kept: ManifestPage[]): ManifestPage[] {
  if (!kept.length) return fresh;
  const out: ManifestPage[] = [];
  let k = 0;
  for (const p of fresh) {
    while (k < kept.length && kept[k]!.serial < p.serial) out.push(kept[k++]!);
    out.push(p);
  }
  while (k < kept.length) out.push(kept[k++]!);
  return out;
}

interface Kept {
  pages: ManifestPage[];
  warning?: string;
}

/**
 * A partial render (--only) keeps the pages of the documents it does not draw from the old
 * manifest, when that manifest belongs to the same event, roster and paper (then the codes are the same).
 */
function keptPages(old: Partial<Manifest> | null | 'unreadable', code: string, rosterHash: string, paper: string, only: ReadonlySet<RenderedDocument>): Kept {
  if (old === null) return { pages: [] };
  if (old === 'unreadable') return { pages: [], warning: 'the old manifest.json could not be read; pages of documents not rendered now are not in the new one' };
  const others = (Array.isArray(old.pages) ? old.pages : []).filter((p) => !only.has(p.document));
  if (!others.length) return { pages: [] };
  if (old.event?.code !== code || old.rosterHash !== rosterHash || old.paper !== paper) {
    return { pages: [], warning: 'the documents not rendered now were made from another event, roster or paper size; they are left out of manifest.json and cannot be tallied' };
  }
  return { pages: others.slice().sort((a, b) => a.serial - b.serial) };
}

/** The whole render, planned: what to draw, in which files, and the manifest. Throws IkrarError on bad templates or logos. */
export function planRender(inputs: Inputs, world: World, opts: PlanOptions): RenderPlan {
  const only = new Set<RenderedDocument>(opts.only && opts.only.length ? opts.only : RENDERED_DOCUMENTS);
  const { event, people, rosterHash } = inputs;
  const warnings = [...inputs.warnings];
  const engine = templatesEngine(world, opts.templates);
  const paper = opts.paper ?? event.paper;
  const layouter = new Layouter(event, loadMetrics(event.font));
  const machineSpec = pageSpec(paper, event.font, true);
  const plainSpec = pageSpec(paper, event.font, false);
  const ev: EventData = eventData(event);
  const deklarasi = only.has('deklarasi') && event.deklarasi ? deklarasiEntries(people, event) : [];
  const pager = new Pager(event.code);
  const documents: PlannedDocument[] = [];

  // --- signing sheets (laid out when drawn, or when later serials depend on their page count) -----
  const drawSheets = only.has('sheets');
  if (drawSheets || only.has('pakta') || deklarasi.length) {
    const groups = groupByUnit(people, event);
    const used = new Set<string>();
    const doc: PlannedDocument = { kind: 'sheets', file: FILES.sheets, title: `Daftar Hadir ${event.title}`, dir: FILES.sheetsDir, parts: [] };
    let at = 0;
    for (const g of groups) {
      const laid = layouter.layout(buildSheet(engine, g, event, ev), machineSpec);
      const pages = pager.number(laid, 'sheets', g.name, drawSheets ? { file: FILES.sheets, at } : null);
      at += laid.length;
      if (drawSheets) doc.parts.push({ file: `${FILES.sheetsDir}/${uniqueName(unitFileName(g, groups.length), used)}`, title: `${doc.title} — ${g.name}`, pages, what: g.name });
    }
    if (drawSheets) documents.push(doc);
  }

  // --- reading script -----------------------------------------------------------------------------
  if (only.has('script')) {
    const laid = layouter.layout(buildScript(engine, event, ev), plainSpec);
    const title = `Naskah ${event.title}`;
    documents.push({ kind: 'script', file: FILES.script, title, parts: [{ file: FILES.script, title, pages: laid.map((page) => ({ page })), what: 'naskah ikrar' }] });
  }

  // --- pakta integritas ---------------------------------------------------------------------------
  const drawPakta = only.has('pakta');
  if (drawPakta || deklarasi.length) {
    const signers = selectPaktaSigners(people, event);
    const used = new Set<string>();
    const doc: PlannedDocument = { kind: 'pakta', file: FILES.pakta, title: `Pakta Integritas ${ev.label}`, dir: FILES.paktaDir, parts: [] };
    let at = 0;
    for (let i = 0; i < signers.length; i++) {
      const person = signers[i]!;
      const laid = layouter.layout(buildPakta(engine, person, i + 1, signers.length, event, ev), machineSpec);
      const pages = pager.number(laid, 'pakta', person.unit, drawPakta ? { file: FILES.pakta, at } : null);
      at += laid.length;
      if (drawPakta) doc.parts.push({ file: `${FILES.paktaDir}/${uniqueName(paktaFileName(person), used)}`, title: `Pakta Integritas — ${person.fullName}`, pages, what: person.fullName });
    }
    if (drawPakta && doc.parts.length) documents.push(doc);
  }

  // --- deklarasi bersama (last, so the serials of the other documents do not depend on it) --------
  if (deklarasi.length) {
    const laid = layouter.layout(buildDeklarasi(engine, deklarasi, event, ev), machineSpec);
    const title = `Deklarasi ${event.title}`;
    const pages = pager.number(laid, 'deklarasi', 'Deklarasi', { file: FILES.deklarasi, at: 0 });
    documents.push({ kind: 'deklarasi', file: FILES.deklarasi, title, parts: [{ file: FILES.deklarasi, title, pages, what: 'deklarasi' }] });
  }

  const logoProblems = layouter.problems;
  if (logoProblems.length) throw new IkrarError('the letterhead logo cannot be used; nothing was written', logoProblems, 2, { key: 'logo-missing' });

  // --- the manifest ---------------------------------------------------------------------------------
  const manifestFile = path.join(opts.out, FILES.manifest);
  const old = parsePrevious(world.readFile(manifestFile));
  const kept = only.size < RENDERED_DOCUMENTS.length ? keptPages(old.data, event.code, rosterHash, paper, only) : { pages: [] };
  if (kept.warning) warnings.push({ severity: 'warning', code: 'manifest-stale', file: manifestFile, message: kept.warning, hint: 'render all documents again (without --only)' });
  const manifest: Manifest = {
    format: 'ikrar-manifest',
    version: MANIFEST_VERSION,
    generator: GENERATOR,
    event: { code: event.code, title: event.title, label: ev.label, date: event.ceremony.date, region: event.government.region, government: event.government.name, file: path.basename(event.file) },
    rosterHash,
    paper,
    people: people.map(personEntry),
    pages: mergeBySerial(pager.pages, kept.pages),
    // what `ikrar tally` needs for the berita acara (the logo relative to OUT)
    eventDetails: eventDetailsOf(event, opts.outAbs ?? path.resolve(opts.out)),
  };
  // Deklarasi signers listed in the event file (not in the roster): only when there are any,
  // so the manifest of an event without them is unchanged.
  const listed = event.deklarasi ? listedManifestPeople(deklarasiEntries(people, event)) : [];
  if (listed.length) manifest.signers = listed;

  return { only, documents, manifest, owned: ownedEntries(only), font: event.font, date: ceremonyDate(event.ceremony.date), subject: ev.label, previous: old.previous, warnings };
}
