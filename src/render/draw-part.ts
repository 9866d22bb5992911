/**
 * Draws one planned part (a unit's sheets, a signer's pakta, the script) into PDF bytes in memory.
 * The same function runs in this thread and in the drawing workers (draw-worker.ts), so a part's
 * bytes do not depend on where it was drawn.
 */
import { Writable } from 'node:stream';
import type { FontName } from '../model/event.js';
import { PdfWriter } from '../draw/pdf.js';
import type { PlannedPage } from './serials.js';

export interface DrawTask {
  pages: PlannedPage[];
  title: string;
  subject: string;
  font: FontName;
  /** CreationDate, as milliseconds since 1970 (a Date does not cross to a worker as one). */
  date: number;
}

/** The PDF of a task's pages. */
export async function drawPart(task: DrawTask): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const pdf = new PdfWriter({
    font: task.font,
    title: task.title,
    subject: task.subject,
    author: 'ikrar',
    date: new Date(task.date),
    output: sink,
  });
  for (const p of task.pages) pdf.addPage(p.page, p.code);
  await pdf.end();
  return Buffer.concat(chunks);
}
