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
import { imageSizeIn, logoFault } from '../event/logo.js';
import { layoutDocument } from '../layout/layout.js';
import { pageSpec } from '../layout/pages.js';
import type { LaidOutPage, Metrics, PageSpec } from '../layout/types.js';
import { loadMetrics } from '../draw/fonts.js';
import { TemplateEngine } from '../templates/engine.js';
import { checkTemplatesDir } from '../templates/folder.js';
import { eventData, type EventData } from '../documents/common.js';
import { buildSheet, groupByUnit, unitFileName } from '../documents/sheets.js';
import { buildScript } from '../documents/script.js';
import { buildPakta, paktaFileName } from '../documents/pakta.js';
import { buildDeklarasi, deklarasiEntries, listedManifestPeople } from '../documents/deklarasi.js';
import { eventDetailsOf } from '../documents/berita.js';
import { RENDERED_DOCUMENTS, FILES, ownedEntries, type RenderedDocument } from './kinds.js';
import { MANIFEST_VERSION, codeFor, manifestPage, personEntry } from './manifest.js';
import { parsePrevious, type PreviousManifest } from './previous.js';
import type { World } from '../world/world.js';

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
}

/**
 * One step of the plan, in serial order: a part laid out (`part`, of `plan.documents[doc]`; none for
 * a document a --only render lays out only for its page count) and the manifest pages that come
 * next in manifest.json (the part's own and the kept ones of a --only render, by serial).
 */
export interface PlanStep {
  doc: number;
  part?: PlannedPart;
  pages: ManifestPage[];
}

export interface RenderPlan {
  only: ReadonlySet<RenderedDocument>;
  /** The documents to write, in writing order. */
  documents: PlannedDocument[];
  /** Parts to draw (for the progress bar). */
  parts: number;
  /** The manifest without its pages: they come from `steps`, in order. */
  manifest: Manifest;
  /**
   * The parts, laid out one at a time as they are asked for (serials allocated from the running
   * count): a render holds only the parts in flight. Used once. Throws IkrarError on a bad logo.
   */
  steps: Iterable<PlanStep>;
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

/** The whole plan in memory (tests, small renders): every part and the complete manifest. Uses the steps up. */
export function drainPlan(plan: RenderPlan): {
  parts: (PlannedPart & { kind: RenderedDocument })[];
  manifest: Manifest;
} {
  const parts: (PlannedPart & { kind: RenderedDocument })[] = [];
  const pages: ManifestPage[] = [];
  for (const step of plan.steps) {
    if (step.part) parts.push({ ...step.part, kind: plan.documents[step.doc]!.kind });
    for (const p of step.pages) pages.push(p);
  }
  return { parts, manifest: { ...plan.manifest, pages } };
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
  private readonly metrics: Metrics;
  constructor(
    private readonly event: EventConfig,
    metrics: Metrics,
    private readonly world: World,
  ) {
    // a logo's size is read through the World too (the drawing reads the same file)
    this.metrics = { ...metrics, imageSize: (file) => imageSizeIn(world, file) };
  }

  get problems(): Problem[] {
    return [...this.logos.values()].filter((p): p is Problem => p !== null);
  }

  /** Checks (and resolves) a document's letterhead logos without laying it out. */
  checkLogos(doc: MarkupDocument): void {
    this.resolveLogos(doc);
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
    const bad = logoFault(this.world, abs, logo);
    if (!bad) return null;
    const missing = bad.kind === 'not-found' || bad.kind === 'not-file' || bad.kind === 'not-image';
    return {
      severity: 'error',
      code: missing ? 'logo-missing' : 'logo-unusable',
      file: this.event.file,
      field: 'government.logo',
      message: bad.message,
      hint: bad.hint,
      params: bad.params,
    };
  }
}

function templatesEngine(world: World, templates: string | undefined): TemplateEngine {
  checkTemplatesDir(templates, world);
  const engine = new TemplateEngine(templates !== undefined ? { templatesDir: templates, world } : { world });
  if (engine.problems.length)
    throw new IkrarError('a template has a syntax error; nothing was written', engine.problems);
  return engine;
}

/** Numbers machine-readable pages: serials in order, codes, and their manifest entries. */
class Pager {
  serial = 0;
  constructor(private readonly eventCode: string) {}

