/** The clerk's rules over roster columns (pakta.signers, sheets.heads, units): column lookup and matching. */
import type { PersonRule } from '../model/event.js';
import type { Person } from '../model/person.js';
import { patternMatches } from '../event/pattern.js';

/** Unit names compare case- and space-insensitively ("Dinas  Pendidikan" = "dinas pendidikan"). */
export function unitKey(unit: string): string {
  return unit.toLowerCase().replace(/\s+/g, ' ').trim();
}

function headerWant(column: string): string {
  return column.toLowerCase().replace(/[\s_]+/g, '');
}

/** Column lookup by header, ignoring case and spaces (rules are typed by hand). */
export function columnValue(person: Person, column: string): string | undefined {
  const want = headerWant(column);
  for (const [header, value] of Object.entries(person.columns)) {
    if (headerWant(header) === want) return value;
  }
  // The recognised fields are always available under their own names.
  const fields: Record<string, string> = {
    name: person.name,
    nama: person.name,
    position: person.position,
    jabatan: person.position,
    unit: person.unit,
    unitkerja: person.unit,
    kind: person.kind,
    nip: person.nip ?? '',
    golongan: person.rank?.golongan ?? '',
  };
  return fields[want];
}

/** The roster header a rule's column names (as written in the roster), or undefined. */
export function columnHeader(person: Person, column: string): string | undefined {
  const want = headerWant(column);
  return Object.keys(person.columns).find((h) => headerWant(h) === want);
}

export function ruleMatches(person: Person, rule: PersonRule): boolean {
  const value = columnValue(person, rule.column) ?? '';
  if (rule.matches !== undefined && !patternMatches(rule.matches, value)) return false;
  if (rule.in !== undefined) {
    const v = value.toLowerCase().trim();
    if (!rule.in.some((x) => x.toLowerCase().trim() === v)) return false;
  }
  return true;
}
