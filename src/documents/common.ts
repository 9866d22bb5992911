/**
 * What every template gets about the event, and the shapes shared by the document modules.
 * Template data never holds `undefined` (strict templates treat a missing key as a mistake):
 * absent values are null or ''.
 */
import type { EventConfig, Official } from '../model/event.js';
import type { Person } from '../model/person.js';
import type { LetterheadDefault } from '../templates/markup.js';
import { formatNip } from '../roster/nip.js';
import { formatNrp } from '../roster/nrp.js';
import { rankLabel } from '../roster/rank.js';
import { formatDateId, formatTime, placeDate } from '../util/dates.js';

/** An official as templates see it (signature blocks). */
export interface OfficialData {
  name: string;
  position: string;
  prefix: string | null;
  /** Rank name; null for a regional head. */
  rank: string | null;
  /** Digits; null for a regional head or when not given. */
  nip: string | null;
  /** "19681104 199303 1 009" or null. */
  nipText: string | null;
  /** TNI / Polri officials: the NRP; null otherwise. */
  nrp: string | null;
  regionalHead: boolean;
  /** Position lines as printed above the signature, upper-case, the last ending with ",". */
  titleLines: string[];
}

export interface EventData {
  title: string;
  code: string;
  government: { name: string; region: string; kind: string; logo: string | null };
  office: { name: string; addressLines: string[] };
  election: { label: string; year: number };
  /** "Pemilihan Serentak Tahun 2024". */
  label: string;
  ceremony: {
    date: string;
    time: string;
    until: string;
    timeZone: string;
    place: string;
    city: string;
    /** "Senin" */
    day: string;
    /** "4 November 2024" */
    dateText: string;
    /** "Senin, 4 November 2024" */
    dateLong: string;
    /** "Sukamara, 4 November 2024" */
    placeDate: string;
    /** "07.30 WIB" */
    timeText: string;
    /** "07.30 WIB s.d. selesai" */
    timeRange: string;
  };
  pledge: { institution: string };
  reader: OfficialData;
  witnesses: OfficialData[];
  programme: string[];
  extra: Record<string, unknown>;
}

/** Upper-case the Indonesian way (no locale surprises such as a dotless i). */
export function upper(s: string): string {
  return s.toLocaleUpperCase('id-ID');
}

