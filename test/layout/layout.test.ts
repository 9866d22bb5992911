import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/layout.js';
import { LAYOUT } from '../../src/layout/defaults.js';
import { formatNip } from '../../src/roster/nip.js';
import { MARGINS, pageSpec } from '../../src/layout/pages.js';
import { furnitureZones } from '../../src/layout/furniture.js';
import type { DrawItem, LaidOutPage, Metrics, PageSpec, Rect } from '../../src/layout/types.js';
import { loadMetrics } from '../../src/draw/fonts.js';
import type { Block, MarkupDocument } from '../../src/model/markup.js';
import { MM, PAPER, pageFurniture } from '../../src/model/pagecode.js';
import { paktaDoc, row, rows, sheetsDoc, LOGO } from './fixtures.js';

const metrics = loadMetrics('sans');
const F4 = pageSpec('f4', 'sans', true);
const A4 = pageSpec('a4', 'sans', true);

type Text = Extract<DrawItem, { t: 'text' }>;
const texts = (p: LaidOutPage): Text[] => p.items.filter((i): i is Text => i.t === 'text');
const pageText = (p: LaidOutPage): string =>
  texts(p)
    .map((t) => t.text)
    .join(' ');

function bbox(item: DrawItem, m: Metrics): Rect {
  switch (item.t) {
    case 'text':
      return [
        item.x,
        item.y - m.ascent(item.size),
        m.widthOf(item.text, item.style, item.size),
        m.ascent(item.size) + m.descent(item.size),
      ];
    case 'line': {
      const hw = item.width / 2;
      return [
        Math.min(item.x1, item.x2) - hw,
        Math.min(item.y1, item.y2) - hw,
        Math.abs(item.x2 - item.x1) + item.width,
        Math.abs(item.y2 - item.y1) + item.width,
      ];
    }
    case 'rect':
    case 'image':
      return [item.x, item.y, item.w, item.h];
  }
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a[0] < b[0] + b[2] - 1e-6 && b[0] < a[0] + a[2] - 1e-6 && a[1] < b[1] + b[3] - 1e-6 && b[1] < a[1] + a[3] - 1e-6;
const inside = (a: Rect, b: Rect): boolean =>
  a[0] >= b[0] - 1e-6 && a[1] >= b[1] - 1e-6 && a[0] + a[2] <= b[0] + b[2] + 1e-6 && a[1] + a[3] <= b[1] + b[3] + 1e-6;

function doc(blocks: Block[], extra: Partial<MarkupDocument> = {}): MarkupDocument {
  return { kind: 'script', pageNumbers: false, blocks, ...extra };
}

describe('pageSpec', () => {
  it('uses the paper size and the tata naskah dinas margins', () => {
    const s = pageSpec('a4', 'serif', false);
    expect(s.size).toEqual(PAPER.a4);
    expect(s.margins.top).toBeCloseTo(20 * MM);
    expect(s.margins.left).toBeCloseTo(30 * MM);
    expect(s.margins.right).toBeCloseTo(20 * MM);
    expect(s.margins.bottom).toBeCloseTo(25 * MM);
    expect(s.baseSize).toBe(12);
    expect(pageSpec('letter', 'sans', true).size).toEqual([612, 792]);
    expect(F4.size[0]).toBeCloseTo(609.45, 1);
  });
});

describe('signing table of 95 rows on F4', () => {
  const pages = layoutDocument(sheetsDoc(95), F4, metrics);
  const allBoxes = pages.flatMap((p) => p.boxes);

  it('numbers the pages "Halaman n dari N" and fills pageCount', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(6);
    pages.forEach((p, i) => {
      expect(p.pageNumber).toBe(i + 1);
      expect(p.pageCount).toBe(pages.length);
      expect(pageText(p)).toContain(`Halaman ${i + 1} dari ${pages.length}`);
      expect(p.size).toEqual(PAPER.f4);
    });
  });

  it('repeats the unit line and the header row on every page', () => {
    for (const p of pages) {
      const t = texts(p).map((x) => x.text);
      expect(t).toContain('Unit Kerja:');
      expect(t).toContain('Dinas Pendidikan dan Kebudayaan');
      for (const h of ['No', 'Nama', 'NIP', 'Jabatan', 'Tanda Tangan']) expect(t).toContain(h);
      // The header sits above every box on the page.
      const headY = texts(p).find((x) => x.text === 'Tanda Tangan')!.y;
      for (const b of p.boxes) expect(b.rect[1]).toBeGreaterThan(headY);
    }
  });

  it('records every person once, numbered 1..95 in order, zig-zag sides alternating', () => {
    expect(allBoxes.map((b) => b.number)).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    const data = rows(95);
    allBoxes.forEach((b, i) => {
      expect(b.key).toBe(data[i]!.key);
      expect(b.nip).toBe(data[i]!.nip);
      expect(b.side).toBe(b.number % 2 === 1 ? 'left' : 'right');
    });
    const left = allBoxes.find((b) => b.side === 'left')!;
    const right = allBoxes.find((b) => b.side === 'right')!;
    expect(right.rect[0]).toBeGreaterThan(left.rect[0] + left.rect[2]);
    expect(right.rect[2]).toBeCloseTo(left.rect[2], 6);
  });

  it('prints each number in the signing half, inside the box as its label', () => {
    for (const p of pages) {
      for (const b of p.boxes) {
        expect(b.label).toBeDefined();
        expect(inside(b.label!, b.rect)).toBe(true);
        const label = texts(p).find((t) => t.text === `${b.number}.` && t.size === LAYOUT.tableNumberSize);
        expect(label).toBeDefined();
        expect(inside(bbox(label!, metrics), b.label!)).toBe(true);
      }
    }
  });

  it('never splits a row: boxes lie inside the content area, tall enough to sign in', () => {
    const [w, h] = F4.size;
    const content: Rect = [
      MARGINS.left,
      MARGINS.top,
      w - MARGINS.left - MARGINS.right,
      h - MARGINS.top - MARGINS.bottom,
    ];
    for (const b of allBoxes) {
      expect(inside(b.rect, content)).toBe(true);
      expect(b.rect[3]).toBeGreaterThanOrEqual(10 * MM);
      expect(b.rect[2]).toBeGreaterThanOrEqual(15 * MM);
    }
  });

  it('keeps boxes inside the page, between the marks, apart from each other and the furniture', () => {
    const [w, h] = F4.size;
    const f = pageFurniture(w, h);
    const between: Rect = [
      f.marks[0]![0],
      f.marks[0]![1],
      f.marks[2]![0] - f.marks[0]![0],
      f.marks[2]![1] - f.marks[0]![1],
    ];
    const zones = furnitureZones(w, h, metrics);
    for (const p of pages) {
      p.boxes.forEach((b, i) => {
        expect(inside(b.rect, [0, 0, w, h])).toBe(true);
        expect(inside(b.rect, between)).toBe(true);
        for (const z of zones) expect(overlaps(b.rect, z)).toBe(false);
        for (const o of p.boxes.slice(i + 1)) expect(overlaps(b.rect, o.rect)).toBe(false);
      });
    }
  });

  it('draws nothing in the furniture zones (marks, QR square, code text)', () => {
    const [w, h] = F4.size;
    const zones = furnitureZones(w, h, metrics);
    for (const p of pages) {
      for (const item of p.items) {
        const r = bbox(item, metrics);
        for (const z of zones) expect(overlaps(r, z), JSON.stringify(item)).toBe(false);
      }
    }
  });

  it('fits about 20 rows on a full F4 page, fewer on A4', () => {
    const perPage = (ps: LaidOutPage[]) => ps.slice(1, -1).map((p) => p.boxes.length);
    const f4 = perPage(pages);
    expect(Math.min(...f4)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...f4)).toBeLessThanOrEqual(26);
    const a4pages = layoutDocument(sheetsDoc(95), A4, metrics);
    const a4 = perPage(a4pages);
    expect(Math.max(...a4)).toBeLessThan(Math.max(...f4));
    expect(a4pages.length).toBeGreaterThanOrEqual(pages.length);
    expect(a4pages.flatMap((p) => p.boxes).map((b) => b.number)).toEqual(allBoxes.map((b) => b.number));
  });

  it('ends with the officer block after the last row, on the same page', () => {
    const last = pages[pages.length - 1]!;
    const t = texts(last);
    const name = t.find((x) => x.text === 'Dr. Zefnihan, S.Pd., M.Si.')!;
    expect(name).toBeDefined();
    expect(name.style).toBe('bold');
    expect(t.some((x) => x.text === 'NIP. 19681104 199303 1 009')).toBe(true);
    expect(t.some((x) => x.text === 'Sukamara, 4 November 2024')).toBe(true);
    const lastBox = last.boxes[last.boxes.length - 1]!;
    expect(lastBox.number).toBe(95);
    expect(name.y).toBeGreaterThan(lastBox.rect[1] + lastBox.rect[3]);
    // The name is underlined: a line just below its baseline spanning its width.
    const ul = last.items.find((i) => i.t === 'line' && Math.abs(i.y1 - name.y - name.size * 0.12) < 0.01);
    expect(ul).toBeDefined();
    // Nothing else of the document is printed twice.
    expect(pages.flatMap(texts).filter((x) => x.text === 'Dr. Zefnihan, S.Pd., M.Si.')).toHaveLength(1);
  });

  it('moves the officer block to a new page with the last row when it does not fit', () => {
    // Find a row count whose last page is full of rows, so the block cannot fit below them.
    let found = false;
    for (let n = 20; n < 70 && !found; n++) {
      const ps = layoutDocument(sheetsDoc(n), F4, metrics);
      const last = ps[ps.length - 1]!;
      if (last.boxes.length === 1 && ps.length > 1) {
        found = true;
        expect(last.boxes[0]!.number).toBe(n);
        expect(pageText(last)).toContain('Dr. Zefnihan');
        expect(pageText(last)).toContain('Tanda Tangan');
      }
      for (const p of ps.slice(0, -1)) expect(pageText(p)).not.toContain('Dr. Zefnihan');
    }
    expect(found).toBe(true);
  });
});

