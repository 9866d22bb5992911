/** Reading rendered PDFs back with poppler-utils (tests only). */
import { execFileSync } from 'node:child_process';

export function pdfText(file: string, page?: number): string {
  const args = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function pdfInfo(file: string): { pages: number; size: [number, number] } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(out)![1]);
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages, size: [Number(m[1]), Number(m[2])] };
}

/** Sizes of every page (pdfinfo -f 1 -l N). */
export function pageSizes(file: string): [number, number][] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', file], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
