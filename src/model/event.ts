/** The validated event file (YAML or JSON). Produced by src/event, consumed by documents and CLI. */
export type TimeZoneLabel = 'WIB' | 'WITA' | 'WIT';
export type PaperName = 'f4' | 'a4' | 'letter';
export type FontName = 'sans' | 'serif';

/** Someone who signs a block: reader of the pledge, witness, unit officer. */
export interface Official {
  name: string; // with titles, as printed: "Dr. H. Kaspinor, S.E., M.Si."
  /** Position as printed above the signature, e.g. "Penjabat Bupati Sukamara". */
  position: string;
  /** Rank name, e.g. "Pembina Utama Muda" (omitted for regional heads). */
  rank?: string;
  nip?: string; // digits only
  /** TNI / Polri officials (Dandim, Kapolres): the NRP, digits only. */
  nrp?: string;
  /** Regional head (Bupati, Wakil, Pj/Plt/Plh Bupati, Wali Kota, Gubernur): signs with name only. */
  regionalHead: boolean;
  /** Delegation prefix printed before the position: "a.n.", "Plt.", "Pj.", "Plh.". */
  prefix?: string;
}

/** A rule over roster columns, e.g. { column: 'JABATAN', matches: '^Kepala ' }. All conditions must hold. */
export interface PersonRule {
  column: string;
  /** Case-insensitive regular expression the column's value must match. */
  matches?: string;
  /** Exact values (case-insensitive) the column may have. */
  in?: string[];
}

export interface EventConfig {
  /** The file it was read from (as given) and its directory (absolute) for resolving paths. */
  file: string;
  dir: string;
  government: {
    /** "PEMERINTAH KABUPATEN SUKAMARA" — first letterhead line. */
    name: string;
    /** "Sukamara" — used in place-date lines and pledge point 1. */
    region: string;
    kind: 'kabupaten' | 'kota' | 'provinsi';
    /** Absolute path to the emblem image (PNG/JPEG), or undefined for none. */
    logo?: string;
  };
  /** The office issuing the documents (second letterhead line and address). */
  office: {
    name: string; // "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"
    addressLines: string[]; // "Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172"
  };
  election: {
    /** "Pemilihan Serentak" / "Pemilu dan Pemilihan" / "Pemilihan Gubernur, Bupati dan Wali Kota". */
    label: string;
    year: number;
  };
  /** Event title for the sheets: "Apel Ikrar Netralitas ASN". */
  title: string;
  /** Short code used in page codes; derived when not given (6 chars, A–Z 2–7). */
  code: string;
  ceremony: {
    /** ISO date YYYY-MM-DD, a calendar date in the event's zone (never converted). */
    date: string;
    /** "07.30" local time. */
    time: string;
    /** "selesai" or "09.00". */
    until: string;
    timeZone: TimeZoneLabel;
    place: string;
    /** City for the place-date line: "Sukamara". Defaults to government.region. */
    city: string;
  };
  /** Reads the pledge aloud (pembina apel). */
  reader: Official;
  witnesses: Official[];
  pakta: {
    /** 'all' roster people, 'none', 'heads' (each unit's head, as check finds it: src/check/heads.ts), or people matching every rule in the list. */
    signers: SignerRule;
    /** The witness block on the left ("Saksi"/"Mengetahui"); defaults to the first witness. */
    witness?: Official;
    witnessLabel: string; // "Mengetahui," or "Saksi,"
    meterai: boolean;
  };
  sheets: {
    /** Officer who signs each unit's sheet, by unit name (case-insensitive); default for the rest. */
    officers: Record<string, Official>;
    /**
     * Rules that find each unit's head in the roster (e.g. JABATAN matches "^Kepala "): the head signs
     * the unit's sheet when sheets.officers names nobody for it. Absent: no head is looked for.
     */
    heads?: PersonRule[];
    defaultOfficer?: Official;
  };
  pledge: {
    /** Institution named in point 1; default "di lingkungan Pemerintah Kabupaten <region>". */
    institution: string;
  };
  /** Optional programme (susunan acara) printed before the reading script. */
  programme: string[];
  paper: PaperName;
  font: FontName;
  /** `units:` — how people are grouped into sheets (one sheet set per unit); absent: by the roster's unit column. */
  units?: UnitsConfig;
  /** Roster column mapping: person field → header in the roster, for headers not recognised. */
  columns: Partial<Record<RosterField, string>>;
  /** Sheet name for XLSX rosters (first sheet when absent). */
  sheet?: string;
  /** Anything extra the clerk put under `extra:` — available to templates as `event.extra`. */
  extra: Record<string, unknown>;
  /** The berita acara `ikrar tally` writes (optional: without it, defaults apply). */
  beritaAcara?: BeritaAcaraConfig;
  /** The joint declaration (deklarasi bersama); absent → no deklarasi.pdf. */
  deklarasi?: DeklarasiConfig;
}

