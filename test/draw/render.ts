/** Test helper: lay out and draw a markup document to a PDF file, with page codes when machine-readable. */
import { createWriteStream } from 'node:fs';
import { layoutDocument } from '../../src/layout/layout.js';
import { pageSpec } from '../../src/layout/pages.js';
import type { LaidOutPage } from '../../src/layout/types.js';
import { loadMetrics } from '../../src/draw/fonts.js';
import { PdfWriter } from '../../src/draw/pdf.js';
import type { MarkupDocument } from '../../src/model/markup.js';
import type { FontName, PaperName } from '../../src/model/event.js';
import { pageCodeFor } from '../../src/model/pagecode.js';

export async function renderPdf(
  doc: MarkupDocument,
  file: string,
  opts: { paper?: PaperName; font?: FontName; event?: string } = {},
): Promise<{ pages: LaidOutPage[]; codes: (string | undefined)[] }> {
  const font = opts.font ?? 'sans';
  const machine = doc.kind !== 'script';
  const spec = pageSpec(opts.paper ?? 'f4', font, machine);
  const pages = layoutDocument(doc, spec, loadMetrics(font));
  const writer = new PdfWriter({ font, title: 'Uji ikrar', output: createWriteStream(file) });
  const codes = pages.map((p, i) =>
    machine
      ? pageCodeFor(opts.event ?? 'K7QD2M', i + 1, { document: doc.kind, unit: '', size: p.size, boxes: p.boxes })
      : undefined,
  );
  for (const [i, p] of pages.entries()) writer.addPage(p, codes[i]);
  await writer.end();
  return { pages, codes };
}
