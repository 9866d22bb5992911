/**
 * The joint declaration (deklarasi bersama): the Sijunjung example (ASN, TNI, Polri and wali nagari
 * in one roster) renders end to end; the signature grid runs over pages without splitting a block;
 * its pages carry codes after the pakta; and `ikrar tally` counts its signatures.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, ManifestPage } from '../../src/model/manifest.js';
import { render } from '../../src/render/render.js';
import { tally } from '../../src/tally/tally.js';
import { runTally } from '../../src/tally/run.js';
import { parseOverrides } from '../../src/tally/overrides.js';
import type { PageReading } from '../../src/scan/types.js';
import { layoutDocument } from '../../src/layout/layout.js';
import { pageSpec } from '../../src/layout/pages.js';
import { loadMetrics } from '../../src/draw/fonts.js';
import type { GridCell, MarkupDocument } from '../../src/model/markup.js';
import { parseMarkup } from '../../src/templates/markup.js';
import { simulate } from '../sim/simulate.js';
import { pdfInfo, pdfText } from '../render/pdf.js';

const EX = path.resolve('examples/sijunjung');
let tmp: string;
let out: string;
let manifest: Manifest;

const dkPages = (m: Manifest) => m.pages.filter((p) => p.document === 'deklarasi');
const overlap = (a: number[], b: number[]) =>
  a[0]! < b[0]! + b[2]! && b[0]! < a[0]! + a[2]! && a[1]! < b[1]! + b[3]! && b[1]! < a[1]! + a[3]!;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-deklarasi-'));
  out = path.join(tmp, 'out');
  await render({ roster: path.join(EX, 'roster.csv'), event: path.join(EX, 'event.yaml'), out });
  manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the Sijunjung example', () => {
  it('renders deklarasi.pdf: the declaration once, a grid of 22 signers over pages, then the witnesses', () => {
    const file = path.join(out, 'deklarasi.pdf');
    const info = pdfInfo(file);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    const all = pdfText(file);
    expect(all).toContain('DEKLARASI NETRALITAS');
    expect(all).toContain('ASN, TNI, POLRI DAN WALI NAGARI');
    expect(all.match(/Menolak politik uang/g)).toHaveLength(1);
    // Identifiers and ranks by kind: TNI/Polri NRP and rank; PNS NIP; wali nagari name only.
    expect(all).toContain('NRP. 11020012340379');
    expect(all).toContain('Letkol Inf');
    expect(all).toContain('NRP. 78091045');
    expect(all).toContain('NIP. 19680512 199403 1 006');
    expect(all).toContain('Yunaldi, S.Sos.'); // listed in the event file
    const last = pdfText(file, info.pages);
    expect(last).toContain('Mengetahui');
    expect(last).toContain('H. Arrival Fadli, S.H.');
  });

  it('records one box per signer, in grid order, inside the page and never overlapping', () => {
    const pages = dkPages(manifest);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const boxes = pages.flatMap((p) => p.boxes);
    expect(boxes).toHaveLength(22);
    expect(boxes.map((b) => b.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(new Set(boxes.map((b) => b.key)).size).toBe(22);
    for (const p of pages) {
      const [w, h] = p.size;
      for (const b of p.boxes) {
        const [x, y, bw, bh] = b.rect;
        expect(x).toBeGreaterThan(0);
        expect(y).toBeGreaterThan(0);
        expect(x + bw).toBeLessThan(w);
        expect(y + bh).toBeLessThan(h);
        expect(bh).toBeGreaterThan(50); // about 2 cm to sign in
      }
      for (let i = 0; i < p.boxes.length; i++)
        for (let j = i + 1; j < p.boxes.length; j++) expect(overlap(p.boxes[i]!.rect, p.boxes[j]!.rect)).toBe(false);
      // No block split: every signer whose box is on a page has the name on that page too.
      const text = pdfText(path.join(out, p.file), p.page).replace(/\s+/g, ' ');
      const names = new Map([...manifest.people, ...(manifest.signers ?? [])].map((x) => [x.key, x.name]));
      for (const b of p.boxes) expect(text).toContain(names.get(b.key)!.split(',')[0]!);
    }
    // The KPU chair is not in the roster: the manifest lists him apart, so the sheets are unchanged.
    expect(manifest.signers?.map((s) => s.name)).toEqual(['Yunaldi, S.Sos.']);
    expect(manifest.people).toHaveLength(32);
  });

  it('numbers its pages after the pakta, so the other documents keep their codes', async () => {
    const serials = manifest.pages.map((p) => p.serial);
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
    const lastPakta = Math.max(...manifest.pages.filter((p) => p.document === 'pakta').map((p) => p.serial));
    expect(Math.min(...dkPages(manifest).map((p) => p.serial))).toBe(lastPakta + 1);

    // The same event without a deklarasi: sheets and pakta get exactly the same codes.
    const yaml = readFileSync(path.join(EX, 'event.yaml'), 'utf8');
    const without = yaml.replace(/\n# Deklarasi bersama[\s\S]*?\n(?=paper:)/, '\n');
    expect(without).not.toContain('deklarasi:');
    const evFile = path.join(EX, '.test-no-deklarasi.yaml');
    writeFileSync(evFile, without);
    try {
      const out2 = path.join(tmp, 'out2');
      const r = await render({ roster: path.join(EX, 'roster.csv'), event: evFile, out: out2 });
      expect(r.files).not.toContain('deklarasi.pdf');
      const codes = (m: Manifest) =>
        m.pages.filter((p) => p.document !== 'deklarasi').map((p) => `${p.document}:${p.code}`);
      expect(codes(r.manifest)).toEqual(codes(manifest));
      expect(r.manifest.signers).toBeUndefined();
    } finally {
      rmSync(evFile, { force: true });
    }

    // --only deklarasi gives its pages the codes of the full render.
    const out3 = path.join(tmp, 'out3');
    const r3 = await render({
      roster: path.join(EX, 'roster.csv'),
      event: path.join(EX, 'event.yaml'),
      out: out3,
      only: ['deklarasi'],
    });
    expect(r3.files).toEqual(['deklarasi.pdf', 'manifest.json']);
    expect(dkPages(r3.manifest).map((p) => p.code)).toEqual(dkPages(manifest).map((p) => p.code));
  }, 120_000);

  it('shows NRP on the signing sheet of a TNI unit and in the pakta of a Polri officer', () => {
    const sheets = pdfText(path.join(out, 'lembar-ttd.pdf'));
    expect(sheets).toContain('NRP');
    expect(sheets).toContain('11040023450882');
    const paktaPage = manifest.pages.find((p) => p.document === 'pakta' && p.boxes[0]?.key === '78091045')!;
    const text = pdfText(path.join(out, paktaPage.file), paktaPage.page);
    expect(text).toContain('AKBP');
    expect(text).toContain('NRP. 78091045');
    expect(text).toContain('NETRALITAS ANGGOTA KEPOLISIAN NEGARA REPUBLIK INDONESIA');
    expect(text).not.toMatch(/\bNIP\b/);
  });
});

describe('the signature grid', () => {
  const doc = (n: number, columns: number): MarkupDocument => {
    const cells: GridCell[] = Array.from({ length: n }, (_, i) => ({
      key: `K${i + 1}`,
      nip: null,
      number: i + 1,
      name: `Penanda Tangan Nomor ${i + 1}`,
      position: i % 4 === 0 ? 'Kepala Kepolisian Sektor Kecamatan yang Jabatannya Panjang Sekali' : 'Wali Nagari',
      institution: 'Pemerintahan Nagari',
      ...(i % 3 === 0 ? { rank: 'Iptu', idText: 'NRP. 85071234' } : {}),
    }));
    return {
      kind: 'deklarasi',
      pageNumbers: true,
      blocks: [
        { type: 'heading', runs: [{ text: 'DEKLARASI' }] },
        { type: 'signature-grid', columns, cells },
      ],
    };
  };

  for (const columns of [2, 3]) {
    it(`lays out ${columns} to a row over pages, rows whole, boxes aligned per row`, () => {
      const spec = pageSpec('f4', 'sans', true);
      const pages = layoutDocument(doc(40, columns), spec, loadMetrics('sans'));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const boxes = pages.flatMap((p) => p.boxes);
      expect(boxes.map((b) => b.key)).toEqual(Array.from({ length: 40 }, (_, i) => `K${i + 1}`));
      for (const p of pages) {
        // Every page holds whole rows: a multiple of `columns` boxes, except the last page.
        if (p !== pages[pages.length - 1]) expect(p.boxes.length % columns).toBe(0);
        for (let r = 0; r < p.boxes.length; r += columns) {
          const row = p.boxes.slice(r, r + columns);
          expect(new Set(row.map((b) => b.rect[1])).size).toBe(1); // same height in the row
        }
        for (const b of p.boxes) {
          expect(b.rect[1]).toBeGreaterThanOrEqual(spec.margins.top);
          expect(b.rect[1] + b.rect[3]).toBeLessThanOrEqual(p.size[1] - spec.margins.bottom);
        }
      }
    });
  }

  it('frames every cell on its own: a gap of about 4 mm between cells and 3 mm between rows', () => {
    const spec = pageSpec('f4', 'sans', true);
    const mm = 72 / 25.4;
    for (const columns of [2, 3]) {
      const pages = layoutDocument(doc(40, columns), spec, loadMetrics('sans'));
      for (const p of pages) {
        const frames = p.items.filter(
          (it): it is Extract<(typeof p.items)[number], { t: 'rect' }> => it.t === 'rect' && it.stroke === true,
        );
        expect(frames.length).toBe(p.boxes.length);
        // each box (the recorded signing area) lies inside its own frame
        p.boxes.forEach((b, i) => {
          const f = frames[i]!;
          expect(b.rect[0]).toBeGreaterThan(f.x);
          expect(b.rect[0] + b.rect[2]).toBeLessThan(f.x + f.w);
          expect(b.rect[1]).toBeGreaterThan(f.y);
          expect(b.rect[1] + b.rect[3]).toBeLessThan(f.y + f.h);
        });
        // no two frames touch: side by side at least 4 mm apart, one above the other at least 3 mm
        for (let i = 0; i < frames.length; i++) {
          for (let j = i + 1; j < frames.length; j++) {
            const a = frames[i]!;
            const c = frames[j]!;
            const dx = Math.max(c.x - (a.x + a.w), a.x - (c.x + c.w));
            const dy = Math.max(c.y - (a.y + a.h), a.y - (c.y + c.h));
            if (dy < 0) expect(dx).toBeGreaterThanOrEqual(4 * mm - 1e-6);
            else expect(dy).toBeGreaterThanOrEqual(3 * mm - 1e-6);
          }
        }
        // the row still spans the text frame
        const right = Math.max(...frames.map((f) => f.x + f.w));
        expect(Math.min(...frames.map((f) => f.x))).toBeCloseTo(spec.margins.left, 3);
        expect(right).toBeCloseTo(p.size[0] - spec.margins.right, 3);
      }
    }
  });

  it('is written in templates as <signature-grid> with <cell>s', () => {
    const d = parseMarkup(
      '<document kind="deklarasi"><signature-grid columns="2"><cell key="A" number="1" name="X" position="Camat" institution="Kecamatan" rank="Letkol Inf" id-text="NRP. 11020012340379"/><cell key="B" name="Y" position="Wali Nagari"/></signature-grid></document>',
      { file: 't.hbs' },
    );
    expect(d.kind).toBe('deklarasi');
    expect(d.blocks[0]).toMatchObject({
      type: 'signature-grid',
      columns: 2,
      cells: [
        { key: 'A', number: 1, rank: 'Letkol Inf', idText: 'NRP. 11020012340379' },
        { key: 'B', number: 2, institution: '' },
      ],
    });
  });
});

describe('tally of the deklarasi', () => {
  it('counts its boxes from page readings (pure tally)', () => {
    const pages = dkPages(manifest);
    const signed = new Set(['78091045', '11020012340379']);
    const readings = pages.map((p, i) => ({
      source: { file: 'scan.pdf', page: i + 1 },
      status: 'identified',
      code: p.code,
      boxes: p.boxes.map((b) => ({
        key: b.key,
        number: b.number,
        side: b.side,
        decision: signed.has(b.key) || b.key.startsWith('DK-') ? 'signed' : 'unsigned',
        score: 0.5,
      })),
    })) as unknown as PageReading[];
    const r = tally(manifest, readings);
    expect(r.deklarasi).toHaveLength(22);
    expect(r.summary.deklarasi).toMatchObject({ people: 22, signed: 3, unsigned: 19, notScanned: 0 });
    expect(r.deklarasi.find((p) => p.key.startsWith('DK-'))).toMatchObject({
      name: 'Yunaldi, S.Sos.',
      status: 'signed',
    });
    // The signing sheets and the pakta are untouched by the deklarasi's boxes.
    expect(r.summary.signed).toBe(0);
    expect(r.summary.pakta.signed).toBe(0);
    expect(r.people).toHaveLength(32);
  });

  it('applies the clerk’s override to a signer listed only in the event file (key DK-…)', () => {
    const pages = dkPages(manifest);
    const readings = pages.map((p, i) => ({
      source: { file: 'scan.pdf', page: i + 1 },
      status: 'identified',
      code: p.code,
      boxes: p.boxes.map((b) => ({
        key: b.key,
        number: b.number,
        side: b.side,
        decision: b.key.startsWith('DK-') ? 'uncertain' : 'unsigned',
        score: 0.5,
      })),
    })) as unknown as PageReading[];
    const dk = manifest.signers![0]!;
    const { overrides, problems } = parseOverrides(
      `key;dokumen;keputusan\r\n${dk.key};deklarasi;signed\r\n`,
      'overrides.csv',
      manifest,
    );
    expect(problems).toEqual([]);
    const r = tally(manifest, readings, [], overrides);
    expect(r.deklarasi.find((p) => p.key === dk.key)).toMatchObject({ status: 'signed', manual: true });
  });

  it('counts signatures on simulated scans of deklarasi.pdf (ikrar tally end to end)', async () => {
    const pages = dkPages(manifest);
    const scans = path.join(tmp, 'scans');
    mkdirSync(scans, { recursive: true });
    const truth = new Map<string, string>();
    for (let i = 0; i < pages.length; i++) {
      const p: ManifestPage = pages[i]!;
      const sim = await simulate(
        100 + i,
        path.join(out, 'deklarasi.pdf'),
        p.page,
        p,
        { kind: 'scanner', dpi: 200, output: 'png' },
        { signed: 0.6, ticks: 0, dots: 0, spill: false, stamps: false },
      );
      for (const [k, t] of sim.truth) truth.set(k, t);
      writeFileSync(path.join(scans, `dk-${i + 1}.${sim.ext}`), sim.bytes);
    }
    const run = await runTally({ manifest: path.join(out, 'manifest.json'), scans: [scans] });
    const r = run.result;
    expect(r.deklarasi).toHaveLength(22);
    const wantSigned = [...truth]
      .filter(([, t]) => t === 'signed')
      .map(([k]) => k)
      .sort();
    expect(wantSigned.length).toBeGreaterThan(5);
    const gotSigned = r.deklarasi
      .filter((p) => p.status === 'signed')
      .map((p) => p.key)
      .sort();
    // Every real signature is found, and no empty cell is read as signed (the cells are framed apart).
    expect(gotSigned).toEqual(wantSigned);
    expect(r.summary.deklarasi.signed).toBe(gotSigned.length);
    expect(r.summary.deklarasi.notScanned).toBe(0);
    expect(r.summary.pages.identified).toBe(pages.length);
    // The printable recap carries the deklarasi's figures.
    const rekap = path.join(tmp, 'rekap-dk');
    await run.write(rekap);
    expect(pdfText(path.join(rekap, 'rekap.pdf'))).toContain(`Deklarasi: ${gotSigned.length} dari 22 penanda tangan`);
  }, 180_000);
});
