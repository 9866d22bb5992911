/** Page specifications: paper sizes and the margins of the tata naskah dinas. */
import type { FontName, PaperName } from '../model/event.js';
import { MM, PAPER } from '../model/pagecode.js';
import type { PageSpec } from './types.js';

/** Margins of regional-government documents: top 2 cm, left 3 cm, right 2 cm, bottom 2.5 cm. */
export const MARGINS = { top: 20 * MM, right: 20 * MM, bottom: 25 * MM, left: 30 * MM } as const;

export function pageSpec(paper: PaperName, font: FontName, machineReadable: boolean): PageSpec {
  const size = PAPER[paper];
  return {
    size: [size[0], size[1]],
    margins: { ...MARGINS },
    font,
    baseSize: 12,
    machineReadable,
  };
}