  /** Numbers one part's pages; `drawn` pages also get manifest entries (into `into`), at `file` page `at`.. */
  number(
    laid: LaidOutPage[],
    document: ManifestPage['document'],
    unit: string,
    drawn: { file: string; at: number } | null,
    into: ManifestPage[],
  ): PlannedPage[] {
    return laid.map((page, i) => {
      const serial = ++this.serial;
      const code = codeFor(this.eventCode, serial, page, document, unit);
      if (drawn) into.push(manifestPage(page, code, serial, document, drawn.file, drawn.at + i + 1, unit));
      return { page, code };
    });
  }
}

/** Merges the kept pages (sorted by serial) into the new ones by serial, new first on a tie, a part at a time. */
class SerialMerge {
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

interface Kept {
  pages: ManifestPage[];
  warning?: string;
}

/**
 * A partial render (--only) keeps the pages of the documents it does not draw from the old
 * manifest, when that manifest belongs to the same event, roster and paper (then the codes are the same).
 */
function keptPages(
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

/** What the plan's steps need from the header. */
interface Context {
  inputs: Inputs;
  only: ReadonlySet<RenderedDocument>;
  engine: TemplateEngine;
  layouter: Layouter;
  machineSpec: PageSpec;
  plainSpec: PageSpec;
  ev: EventData;
  deklarasi: ReturnType<typeof deklarasiEntries>;
  groups: ReturnType<typeof groupByUnit> | null;
  signers: ReturnType<typeof selectPaktaSigners> | null;
  /** Index in plan.documents of each document drawn. */
  docs: Map<RenderedDocument, number>;
  titles: Record<RenderedDocument, string>;
  kept: ManifestPage[];
}

function throwLogoProblems(layouter: Layouter): void {
  const logoProblems = layouter.problems;
  if (logoProblems.length)
    throw new IkrarError('the letterhead logo cannot be used; nothing was written', logoProblems, 2, {
      key: 'logo-missing',
    });
}

/** The parts in serial order: signing sheets unit by unit, the script, the pakta signer by signer, the deklarasi. */
function* planSteps(c: Context): Generator<PlanStep> {
  const { event } = c.inputs;
  const pager = new Pager(event.code);
  const merge = new SerialMerge(c.kept);
  const step = (kind: RenderedDocument, part: PlannedPart | undefined, fresh: ManifestPage[]): PlanStep => {
    throwLogoProblems(c.layouter);
    return { doc: c.docs.get(kind) ?? -1, ...(part ? { part } : {}), pages: merge.take(fresh) };
  };

  // --- signing sheets (laid out when drawn, or when later serials depend on their page count) -----
  if (c.groups) {
    const drawSheets = c.only.has('sheets');
    const used = new Set<string>();
    let at = 0;
    for (const g of c.groups) {
      const laid = c.layouter.layout(buildSheet(c.engine, g, event, c.ev), c.machineSpec);
      const fresh: ManifestPage[] = [];
      const pages = pager.number(laid, 'sheets', g.name, drawSheets ? { file: FILES.sheets, at } : null, fresh);
      at += laid.length;
      const part = drawSheets
        ? {
            file: `${FILES.sheetsDir}/${uniqueName(unitFileName(g, c.groups.length), used)}`,
            title: `${c.titles.sheets} — ${g.name}`,
            pages,
            what: g.name,
          }
        : undefined;
      yield step('sheets', part, fresh);
    }
  }

  // --- reading script -----------------------------------------------------------------------------
  if (c.only.has('script')) {
    const laid = c.layouter.layout(buildScript(c.engine, event, c.ev), c.plainSpec);
    yield step(
      'script',
      { file: FILES.script, title: c.titles.script, pages: laid.map((page) => ({ page })), what: 'naskah ikrar' },
      [],
    );
  }

  // --- pakta integritas ---------------------------------------------------------------------------
  if (c.signers) {
    const drawPakta = c.only.has('pakta');
    const used = new Set<string>();
    let at = 0;
    for (let i = 0; i < c.signers.length; i++) {
      const person = c.signers[i]!;
      const laid = c.layouter.layout(buildPakta(c.engine, person, i + 1, c.signers.length, event, c.ev), c.machineSpec);
      const fresh: ManifestPage[] = [];
      const pages = pager.number(laid, 'pakta', person.unit, drawPakta ? { file: FILES.pakta, at } : null, fresh);
      at += laid.length;
      const part = drawPakta
        ? {
            file: `${FILES.paktaDir}/${uniqueName(paktaFileName(person), used)}`,
            title: `Pakta Integritas — ${person.fullName}`,
            pages,
            what: person.fullName,
          }
        : undefined;
      yield step('pakta', part, fresh);
    }
  }

  // --- deklarasi bersama (last, so the serials of the other documents do not depend on it) --------
  if (c.deklarasi.length) {
    const laid = c.layouter.layout(buildDeklarasi(c.engine, c.deklarasi, event, c.ev), c.machineSpec);
    const fresh: ManifestPage[] = [];
    const pages = pager.number(laid, 'deklarasi', 'Deklarasi', { file: FILES.deklarasi, at: 0 }, fresh);
    yield step('deklarasi', { file: FILES.deklarasi, title: c.titles.deklarasi, pages, what: 'deklarasi' }, fresh);
  }

  const rest = merge.rest();
  if (rest.length) yield { doc: -1, pages: rest };
}

/**
 * The render, planned: which documents, in which files, the manifest's header, and the parts as a
 * stream (`steps`). Pure: reads only through `world`. Throws IkrarError on bad templates or logos
 * (the logos of the first part of each document are checked here, before anything is written).
 */
export function planRender(inputs: Inputs, world: World, opts: PlanOptions): RenderPlan {
  const only = new Set<RenderedDocument>(opts.only && opts.only.length ? opts.only : RENDERED_DOCUMENTS);
  const { event, people, rosterHash } = inputs;
  const warnings = [...inputs.warnings];
  const engine = templatesEngine(world, opts.templates);
  const paper = opts.paper ?? event.paper;
  const layouter = new Layouter(event, loadMetrics(event.font), world);
  const ev: EventData = eventData(event);
  const deklarasi = only.has('deklarasi') && event.deklarasi ? deklarasiEntries(people, event) : [];
  const groups = only.has('sheets') || only.has('pakta') || deklarasi.length ? groupByUnit(people, event) : null;
  const signers = only.has('pakta') || deklarasi.length ? selectPaktaSigners(people, event) : null;
  const titles: Record<RenderedDocument, string> = {
    sheets: `Daftar Hadir ${event.title}`,
    script: `Naskah ${event.title}`,
    pakta: `Pakta Integritas ${ev.label}`,
    deklarasi: `Deklarasi ${event.title}`,
  };
  const files: Record<RenderedDocument, Pick<PlannedDocument, 'file' | 'dir'>> = {
    sheets: { file: FILES.sheets, dir: FILES.sheetsDir },
    script: { file: FILES.script },
    pakta: { file: FILES.pakta, dir: FILES.paktaDir },
    deklarasi: { file: FILES.deklarasi },
  };
  const partsOf: Record<RenderedDocument, number> = {
    sheets: only.has('sheets') ? groups!.length : 0,
    script: only.has('script') ? 1 : 0,
    pakta: only.has('pakta') ? signers!.length : 0,
    deklarasi: deklarasi.length ? 1 : 0,
  };
  const documents: PlannedDocument[] = [];
  const docs = new Map<RenderedDocument, number>();
  for (const kind of ['sheets', 'script', 'pakta', 'deklarasi'] as const) {
    if (!partsOf[kind]) continue;
    docs.set(kind, documents.length);
    documents.push({ kind, title: titles[kind], ...files[kind] });
  }

  // The letterhead logos of the first part of each document, so a bad logo is refused before anything is written.
  if (groups?.length) layouter.checkLogos(buildSheet(engine, groups[0]!, event, ev));
  if (only.has('script')) layouter.checkLogos(buildScript(engine, event, ev));
  if (signers?.length) layouter.checkLogos(buildPakta(engine, signers[0]!, 1, signers.length, event, ev));
  throwLogoProblems(layouter);

  // --- the manifest's header ------------------------------------------------------------------------
  const manifestFile = path.join(opts.out, FILES.manifest);
  const old = parsePrevious(world.readFile(manifestFile));
  const kept =
    only.size < RENDERED_DOCUMENTS.length ? keptPages(old.data, event.code, rosterHash, paper, only) : { pages: [] };
  if (kept.warning)
    warnings.push({
      severity: 'warning',
      code: 'manifest-stale',
      file: manifestFile,
      message: kept.warning,
      hint: 'render all documents again (without --only)',
    });
  const manifest: Manifest = {
    format: 'ikrar-manifest',
    version: MANIFEST_VERSION,
    generator: GENERATOR,
    event: {
      code: event.code,
      title: event.title,
      label: ev.label,
      date: event.ceremony.date,
      region: event.government.region,
      government: event.government.name,
      file: path.basename(event.file),
    },
    rosterHash,
    paper,
    people: people.map(personEntry),
    pages: [],
    // what `ikrar tally` needs for the berita acara (the logo relative to OUT)
    eventDetails: eventDetailsOf(event, opts.outAbs ?? path.resolve(opts.out)),
  };
  // Deklarasi signers listed in the event file (not in the roster): only when there are any,
  // so the manifest of an event without them is unchanged.
  const listed = event.deklarasi
    ? listedManifestPeople(deklarasi.length ? deklarasi : deklarasiEntries(people, event))
    : [];
  if (listed.length) manifest.signers = listed;

  const context: Context = {
    inputs,
    only,
    engine,
    layouter,
    machineSpec: pageSpec(paper, event.font, true),
    plainSpec: pageSpec(paper, event.font, false),
    ev,
    deklarasi,
    groups,
    signers,
    docs,
    titles,
    kept: kept.pages,
  };
  const parts = documents.reduce((n, d) => n + partsOf[d.kind], 0);
  return {
    only,
    documents,
    parts,
    manifest,
    steps: planSteps(context),
    owned: ownedEntries(only),
    font: event.font,
    date: ceremonyDate(event.ceremony.date),
    subject: ev.label,
    previous: old.previous,
    warnings,
  };
}
