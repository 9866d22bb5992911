/**
 * Cross-checks between the roster and the event file, and the two decisions both render and check
 * need: who signs a pakta integritas, and which officer signs each unit's sheet. Pure: people and
 * event in, data and Problems out.
 */
import type { EventConfig, Official, SignerRule } from '../model/event.js';
import type { Person } from '../model/person.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { closest } from '../event/closest.js';
import { addGlyphProblems } from './glyphs.js';
import { loadEvent } from '../event/load.js';
import { columnValue, ruleMatches, unitKey } from './rules.js';
import { findHead, headOf, type HeadSource, type UnitHead } from './heads.js';
import { assignUnits, groupUnits, unusedOrderItems } from './units.js';
import { currentGrouping, isFragmented, proposeGrouping, SMALL_UNIT } from './grouping.js';
import { readRoster } from '../roster/read.js';
import { LIST_MAX, listSome } from '../util/listing.js';
import { nodeWorld } from '../world/node.js';
import type { World } from '../world/world.js';

export { unitKey } from './rules.js';

/** Where the officer of a unit's sheet comes from: named in sheets.officers, the unit's head, the default. */
export type OfficerSource = 'officers' | 'default' | HeadSource;

/**
 * The officer who signs the sheet of `unit` and where they come from: the one the event names for
 * it; else the unit's head found in the roster (src/check/heads.ts, when the event has sheets.heads);
 * else the default officer; else none.
 */
export function officerOf(
  unit: string,
  event: EventConfig,
  unitPeople: Person[] = [],
): { officer?: Official; by?: OfficerSource; head?: UnitHead } {
  const key = unitKey(unit);
  for (const [name, official] of Object.entries(event.sheets.officers)) {
    if (unitKey(name) === key) return { officer: official, by: 'officers' };
  }
  const head = findHead(unit, unitPeople, event);
  if (head) return { officer: personAsOfficial(head.person), by: head.by, head };
  return event.sheets.defaultOfficer ? { officer: event.sheets.defaultOfficer, by: 'default' } : {};
}

