/**
 * Laying documents out for the render: the template engine, the Layouter (letterhead logos checked
 * once each, the pakta fitted to one page) and one unit's signing sheets. The same code runs in the
 * planning thread (plan.ts) and in the drawing workers (draw-worker.ts), so a unit's pages are the
 * same wherever it is laid out.
 */
import path from 'node:path';
import type { EventConfig, PaperName } from '../model/event.js';
import type { Block, MarkupDocument } from '../model/markup.js';
import { IkrarError, type Problem } from '../model/problems.js';
import type { UnitGroup } from '../check/units.js';
import { imageSizeIn, logoFault } from '../event/logo.js';
import { layoutDocument } from '../layout/layout.js';
import { pageSpec } from '../layout/pages.js';
import type { LaidOutPage, Metrics, PageSpec } from '../layout/types.js';
import { loadMetrics } from '../draw/fonts.js';
import type { TemplateEngine } from '../templates/engine.js';
import { openTemplates } from '../templates/folder.js';
import { eventData, type EventData } from '../documents/common.js';
import { buildSheet } from '../documents/sheets.js';
import type { World } from '../world/world.js';

/** Body sizes tried, in order, for a pakta that does not fit one page at 12 pt. */
const PAKTA_FIT_SIZES = [11.5, 11, 10.5];

/** Lays documents out, checking each letterhead logo once; logo problems are gathered, not thrown. */
export class Layouter {
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

/** The error a render stops with when a letterhead logo cannot be used (nothing written). */
export function logoError(problems: Problem[]): IkrarError {
  return new IkrarError('the letterhead logo cannot be used; nothing was written', problems, 2, {
    key: 'logo-missing',
  });
}

export function throwLogoProblems(layouter: Layouter): void {
  const logoProblems = layouter.problems;
  if (logoProblems.length) throw logoError(logoProblems);
}

/** The template engine of a render; --templates must be a folder, and every template must parse. */
export function templatesEngine(world: World, templates: string | undefined): TemplateEngine {
  const engine = openTemplates(templates, world);
  if (engine.problems.length)
    throw new IkrarError('a template has a syntax error; nothing was written', engine.problems);
  return engine;
}

/** What laying out a unit's signing sheets needs: made once per render (and once per drawing worker). */
export interface SheetTools {
  event: EventConfig;
  engine: TemplateEngine;
  layouter: Layouter;
  ev: EventData;
  machineSpec: PageSpec;
  plainSpec: PageSpec;
}

/** What a drawing worker is sent once to make its own SheetTools: plain data. */
export interface SheetSetup {
  event: EventConfig;
  templates?: string;
  paper: PaperName;
}

export function sheetTools(engine: TemplateEngine, event: EventConfig, paper: PaperName, world: World): SheetTools {
  return {
    event,
    engine,
    layouter: new Layouter(event, loadMetrics(event.font), world),
    ev: eventData(event),
    machineSpec: pageSpec(paper, event.font, true),
    plainSpec: pageSpec(paper, event.font, false),
  };
}

/** One unit's signing sheets, laid out (pure: templates and layout). */
export function layoutSheets(t: SheetTools, group: UnitGroup): LaidOutPage[] {
  return t.layouter.layout(buildSheet(t.engine, group, t.event, t.ev), t.machineSpec);
}