describe('table cells', () => {
  it('wraps a long name inside its cell and grows the row', () => {
    const long = {
      ...row(1),
      name: 'Prof. Dr. Ir. H. Raden Mas Bambang Wirjosoedarmo Kusumaningrat Hadiningrat, S.E., M.Si., M.M., Ph.D.',
    };
    const pages = layoutDocument(
      doc([{ type: 'signing-table', unit: 'Sekretariat Daerah', rows: [long, row(2)] }]),
      F4,
      metrics,
    );
    const p = pages[0]!;
    const nameHead = texts(p).find((t) => t.text === 'Nama')!;
    const nipHead = texts(p).find((t) => t.text === 'NIP')!;
    const nameParts = texts(p).filter(
      (t) =>
        t.size === 9 &&
        t.x < nipHead.x &&
        t.x > nameHead.x - 60 &&
        /Prof|Raden|Bambang|Kusumaningrat|Hadiningrat|Ph\.D\./.test(t.text),
    );
    expect(nameParts.length).toBeGreaterThanOrEqual(4);
    const ys = new Set(nameParts.map((t) => t.y.toFixed(2)));
    expect(ys.size).toBeGreaterThanOrEqual(4);
    // Every piece ends before the NIP column starts (its left border).
    const nipX = p.boxes[0]!.rect[0]; // any x right of the name column works as a bound check below
    void nipX;
    const lines = p.items.filter((i): i is Extract<DrawItem, { t: 'line' }> => i.t === 'line' && i.x1 === i.x2);
    const borders = [...new Set(lines.map((l) => l.x1))].sort((a, b) => a - b);
    const nameRight = borders[2]!;
    for (const t of nameParts)
      expect(t.x + metrics.widthOf(t.text, t.style, t.size)).toBeLessThanOrEqual(nameRight - 1);
    const [b1, b2] = p.boxes;
    expect(b1!.rect[3]).toBeGreaterThan(b2!.rect[3]);
    expect(b2!.rect[1]).toBeGreaterThanOrEqual(b1!.rect[1] + b1!.rect[3]);
  });

  it('shows an empty unit with its header rather than nothing', () => {
    const pages = layoutDocument(
      doc([{ type: 'signing-table', unit: 'Kecamatan Pantai Lunci', rows: [] }]),
      F4,
      metrics,
    );
    expect(pages).toHaveLength(1);
    expect(pageText(pages[0]!)).toContain('Kecamatan Pantai Lunci');
    expect(pages[0]!.boxes).toHaveLength(0);
  });
});

