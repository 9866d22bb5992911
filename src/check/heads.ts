/**
 * A unit's head, found the way a clerk would (when the event has `sheets.heads`):
 *   1. by eselon, where the roster has an eselon column: the highest eselon in the unit (II.a > II.b >
 *      III.a > …); among several of that eselon, the one whose jabatan names the unit, else the first;
 *   2. else by a jabatan that names the unit: "Kepala <unit>", "Camat <…>" for Kecamatan <…>,
 *      "Lurah <…>" for Kelurahan <…>, "Sekretaris Daerah", "Sekretaris DPRD", "Inspektur", "Direktur <RSUD …>";
 *   3. only then the `sheets.heads` rules (the first match in roster order).
 * The head signs the unit's sheet when `sheets.officers` names nobody for it.
 */
import type { EventConfig, PersonRule } from '../model/event.js';
import type { Person } from '../model/person.js';
import { parseEselon } from '../roster/eselon.js';
import { ruleMatches, unitKey } from './rules.js';

export type HeadSource = 'eselon' | 'jabatan' | 'rule';

export interface UnitHead {
  person: Person;
  by: HeadSource;
  /** Others found the same way (a tie in eselon, several jabatan or rule matches), roster order. */
  rivals: Person[];
}

/** "Plt. Kepala Dinas X Kabupaten Sukamara" → "kepala dinas x". */
function plain(s: string): string {
  return unitKey(s)
    .replace(/^(plt|plh|pj|pjs)\.?\s+/, '')
    .replace(/[,\s]+(kabupaten|kab\.?|kota|provinsi|prov\.?)\s.*$/, '')
    .trim();
}

/** The jabatan that would head a unit of this name. */
export function headTitles(unit: string): string[] {
  const u = plain(unit);
  const out = [`kepala ${u}`];
  const kecamatan = /^kecamatan\s+(.+)$/.exec(u);
  if (kecamatan) out.push(`camat ${kecamatan[1]}`);
  const kelurahan = /^kelurahan\s+(.+)$/.exec(u);
  if (kelurahan) out.push(`lurah ${kelurahan[1]}`);
  if (u === 'sekretariat daerah') out.push('sekretaris daerah');
  const dprd = /^sekretariat (dprd.*)$/.exec(u);
  if (dprd) out.push(`sekretaris ${dprd[1]}`);
  if (/^inspektorat\b/.test(u)) out.push(u.replace(/^inspektorat/, 'inspektur'), 'inspektur');
  if (/^(rsud|rumah sakit)\b/.test(u)) out.push(`direktur ${u}`);
  return out;
}

function namesUnit(p: Person, titles: string[]): boolean {
  return titles.includes(plain(p.position));
}

/** The head of one unit, or undefined (no `sheets.heads`, or nobody found). */
export function findHead(unit: string, members: Person[], event: EventConfig): UnitHead | undefined {
  const rules = event.sheets.heads;
  if (!rules || rules.length === 0) return undefined;
  return headOf(unit, members, rules);
}

/** The head of one unit by eselon, then jabatan, then `rules` (which may be none); undefined when nobody is found. */
export function headOf(unit: string, members: Person[], rules: PersonRule[]): UnitHead | undefined {
  const titles = headTitles(unit);
  let best = Infinity;
  let top: Person[] = [];
  for (const p of members) {
    const e = p.eselon ? parseEselon(p.eselon) : null;
    if (!e) continue;
    if (e.order < best) {
      best = e.order;
      top = [p];
    } else if (e.order === best) top.push(p);
  }
  if (top.length) {
    const named = top.filter((p) => namesUnit(p, titles));
    const first = named[0] ?? top[0]!;
    return { person: first, by: 'eselon', rivals: named.length === 1 ? [] : top.filter((p) => p !== first) };
  }
  const byTitle = members.filter((p) => namesUnit(p, titles));
  if (byTitle.length) return { person: byTitle[0]!, by: 'jabatan', rivals: byTitle.slice(1) };
  const byRule = members.filter((p) => rules.some((r) => ruleMatches(p, r)));
  if (byRule.length) return { person: byRule[0]!, by: 'rule', rivals: byRule.slice(1) };
  return undefined;
}
