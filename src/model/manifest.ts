/**
 * manifest.json — written by render, read by tally. Geometry is in PDF points with the origin at the
 * TOP-LEFT of the page, y growing downwards. It is the same data the drawing used.
 */
import { z } from 'zod';
import type { SignedDocument } from './documents.js';
export type Rect = [x: number, y: number, w: number, h: number];

/** A finite number (NaN and Infinity are not positions). */
export const finiteNumber = z.number().finite();
export const rectSchema = z.tuple([finiteNumber, finiteNumber, finiteNumber, finiteNumber]);

/**
 * One signature box: the layout records it while placing it, the drawing draws it, render copies it
 * into manifest.json, the tally validates it with this schema. The one box type, derived from it.
 */
export const manifestBoxSchema = z.object({
  key: z.string().min(1),
  nip: z.string().nullable(),
  /** Row number printed on the sheet (1-based within the unit); 1 for pakta. */
  number: z.number().int(),
  /** 'pakta' also for a cell of the deklarasi's signature grid (one signer's box). */
  side: z.enum(['left', 'right', 'pakta']),
  /** The whole signing area for this person (inside the printed borders). */
  rect: rectSchema,
  /** Where the printed number label sits inside rect (to be discounted when measuring). */
  label: rectSchema.optional(),
});
export type ManifestBox = z.infer<typeof manifestBoxSchema>;

export interface ManifestPage {
  /** Text inside the page's QR codes, e.g. "IK2-ABCDEF-000012-QX4T" (src/model/pagecode.ts). */
  code: string;
  serial: number;
  document: SignedDocument;
  /** Output file relative to the render folder, e.g. "lembar-ttd.pdf". */
  file: string;
  /** 1-based page within that file. */
  page: number;
  unit: string;
  /** Page size in points. */
  size: [w: number, h: number];
  /**
   * Centres of the registration marks, in the order of MARK_NAMES (src/model/pagecode.ts): TL, TR,
   * BR, BL, middle-left, middle-right (a version-1 manifest has the first four).
   */
  marks: [number, number][];
  /** Side length of each (square, filled) registration mark. */
  markSize: number;
  /**
   * Every printed copy of the page code: the square it occupies (quiet zone included) and the QR
   * symbol's own square inside it, where the scanner finds its corners (version 1 manifests have
   * one `qr` square; the tally derives this from it when it loads one).
   */
  qrs: ManifestQr[];
  boxes: ManifestBox[];
}

export interface ManifestQr {
  square: Rect;
  symbol: Rect;
}

export interface ManifestPerson {
  key: string;
  nip: string | null;
  name: string; // full name with titles
  unit: string;
  position: string;
  kind: string;
}

export interface Manifest {
  format: 'ikrar-manifest';
  /** 2 since the page furniture for the return leg (two page codes, six marks, content-bound codes). */
  version: 1 | 2;
  generator: string;
  event: {
    code: string;
    title: string;
    label: string; // election label + year
    date: string;
    region: string;
    government: string;
    file: string; // event file name (basename)
  };
  /** sha256 of the roster file's bytes. */
  rosterHash: string;
  paper: string;
  people: ManifestPerson[];
  pages: ManifestPage[];
  /**
   * People who sign the deklarasi but are not in the roster (listed in the event file; keys "DK-…").
   * Present only when there are any.
   */
  signers?: ManifestPerson[];
  /**
   * What the documents made after the apel (the berita acara of `ikrar tally`) need from the event
   * file. Optional: manifests written before it existed have none (tally then needs --event).
   */
  eventDetails?: ManifestEventDetails;
}

/** An official as recorded in the manifest (null rather than absent). */
export interface ManifestOfficial {
  name: string;
  position: string;
  prefix: string | null;
  rank: string | null;
  nip: string | null;
  regionalHead: boolean;
}

export interface ManifestEventDetails {
  government: {
    name: string;
    region: string;
    kind: 'kabupaten' | 'kota' | 'provinsi';
    /** The emblem, relative to the manifest's folder with "/" separators; null for none. */
    logo: string | null;
  };
  office: { name: string; addressLines: string[] };
  election: { label: string; year: number };
  ceremony: {
    date: string;
    time: string;
    until: string;
    timeZone: 'WIB' | 'WITA' | 'WIT';
    place: string;
    city: string;
  };
  pledge: { institution: string };
  reader: ManifestOfficial;
  witnesses: ManifestOfficial[];
  /** The event file's beritaAcara: as written (null = the default applies). */
  beritaAcara: {
    number: string | null;
    signer: ManifestOfficial | null;
    witness: ManifestOfficial | null;
    witnessLabel: string | null;
  };
  font: 'sans' | 'serif';
  /** The event file's extra: (templates see it as event.extra). */
  extra: Record<string, unknown>;
}

/** Folder inside a render's output that keeps the manifests of earlier renders (src/render/previous.ts). */
export const PREVIOUS_MANIFESTS_DIR = 'manifest-lama';