describe('text blocks', () => {
  const long =
    'Menjaga dan menegakkan prinsip netralitas pegawai ASN di lingkungan Pemerintah Kabupaten Sukamara dalam melaksanakan fungsi pelayanan publik baik sebelum, selama, maupun sesudah pelaksanaan Pemilihan Serentak Tahun 2024.';
  const spec: PageSpec = pageSpec('f4', 'sans', false);
  const right = spec.size[0] - spec.margins.right;

  it('justifies a paragraph: every line but the last ends at the right margin', () => {
    const p = layoutDocument(doc([{ type: 'paragraph', runs: [{ text: `${long} ${long}` }] }]), spec, metrics)[0]!;
    const byLine = new Map<string, Text[]>();
    for (const t of texts(p)) byLine.set(t.y.toFixed(3), [...(byLine.get(t.y.toFixed(3)) ?? []), t]);
    const lines = [...byLine.values()];
    expect(lines.length).toBeGreaterThanOrEqual(4);
    lines.forEach((ws, i) => {
      const lastWord = ws[ws.length - 1]!;
      const end = lastWord.x + metrics.widthOf(lastWord.text, lastWord.style, lastWord.size);
      expect(ws[0]!.x).toBeCloseTo(spec.margins.left, 6);
      if (i < lines.length - 1) expect(end).toBeCloseTo(right, 3);
      else expect(end).toBeLessThan(right - 5);
    });
  });

  it('keeps bold, italic and underlined runs, measured in place', () => {
    const p = layoutDocument(
      doc([
        {
          type: 'paragraph',
          align: 'left',
          runs: [
            { text: 'saya ' },
            { text: 'bersedia dikenakan sanksi', bold: true },
            { text: ' dan ' },
            { text: 'tanda', italic: true, underline: true },
          ],
        },
      ]),
      spec,
      metrics,
    )[0]!;
    const t = texts(p);
    expect(t.map((x) => [x.text, x.style])).toEqual([
      ['saya', 'regular'],
      ['bersedia dikenakan sanksi', 'bold'],
      ['dan', 'regular'],
      ['tanda', 'italic'],
    ]);
    const x0 = spec.margins.left;
    expect(t[1]!.x).toBeCloseTo(x0 + metrics.widthOf('saya ', 'regular', 12), 6);
    const under = p.items.filter((i) => i.t === 'line');
    expect(under).toHaveLength(1);
    const u = under[0] as Extract<DrawItem, { t: 'line' }>;
    expect(u.x1).toBeCloseTo(t[3]!.x, 6);
    expect(u.x2 - u.x1).toBeCloseTo(metrics.widthOf('tanda', 'italic', 12), 6);
  });

  it('prints markup text exactly as written', () => {
    const p = layoutDocument(
      doc([{ type: 'paragraph', align: 'left', runs: [{ text: "Ma'ruf & Sons <Jr>" }] }]),
      spec,
      metrics,
    )[0]!;
    expect(pageText(p)).toBe("Ma'ruf & Sons <Jr>");
  });

  it('breaks a word longer than the line between characters, never past the margin', () => {
    const p = layoutDocument(doc([{ type: 'paragraph', runs: [{ text: 'x'.repeat(400) }] }]), spec, metrics)[0]!;
    const t = texts(p);
    expect(t.length).toBeGreaterThan(1);
    expect(t.map((x) => x.text).join('')).toBe('x'.repeat(400));
    for (const x of t) expect(x.x + metrics.widthOf(x.text, x.style, x.size)).toBeLessThanOrEqual(right + 1e-6);
  });

  it('hangs list items: labels in a column, wrapped lines aligned under the text', () => {
    const p = layoutDocument(
      doc([{ type: 'list', style: 'decimal', items: [[{ text: long }], [{ text: 'Menolak politik uang.' }]] }]),
      spec,
      metrics,
    )[0]!;
    const t = texts(p);
    const one = t.find((x) => x.text === '1.')!;
    const two = t.find((x) => x.text === '2.')!;
    expect(one.x).toBeCloseTo(spec.margins.left, 6);
    expect(two.x).toBeCloseTo(one.x, 6);
    const body = t.filter((x) => x !== one && x !== two);
    const textX = Math.min(...body.map((x) => x.x));
    expect(textX).toBeGreaterThan(one.x + metrics.widthOf('1.', 'regular', 12));
    const firstWords = [...new Map(body.map((x) => [x.y.toFixed(3), x])).values()];
    const starts = [...new Set(body.map((x) => x.y.toFixed(3)))].map((y) =>
      Math.min(...body.filter((b) => b.y.toFixed(3) === y).map((b) => b.x)),
    );
    expect(firstWords.length).toBeGreaterThanOrEqual(3);
    for (const s of starts) expect(s).toBeCloseTo(textX, 6);
  });

  it('aligns fields: one colon column, values wrapping under themselves', () => {
    const p = layoutDocument(
      doc([
        {
          type: 'fields',
          rows: [
            { label: 'Nama', value: [{ text: 'Dr. Zefnihan, S.Pd., M.Si.' }] },
            { label: 'Pangkat/Golongan', value: [{ text: 'Pembina Utama Muda (IV/c)' }] },
            { label: 'Jabatan', value: [{ text: long }] },
          ],
        },
      ]),
      spec,
      metrics,
    )[0]!;
    const t = texts(p);
    const colons = t.filter((x) => x.text === ':');
    expect(colons).toHaveLength(3);
    expect(new Set(colons.map((c) => c.x.toFixed(6))).size).toBe(1);
    expect(colons[0]!.x).toBeGreaterThan(spec.margins.left + metrics.widthOf('Pangkat/Golongan', 'regular', 12));
    const values = t.filter((x) => x.x > colons[0]!.x);
    const starts = [...new Set(values.map((x) => x.y.toFixed(3)))].map((y) =>
      Math.min(...values.filter((v) => v.y.toFixed(3) === y).map((v) => v.x)),
    );
    expect(starts.length).toBeGreaterThanOrEqual(4); // the long Jabatan wraps
    for (const s of starts) expect(s).toBeCloseTo(starts[0]!, 6);
    // Labels stay on the first line of their row.
    const jab = t.find((x) => x.text === 'Jabatan')!;
    expect(jab.y).toBeCloseTo(colons[2]!.y, 6);
  });
});

