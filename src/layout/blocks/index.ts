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
      layOutLetterhead(c, block);
      return;
    case 'heading':
      layOutText(c, block.runs, {
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
      return;
    case 'paragraph':
      layOutText(c, block.runs, {
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
      return;
    case 'list':
      layOutList(c, block);
      return;
    case 'fields':
      layOutFields(c, block);
      return;
    case 'signatures':
      layOutSignatures(c, block);
      return;
    case 'signing-table':
      layOutSigningTable(c, block, next?.type === 'signatures');
      return;
    case 'table':
      layOutTable(c, block, next?.type === 'signatures');
      return;
    case 'signature-grid':
      layOutSignatureGrid(c, block);
      return;
    case 'spacer':
      c.push({ height: block.height, keepWithNext: false, discardAtTop: true, draw: () => {} }, true);
      return;
    case 'pagebreak':
      c.pendingGap = 0;
      c.slices.push({ height: 0, gapBefore: 0, keepWithNext: false, breakBefore: true, draw: () => {} });
      return;
  }
}
