import type { RosterField } from '../model/event.js';
import type { Problem } from '../model/problems.js';

/** One roster row as the readers of its fields see it (src/roster/people.ts makes it). */
export interface RowCells {
  /** The row's 1-based line (CSV) or row (workbook). */
  line: number;
  /** The field's cell cleaned (`cleanCell`), '' when the roster has no such column. */
  get(field: RosterField): string;
  /** The field's cell as read, trimmed (a NIP or NRP is parsed from it). */
  raw(field: RosterField): string;
  /** Whether the roster has a column for the field. */
  has(field: RosterField): boolean;
  /** The header of the field's column, as written (for messages). */
  head(field: RosterField): string | undefined;
  /** An error on the field's cell: the row is refused. */
  err(code: string, field: RosterField, message: string, hint?: string, params?: Problem['params']): void;
  warn(code: string, field: RosterField, message: string, hint?: string, params?: Problem['params']): void;
}

/** An empty identifier cell: nothing, or only dashes. */
export const isEmpty = (t: string): boolean => t === '' || /^[-–—]+$/.test(t);
