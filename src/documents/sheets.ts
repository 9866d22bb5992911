/**
 * Signing sheets (lembar tanda tangan / daftar hadir): one document per unit.
 * Order: units in the order of their first appearance in the roster; people within a unit in
 * roster order; numbers 1.. restart in each unit. Same roster → same order → same page serials.
 */
import type { EventConfig } from '../model/event.js';
import type { MarkupDocument } from '../model/markup.js';
import type { Person } from '../model/person.js';
import { officerFor, unitKey } from '../check/check.js';
import type { TemplateEngine } from '../templates/engine.js';
import { eventData, letterheadOf, officialData, personData, slug, type EventData, type OfficialData, type PersonData } from './common.js';

export interface UnitGroup {
  /** 1-based position of the unit in roster order. */
  index: number;
  name: string;
  people: Person[];
}

/** Groups people by unit: units in order of first appearance, people in roster order. */
export function groupByUnit(people: Person[]): UnitGroup[] {
  const byUnit = new Map<string, UnitGroup>();
  const order: UnitGroup[] = [];
  for (const p of people) {
    const k = unitKey(p.unit);
    let g = byUnit.get(k);
    if (!g) {
      g = { index: order.length + 1, name: p.unit, people: [] };
      byUnit.set(k, g);
      order.push(g);
    }
    g.people.push(p);
  }
  return order;
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
export function buildSheet(engine: TemplateEngine, group: UnitGroup, event: EventConfig, ev?: EventData): MarkupDocument {
  const doc = engine.render('lembar-ttd', sheetData(group, event, ev), letterheadOf(event));
  doc.kind = 'sheets';
  doc.unit = group.name;
  return doc;
}
