/**
 * Units: which sheet set each person is on, and in which order the units come. The one place that
 * decides both — `check` lists, and `render` prints and numbers, exactly these groups.
 *
 * A person's unit is the value of `units.column` (e.g. SIASN's UNOR INDUK NAMA) or, without it (or
 * where that cell is empty), the roster's unit column; then `units.merge` may fold it into an OPD.
 * Units are ordered by the first `units.order` item they match, the rest after them; ties (and every
 * unit without an order) in the order of their first appearance in the roster.
 */
import type { EventConfig, UnitMatch } from '../model/event.js';
import type { Person } from '../model/person.js';
import type { Problem } from '../model/problems.js';
import { closest } from '../event/closest.js';
import { patternMatches } from '../event/pattern.js';
import { headerKey } from '../roster/headers.js';
import { columnHeader, columnValue, unitKey } from './rules.js';

export interface UnitGroup {
  /** 1-based position of the unit in sheet order. */
  index: number;
  name: string;
  people: Person[];
}

/** Whether a unit name is one an order or merge item names (exactly, ignoring case and spaces) or matches. */
export function unitMatches(item: UnitMatch, name: string): boolean {
  const k = unitKey(name);
  if (item.names?.some((n) => unitKey(n) === k)) return true;
  return item.matches !== undefined && patternMatches(item.matches, name);
}

/** The OPD a unit name goes into by `units.merge` (first match), or the name itself. */
function mergedName(name: string, event: EventConfig): string {
  const m = event.units?.merge.find((x) => unitMatches(x, name));
  return m ? m.into : name;
}

/**
 * People with `unit` set to the unit whose sheets they sign (`units.column`, then `units.merge`).
 * A units column the roster lacks is an error; people whose cell in it is empty keep their own unit
 * (one warning). Without `units:` the people are returned as they are.
 */
export function assignUnits(
  people: Person[],
  event: EventConfig,
  rosterFile: string,
): { people: Person[]; problems: Problem[] } {
  const u = event.units;
  if (!u || (u.column === undefined && u.merge.length === 0) || people.length === 0) return { people, problems: [] };
  const problems: Problem[] = [];
  const column = u.column;
  if (column !== undefined && columnHeader(people[0]!, column) === undefined) {
    const headers = Object.keys(people[0]!.columns);
    const near = nearestHeader(column, headers);
    const p: Problem = {
      severity: 'error',
      code: 'units-column-missing',
      file: event.file,
      field: 'units.column',
      message: `the roster ${rosterFile} has no column "${column}" to group people into units by`,
      hint: near
        ? `did you mean "${near}"? Write the header exactly as in the roster`
        : `write one of the roster's headers: ${headers.join(', ')}`,
      params: {
        column,
        roster: rosterFile,
        near: near ?? '',
        headers: headers.join(', '),
        _h: near ? 'near' : 'headers',
      },
    };
    const line = u.lines['units.column'];
    if (line !== undefined) p.line = line;
    return { people, problems: [p] };
  }
  let empty = 0;
  let firstEmpty: Person | undefined;
  const out = people.map((p) => {
    let unit = p.unit;
    if (column !== undefined) {
      const v = (columnValue(p, column) ?? '').replace(/\s+/g, ' ').trim();
      if (v) unit = v;
      else {
        empty++;
        firstEmpty ??= p;
      }
    }
    unit = mergedName(unit, event);
    return unit === p.unit ? p : { ...p, unit };
  });
  if (firstEmpty && column !== undefined) {
    problems.push({
      severity: 'warning',
      code: 'units-column-empty',
      file: rosterFile,
      line: firstEmpty.row,
      field: columnHeader(firstEmpty, column) ?? column,
      message: `${empty} ${empty === 1 ? 'person has' : 'people have'} nothing in the column "${column}" (the first on line ${firstEmpty.row}); they stay in their own unit`,
      hint: `fill in the column in the roster, or name their OPD under units.merge in ${event.file}`,
      params: { n: empty, column, line: firstEmpty.row, event: event.file },
    });
  }
  return { people: out, problems };
}

/** "UNOR INDUK" → "UNOR INDUK NAMA" (a header it begins, the name column first), else the closest by spelling. */
function nearestHeader(column: string, headers: string[]): string | undefined {
  const want = headerKey(column);
  const starts = headers.filter((h) => want !== '' && headerKey(h).startsWith(want));
  return starts.find((h) => headerKey(h).endsWith('NAMA')) ?? starts[0] ?? closest(column, headers);
}

/** The units in sheet order; people within a unit in roster order. */
export function groupUnits(people: Person[], event?: EventConfig): UnitGroup[] {
  const byUnit = new Map<string, UnitGroup>();
  const groups: UnitGroup[] = [];
  for (const p of people) {
    const k = unitKey(p.unit);
    let g = byUnit.get(k);
    if (!g) {
      g = { index: 0, name: p.unit, people: [] };
      byUnit.set(k, g);
      groups.push(g);
    }
    g.people.push(p);
  }
  const order = event?.units?.order ?? [];
  if (order.length) {
    const rank = new Map(groups.map((g, i) => [g, { item: rankOf(order, g.name), first: i }]));
    groups.sort((a, b) => rank.get(a)!.item - rank.get(b)!.item || rank.get(a)!.first - rank.get(b)!.first);
  }
  groups.forEach((g, i) => {
    g.index = i + 1;
  });
  return groups;
}

function rankOf(order: UnitMatch[], name: string): number {
  const i = order.findIndex((item) => unitMatches(item, name));
  return i < 0 ? order.length : i;
}

/** `units.order` items that match no unit: a typo or a unit not in this roster (warnings). */
export function unusedOrderItems(groups: UnitGroup[], event: EventConfig, rosterFile: string): Problem[] {
  const order = event.units?.order ?? [];
  const names = groups.map((g) => g.name);
  return order.flatMap((item, i) => {
    if (names.some((n) => unitMatches(item, n))) return [];
    const what = item.matches !== undefined ? `the pattern "${item.matches}"` : `"${item.names!.join('", "')}"`;
    const near = item.names ? closest(item.names[0]!, names) : undefined;
    const p: Problem = {
      severity: 'warning',
      code: 'units-order-unknown',
      file: event.file,
      field: `units.order[${i + 1}]`,
      message: `no unit of the roster ${rosterFile} is ${what}`,
      hint: near ? `did you mean "${near}"?` : 'write the unit name exactly as check lists it',
      params: { what, roster: rosterFile, near: near ?? '', _h: near ? 'near' : 'exact' },
    };
    const line = event.units!.lines[`units.order[${i + 1}]`];
    if (line !== undefined) p.line = line;
    return [p];
  });
}
