/**
 * Signing sheets (lembar tanda tangan / daftar hadir): one document per unit.
 * Order: units as the event's units.order lists them, the rest (or all, without it) in the order of
 * their first appearance in the roster (src/check/units.ts); people within a unit in roster order;
 * numbers 1.. restart in each unit. Same inputs → same order → same page serials.
 */
import type { EventConfig } from '../model/event.js';
import type { MarkupDocument } from '../model/markup.js';
import type { Person } from '../model/person.js';
import { officerFor } from '../check/check.js';
import { groupUnits, type UnitGroup } from '../check/units.js';
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

export type { UnitGroup };

/** Groups people by unit, in sheet order (src/check/units.ts decides it); people in roster order. */
export function groupByUnit(people: Person[], event?: EventConfig): UnitGroup[] {
  return groupUnits(people, event);
}

export interface SheetRowData extends PersonData {
  /** Row number printed on the sheet (1-based within the unit). */
  number: number;
  /** "ganjil" rows sign left, "genap" rows sign right (zig-zag). */
  side: 'left' | 'right';
}

export interface SheetData {
  event: EventData;
  unit: { name: string; index: number; slug: string; count: number };
  /** The officer who signs this unit's sheet, or null when the event names none. */
  officer: OfficialData | null;
  /** Head of the identifier column: "NIP", or "NIP/NRP" when the unit has TNI or Polri members. */
  idHeader: string;
  rows: SheetRowData[];
}

/** File name of a unit's own PDF: "03-dinas-pendidikan.pdf" (numbers padded to the unit count). */
export function unitFileName(group: UnitGroup, unitCount: number): string {
  const width = Math.max(2, String(unitCount).length);
  return `${String(group.index).padStart(width, '0')}-${slug(group.name)}.pdf`;
}

export function sheetData(group: UnitGroup, event: EventConfig, ev: EventData = eventData(event)): SheetData {
  const officer = officerFor(group.name, event, group.people);
  return {
    event: ev,
    unit: { name: group.name, index: group.index, slug: slug(group.name), count: group.people.length },
    officer: officer ? officialData(officer) : null,
    idHeader: group.people.some((p) => p.nrp) ? (group.people.some((p) => p.nip) ? 'NIP/NRP' : 'NRP') : 'NIP',
    rows: group.people.map((p, i) => ({ ...personData(p), number: i + 1, side: i % 2 === 0 ? 'left' : 'right' })),
  };
}

/** The unit's signing sheet as a markup document (template lembar-ttd.hbs). */
export function buildSheet(
  engine: TemplateEngine,
  group: UnitGroup,
  event: EventConfig,
  ev?: EventData,
): MarkupDocument {
  const doc = engine.render('lembar-ttd', sheetData(group, event, ev), letterheadOf(event));
  doc.kind = 'sheets';
  doc.unit = group.name;
  return doc;
}