describe('pagination', () => {
  const spec: PageSpec = pageSpec('f4', 'sans', false);
  const contentH = spec.size[1] - spec.margins.top - spec.margins.bottom;
  const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }], align: 'left' });

  it('keeps a heading with the paragraph after it', () => {
    const p = layoutDocument(
      doc([
        { type: 'spacer', height: contentH - 30 },
        para('x'),
        { type: 'heading', runs: [{ text: 'PAKTA INTEGRITAS' }] },
        para('Saya yang bertanda tangan di bawah ini:'),
      ]),
      spec,
      metrics,
    );
    expect(p).toHaveLength(2);
    const t2 = texts(p[1]!).map((x) => x.text);
    expect(t2[0]).toBe('PAKTA INTEGRITAS');
    expect(t2).toContain('Saya yang bertanda tangan di bawah ini:');
    expect(pageText(p[0]!)).not.toContain('PAKTA');
  });

  it('drops space at the top of a page and never leaves one line of a paragraph behind', () => {
    const words = Array.from({ length: 200 }, (_, i) => `kata${i}`).join(' ');
    const lh = (metrics.ascent(12) + metrics.descent(12) + metrics.lineGap(12)) * LAYOUT.proseLineHeight;
    const pages = layoutDocument(
      doc([
        { type: 'spacer', height: contentH - lh * 1.5 },
        { type: 'paragraph', runs: [{ text: words }], spaceBefore: 20 },
      ]),
      spec,
      metrics,
    );
    expect(pages).toHaveLength(2);
    expect(texts(pages[0]!)).toHaveLength(0);
    const first = texts(pages[1]!)[0]!;
    expect(first.text.startsWith('kata0')).toBe(true);
    expect(first.y - metrics.ascent(12)).toBeLessThan(spec.margins.top + lh);
  });

  it('splits a long paragraph across pages line by line, in order', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const pages = layoutDocument(doc([para(words.join(' '))]), spec, metrics);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages
      .flatMap((p) => texts(p).map((t) => t.text))
      .join(' ')
      .split(' ');
    expect(all).toEqual(words);
    for (const p of pages)
      for (const t of texts(p))
        expect(t.y + metrics.descent(12)).toBeLessThanOrEqual(spec.size[1] - spec.margins.bottom + 1e-6);
  });

  it('breaks pages where asked, without empty pages', () => {
    const pages = layoutDocument(
      doc([para('satu'), { type: 'pagebreak' }, { type: 'pagebreak' }, para('dua')], { pageNumbers: true }),
      spec,
      metrics,
    );
    expect(pages).toHaveLength(2);
    expect(pageText(pages[0]!)).toBe('satu Halaman 1 dari 2');
    expect(pageText(pages[1]!)).toBe('dua Halaman 2 dari 2');
  });

  it('prints the running footer clear of the page code', () => {
    const spec2 = pageSpec('f4', 'sans', true);
    const pages = layoutDocument(
      doc([para('isi')], { footer: 'Unit: Dinas Kesehatan', pageNumbers: true }),
      spec2,
      metrics,
    );
    const t = texts(pages[0]!);
    const footer = t.find((x) => x.text === 'Unit: Dinas Kesehatan')!;
    const num = t.find((x) => x.text === 'Halaman 1 dari 1')!;
    expect(footer).toBeDefined();
    const f = pageFurniture(...spec2.size);
    const [w, h] = spec2.size;
    // the footer line is above the page code's text line, and ends before the bottom QR square
    expect(footer.y).toBeGreaterThan(h - spec2.margins.bottom);
    expect(footer.y).toBeLessThan(f.codeText[1] - 7);
    const bottomQr = f.qrs.find(([, qy]) => qy > h / 2)!;
    const numEnd = num.x + metrics.widthOf(num.text, 'regular', num.size);
    expect(numEnd).toBeLessThan(bottomQr[0] - 2 * MM);
    expect(numEnd).toBeGreaterThan(w / 2);
    expect(footer.x).toBeCloseTo(spec2.margins.left, 6);
  });
});

