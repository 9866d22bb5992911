import { BOX_INSET, MM } from '../model/pagecode.js';

/** Defaults of the layout, in points unless noted. */
export const LAYOUT = {
  /** Paragraph line height as a multiple of the font's natural line height. */
  proseLineHeight: 1.15,
  paragraphSpaceAfter: 6,
  headingSpaceAfter: 6,
  listItemGap: 3,
  listSpaceAfter: 6,
  fieldsRowGap: 1,
  fieldsSpaceAfter: 6,
  letterheadLogoHeight: 22 * MM,
  letterheadSpaceAfter: 14,
  letterheadRuleThick: 2.5,
  letterheadRuleThin: 0.75,
  letterheadRuleGap: 1.5,
  /** Signature space between the title lines and the name: about 3.25 cm. */
  signatureSpace: 32.5 * MM,
  signaturesSpaceBefore: 12,
  meteraiSize: [30 * MM, 18 * MM] as [number, number],
  tableGrid: 0.75,
  tablePadX: 3,
  tablePadY: 2.5,
  /** A signing row is at least this tall, so there is room to sign. */
  tableMinRow: 11.5 * MM,
  tableNumberSize: 7,
  /** Inset of a signature box inside the printed borders. */
  boxInset: BOX_INSET,
  tableSpaceAfter: 0,
  /**
   * Signing space of a cell of a signature grid (deklarasi), and the gaps between its cells and
   * rows: every cell is a box of its own, so a wide signature that runs over its frame lands in the
   * gap, not in the neighbour's box (where it would be read as the neighbour's signature).
   */
  gridSpace: 22 * MM,
  gridColGap: 4 * MM,
  gridRowGap: 3 * MM,
  footerSize: 9,
} as const;
