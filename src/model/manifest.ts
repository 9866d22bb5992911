/**
 * manifest.json — written by render, read by tally. Geometry is in PDF points with the origin at the
 * TOP-LEFT of the page, y growing downwards. It is the same data the drawing used.
 */
export type Rect = [x: number, y: number, w: number, h: number];

export interface ManifestBox {
  key: string;
  nip: string | null;
  /** Row number printed on the sheet (1-based within the unit); 1 for pakta. */
  number: number;
  side: 'left' | 'right' | 'pakta';
  /** The whole signing area for this person (inside the printed borders). */
  rect: Rect;
  /** Where the printed number label sits inside rect (to be discounted when measuring). */
  label?: Rect;
}

export interface ManifestPage {
  /** Text inside the page's QR code, e.g. "IK1-ABCDEF-000012-7Q". */
  code: string;
  serial: number;
  document: 'sheets' | 'pakta';
  /** Output file relative to the render folder, e.g. "lembar-ttd.pdf". */
  file: string;
  /** 1-based page within that file. */
  page: number;
  unit: string;
  /** Page size in points. */
  size: [w: number, h: number];
  /** Centres of the four registration marks: TL, TR, BR, BL. */
  marks: [number, number][];
  /** Side length of each (square, filled) registration mark. */
  markSize: number;
  /** The QR code's square: x, y, side. */
  qr: Rect;
  boxes: ManifestBox[];
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
  version: 1;
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
}
