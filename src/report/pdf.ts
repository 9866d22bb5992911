/**
 * rekap.pdf: the printable recap of a tally, made like the berita acara (src/report/berita.ts):
 * template rekap.hbs (overridable with --templates) → markup → layoutDocument → PdfWriter, in the
 * event's font, paper and letterhead. The wording lives in the template; this module gives it the
 * figures — the same TallyResult as rekap.json — and the lists of who still must sign.
 *
 * Also what the other pdfkit report (proof.ts, bukti.pdf) shares: the font folder, the pinned date,
 * collecting a document's bytes.
 */
import type { EventConfig } from '../model/event.js';
import type { Manifest } from '../model/manifest.js';
import type { MarkupDocument } from '../model/markup.js';
import type { TallyPerson, TallyResult } from '../model/tally.js';
import { beritaData, eventFromDetails, type BeritaData } from '../documents/berita.js';
import { letterheadOf, type EventData } from '../documents/common.js';
import { tallyDocument, tallyPdf } from './berita.js';
import { percentText, spacedNip, STATUS_WORDS, stillToSign } from './format.js';

export { REPORT_FONT_DIR } from './font-dir.js';

export const PINNED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export const REKAP_TEMPLATE = 'rekap';
export const REKAP_FILE = 'rekap.pdf';

/** A person in one of the rekap's lists of who still must sign. */
export interface RekapPerson {
  number: number;
  name: string;
  /** "19860926 201505 1 001", or "-" without one. */
  nip: string;
  /** "Belum TTD", "Perlu diperiksa (manual)", … */
  status: string;
}

export interface RekapData {
  event: EventData;
  /** Per unit and in total, as the berita acara counts them (and rekap.json). */
  units: BeritaData['units'];
  total: BeritaData['total'];
  pakta: BeritaData['pakta'];
  /** null when the event had no deklarasi signers. */
  deklarasi: { people: number; signed: number; percentText: string; left: RekapPerson[] } | null;
  pages: {
    scanned: number;
    identified: number;
    duplicate: number;
    unidentified: number;
    foreign: number;
    blank: number;
    missing: number;
  };
  /** Every unit, in the order of rekap.json, with who of it still must sign the sheet. */
  stillToSign: { number: number; name: string; people: number; count: number; list: RekapPerson[] }[];
  /** Pakta integritas still to sign, by unit (none when all are signed or there are none). */
  paktaLeft: { name: string; list: RekapPerson[] }[];
}

const people = (list: TallyPerson[]): RekapPerson[] =>
  list.map((p, i) => ({
    number: i + 1,
    name: p.name,
    nip: spacedNip(p.nip) || '-',
    status: STATUS_WORDS[p.status] + (p.manual ? ' (manual)' : ''),
  }));

export function rekapData(result: TallyResult, event: EventConfig): RekapData {
  const s = result.summary;
  const b = beritaData(result, event);
  const paktaLeft = new Map<string, TallyPerson[]>();
  for (const p of stillToSign(result.pakta)) paktaLeft.set(p.unit, [...(paktaLeft.get(p.unit) ?? []), p]);
  return {
    event: b.event,
    units: b.units,
    total: b.total,
    pakta: b.pakta,
    deklarasi: result.deklarasi.length
      ? {
          people: s.deklarasi.people,
          signed: s.deklarasi.signed,
          percentText: percentText(s.deklarasi.percent),
          left: people(stillToSign(result.deklarasi)),
        }
      : null,
    pages: { ...s.pages, missing: s.missingPages.length },
    stillToSign: s.units.map((u, i) => {
      const list = people(stillToSign(result.people.filter((p) => p.unit === u.unit)));
      return { number: i + 1, name: b.units[i]!.name, people: u.people, count: list.length, list };
    }),
    paktaLeft: [...paktaLeft].map(([name, list]) => ({ name, list: people(list) })),
  };
}

/**
 * The event the rekap is printed for: the berita acara's (the event file, else manifest.json's
 * eventDetails); for a manifest from an older ikrar without them, what its `event` names, with no
 * letterhead emblem and the default font.
 */
export function rekapEvent(manifest: Manifest, manifestFile: string, event: EventConfig | undefined): EventConfig {
  if (event) return event;
  const e = manifest.event;
  return eventFromDetails(
    manifest,
    {
      government: { name: e.government, region: e.region, kind: 'kabupaten', logo: null },
      office: { name: '', addressLines: [] },
      election: {
        label: e.label.replace(/\s+Tahun\s+\d{4}$/, ''),
        year: Number(/(\d{4})$/.exec(e.label)?.[1] ?? e.date.slice(0, 4)),
      },
      ceremony: { date: e.date, time: '07.30', until: 'selesai', timeZone: 'WIB', place: '', city: e.region },
      pledge: { institution: '' },
      reader: { name: '', position: '', prefix: null, rank: null, nip: null, regionalHead: false },
      witnesses: [],
      beritaAcara: { number: null, signer: null, witness: null, witnessLabel: null },
      font: 'sans',
      extra: {},
    },
    manifestFile,
  );
}

/**
 * rekap.hbs run over the tally's figures: the markup document, or an IkrarError (file:line) for a
 * mistake in the clerk's template. (An unusable letterhead emblem is the berita acara's warning.)
 */
export function rekapDocument(result: TallyResult, event: EventConfig, templates?: string): MarkupDocument {
  return tallyDocument(
    REKAP_FILE,
    (engine) => engine.render(REKAP_TEMPLATE, rekapData(result, event), letterheadOf(event)),
    event,
    templates,
  ).doc;
}

/** Lays out and draws the rekap; deterministic. */
export function rekapPdf(doc: MarkupDocument, event: EventConfig, paper: string): Promise<Buffer> {
  return tallyPdf(doc, event, paper, `Rekapitulasi ${event.title}`);
}

/** The bytes a pdfkit document writes, once it has ended (call before drawing anything). */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
