/** The people model shared by roster reading, documents, manifest and tally. */
/**
 * PNS and PPPK (ASN, with a NIP); TNI soldiers and Polri officers (with an NRP); village heads
 * (wali nagari, kepala desa: no identifier); non-ASN staff (PPNPN, honorer: none); guests (none).
 */
export type PersonKind = 'PNS' | 'PPPK' | 'non-ASN' | 'TNI' | 'Polri' | 'kepala-desa' | 'tamu';

export interface Rank {
  /** Normalised golongan/ruang: 'III/b' for PNS, 'IX' for PPPK. */
  golongan: string;
  /** Rank name for PNS ('Penata Muda Tingkat I'); undefined for PPPK. */
  name?: string;
  /** What the roster said, untouched. */
  raw: string;
}

export interface Person {
  /**
   * Stable unique key within the roster: the NIP when there is one, the NRP for TNI/Polri, otherwise a deterministic
   * id derived from unit + name (+ a suffix when that is not unique). Same roster → same keys.
   */
  key: string;
  /** 1-based line (CSV) or row (XLSX) the person came from. */
  row: number;
  /** Digits only (18, or 9 for an old NIP); null for non-ASN. Never a number. */
  nip: string | null;
  /** TNI / Polri: the NRP as digits (null for everyone else). Never a number. */
  nrp: string | null;
  /** The name as given (case untouched), without titles. */
  name: string;
  frontTitle: string;
  backTitle: string;
  /** Composed: "Dr. Zefnihan, S.Pd., M.Si." */
  fullName: string;
  rank: Rank | null;
  /** Jabatan. */
  position: string;
  /** Unit kerja / OPD, as given (trimmed, inner spaces collapsed). */
  unit: string;
  kind: PersonKind;
  sex: 'L' | 'P' | null;
  /** Eselon of a structural post, normalised ("II.b"), when the roster has an eselon column and states one. */
  eselon?: string;
  /** Every column of the row by its original header, for rules in the event file. */
  columns: Record<string, string>;
}
