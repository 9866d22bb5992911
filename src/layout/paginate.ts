import type { Frame, Header, PageOut, Slice } from './slices.js';

/** Places slices on pages. */
export function paginate(slices: Slice[], frame: Frame): PageOut[] {
  const pages: PageOut[] = [];
  let page: PageOut = { items: [], boxes: [] };
  pages.push(page);
  let y = frame.y0;
  let atTop = true;
  let activeHeader: Header | undefined;
  const newPage = () => {
    page = { items: [], boxes: [] };
    pages.push(page);
    y = frame.y0;
    atTop = true;
    activeHeader = undefined;
  };
  /** Height the slices [i, j) take if placed from the current position. */
  const heightOf = (i: number, j: number): number => {
    let total = 0;
    let top = atTop;
    let hdr = activeHeader;
    for (let k = i; k < j; k++) {
      const s = slices[k]!;
      if (s.header && s.header !== hdr) {
        total += (top ? 0 : Math.max(s.header.gapBefore, s.gapBefore)) + s.header.height;
        hdr = s.header;
        top = false;
      } else {
        total += top ? 0 : s.gapBefore;
      }
      total += s.height;
      top = false;
    }
    return total;
  };
  const place = (s: Slice) => {
    if (s.header && s.header !== activeHeader) {
      if (!atTop) y += Math.max(s.header.gapBefore, s.gapBefore);
      s.header.draw(y, page);
      y += s.header.height;
      activeHeader = s.header;
    } else if (!atTop) {
      y += s.gapBefore;
    }
    s.draw(y, page);
    y += s.height;
    atTop = false;
  };
  let i = 0;
  while (i < slices.length) {
    const s = slices[i]!;
    if (s.breakBefore) {
      if (!atTop) newPage();
      i++;
      continue;
    }
    if (s.discardAtTop && atTop && pages.length > 1) {
      i++;
      continue;
    }
    if (s.discardAtTop && y + heightOf(i, i + 1) > frame.y1 + 1e-6) {
      newPage();
      i++;
      continue;
    }
    let j = i + 1;
    while (j < slices.length && slices[j - 1]!.keepWithNext && !slices[j]!.breakBefore) j++;
    if (y + heightOf(i, j) > frame.y1 + 1e-6 && !atTop) {
      newPage();
    }
    if (y + heightOf(i, j) <= frame.y1 + 1e-6) {
      for (let k = i; k < j; k++) place(slices[k]!);
    } else {
      // Taller than a page: place one slice at a time, breaking where needed.
      for (let k = i; k < j; k++) {
        if (y + heightOf(k, k + 1) > frame.y1 + 1e-6 && !atTop) newPage();
        place(slices[k]!);
      }
    }
    i = j;
  }
  return pages;
}
