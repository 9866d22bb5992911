/**
 * berita-acara.pdf: the official minutes of the apel, written by `ikrar tally` next to rekap.pdf.
 * Built like the render documents — template berita-acara.hbs (overridable with --templates) →
 * markup → layoutDocument → PdfWriter — from the same TallyResult as rekap.json. rekap.pdf goes
 * the same way (tallyDocument, tallyPdf; src/report/pdf.ts).
 *
 * The event's data: the event file when tally is given --event, else what render recorded in
 * manifest.json (eventDetails). A manifest from an older render without it, and no --event: the
 * berita acara is skipped with a warning that says to pass --event.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import type { EventConfig, PaperName } from '../model/event.js';
import type { Manifest } from '../model/manifest.js';
import type { MarkupDocument } from '../model/markup.js';
import { IkrarError, type Problem } from '../model/problems.js';
import type { TallyResult } from '../model/tally.js';
import { BERITA_FILE, beritaData, buildBerita, eventFromDetails } from '../documents/berita.js';
import { eventData } from '../documents/common.js';
import { logoFault } from '../event/logo.js';
import { openTemplates } from '../templates/folder.js';
import { nodeWorld } from '../world/node.js';
import { loadMetrics } from '../draw/fonts.js';
import { PdfWriter } from '../draw/pdf.js';
import { layoutDocument } from '../layout/layout.js';
import { pageSpec } from '../layout/pages.js';
import type { TemplateEngine } from '../templates/engine.js';

export { BERITA_FILE };

/** Where the berita acara's event data comes from, or why there is none. */
export function beritaEvent(
  manifest: Manifest,
  manifestFile: string,
  event?: EventConfig,
): { event?: EventConfig; problems: Problem[] } {
  if (event) {
    const problems: Problem[] = [];
    if (event.code !== manifest.event.code) {
      problems.push({
        severity: 'warning',
        code: 'berita-event-mismatch',
        file: event.file,
        message: `this event file (code ${event.code}) is not the one the documents were rendered from (code ${manifest.event.code}); the berita acara uses it anyway`,
        hint: 'pass the event file the signing sheets were made with',
      });
    }
    return { event, problems };
  }
  if (manifest.eventDetails)
    return { event: eventFromDetails(manifest, manifest.eventDetails, manifestFile), problems: [] };
  return {
    problems: [
      {
        severity: 'warning',
        code: 'berita-no-event',
        file: manifestFile,
        message: `${BERITA_FILE} was not written: this manifest.json comes from an older ikrar and does not hold the event's details`,
        hint: 'pass the event file as well, e.g. --event event.yaml (or render the documents again)',
      },
    ],
  };
}

/**
 * Runs the template: the markup document, or an IkrarError (file:line) for a mistake in the clerk's
 * template. Letterhead logos that cannot be found are left out with a warning.
 */
export function beritaDocument(
  result: TallyResult,
  event: EventConfig,
  templates?: string,
): { doc: MarkupDocument; problems: Problem[] } {
  return tallyDocument(
    BERITA_FILE,
    (engine) => buildBerita(engine, beritaData(result, event, eventData(event)), event),
    event,
    templates,
  );
}

/**
 * What the tally's documents (berita acara, rekap.pdf) share from template to markup: the clerk's
 * --templates folder checked as render checks it, the engine, `build` run on it, and the
 * letterhead logo resolved against the event's folder (left out, with a warning, when unusable).
 */
export function tallyDocument(
  file: string,
  build: (engine: TemplateEngine) => MarkupDocument,
  event: EventConfig,
  templates?: string,
): { doc: MarkupDocument; problems: Problem[] } {
  const engine = openTemplates(templates);
  if (engine.problems.length)
    throw new IkrarError(`a template cannot be used; ${file} cannot be made`, engine.problems);
  const doc = build(engine);
  const problems: Problem[] = [];
  for (const b of doc.blocks) {
    if (b.type !== 'letterhead' || !b.logo) continue;
    const abs = path.resolve(event.dir, b.logo);
    const bad = logoFault(nodeWorld, abs, abs);
    if (!bad) b.logo = abs;
    else {
      if (bad.kind === 'not-found') {
        problems.push({
          severity: 'warning',
          code: 'berita-logo',
          file: BERITA_FILE,
          message: `the letterhead emblem ${abs} was not found; the berita acara is printed without it`,
          hint: 'keep the render folder and the event folder where they were, or pass --event event.yaml',
        });
      } else {
        problems.push({
          severity: 'warning',
          code: 'logo-unusable',
          file: BERITA_FILE,
          message: bad.message,
          hint: `the berita acara is printed without it; ${bad.hint}`,
          params: { ...bad.params, _h: 'berita' },
        });
      }
      delete b.logo;
    }
  }
  return { doc, problems };
}

function paperOf(name: string): PaperName {
  return (['f4', 'a4', 'letter'] as const).find((p) => p === name.toLowerCase()) ?? 'f4';
}

/** Lays out and draws the berita acara; deterministic (CreationDate is the ceremony's date). */
export function beritaPdf(doc: MarkupDocument, event: EventConfig, paper: string): Promise<Buffer> {
  return tallyPdf(doc, event, paper, `Berita Acara ${event.title}`);
}

/** Lays out and draws a tally document in the event's font; deterministic (CreationDate is the ceremony's date). */
export async function tallyPdf(doc: MarkupDocument, event: EventConfig, paper: string, title: string): Promise<Buffer> {
  const spec = pageSpec(paperOf(paper), event.font, false);
  const pages = layoutDocument(doc, spec, loadMetrics(event.font));
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const [y, m, d] = event.ceremony.date.split('-').map(Number) as [number, number, number];
  const label = `${event.election.label} Tahun ${event.election.year}`;
  const pdf = new PdfWriter({
    font: event.font,
    title,
    subject: label,
    author: 'ikrar',
    date: new Date(Date.UTC(y, m - 1, d)),
    output,
  });
  for (const page of pages) pdf.addPage(page);
  await pdf.end();
  return Buffer.concat(chunks);
}