/** The officer who signs the sheet of `unit` (see officerOf). */
export function officerFor(unit: string, event: EventConfig, unitPeople: Person[] = []): Official | undefined {
  return officerOf(unit, event, unitPeople).officer;
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

/**
 * The people a signer rule (pakta.signers, deklarasi.signers) selects, in roster order. `heads`: one
 * per unit, its head as the sheets' officer is found (headOf: eselon, jabatan, then sheets.heads).
 */
function selectBy(people: Person[], rule: SignerRule, event: EventConfig): Person[] {
  if (rule === 'all') return people.slice();
  if (rule === 'none') return [];
  if (rule === 'heads') {
    const heads = new Set(
      groupUnits(people, event).map((u) => headOf(u.name, u.people, event.sheets.heads ?? [])?.person),
    );
    return people.filter((p) => heads.has(p));
  }
  return people.filter((p) => rule.every((r) => ruleMatches(p, r)));
}

/** The people who sign a pakta integritas, in roster order. */
export function selectPaktaSigners(people: Person[], event: EventConfig): Person[] {
  return selectBy(people, event.pakta.signers, event);
}

/** The roster people who sign the joint declaration (deklarasi), in roster order; none without one. */
export function selectDeklarasiSigners(people: Person[], event: EventConfig): Person[] {
  return event.deklarasi ? selectBy(people, event.deklarasi.signers, event) : [];
}

/** A signer rule that names a column the roster lacks: an error, listing the columns there are. */
function ruleColumnProblems(
  people: Person[],
  rule: SignerRule,
  doc: 'pakta' | 'deklarasi',
  eventFile: string,
  rosterFile: string,
): Problem[] {
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
  /** In sheet order (units.order, else roster order). */
  units: {
    name: string;
    people: number;
    officer: string | null;
    /** Where the officer comes from. */
    by: OfficerSource | null;
    /** The unit's head as found in the roster, when they sign (null when named or nobody is found). */
    head: { name: string; position: string; line: number; by: HeadSource; eselon: string | null } | null;
  }[];
  kinds: Record<string, number>;
  paktaSigners: number;
}

/** Many very small units: the roster is grouped below the OPD level; name the column that is not. */
function groupingProblems(people: Person[], event: EventConfig, rosterFile: string): Problem[] {
  const now = currentGrouping(people);
  if (!isFragmented(now)) return [];
  const better = proposeGrouping(people);
  const column = better && better.units < now.units ? better.column : undefined;
  const current = event.units?.column;
  const message =
    `the roster makes ${now.units} units, ${now.small} of them very small (fewer than ${SMALL_UNIT} people): they look like Seksi or Sub Bagian, not OPDs` +
    (column ? `; did you mean to group by "${column}" (${better!.units} units)?` : '');
  const hint = column
    ? `add to ${event.file}: units: { column: ${column} }`
    : `group by another column (units: { column: … }${current ? `, not ${current}` : ''}) or fold units into their OPD under units.merge`;
  const p: Problem = {
    severity: 'warning',
    code: 'units-many-small',
    file: rosterFile,
    message,
    hint,
    params: {
      small: now.small,
      units: now.units,
      min: SMALL_UNIT,
      column: column ?? '',
      better: better?.units ?? 0,
      event: event.file,
      _m: column ? 'column' : 'plain',
      _h: column ? 'column' : 'plain',
    },
  };
  return [p];
}

/** Cross-checks roster × event. Returns every problem found (warnings mostly) and a summary. */
export function checkInputs(
  people: Person[],
  event: EventConfig,
  rosterFile: string,
): { summary: CheckSummary; problems: Problem[] } {
  const problems = new ProblemList();
  const kinds: Record<string, number> = {};
  for (const p of people) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
  const groups = groupUnits(people, event);
  const units = new Map(groups.map((g) => [unitKey(g.name), g]));

  // Officers named for units that are not in the roster: almost always a typo in the unit name.
  for (const name of Object.keys(event.sheets.officers)) {
    if (!units.has(unitKey(name))) {
      const near = closest(
        name,
        groups.map((u) => u.name),
      );
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
  problems.merge(unusedOrderItems(groups, event, rosterFile));
  problems.merge(groupingProblems(people, event, rosterFile));
  const summaryUnits = groups.map((u) => {
    const { officer: o, by, head } = officerOf(u.name, event, u.people);
    if (head && head.rivals.length > 0) {
      const all = [head.person, ...head.rivals];
      const list = listSome(
        all.map((h) => `${h.fullName}, line ${h.row}`),
        LIST_MAX,
        '; ',
      ).text;
      const listId = listSome(
        all.map((h) => `${h.fullName}, baris ${h.row}`),
        LIST_MAX,
        '; ',
      ).textId;
      problems.add({
        severity: 'warning',
        code: 'unit-several-heads',
        file: rosterFile,
        line: head.rivals[0]!.row,
        field: 'sheets.heads',
        message: `${head.by === 'eselon' ? `${all.length} people have the unit's highest eselon (${head.person.eselon})` : head.by === 'jabatan' ? `${all.length} people hold the jabatan that heads it` : `the heads rule finds ${all.length} people`} in unit "${u.name}" (${list}); the first signs the sheet`,
        hint: `name the officer of "${u.name}" under sheets.officers in ${event.file}${head.by === 'rule' ? ', or make the rule stricter' : ''}`,
        params: {
          n: all.length,
          unit: u.name,
          list: listId,
          eselon: head.person.eselon ?? '',
          event: event.file,
          _m: head.by,
          _h: head.by === 'rule' ? 'rule' : 'named',
        },
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
    const h = head
      ? {
          name: head.person.fullName,
          position: head.person.position,
          line: head.person.row,
          by: head.by,
          eselon: head.person.eselon ?? null,
        }
      : null;
    return {
      name: u.name,
      people: u.people.length,
      officer: o ? o.name : null,
      by: by ?? null,
      head: by === 'officers' ? null : h,
    };
  });

  addGlyphProblems(problems, people, event.font, rosterFile);

  // Rules over columns the roster does not have select nobody: say so.
  problems.merge(ruleColumnProblems(people, event.pakta.signers, 'pakta', event.file, rosterFile));
  const rule = event.pakta.signers;
  const signers = selectPaktaSigners(people, event);
  if (rule !== 'none' && signers.length === 0) {
    problems.add({
      severity: 'warning',
      code: 'pakta-no-signers',
      file: event.file,
      field: 'pakta.signers',
      message: 'nobody in the roster matches the pakta signer rule; no pakta integritas would be made',
      hint: 'check the rule against the roster columns',
      params: {},
    });
  }
  const dk = event.deklarasi;
  if (dk) problems.merge(ruleColumnProblems(people, dk.signers, 'deklarasi', event.file, rosterFile));
  if (dk && dk.signers !== 'none' && selectDeklarasiSigners(people, event).length === 0) {
    problems.add({
      severity: 'warning',
      code: 'deklarasi-no-signers',
      file: event.file,
      field: 'deklarasi.signers',
      message: 'nobody in the roster matches the deklarasi signer rule',
      hint: 'check the rule against the roster columns',
    });
  }
  return {
    summary: { people: people.length, units: summaryUnits, kinds, paktaSigners: signers.length },
    problems: problems.items,
  };
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

/**
 * Reads both files and cross-checks them; never throws for a user's mistake. The event file (and
 * what it names) is read through `world`; the roster is streamed from the disk (src/roster/read.ts).
 */
export async function readAndCheck(
  rosterFile: string,
  eventFile: string,
  world: World = nodeWorld,
): Promise<CheckedInputs> {
  const problems = new ProblemList();
  const ev = await loadEvent(eventFile, world);
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
  let people = roster.people;
  // A refused roster is checked no further: a summary of the rows that happened to be valid, and
  // officer warnings that follow only from the rows left out, would mislead.
  const refused = roster.problems.some((p) => p.severity === 'error');
  if (event && !refused) {
    const assigned = assignUnits(roster.people, event, rosterFile);
    problems.merge(assigned.problems);
    people = assigned.people;
    if (people.length > 0 && !assigned.problems.some((p) => p.severity === 'error')) {
      const checked = checkInputs(people, event, rosterFile);
      summary = checked.summary;
      problems.merge(checked.problems);
    }
  }
  return { event, people, rosterHash: roster.sha256, summary, problems: problems.items };
}