describe('letterhead and signatures', () => {
  it('draws the logo about 2.2 cm tall with its aspect, centred lines and a thick-thin rule', () => {
    const p = layoutDocument(paktaDoc(), F4, metrics)[0]!;
    const img = p.items.find((i): i is Extract<DrawItem, { t: 'image' }> => i.t === 'image')!;
    expect(img.path).toBe(LOGO);
    expect(img.h).toBeCloseTo(22 * MM, 3);
    expect(img.w / img.h).toBeCloseTo(200 / 240, 6);
    expect(img.x).toBeCloseTo(MARGINS.left, 6);
    const rules = p.items.filter((i): i is Extract<DrawItem, { t: 'line' }> => i.t === 'line' && i.x2 - i.x1 > 400);
    expect(rules.map((r) => r.width)).toEqual([2.5, 0.75]);
    expect(rules[1]!.y1).toBeGreaterThan(rules[0]!.y1);
    const gov = texts(p).find((t) => t.text === 'PEMERINTAH KABUPATEN SUKAMARA')!;
    expect(gov.size).toBe(14);
    expect(gov.x).toBeGreaterThan(img.x + img.w);
    expect(rules[0]!.y1).toBeGreaterThan(img.y + img.h);
  });

  it('lines up witness and signer names, spaces the NIP and records the pakta box', () => {
    const p = layoutDocument(paktaDoc(true), F4, metrics);
    expect(p).toHaveLength(1);
    const t = texts(p[0]!);
    const signer = t.filter((x) => x.text === "Ma'ruf & Sons <Jr>, S.Kom.").at(-1)!;
    const witness = t.find((x) => x.text === 'Drs. H. Sutrisno, M.Si.')!;
    expect(signer.y).toBeCloseTo(witness.y, 6);
    expect(witness.x).toBeLessThan(signer.x);
    expect(t.some((x) => x.text === 'NIP. 19681104 199303 1 009')).toBe(true);
    expect(t.some((x) => x.text === 'METERAI')).toBe(true);
    expect(p[0]!.boxes).toHaveLength(1);
    const box = p[0]!.boxes[0]!;
    expect(box).toMatchObject({ key: '196811041993031009', nip: '196811041993031009', number: 1, side: 'pakta' });
    expect(box.rect[3]).toBeGreaterThan(25 * MM);
    expect(box.rect[1] + box.rect[3]).toBeLessThan(signer.y - metrics.ascent(12));
    expect(box.rect[0]).toBeGreaterThan(witness.x);
    expect(box.label).toBeDefined();
    expect(inside(box.label!, box.rect)).toBe(true);
    const zones = furnitureZones(...F4.size, metrics);
    for (const z of zones) expect(overlaps(box.rect, z)).toBe(false);
    const noMeterai = layoutDocument(paktaDoc(false), F4, metrics)[0]!;
    expect(noMeterai.boxes[0]!.label).toBeUndefined();
    expect(pageText(noMeterai)).not.toContain('METERAI');
  });

  it('keeps a signature block together on the next page when it does not fit', () => {
    const spec = pageSpec('f4', 'sans', false);
    const contentH = spec.size[1] - spec.margins.top - spec.margins.bottom;
    const pages = layoutDocument(
      doc([
        { type: 'spacer', height: contentH - 80 },
        { type: 'paragraph', runs: [{ text: 'akhir' }] },
        {
          type: 'signatures',
          placeDate: 'Sukamara, 4 November 2024',
          right: { title: ['BUPATI SUKAMARA,'], name: 'H. Windu Subagio' },
        },
      ]),
      spec,
      metrics,
    );
    expect(pages).toHaveLength(2);
    // The block moves whole, taking the last line of the text before it along.
    expect(pageText(pages[1]!)).toBe('akhir Sukamara, 4 November 2024 BUPATI SUKAMARA, H. Windu Subagio');
  });
});

describe('formatNip (the NIP under a signature)', () => {
  it('spaces 18-digit NIPs 8-6-1-3 and leaves others alone', () => {
    expect(formatNip('196811041993031009')).toBe('19681104 199303 1 009');
    expect(formatNip('19681104 199303 1 009')).toBe('19681104 199303 1 009');
    expect(formatNip('123456789')).toBe('123456789');
  });
});

describe('signatures never stand alone', () => {
  it('takes the last lines of the text it signs to the next page', () => {
    const spec = pageSpec('a4', 'sans', true);
    const pages = layoutDocument(paktaDoc(true), spec, metrics);
    expect(pages).toHaveLength(2);
    const last = pages[pages.length - 1]!;
    const t = texts(last);
    const firstY = Math.min(...t.filter((x) => x.size === 12).map((x) => x.y));
    const signTop = t.find((x) => x.text === 'Mengetahui,')!;
    // Some paragraph text precedes the signature block on its page.
    expect(firstY).toBeLessThan(signTop.y);
    expect(t.filter((x) => x.y < signTop.y && x.size === 12).length).toBeGreaterThan(0);
  });
});
