/**
 * Pakta integritas: one document per signer (who signs is the event's rule, see selectPaktaSigners),
 * in roster order.
 */
import type { EventConfig } from '../model/event.js';
import type { MarkupDocument } from '../model/markup.js';
import type { Person } from '../model/person.js';
import type { TemplateEngine } from '../templates/engine.js';
import {
  eventData,
  letterheadOf,
  officialData,
  personData,
  slug,
  type EventData,
  type OfficialData,
  type PersonData,
} from './common.js';

export interface PaktaData {
  event: EventData;
  signer: PersonData;
  /** The witness on the left; null when the event has none. */
  witness: OfficialData | null;
  /** "Mengetahui," / "Saksi,". */
  witnessLabel: string;
  meterai: boolean;
  /** 1-based position among the signers. */
  index: number;
  count: number;
}

export function paktaData(
  person: Person,
  index: number,
  count: number,
  event: EventConfig,
  ev: EventData = eventData(event),
): PaktaData {
  const witness = event.pakta.witness ?? event.witnesses[0];
  return {
    event: ev,
    signer: personData(person),
    witness: witness ? officialData(witness) : null,
    witnessLabel: event.pakta.witnessLabel,
    meterai: event.pakta.meterai,
    index,
    count,
  };
}

/** "198609262015051001-budi-santoso.pdf" (the key when there is no NIP). */
export function paktaFileName(person: Person): string {
  return `${slug(person.nip ?? person.key, 40)}-${slug(person.name || person.fullName)}.pdf`;
}

export function buildPakta(
  engine: TemplateEngine,
  person: Person,
  index: number,
  count: number,
  event: EventConfig,
  ev?: EventData,
): MarkupDocument {
  const doc = engine.render('pakta-integritas', paktaData(person, index, count, event, ev), letterheadOf(event));
  doc.kind = 'pakta';
  doc.unit = person.key;
  return doc;
}