/** Removes control characters a template must never see (they would confuse the markup's line markers). */
export function clean(s: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (s ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

const REGIONAL_HEAD =
  /^(?:(?:pj|plt|plh)\.?\s+|penjabat\s+|pelaksana\s+tugas\s+|pelaksana\s+harian\s+)?(?:wakil\s+)?(?:bupati|wali\s*kota|walikota|gubernur)\b/i;

/** True for a position held by a regional head (signs with name only). */
export function isRegionalHeadPosition(position: string): boolean {
  return REGIONAL_HEAD.test(position.trim());
}

/** "a.n. Bupati Sukamara\nSekretaris Daerah" → ["a.n. BUPATI SUKAMARA", "SEKRETARIS DAERAH,"]. */
export function titleLines(position: string, prefix?: string | null): string[] {
  const lines = clean(position)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map(upper);
  if (!lines.length) return [];
  const p = clean(prefix);
  if (p) lines[0] = `${p} ${lines[0]}`;
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/[,\s]+$/, '') + ',';
  return lines;
}

export function officialData(o: Official): OfficialData {
  const head = o.regionalHead;
  const nip = !head && o.nip ? o.nip.replace(/\D/g, '') || null : null;
  return {
    name: clean(o.name),
    position: clean(o.position),
    prefix: clean(o.prefix) || null,
    rank: !head && o.rank ? clean(o.rank) || null : null,
    nip,
    nipText: nip ? formatNip(nip) : null,
    nrp: !head && o.nrp ? o.nrp : null,
    regionalHead: head,
    titleLines: titleLines(o.position, o.prefix),
  };
}

function untilText(until: string, zone: string): string {
  const u = until.trim();
  if (/^\d{1,2}[.:]\d{2}$/.test(u)) return formatTime(u, zone);
  return u || 'selesai';
}

export function eventData(e: EventConfig): EventData {
  const c = e.ceremony;
  const timeText = formatTime(c.time, c.timeZone);
  return {
    title: clean(e.title),
    code: e.code,
    government: {
      name: clean(e.government.name),
      region: clean(e.government.region),
      kind: e.government.kind,
      logo: e.government.logo ?? null,
    },
    office: { name: clean(e.office.name), addressLines: e.office.addressLines.map(clean).filter(Boolean) },
    election: { label: clean(e.election.label), year: e.election.year },
    label: `${clean(e.election.label)} Tahun ${e.election.year}`,
    ceremony: {
      date: c.date,
      time: c.time,
      until: c.until,
      timeZone: c.timeZone,
      place: clean(c.place),
      city: clean(c.city),
      day: formatDateId(c.date, { weekday: true }).split(',')[0]!,
      dateText: formatDateId(c.date),
      dateLong: formatDateId(c.date, { weekday: true }),
      placeDate: placeDate(clean(c.city), c.date),
      timeText,
      timeRange: `${timeText} s.d. ${untilText(c.until, c.timeZone)}`,
    },
    pledge: { institution: clean(e.pledge.institution) },
    reader: officialData(e.reader),
    witnesses: e.witnesses.map(officialData),
    programme: e.programme.map(clean).filter(Boolean),
    extra: e.extra ?? {},
  };
}

/**
 * The letterhead a bare <letterhead/> is filled with: government name, office name, address lines
 * (sizes in about the 2:3:1 proportion of the tata naskah dinas, kept readable), and the emblem.
 */
export function letterheadOf(e: EventConfig): LetterheadDefault {
  const lines: LetterheadDefault['lines'] = [];
  if (clean(e.government.name)) lines.push({ text: upper(clean(e.government.name)), size: 14, bold: true });
  if (clean(e.office.name)) lines.push({ text: upper(clean(e.office.name)), size: 16, bold: true });
  for (const a of e.office.addressLines) if (clean(a)) lines.push({ text: clean(a), size: 10, bold: false });
  const lh: LetterheadDefault = { lines };
  if (e.government.logo) lh.logo = e.government.logo;
  return lh;
}

/** A person as templates see it. */
export interface PersonData {
  key: string;
  nip: string | null;
  /** "19860926 201505 1 001", or "-" for none. */
  nipText: string;
  /** TNI / Polri: the NRP (digits); null for everyone else. */
  nrp: string | null;
  /** Which identifier the person's documents show: "NIP" (ASN, non-ASN), "NRP" (TNI, Polri), null (village head, guest). */
  idLabel: 'NIP' | 'NRP' | null;
  /** The identifier as printed: the spaced NIP, the NRP, or "-" for none. */
  idText: string;
  /** Label of the rank line in an identity block: "Pangkat/Golongan", "Pangkat" (TNI, Polri), null (none: village head, guest). */
  rankField: string | null;
  /** Whose neutrality, for headings: "PEGAWAI APARATUR SIPIL NEGARA", "PRAJURIT TENTARA NASIONAL INDONESIA", "ANGGOTA KEPOLISIAN NEGARA REPUBLIK INDONESIA", "KEPALA DESA". */
  groupTitle: string;
  /** The same in running text: "pegawai ASN", "prajurit TNI", "anggota Polri", "kepala desa". */
  groupName: string;
  name: string;
  frontTitle: string;
  backTitle: string;
  /** "Penata Muda Tk. I, III/b" / "Golongan IX" / "-". */
  rank: string;
  /** Rank name alone for signature blocks ("Penata Muda Tingkat I"), or null (PPPK, none). */
  rankName: string | null;
  golongan: string | null;
  position: string;
  unit: string;
  kind: string;
  regionalHead: boolean;
  /** Every roster column by its header. */
  columns: Record<string, string>;
}

const GROUPS: Record<'ASN' | 'TNI' | 'Polri' | 'kepala-desa', { groupTitle: string; groupName: string }> = {
  ASN: { groupTitle: 'PEGAWAI APARATUR SIPIL NEGARA', groupName: 'pegawai ASN' },
  TNI: { groupTitle: 'PRAJURIT TENTARA NASIONAL INDONESIA', groupName: 'prajurit TNI' },
  Polri: { groupTitle: 'ANGGOTA KEPOLISIAN NEGARA REPUBLIK INDONESIA', groupName: 'anggota Polri' },
  'kepala-desa': { groupTitle: 'KEPALA DESA', groupName: 'kepala desa' },
};

/** The identifier a person's documents show: NIP for ASN (and non-ASN staff, as "-"), NRP for TNI/Polri, none for village heads and guests. */
export function idLabelOf(p: Person): 'NIP' | 'NRP' | null {
  if (p.nip) return 'NIP';
  if (p.kind === 'TNI' || p.kind === 'Polri') return 'NRP';
  if (p.kind === 'kepala-desa' || p.kind === 'tamu') return null;
  return 'NIP';
}

export function personData(p: Person): PersonData {
  return {
    key: p.key,
    nip: p.nip,
    nipText: p.nip ? formatNip(p.nip) : '-',
    nrp: p.nrp ?? null,
    idLabel: idLabelOf(p),
    idText: p.nip ? formatNip(p.nip) : p.nrp ? formatNrp(p.nrp) : '-',
    rankField:
      p.kind === 'TNI' || p.kind === 'Polri'
        ? 'Pangkat'
        : (p.kind === 'kepala-desa' || p.kind === 'tamu') && !p.rank
          ? null
          : 'Pangkat/Golongan',
    ...GROUPS[p.kind === 'TNI' || p.kind === 'Polri' || p.kind === 'kepala-desa' ? p.kind : 'ASN'],
    name: clean(p.fullName),
    frontTitle: clean(p.frontTitle),
    backTitle: clean(p.backTitle),
    rank: rankLabel(p.rank),
    rankName: p.rank?.name ? clean(p.rank.name) : null,
    golongan: p.rank?.golongan ?? null,
    position: clean(p.position),
    unit: clean(p.unit),
    kind: p.kind,
    regionalHead: isRegionalHeadPosition(p.position),
    columns: { ...p.columns },
  };
}

/** A file-name-safe slug: lower-case ASCII letters, digits and "-", at most `max` characters. */
export function slug(s: string, max = 60): string {
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return out || 'x';
}
