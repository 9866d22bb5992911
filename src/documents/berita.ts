/**
 * Berita acara (official minutes) of the apel: made by `ikrar tally`, once, from the tally's result —
 * the same TallyResult rekap.json carries, so the figures agree with it to the person (manual
 * decisions included) — and the event's data.
 *
 * The event's data comes from the event file (tally --event) or from what render recorded in
 * manifest.json (`eventDetails`, see src/model/manifest.ts). Both go through the same EventConfig,
 * so the template sees the same fields either way.
 */
import path from 'node:path';
import type { EventConfig, Official } from '../model/event.js';
import type { Manifest, ManifestEventDetails, ManifestOfficial } from '../model/manifest.js';
import type { MarkupDocument } from '../model/markup.js';
import type { Counts, TallyResult } from '../model/tally.js';
import type { TemplateEngine } from '../templates/engine.js';
import { clean, eventData, letterheadOf, officialData, type EventData, type OfficialData } from './common.js';

export const BERITA_TEMPLATE = 'berita-acara';
export const BERITA_FILE = 'berita-acara.pdf';
export const DEFAULT_BERITA_WITNESS_LABEL = 'Mengetahui,';

/** Counts as the berita acara template sees them. */
export interface BeritaCounts extends Counts {
  /** people − signed: everyone who still has to take the pledge and sign (unsigned, uncertain, not scanned). */
  notSigned: number;
  /** "83,3%". */
  percentText: string;
}

export interface BeritaUnit extends BeritaCounts {
  /** 1-based, in the order of rekap.json (roster order). */
  number: number;
  name: string;
}

export interface BeritaData {
  event: EventData;
  /** "800/498/BKPSDM.2/XI/2024", or null: the template prints a dotted line to fill in by hand. */
  number: string | null;
  /** Who read the pledge (pembina apel). */
  reader: OfficialData;
  /** Signs on the right. */
  signer: OfficialData;
  /** Signs on the left under witnessLabel; null when there is nobody. */
  witness: OfficialData | null;
  witnessLabel: string;
  units: BeritaUnit[];
  total: BeritaCounts;
  /** Pakta integritas figures; null when the event had no pakta signers. */
  pakta: BeritaCounts | null;
}

// ------------------------------------------------------------------ who signs

function sameOfficial(a: Official, b: Official): boolean {
  const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a.name) === norm(b.name) && norm(a.position) === norm(b.position);
}

/**
 * Right: beritaAcara.signer, else the reader. Left: beritaAcara.witness, else the first witness who
 * is not the signer (a Pj. Bupati who read the pledge does not also sign "Mengetahui" under himself).
 */
export function beritaSigners(event: EventConfig): {
  signer: Official;
  witness: Official | null;
  witnessLabel: string;
} {
  const ba = event.beritaAcara;
  const signer = ba?.signer ?? event.reader;
  const witness = ba?.witness ?? event.witnesses.find((w) => !sameOfficial(w, signer)) ?? null;
  return { signer, witness, witnessLabel: clean(ba?.witnessLabel) || DEFAULT_BERITA_WITNESS_LABEL };
}

/** beritaAcara.number; for event files made before it existed, extra.nomorBeritaAcara. */
export function beritaNumber(event: EventConfig): string | null {
  const n = clean(event.beritaAcara?.number);
  if (n) return n;
  const legacy = event.extra?.['nomorBeritaAcara'];
  if (typeof legacy === 'string' && clean(legacy)) return clean(legacy);
  return null;
}

// ------------------------------------------------------------------ figures

function percentText(n: number): string {
  return `${n.toFixed(1).replace('.', ',')}%`;
}

function counts(c: Counts): BeritaCounts {
  return {
    people: c.people,
    signed: c.signed,
    unsigned: c.unsigned,
    uncertain: c.uncertain,
    notScanned: c.notScanned,
    percent: c.percent,
    notSigned: c.people - c.signed,
    percentText: percentText(c.percent),
  };
}

export function beritaData(result: TallyResult, event: EventConfig, ev: EventData = eventData(event)): BeritaData {
  const s = result.summary;
  const { signer, witness, witnessLabel } = beritaSigners(event);
  return {
    event: ev,
    number: beritaNumber(event),
    reader: ev.reader,
    signer: officialData(signer),
    witness: witness ? officialData(witness) : null,
    witnessLabel,
    units: s.units.map((u, i) => ({ number: i + 1, name: clean(u.unit), ...counts(u) })),
    total: counts(s),
    pakta: s.pakta.people > 0 ? counts(s.pakta) : null,
  };
}

