/**
 * Test pages for recognition: real signing-sheet pages drawn by the project's own paginator and
 * PdfWriter (same geometry, same furniture as `ikrar render`), plus the matching Manifest.
 * Test-only.
 */
import { PassThrough } from 'node:stream';
import { layoutDocument } from '../../src/layout/layout.js';
import { pageSpec } from '../../src/layout/pages.js';
import { loadMetrics } from '../../src/draw/fonts.js';
import { PdfWriter } from '../../src/draw/pdf.js';
import type { Manifest, ManifestPage } from '../../src/model/manifest.js';
import type { MarkupDocument, SigningRow } from '../../src/model/markup.js';
import { codeFor, manifestPage } from '../../src/render/render.js';

export interface SheetSet {
  pdf: Buffer;
  manifest: Manifest;
}

const NAMES = [
  'Budi Santoso',
  'Siti Rahmawati',
  'Yohana br. Sitompul',
  'Ahmad Fauzan',
  'Dewi Lestari',
  'Rudi Hartono',
  'Maria Ulfa',
  'Hendra Gunawan',
  'Nur Aini',
  'Agus Salim',
];

export function makeRows(unit: string, n: number, seed = 0): SigningRow[] {
  const rows: SigningRow[] = [];
  for (let i = 1; i <= n; i++) {
    const nip = `1986092620150510${String((i + seed) % 100).padStart(2, '0')}`;
    rows.push({
      key: `${unit.slice(0, 3).toLowerCase()}-${i}`,
      nip,
      number: i,
      name: `${NAMES[(i + seed) % NAMES.length]}, S.Pd.`,
      nipText: `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`,
      rank: 'Penata Muda Tk. I (III/b)',
      position: i % 4 === 0 ? 'Pengelola Layanan Operasional pada Subbagian Umum' : 'Guru Ahli Pertama',
    });
  }
  return rows;
}

/** Draw the signing sheets of the given units; serials run from `firstSerial`. */
export async function makeSheets(opts: {
  eventCode: string;
  units: { name: string; people: number }[];
  paper?: 'f4' | 'a4';
  firstSerial?: number;
}): Promise<SheetSet> {
  const paper = opts.paper ?? 'f4';
  const spec = pageSpec(paper, 'sans', true);
  const metrics = loadMetrics('sans');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new PdfWriter({ font: 'sans', title: 'Daftar Hadir', output: out });
  const pages: ManifestPage[] = [];
  let serial = (opts.firstSerial ?? 1) - 1;
  let pageNo = 0;
  const people: Manifest['people'] = [];
  for (const [ui, unit] of opts.units.entries()) {
    const rows = makeRows(unit.name, unit.people, ui * 7);
    for (const r of rows)
      people.push({ key: r.key, nip: r.nip, name: r.name, unit: unit.name, position: r.position, kind: 'PNS' });
    const doc: MarkupDocument = {
      kind: 'sheets',
      unit: unit.name,
      footer: unit.name,
      pageNumbers: true,
      blocks: [
        { type: 'heading', runs: [{ text: 'DAFTAR HADIR', bold: true }], align: 'center', size: 14 },
        { type: 'heading', runs: [{ text: 'APEL IKRAR NETRALITAS ASN', bold: true }], align: 'center' },
        {
          type: 'fields',
          rows: [
            { label: 'Hari/Tanggal', value: [{ text: 'Senin, 4 November 2024' }] },
            { label: 'Tempat', value: [{ text: 'Halaman Kantor Bupati' }] },
          ],
        },
        { type: 'signing-table', unit: unit.name, rows },
      ],
    };
    for (const page of layoutDocument(doc, spec, metrics)) {
      const code = codeFor(opts.eventCode, ++serial, page, 'sheets', unit.name);
      writer.addPage(page, code);
      pageNo++;
      pages.push(manifestPage(page, code, serial, 'sheets', 'lembar-ttd.pdf', pageNo, unit.name));
    }
  }
  await writer.end();
  const manifest: Manifest = {
    format: 'ikrar-manifest',
    version: 2,
    generator: 'test',
    rosterHash: 'a'.repeat(64),
    paper,
    event: {
      code: opts.eventCode,
      title: 'Apel Ikrar Netralitas ASN',
      label: 'Pemilihan Serentak 2024',
      date: '2024-11-04',
      region: 'Sukamara',
      government: 'PEMERINTAH KABUPATEN SUKAMARA',
      file: 'event.yaml',
    },
    people,
    pages,
  };
  return { pdf: Buffer.concat(chunks), manifest };
}
