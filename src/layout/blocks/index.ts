/** One module per block kind; this one hands each block to its own. */
import type { Block } from '../../model/markup.js';
import { LAYOUT } from '../defaults.js';
import type { LayoutContext } from '../slices.js';
import { layOutFields } from './fields.js';
import { layOutLetterhead } from './letterhead.js';
import { layOutList } from './list.js';
import { layOutSignatureGrid } from './signature-grid.js';
import { layOutSignatures } from './signatures.js';
import { layOutSigningTable } from './signing-table.js';
import { layOutTable } from './table.js';
import { layOutText } from './text.js';

export function layOutBlock(c: LayoutContext, block: Block, next: Block | undefined): void {
  switch (block.type) {
    case 'letterhead':
      return layOutLetterhead(c, block);
    case 'heading':
      return layOutText(c, block.runs, {
        size: block.size ?? c.spec.baseSize,
        align: block.align ?? 'center',
        bold: true,
        lineHeight: 1,
        spaceBefore: block.spaceBefore ?? 0,
        spaceAfter: block.spaceAfter ?? LAYOUT.headingSpaceAfter,
        keepWithNext: true,
        indent: 0,
        firstIndent: 0,
      });
    case 'paragraph':
      return layOutText(c, block.runs, {
        size: block.size ?? c.spec.baseSize,
        align: block.align ?? 'justify',
        bold: false,
        lineHeight: block.lineHeight ?? LAYOUT.proseLineHeight,
        spaceBefore: block.spaceBefore ?? 0,
        spaceAfter: block.spaceAfter ?? LAYOUT.paragraphSpaceAfter,
        keepWithNext: block.keepWithNext ?? false,
        indent: block.indent ?? 0,
        firstIndent: block.firstIndent ?? 0,
      });
    case 'list':
      return layOutList(c, block);
    case 'fields':
      return layOutFields(c, block);
    case 'signatures':
      return layOutSignatures(c, block);
    case 'signing-table':
      return layOutSigningTable(c, block, next?.type === 'signatures');
    case 'table':
      return layOutTable(c, block, next?.type === 'signatures');
    case 'signature-grid':
      return layOutSignatureGrid(c, block);
    case 'spacer':
      c.push({ height: block.height, keepWithNext: false, discardAtTop: true, draw: () => {} }, true);
      return;
    case 'pagebreak':
      c.pendingGap = 0;
      c.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, breakBefore: true, draw: () => {} });
      return;
  }
}