/** A unit name (exact, case- and space-insensitive) or a pattern (`matches:`, as in signer rules). */
export interface UnitMatch {
  names?: string[];
  matches?: string;
}

/** `units.merge` item: units whose name matches go onto the sheets of `into` (an OPD). */
export interface UnitMerge extends UnitMatch {
  into: string;
}

/**
 * `units:` of the event file. `column`: the roster column whose value is a person's unit (e.g. SIASN's
 * `UNOR INDUK NAMA`, the OPD above the person's own `UNOR NAMA`); `merge`: unit names folded into an
 * OPD (first match wins); `order`: the order of the sheets (organisation chart), units not listed
 * after those listed, in roster order.
 */
export interface UnitsConfig {
  column?: string;
  merge: UnitMerge[];
  order: UnitMatch[];
  /** Line of each key path read (`units.column`, `units.order[2]` …), for cross-checks against the roster. */
  lines: Record<string, number>;
}

/** Someone who signs the joint declaration without being in the roster (from the event file). */
export interface DeklarasiSigner {
  name: string;
  position: string;
  /** Instansi: "Komisi Pemilihan Umum Kabupaten Sijunjung". */
  institution: string;
}

/**
 * `deklarasi:` of the event file: a joint declaration (deklarasi bersama) signed by many — the text
 * once, then a grid of signature blocks. Without it no deklarasi.pdf is made.
 */
/** Who of the roster signs a document: everyone, nobody, each unit's head, or people matching every rule. */
export type SignerRule = 'all' | 'none' | 'heads' | PersonRule[];

export interface DeklarasiConfig {
  /** Heading lines; default "DEKLARASI NETRALITAS". */
  title: string;
  /** Paragraphs of the declaration; empty → the template's default declaration text. */
  text: string[];
  /** Who of the roster signs: 'all', 'none', 'heads', or people matching every rule (like pakta.signers). */
  signers: SignerRule;
  /** Signers from the event file, after those from the roster. */
  people: DeklarasiSigner[];
  /** Signature blocks per row: 2 or 3. */
  columns: 2 | 3;
  /** Witnesses at the end; default: the event's witnesses. */
  witnesses: Official[];
  /** "Mengetahui," (default) or "Saksi-saksi,". */
  witnessLabel: string;
}

/** `beritaAcara:` of the event file: the minutes' number and who signs them. */
export interface BeritaAcaraConfig {
  /** "800/498/BKPSDM.2/XI/2024"; absent → a dotted line to fill in by hand. */
  number?: string;
  /** Signs on the right; default: the reader (pembina apel). */
  signer?: Official;
  /** Signs on the left under witnessLabel; default: the first witness who is not the signer. */
  witness?: Official;
  /** "Mengetahui," (default) or "Saksi,". */
  witnessLabel?: string;
}

export type RosterField =
  | 'nip'
  | 'nrp'
  | 'nipLama'
  | 'name'
  | 'frontTitle'
  | 'backTitle'
  | 'rank'
  | 'position'
  | 'unit'
  | 'kind'
  | 'sex'
  | 'key'
  | 'eselon';
