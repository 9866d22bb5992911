/**
 * Cross-checks between the roster and the event file, and the two decisions both render and check
 * need: who signs a pakta integritas, and which officer signs each unit's sheet. Pure: people and
 * event in, data and Problems out.
 */
import type { EventConfig, Official, PersonRule } from '../model/event.js';
import type { Person } from '../model/person.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { closest } from '../event/closest.js';
import { addGlyphProblems } from './glyphs.js';
import { loadEvent } from '../event/load.js';
import { patternMatches } from '../event/pattern.js';
import { readRoster } from '../roster/read.js';
import { LIST_MAX, listSome } from '../util/listing.js';

/** Unit names compare case- and space-insensitively ("Dinas  Pendidikan" = "dinas pendidikan"). */
export function unitKey(unit: string): string {
  return unit.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The officer who signs the sheet of `unit`: the one the event names for it; else the unit's head
 * found in the roster by `sheets.heads` (the first in roster order when the rule finds several); else
 * the default officer; else none.
 */
export function officerFor(unit: string, event: EventConfig, unitPeople: Person[] = []): Official | undefined {
  const key = unitKey(unit);
  for (const [name, official] of Object.entries(event.sheets.officers)) {
    if (unitKey(name) === key) return official;
  }
  const head = unitHeads(unitPeople, event)[0];
  if (head) return personAsOfficial(head);
  return event.sheets.defaultOfficer;
}

/** The people of one unit that the event's `sheets.heads` rules pick, in roster order. */
export function unitHeads(unitPeople: Person[], event: EventConfig): Person[] {
  const rules = event.sheets.heads;
  if (!rules || rules.length === 0) return [];
  return unitPeople.filter((p) => rules.some((r) => ruleMatches(p, r)));
}

/** A roster person as the official who signs a block: full name, position, rank name, NIP or NRP. */
export function personAsOfficial(p: Person): Official {
  const o: Official = { name: p.fullName, position: p.position, regionalHead: false };
  if (p.rank?.name) o.rank = p.rank.name;
  else if (p.rank && (p.kind === 'TNI' || p.kind === 'Polri')) o.rank = p.rank.raw;
  if (p.nip) o.nip = p.nip;
  if (p.nrp) o.nrp = p.nrp;
  return o;
}

/** Column lookup by header, ignoring case and spaces (rules are typed by hand). */
function columnValue(person: Person, column: string): string | undefined {
  const want = column.toLowerCase().replace(/[\s_]+/g, '');
  for (const [header, value] of Object.entries(person.columns)) {
    if (header.toLowerCase().replace(/[\s_]+/g, '') === want) return value;
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

function ruleMatches(person: Person, rule: PersonRule): boolean {
  const value = columnValue(person, rule.column) ?? '';
  if (rule.matches !== undefined && !patternMatches(rule.matches, value)) return false;
  if (rule.in !== undefined) {
    const v = value.toLowerCase().trim();
    if (!rule.in.some((x) => x.toLowerCase().trim() === v)) return false;
  }
  return true;
}

/** The people a signer rule (pakta.signers, deklarasi.signers) selects, in roster order. */
function selectBy(people: Person[], rule: 'all' | 'none' | PersonRule[]): Person[] {
  if (rule === 'all') return people.slice();
  if (rule === 'none') return [];
  return people.filter((p) => rule.every((r) => ruleMatches(p, r)));
}

/** The people who sign a pakta integritas, in roster order. */
export function selectPaktaSigners(people: Person[], event: EventConfig): Person[] {
  return selectBy(people, event.pakta.signers);
}

/** The roster people who sign the joint declaration (deklarasi), in roster order; none without one. */
export function selectDeklarasiSigners(people: Person[], event: EventConfig): Person[] {
  return event.deklarasi ? selectBy(people, event.deklarasi.signers) : [];
}

/** A signer rule that names a column the roster lacks: an error, listing the columns there are. */
function ruleColumnProblems(people: Person[], rule: 'all' | 'none' | PersonRule[], doc: 'pakta' | 'deklarasi', eventFile: string, rosterFile: string): Problem[] {
  if (!Array.isArray(rule) || people.length === 0) return [];
  return rule
    .filter((r) => columnValue(people[0]!, r.column) === undefined)
    .map((r) => ({ r, cols: listSome(Object.keys(people[0]!.columns), 12) }))
    .map(({ r, cols }) => ({
      severity: 'error' as const,
      code: `${doc}-rule-column`,
      file: eventFile,
      field: `${doc}.signers`,
      message: `the rule uses column "${r.column}", which the roster ${rosterFile} does not have`,
      hint: `use one of: ${cols.text}`,
      params: { column: r.column, roster: rosterFile, names: cols.textId },
    }));
}

export interface CheckSummary {
  people: number;
  units: { name: string; people: number; officer: string | null }[];
  kinds: Record<string, number>;
  paktaSigners: number;
}

/** Cross-checks roster × event. Returns every problem found (warnings mostly) and a summary. */
export function checkInputs(people: Person[], event: EventConfig, rosterFile: string): { summary: CheckSummary; problems: Problem[] } {
  const problems = new ProblemList();
  const units = new Map<string, { name: string; people: number; members: Person[] }>();
  const kinds: Record<string, number> = {};
  for (const p of people) {
    const k = unitKey(p.unit);
    const u = units.get(k);
    if (u) {
      u.people++;
      u.members.push(p);
    } else units.set(k, { name: p.unit, people: 1, members: [p] });
    kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
  }

  // Officers named for units that are not in the roster: almost always a typo in the unit name.
  for (const name of Object.keys(event.sheets.officers)) {
    if (!units.has(unitKey(name))) {
      const near = closest(name, [...units.values()].map((u) => u.name));
      problems.add({
        severity: 'warning',
        code: 'officer-unknown-unit',
        file: event.file,
        field: `sheets.officers.${name}`,
        message: `no unit "${name}" in the roster ${rosterFile}`,
        hint: near ? `did you mean "${near}"?` : 'write the unit name exactly as in the roster',
        params: { unit: name, roster: rosterFile, near: near ?? '', _h: near ? 'near' : 'exact' },
      });
    }
  }
  const summaryUnits = [...units.values()].map((u) => {
    const o = officerFor(u.name, event, u.members);
    const named = Object.keys(event.sheets.officers).some((n) => unitKey(n) === unitKey(u.name));
    const heads = named ? [] : unitHeads(u.members, event);
    if (heads.length > 1) {
      const who = listSome(heads.map((h) => `${h.fullName}, line ${h.row}`), LIST_MAX, '; ');
      const whoId = listSome(heads.map((h) => `${h.fullName}, baris ${h.row}`), LIST_MAX, '; ').textId;
      problems.add({
        severity: 'warning',
        code: 'unit-several-heads',
        file: rosterFile,
        line: heads[1]!.row,
        field: 'sheets.heads',
        message: `the heads rule finds ${heads.length} people in unit "${u.name}" (${who.text}); the first signs the sheet`,
        hint: `name the officer of "${u.name}" under sheets.officers in ${event.file}, or make the rule stricter`,
        params: { n: heads.length, unit: u.name, file: event.file, names: whoId },
      });
    }
    if (!o) {
      problems.add({
        severity: 'warning',
        code: 'unit-no-officer',
        file: event.file,
        field: 'sheets.officers',
        message: `no officer signs the sheet of unit "${u.name}"; a blank block is printed`,
        hint: 'add the unit under sheets.officers or set sheets.default',
        params: { unit: u.name },
      });
    }
    return { name: u.name, people: u.people, officer: o ? o.name : null };
  });

  addGlyphProblems(problems, people, event.font, rosterFile);

  // Rules over columns the roster does not have select nobody: say so.
  problems.merge(ruleColumnProblems(people, event.pakta.signers, 'pakta', event.file, rosterFile));
  const rule = event.pakta.signers;
  const signers = selectPaktaSigners(people, event);
  if (rule !== 'none' && signers.length === 0) {
    problems.add({ severity: 'warning', code: 'pakta-no-signers', file: event.file, field: 'pakta.signers', message: 'nobody in the roster matches the pakta signer rule; no pakta integritas would be made', hint: 'check the rule against the roster columns', params: {} });
  }
  const dk = event.deklarasi;
  if (dk) problems.merge(ruleColumnProblems(people, dk.signers, 'deklarasi', event.file, rosterFile));
  if (dk && dk.signers !== 'none' && selectDeklarasiSigners(people, event).length === 0) {
    problems.add({ severity: 'warning', code: 'deklarasi-no-signers', file: event.file, field: 'deklarasi.signers', message: 'nobody in the roster matches the deklarasi signer rule', hint: 'check the rule against the roster columns' });
  }
  return { summary: { people: people.length, units: summaryUnits, kinds, paktaSigners: signers.length }, problems: problems.items };
}

export interface CheckedInputs {
  /** Undefined when the event file has errors. */
  event: EventConfig | undefined;
  people: Person[];
  rosterHash: string;
  summary: CheckSummary | undefined;
  /** Every problem of both files and of the cross-checks, errors and warnings. */
  problems: Problem[];
}

/** Reads both files and cross-checks them; never throws for a user's mistake. */
export async function readAndCheck(rosterFile: string, eventFile: string): Promise<CheckedInputs> {
  const problems = new ProblemList();
  const ev = await loadEvent(eventFile);
  problems.merge(ev.problems);
  const event = ev.event;
  const rosterOpts: Parameters<typeof readRoster>[0] = { file: rosterFile, keepColumns: true };
  if (event) {
    if (Object.keys(event.columns).length) rosterOpts.columns = event.columns;
    if (event.sheet !== undefined) rosterOpts.sheet = event.sheet;
  }
  const roster = await readRoster(rosterOpts);
  problems.merge(roster.problems);
  let summary: CheckSummary | undefined;
  // A refused roster is checked no further: a summary of the rows that happened to be valid, and
  // officer warnings that follow only from the rows left out, would mislead.
  const refused = roster.problems.some((p) => p.severity === 'error');
  if (event && !refused) {
    if (roster.people.length > 0) {
      const checked = checkInputs(roster.people, event, rosterFile);
      summary = checked.summary;
      problems.merge(checked.problems);
    }
  }
  return { event, people: roster.people, rosterHash: roster.sha256, summary, problems: problems.items };
}
