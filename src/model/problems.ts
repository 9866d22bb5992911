/**
 * Problems: every validation stage returns *all* problems with their place, never throws on the first.
 * A Problem prints as `file:line: field: message` (see formatProblem).
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Stable machine code, e.g. 'nip-excel-number', 'missing-column', 'event-unknown-key'. */
  code: string;
  /** File the problem is in (as the user named it, not resolved). */
  file: string;
  /** 1-based line in the file (for XLSX: the sheet row number). */
  line?: number;
  column?: number;
  /** Field / column / key path the problem concerns, e.g. 'NIP', 'ceremony.date'. */
  field?: string;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

export function formatProblem(p: Problem): string {
  let place = p.file;
  if (p.line !== undefined) place += `:${p.line}`;
  const field = p.field ? ` ${p.field}:` : '';
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${place}:${field} ${p.message}${hint}`;
}

/** Collects problems; `errors` decide the exit code, `warnings` are shown once at the end. */
export class ProblemList {
  readonly items: Problem[] = [];
  add(p: Problem): void {
    this.items.push(p);
  }
  error(p: Omit<Problem, 'severity'>): void {
    this.items.push({ ...p, severity: 'error' });
  }
  warning(p: Omit<Problem, 'severity'>): void {
    this.items.push({ ...p, severity: 'warning' });
  }
  merge(other: ProblemList | Problem[]): void {
    for (const p of Array.isArray(other) ? other : other.items) this.items.push(p);
  }
  get errors(): Problem[] {
    return this.items.filter((p) => p.severity === 'error');
  }
  get warnings(): Problem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }
  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }
}

/**
 * The one error type the CLI turns into a clean message and exit code (2 = unusable input).
 * Anything else that escapes is a bug: the CLI prints it briefly (stack only with --debug).
 */
export class IkrarError extends Error {
  readonly problems: Problem[];
  readonly exitCode: number;
  constructor(message: string, problems: Problem[] = [], exitCode = 2) {
    super(message);
    this.name = 'IkrarError';
    this.problems = problems;
    this.exitCode = exitCode;
  }
}
