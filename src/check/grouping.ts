/**
 * Which roster column gives OPD-sized units. In SIASN's export `UNOR NAMA` is a person's own, lowest
 * unit (a Seksi or Sub Bagian of a few people) and `UNOR INDUK NAMA` the unit above it: grouped by
 * the first, a kabupaten's roster makes hundreds of tiny "units". `check` warns of that and names the
 * column to use; `init --from-siasn` writes it into the new event file.
 */
import type { Person } from '../model/person.js';
import { HEADER_ALIASES, headerKey } from '../roster/headers.js';
import { unitKey } from './rules.js';

/** A unit of fewer people than this is "very small": a Seksi or Sub Bagian, hardly ever an OPD. */
export const SMALL_UNIT = 10;

/** Headers that may name a unit: the unit aliases and SIASN's organisation columns. */
const UNIT_HEADERS = new Set(
  [
    ...HEADER_ALIASES.unit,
    'UNOR INDUK NAMA',
    'UNOR INDUK',
    'SATUAN KERJA KERJA NAMA',
    'SATUAN KERJA INDUK NAMA',
    'INSTANSI KERJA NAMA',
    'SUB UNIT KERJA',
    'UNIT KERJA INDUK',
    'OPD INDUK',
  ].map(headerKey),
);

export interface Grouping {
  /** The roster header (as written), or undefined for the people's units as they stand. */
  column?: string;
  units: number;
  /** Units of fewer than SMALL_UNIT people. */
  small: number;
}

/** More units than a regional government has OPDs, kecamatan and kelurahan together. */
export const MAX_OPD_UNITS = 150;

/** Many units, most of them very small, or hundreds of them: the roster is grouped below the OPD level. */
export function isFragmented(g: Grouping): boolean {
  return (g.units >= 20 && g.small * 2 >= g.units) || g.units > MAX_OPD_UNITS;
}

/** Sizes of a grouping given each person's unit name. */
function measure(names: Iterable<string>, column?: string): Grouping {
  const sizes = new Map<string, number>();
  for (const n of names) {
    const k = unitKey(n);
    sizes.set(k, (sizes.get(k) ?? 0) + 1);
  }
  let small = 0;
  for (const s of sizes.values()) if (s < SMALL_UNIT) small++;
  const g: Grouping = { units: sizes.size, small };
  if (column !== undefined) g.column = column;
  return g;
}

/** The people's units as they stand (after `units:`). */
export function currentGrouping(people: Person[]): Grouping {
  return measure(people.map((p) => p.unit));
}

/**
 * The finest unit-like column of the roster that is not fragmented and makes more than one unit
 * (a column empty for more than a tenth of the people is not considered); undefined when none is.
 */
export function proposeGrouping(people: Person[]): Grouping | undefined {
  if (people.length === 0) return undefined;
  const candidates = Object.keys(people[0]!.columns).filter((h) => UNIT_HEADERS.has(headerKey(h)));
  const found: Grouping[] = [];
  for (const column of candidates) {
    const values = people.map((p) => (p.columns[column] ?? '').trim());
    const empty = values.filter((v) => v === '').length;
    if (empty * 10 > people.length) continue;
    const g = measure(
      values.filter((v) => v !== ''),
      column,
    );
    if (g.units > 1 && !isFragmented(g)) found.push(g);
  }
  found.sort((a, b) => b.units - a.units);
  return found[0];
}
