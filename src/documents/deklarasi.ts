/**
 * The joint declaration (deklarasi bersama): one document for the event, signed by many — the
 * roster people the event's `deklarasi.signers` rule selects (in roster order), then the people
 * listed under `deklarasi.people` (in file order). Each signs in a cell of a signature grid.
 */
import { createHash } from 'node:crypto';
import type { DeklarasiSigner, EventConfig } from '../model/event.js';
import type { ManifestPerson } from '../model/manifest.js';
import type { MarkupDocument } from '../model/markup.js';
import type { Person } from '../model/person.js';
import { selectDeklarasiSigners } from '../check/check.js';
import { formatNip } from '../roster/nip.js';
import type { TemplateEngine } from '../templates/engine.js';
import { clean, eventData, letterheadOf, officialData, upper, type EventData, type OfficialData } from './common.js';

/** One signer of the deklarasi, from the roster or from the event file. */
export interface DeklarasiEntry {
  key: string;
  nip: string | null;
  /** Full name with titles. */
  name: string;
  position: string;
  /** Instansi: the roster's unit, or the event file's institution. */
  institution: string;
  kind: string;
  /** TNI/Polri rank as written, PNS rank name; null for none (village heads, guests, regional heads). */
  rank: string | null;
  /** "NRP. 85071234" / "NIP. 19680512 199403 1 006"; null for none. */
  idText: string | null;
  /** The roster person; null for a signer listed in the event file. */
  person: Person | null;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Deterministic key of a signer listed in the event file: "DK-" + 8 base32 characters of sha256. */
export function listedSignerKey(s: DeklarasiSigner): string {
  const h = createHash('sha256').update(`${s.name}|${s.position}|${s.institution}`, 'utf8').digest();
  let out = '';
  for (let i = 0; i < 8; i++) out += BASE32[h[i]! & 31];
  return `DK-${out}`;
}

function fromPerson(p: Person): DeklarasiEntry {
  const service = p.kind === 'TNI' || p.kind === 'Polri';
  const nameOnly = p.kind === 'kepala-desa' || p.kind === 'tamu';
  let rank: string | null = null;
  if (!nameOnly && p.rank) rank = service ? clean(p.rank.raw) : p.rank.name ? clean(p.rank.name) : null;
  let idText: string | null = null;
  if (p.nip && !nameOnly) idText = `NIP. ${formatNip(p.nip)}`;
  else if (p.nrp) idText = `NRP. ${p.nrp}`;
  return {
    key: p.key,
    nip: p.nip,
    name: clean(p.fullName),
    position: clean(p.position),
    institution: clean(p.unit),
    kind: p.kind,
    rank,
    idText,
    person: p,
  };
}

/** Everyone who signs the deklarasi, in order: roster people by the rule, then the listed ones. */
export function deklarasiEntries(people: Person[], event: EventConfig): DeklarasiEntry[] {
  if (!event.deklarasi) return [];
  const out = selectDeklarasiSigners(people, event).map(fromPerson);
  const used = new Set(out.map((e) => e.key));
  for (const s of event.deklarasi.people) {
    const base = listedSignerKey(s);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    out.push({
      key,
      nip: null,
      name: clean(s.name),
      position: clean(s.position),
      institution: clean(s.institution),
      kind: 'tamu',
      rank: null,
      idText: null,
      person: null,
    });
  }
  return out;
}

/** The signers listed in the event file, as manifest people (the roster's are in manifest.people). */
export function listedManifestPeople(entries: DeklarasiEntry[]): ManifestPerson[] {
  return entries
    .filter((e) => e.person === null)
    .map((e) => ({ key: e.key, nip: null, name: e.name, unit: e.institution, position: e.position, kind: e.kind }));
}

export interface DeklarasiCellData {
  key: string;
  nip: string | null;
  number: number;
  name: string;
  position: string;
  institution: string;
  rank: string | null;
  idText: string | null;
  kind: string;
}

export interface DeklarasiData {
  event: EventData;
  /** Heading lines (the title split at line breaks), in capitals. */
  titleLines: string[];
  /** The event file's paragraphs; empty → the template's default declaration text. */
  text: string[];
  columns: number;
  signers: DeklarasiCellData[];
  count: number;
  witnesses: OfficialData[];
  /** Witnesses two to a row: left and right (right null for an odd last one). */
  witnessRows: { left: OfficialData; right: OfficialData | null }[];
  witnessLabel: string;
}

export function deklarasiData(
  entries: DeklarasiEntry[],
  event: EventConfig,
  ev: EventData = eventData(event),
): DeklarasiData {
  const dk = event.deklarasi!;
  const witnesses = dk.witnesses.map(officialData);
  const witnessRows: DeklarasiData['witnessRows'] = [];
  for (let i = 0; i < witnesses.length; i += 2)
    witnessRows.push({ left: witnesses[i]!, right: witnesses[i + 1] ?? null });
  return {
    event: ev,
    titleLines: clean(dk.title)
      .split(/\r?\n/)
      .map((l) => upper(l.trim()))
      .filter(Boolean),
    text: dk.text.map(clean).filter(Boolean),
    columns: dk.columns,
    signers: entries.map((e, i) => ({
      key: e.key,
      nip: e.nip,
      number: i + 1,
      name: e.name,
      position: e.position,
      institution: e.institution,
      rank: e.rank,
      idText: e.idText,
      kind: e.kind,
    })),
    count: entries.length,
    witnesses,
    witnessRows,
    witnessLabel: dk.witnessLabel,
  };
}

export function buildDeklarasi(
  engine: TemplateEngine,
  entries: DeklarasiEntry[],
  event: EventConfig,
  ev?: EventData,
): MarkupDocument {
  const doc = engine.render('deklarasi', deklarasiData(entries, event, ev), letterheadOf(event));
  doc.kind = 'deklarasi';
  return doc;
}