/** The berita acara as a markup document (template berita-acara.hbs). */
export function buildBerita(engine: TemplateEngine, data: BeritaData, event: EventConfig): MarkupDocument {
  const doc = engine.render(BERITA_TEMPLATE, data, letterheadOf(event));
  doc.kind = 'berita';
  delete doc.unit;
  return doc;
}

// ------------------------------------------------------------------ manifest.json ↔ event

function toManifestOfficial(o: Official): ManifestOfficial {
  return {
    name: o.name,
    position: o.position,
    prefix: o.prefix ?? null,
    rank: o.rank ?? null,
    nip: o.nip ?? null,
    regionalHead: o.regionalHead,
  };
}

function fromManifestOfficial(o: ManifestOfficial): Official {
  const out: Official = { name: o.name, position: o.position, regionalHead: o.regionalHead };
  if (o.prefix) out.prefix = o.prefix;
  if (o.rank) out.rank = o.rank;
  if (o.nip) out.nip = o.nip;
  return out;
}

/** "a\\b" → "a/b": manifest paths are written the same on every system. */
function posix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * What render records in manifest.json for the berita acara. The emblem is stored relative to the
 * manifest's folder (`outDir`), so the render folder and the event folder may move together; no
 * absolute path (machine-specific, and it would break byte-identical manifests) is written.
 */
export function eventDetailsOf(event: EventConfig, outDir: string): ManifestEventDetails {
  const logo = event.government.logo
    ? posix(path.relative(path.resolve(outDir), path.resolve(event.dir, event.government.logo)))
    : null;
  const ba = event.beritaAcara;
  return {
    government: { name: event.government.name, region: event.government.region, kind: event.government.kind, logo },
    office: { name: event.office.name, addressLines: [...event.office.addressLines] },
    election: { label: event.election.label, year: event.election.year },
    ceremony: { ...event.ceremony },
    pledge: { institution: event.pledge.institution },
    reader: toManifestOfficial(event.reader),
    witnesses: event.witnesses.map(toManifestOfficial),
    beritaAcara: {
      number: ba?.number ?? null,
      signer: ba?.signer ? toManifestOfficial(ba.signer) : null,
      witness: ba?.witness ? toManifestOfficial(ba.witness) : null,
      witnessLabel: ba?.witnessLabel ?? null,
    },
    font: event.font,
    extra: event.extra ?? {},
  };
}

/**
 * The event as far as the berita acara needs it, rebuilt from a manifest's eventDetails. `dir` is
 * the manifest's folder (the logo is relative to it). Settings the berita acara does not use
 * (pakta rules, sheet officers, roster columns) are left at neutral values.
 */
export function eventFromDetails(manifest: Manifest, details: ManifestEventDetails, manifestFile: string): EventConfig {
  const dir = path.resolve(path.dirname(manifestFile));
  const paper = (['f4', 'a4', 'letter'] as const).find((p) => p === manifest.paper.toLowerCase()) ?? 'f4';
  const event: EventConfig = {
    file: manifest.event.file,
    dir,
    government: { name: details.government.name, region: details.government.region, kind: details.government.kind },
    office: { name: details.office.name, addressLines: [...details.office.addressLines] },
    election: { ...details.election },
    title: manifest.event.title,
    code: manifest.event.code,
    ceremony: { ...details.ceremony },
    reader: fromManifestOfficial(details.reader),
    witnesses: details.witnesses.map(fromManifestOfficial),
    pakta: { signers: 'none', witnessLabel: DEFAULT_BERITA_WITNESS_LABEL, meterai: false },
    sheets: { officers: {} },
    pledge: { ...details.pledge },
    programme: [],
    paper,
    font: details.font,
    columns: {},
    extra: details.extra,
  };
  if (details.government.logo) event.government.logo = details.government.logo;
  const b = details.beritaAcara;
  const ba: NonNullable<EventConfig['beritaAcara']> = {};
  if (b.number) ba.number = b.number;
  if (b.signer) ba.signer = fromManifestOfficial(b.signer);
  if (b.witness) ba.witness = fromManifestOfficial(b.witness);
  if (b.witnessLabel) ba.witnessLabel = b.witnessLabel;
  event.beritaAcara = ba;
  return event;
}
