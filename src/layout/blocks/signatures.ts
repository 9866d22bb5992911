/** The two signature columns under a document (and the pakta's recorded box, with its meterai). */
import { MM } from '../../model/pagecode.js';
import type { Block, SignatureBlock } from '../../model/markup.js';
import { formatNip } from '../../roster/nip.js';
import { DEFAULT_WORDING } from '../../model/wording.js';
import { LAYOUT } from '../defaults.js';
import type { LayoutContext } from '../slices.js';
import { baselineIn, lineHeightOf, placeLine, plain, wrapRuns, type Line } from '../text.js';
import type { ManifestBox } from '../../model/manifest.js';

export function layOutSignatures(c: LayoutContext, block: Extract<Block, { type: 'signatures' }>): void {
  // Never a signature block alone at the top of a page: it goes with the text it signs.
  c.keepPreviousWithNext();
  const m = c.m;
  const size = block.size ?? c.spec.baseSize;
  const lh = lineHeightOf(m, size, 1.05);
  const base = baselineIn(m, size, lh);
  const space = block.space ?? LAYOUT.signatureSpace;
  const colW = c.width / 2;
  const pad = 2 * MM;
  const cols = { left: c.f.x0, right: c.f.x0 + colW };
  const wrap = (text: string, bold = false) => wrapRuns(plain(text, bold), size, m, colW - 2 * pad);
  interface Col {
    x: number;
    top: Line[];
    bottom: { lines: Line[]; underline?: boolean }[];
  }
  const build = (sb: SignatureBlock | undefined, x: number, placeDate?: string): Col | undefined => {
    if (!sb && !placeDate) return undefined;
    const top: Line[] = [];
    if (placeDate) top.push(...wrap(placeDate));
    for (const t of sb?.title ?? []) top.push(...wrap(t));
    const bottom: Col['bottom'] = [];
    if (sb) {
      bottom.push({ lines: wrapRuns([{ text: sb.name, bold: true, underline: true }], size, m, colW - 2 * pad) });
      if (sb.rank) bottom.push({ lines: wrap(sb.rank) });
      if (sb.nip) bottom.push({ lines: wrap(`NIP. ${formatNip(sb.nip)}`) });
      if (sb.nrp) bottom.push({ lines: wrap(`NRP. ${sb.nrp}`) });
    }
    return { x, top, bottom };
  };
  const left = build(block.left, cols.left);
  const right = build(block.right, cols.right, block.placeDate);
  const colsList = [left, right].filter((c): c is Col => c !== undefined);
  const topN = Math.max(0, ...colsList.map((c) => c.top.length));
  const bottomN = Math.max(0, ...colsList.map((c) => c.bottom.reduce((s, b) => s + b.lines.length, 0)));
  const spaceTop = topN * lh;
  const height = spaceTop + space + bottomN * lh;
  const meterai = block.meterai === true && block.right !== undefined;
  const [mw, mh] = LAYOUT.meteraiSize;
  const signerKey = block.signerKey;
  const signerNip = block.right?.nip ?? null;
  c.push(
    {
      height,
      gapBefore: LAYOUT.signaturesSpaceBefore,
      keepWithNext: false,
      draw: (y, out) => {
        for (const c of colsList) {
          const cx = c.x + pad;
          const cw = colW - 2 * pad;
          // Title lines end at the same height in both columns, so the names line up.
          let ly = y + (topN - c.top.length) * lh;
          for (const line of c.top) {
            placeLine(line, cx, ly + base, cw, 'center', size, out.items);
            ly += lh;
          }
          ly = y + spaceTop + space;
          for (const part of c.bottom) {
            for (const line of part.lines) {
              placeLine(line, cx, ly + base, cw, 'center', size, out.items);
              ly += lh;
            }
          }
        }
        const rx = cols.right;
        const spaceY = y + spaceTop;
        let label: [number, number, number, number] | undefined;
        if (meterai) {
          const bx = rx + colW / 2 - mw * 0.8;
          const by = spaceY + (space - mh) / 2;
          const dash: [number, number] = [3, 2];
          out.items.push(
            { t: 'line', x1: bx, y1: by, x2: bx + mw, y2: by, width: 0.75, dash },
            { t: 'line', x1: bx + mw, y1: by, x2: bx + mw, y2: by + mh, width: 0.75, dash },
            { t: 'line', x1: bx + mw, y1: by + mh, x2: bx, y2: by + mh, width: 0.75, dash },
            { t: 'line', x1: bx, y1: by + mh, x2: bx, y2: by, width: 0.75, dash },
          );
          const ms = 8;
          const t1 = block.meteraiLabel ?? DEFAULT_WORDING.meteraiLabel;
          const t2 = block.meteraiValue ?? DEFAULT_WORDING.meteraiValue;
          const mid = by + mh / 2;
          out.items.push(
            {
              t: 'text',
              x: bx + (mw - m.widthOf(t1, 'bold', ms)) / 2,
              y: mid - 1.5,
              text: t1,
              style: 'bold',
              size: ms,
            },
            {
              t: 'text',
              x: bx + (mw - m.widthOf(t2, 'regular', ms)) / 2,
              y: mid + m.ascent(ms) + 0.5,
              text: t2,
              style: 'regular',
              size: ms,
            },
          );
          label = [bx - 1, by - 1, mw + 2, mh + 2];
        }
        if (signerKey !== undefined && block.right) {
          const inset = LAYOUT.boxInset;
          const box: ManifestBox = {
            key: signerKey,
            nip: signerNip,
            number: 1,
            side: 'pakta',
            rect: [rx + inset, spaceY + inset, colW - 2 * inset, space - 2 * inset],
          };
          if (label) box.label = label;
          out.boxes.push(box);
        }
      },
    },
    true,
  );
}
