/** `ikrar init --from-siasn FILE`: what a SIASN export's header row and people say about the columns and the units. */
import { IkrarError } from '../model/problems.js';
import type { Person } from '../model/person.js';
import { readRoster } from '../roster/read.js';
import { currentGrouping, isFragmented, proposeGrouping } from '../check/grouping.js';
import { planColumns, type ColumnPlan, type UnitsChoice } from './columns.js';

/** Reads the export's header row and plans the column mapping. */
export async function fromExport(file: string): Promise<{ plan: ColumnPlan; sheet?: string; units?: UnitsChoice }> {
  const r = await readRoster({ file, keepColumns: true });
  if (r.format === undefined) {
    throw new IkrarError(
      `--from-siasn: cannot read ${file}`,
      r.problems.filter((p) => p.severity === 'error'),
    );
  }
  if (r.headers.filter((h) => h !== '').length === 0) {
    throw new IkrarError(`--from-siasn: ${file} has no header row`, [
      {
        severity: 'error',
        code: 'init-no-headers',
        file,
        message: 'no column headers were found in the first rows',
        hint: 'export the roster again from SIASN; the first row must hold the column headers',
      },
    ]);
  }
  const out: { plan: ColumnPlan; sheet?: string; units?: UnitsChoice } = { plan: planColumns(r.headers) };
  if (r.format !== 'csv' && r.sheet !== undefined) out.sheet = r.sheet;
  const units = chooseUnits(r.people, out.plan);
  if (units) out.units = units;
  return out;
}

/** The grouping that gives OPD-sized units: the roster's unit column unless it is split into Seksi. */
export function chooseUnits(people: Person[], plan: ColumnPlan): UnitsChoice | undefined {
  if (people.length === 0) return undefined;
  const own = currentGrouping(people);
  const unitHeader = plan.mapped.find((m) => m.field === 'unit')?.header;
  const better = isFragmented(own) ? proposeGrouping(people) : undefined;
  if (better?.column !== undefined && better.column !== unitHeader && better.units < own.units) {
    return {
      column: better.column,
      units: better.units,
      ...(unitHeader ? { finer: { column: unitHeader, units: own.units, small: own.small } } : {}),
    };
  }
  return unitHeader ? { column: unitHeader, units: own.units } : undefined;
}
