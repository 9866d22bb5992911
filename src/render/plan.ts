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
import type { Problem } from '../model/problems.js';
import { GENERATOR } from '../version.js';
import { selectPaktaSigners } from '../check/check.js';
import type { UnitGroup } from '../check/units.js';
import { buildSheet, groupByUnit, unitFileName } from '../documents/sheets.js';
import { buildScript } from '../documents/script.js';
import { buildPakta, paktaFileName } from '../documents/pakta.js';
import { buildDeklarasi, deklarasiEntries, listedManifestPeople } from '../documents/deklarasi.js';
import { eventDetailsOf } from '../documents/berita.js';
import { RENDERED_DOCUMENTS, FILES, ownedEntries, type RenderedDocument } from './kinds.js';
import {
  layoutSheets,
  sheetTools,
  templatesEngine,
  throwLogoProblems,
  type SheetSetup,
  type SheetTools,
} from './layouter.js';
import { MANIFEST_VERSION, personEntry } from './manifest.js';
import { parsePrevious, type PreviousManifest } from './previous.js';
import { Pager, SerialMerge, keptPages, type DrawnAt, type PlannedPage } from './serials.js';
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

export type { PlannedPage } from './serials.js';

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
  /** A unit's signing sheets left for a drawing worker to lay out (only after `deferSheets()`). */
  deferred?: DeferredSheets;
  /**
   * After deferred steps: every one of them must be placed and merged (their parts settled) before
   * the next step is asked for, since later serials follow from their page counts.
   */
  barrier?: true;
  pages: ManifestPage[];
}

/**
 * One unit's signing sheets, to be laid out where they are drawn (a drawing worker, emit.ts): the
 * page count of a unit does not depend on its serials, so the plan numbers the pages once the
 * counts of the units before it are known. `place` and then `merge` are called once each, in plan order.
 */
export interface DeferredSheets {
  group: UnitGroup;
  /** The unit's own file, relative to OUT. */
  file: string;
  title: string;
  what: string;
  /** Takes the unit's page count: the serial before its first page, and where its pages sit in the combined file. */
  place(count: number): { base: number; drawn: DrawnAt };
  /** The manifest pages to write for the unit's own numbered pages (kept ones of a --only render merged in). */
  merge(fresh: ManifestPage[]): ManifestPage[];
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
  /**
   * From the next unit on, the signing sheets the steps yield are `deferred` (laid out by drawing
   * workers, from `sheetSetup`) instead of laid out here. Call before pulling those steps.
   */
  deferSheets(): void;
  /** What a drawing worker needs to lay out units itself (plain data). */
  sheetSetup: SheetSetup;
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

/** What the plan's steps need from the header. */
interface Context {
  inputs: Inputs;
  only: ReadonlySet<RenderedDocument>;
  tools: SheetTools;
  deklarasi: ReturnType<typeof deklarasiEntries>;
  groups: ReturnType<typeof groupByUnit> | null;
  signers: ReturnType<typeof selectPaktaSigners> | null;
  /** Index in plan.documents of each document drawn. */
  docs: Map<RenderedDocument, number>;
  titles: Record<RenderedDocument, string>;
  kept: ManifestPage[];
  /** Whether the signing sheets are left to the drawing workers (from the next unit on). */
  defer: { sheets: boolean };
}

/** The parts in serial order: signing sheets unit by unit, the script, the pakta signer by signer, the deklarasi. */
function* planSteps(c: Context): Generator<PlanStep> {
  const { event } = c.inputs;
  const pager = new Pager(event.code);
  const merge = new SerialMerge(c.kept);
  const step = (kind: RenderedDocument, part: PlannedPart | undefined, fresh: ManifestPage[]): PlanStep => {
    throwLogoProblems(c.tools.layouter);
    return { doc: c.docs.get(kind) ?? -1, ...(part ? { part } : {}), pages: merge.take(fresh) };
  };

  // --- signing sheets (laid out when drawn, or when later serials depend on their page count) -----
  if (c.groups) {
    const drawSheets = c.only.has('sheets');
    const used = new Set<string>();
    let at = 0;
    let deferred = 0;
    let placed = 0;
    for (const g of c.groups) {
      const file = drawSheets ? `${FILES.sheetsDir}/${uniqueName(unitFileName(g, c.groups.length), used)}` : '';
      const title = `${c.titles.sheets} — ${g.name}`;
      if (drawSheets && c.defer.sheets) {
        deferred++;
        const place = (count: number) => {
          placed++;
          const base = pager.serial;
          pager.serial += count;
          const drawn = { file: FILES.sheets, at };
          at += count;
          return { base, drawn };
        };
        yield {
          doc: c.docs.get('sheets')!,
          pages: [],
          deferred: { group: g, file, title, what: g.name, place, merge: (fresh) => merge.take(fresh) },
        };
        continue;
      }
      const laid = layoutSheets(c.tools, g);
      const fresh: ManifestPage[] = [];
      const pages = pager.number(laid, 'sheets', g.name, drawSheets ? { file: FILES.sheets, at } : null, fresh);
      at += laid.length;
      yield step('sheets', drawSheets ? { file, title, pages, what: g.name } : undefined, fresh);
    }
    if (deferred) {
      yield { doc: c.docs.get('sheets')!, pages: [], barrier: true };
      if (placed !== deferred)
        throw new Error(`${deferred - placed} deferred units were not placed before the plan went on`);
    }
  }

  // --- reading script -----------------------------------------------------------------------------
  if (c.only.has('script')) {
    const laid = c.tools.layouter.layout(buildScript(c.tools.engine, event, c.tools.ev), c.tools.plainSpec);
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
      const laid = c.tools.layouter.layout(
        buildPakta(c.tools.engine, person, i + 1, c.signers.length, event, c.tools.ev),
        c.tools.machineSpec,
      );
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
    const laid = c.tools.layouter.layout(
      buildDeklarasi(c.tools.engine, c.deklarasi, event, c.tools.ev),
      c.tools.machineSpec,
    );
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
  const tools = sheetTools(engine, event, paper, world);
  const { layouter, ev } = tools;
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
    tools,
    deklarasi,
    groups,
    signers,
    docs,
    titles,
    kept: kept.pages,
    defer: { sheets: false },
  };
  const parts = documents.reduce((n, d) => n + partsOf[d.kind], 0);
  return {
    only,
    documents,
    parts,
    manifest,
    steps: planSteps(context),
    deferSheets: () => {
      context.defer.sheets = true;
    },
    sheetSetup: { event, paper, ...(opts.templates !== undefined ? { templates: opts.templates } : {}) },
    owned: ownedEntries(only),
    font: event.font,
    date: ceremonyDate(event.ceremony.date),
    subject: ev.label,
    previous: old.previous,
    warnings,
  };
}
