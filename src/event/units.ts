/**
 * `units:` of the event file — how people are grouped into sheets:
 *
 *   units:
 *     column: UNOR INDUK NAMA          # the roster column that names a person's unit (OPD)
 *     merge:                           # unit names (or patterns) → the OPD whose sheets they sign
 *       - matches: ^UPT Puskesmas
 *         into: Dinas Kesehatan
 *       - in: [Kelurahan Mendawai, Kelurahan Padang]
 *         into: Kecamatan Sukamara
 *     order:                           # the order of the sheets; a name, or { matches: pattern }
 *       - Sekretariat Daerah
 *       - matches: ^Dinas
 */
import { isMap, isScalar } from 'yaml';
import type { UnitMatch, UnitMerge, UnitsConfig } from '../model/event.js';
import { patternFault } from './pattern.js';
import type { Field, Reader } from './reader.js';

export const UNITS_KEYS = {
  units: ['column', 'merge', 'order'],
  merge: ['name', 'in', 'matches', 'into'],
  order: ['name', 'in', 'matches'],
} as const;

const ALIASES: Record<string, Record<string, string>> = {
  units: { kolom: 'column', gabung: 'merge', gabungkan: 'merge', map: 'merge', urutan: 'order', urut: 'order' },
  merge: {
    nama: 'name',
    unit: 'name',
    names: 'in',
    pola: 'matches',
    cocok: 'matches',
    match: 'matches',
    regex: 'matches',
    ke: 'into',
    opd: 'into',
    menjadi: 'into',
    to: 'into',
  },
  order: {
    nama: 'name',
    unit: 'name',
    names: 'in',
    pola: 'matches',
    cocok: 'matches',
    match: 'matches',
    regex: 'matches',
  },
};

/** Reads `units:`; undefined when absent or empty (problems go to the reader). */
export function readUnits(r: Reader, f: Field | undefined): UnitsConfig | undefined {
  if (!f || r.isEmpty(f)) return undefined;
  const m = r.map(f, UNITS_KEYS.units, {
    aliases: ALIASES.units!,
    what: `a group of keys (${UNITS_KEYS.units.join(', ')})`,
  });
  if (!m) return undefined;
  const lines: Record<string, number> = {};
  const out: UnitsConfig = { merge: [], order: [], lines };
  const column = r.str(m.column, { what: 'the roster column header, e.g. UNOR INDUK NAMA' });
  if (column) {
    out.column = column;
    const l = r.line(m.column!);
    if (l !== undefined) lines['units.column'] = l;
  }
  for (const it of (m.merge && !r.isEmpty(m.merge)
    ? r.list(m.merge, { what: 'a list of merges (name: or matches:, and into:)' })
    : undefined) ?? []) {
    const item = readMatch(r, it, 'merge');
    if (item) out.merge.push(item as UnitMerge);
  }
  for (const it of (m.order && !r.isEmpty(m.order)
    ? r.list(m.order, { single: true, what: 'a list of unit names' })
    : undefined) ?? []) {
    const item = readMatch(r, it, 'order');
    if (item) {
      out.order.push(item);
      const l = r.line(it);
      if (l !== undefined) lines[it.path] = l;
    }
  }
  return out;
}

/** A name (plain text, order only) or a map with name:, in: or matches: (and into: for a merge). */
function readMatch(r: Reader, f: Field, kind: 'merge' | 'order'): UnitMatch | UnitMerge | undefined {
  const n = r.deref(f.node);
  if (kind === 'order' && n && isScalar(n)) {
    const s = r.str(f, { what: 'a unit name' });
    return s ? { names: [s] } : undefined;
  }
  if (!n || !isMap(n)) {
    const example =
      kind === 'merge'
        ? 'e.g. - { matches: "^UPT Puskesmas", into: Dinas Kesehatan }'
        : 'e.g. - Sekretariat Daerah, or - matches: "^Dinas "';
    r.error(
      f,
      'event-wrong-type',
      `expected ${kind === 'merge' ? 'name: (or in:, matches:) and into:' : 'a unit name or matches:'}, found ${r.describe(n)}`,
      example,
    );
    return undefined;
  }
  const m = r.map(f, UNITS_KEYS[kind], { aliases: ALIASES[kind]!, what: 'a unit (name:, in: or matches:)' });
  if (!m) return undefined;
  let ok = true;
  const item: UnitMatch = {};
  const names: string[] = [];
  const name = r.str(m.name, { what: 'a unit name' });
  if (name) names.push(name);
  if (m.in) names.push(...r.strList(m.in, 'a unit name'));
  if (names.length) item.names = names;
  if (m.matches && !r.isEmpty(m.matches)) {
    const mn = r.deref(m.matches.node);
    // Not trimmed: a pattern's spaces matter ("^Dinas " is not "^Dinas").
    const s =
      mn && isScalar(mn) && typeof mn.value === 'string'
        ? mn.value.replace(/\r/g, '')
        : r.str(m.matches, { what: 'a pattern' });
    const bad = s ? patternFault(s) : undefined;
    if (bad) {
      ok = false;
      r.error(
        m.matches,
        'event-bad-regex',
        bad.message,
        'check brackets and backslashes; | separates alternatives, ^ anchors at the start',
        bad.params,
      );
    } else if (s) item.matches = s;
  }
  if (!item.names && item.matches === undefined) {
    ok = false;
    if (!r.problems.some((p) => p.field?.startsWith(f.path))) {
      r.error(
        { path: f.path, node: null, keyLine: f.keyLine },
        'event-missing',
        'a unit needs name:, in: or matches:',
        'e.g. name: Kelurahan Padang, or matches: "^Kelurahan "',
      );
    }
  }
  if (kind === 'order') return ok ? item : undefined;
  const into = r.str(m.into, { what: 'the OPD the unit goes into' });
  if (!into) {
    ok = false;
    if (!m.into) r.require(f, m, 'into', 'the OPD whose sheets these people sign, e.g. Dinas Kesehatan');
    else r.missing(m.into, f, 'the OPD, e.g. Dinas Kesehatan');
  }
  return ok ? { ...item, into: into! } : undefined;
}
