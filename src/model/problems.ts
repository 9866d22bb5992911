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
  /**
   * Values of the message, for printing it in the interface language (src/i18n): the catalogue entry
   * `problem.<code>[.<_m>]` (hint: `problem.<code>[.<_h>].hint`) is filled from these. `message` and
   * `hint` stay the English text and are printed when the code has no translation.
   */
  params?: Record<string, string | number>;
}

export function formatProblem(p: Problem): string {
  let place = p.file;
  if (p.line !== undefined) place += `:${p.line}`;
  const field = p.field ? ` ${p.field}:` : '';
  const hint = p.hint ? ` (${clipText(p.hint)})` : '';
  return `${place}:${field} ${clipText(p.message)}${hint}`;
}

/**
 * Keeps a message readable when it quotes a huge cell (a 1 MB line pasted into a NIP column): a quoted
 * value longer than 60 characters shows its start and its length; anything still over 1,000
 * characters is cut.
 */
export function clipText(s: string): string {
  const quoted = s.replace(/'([^']{61,})'/g, (_m, v: string) => `'${v.slice(0, 40)}…' (${v.length} characters)`);
  return quoted.length > 1000 ? quoted.slice(0, 999) + '…' : quoted;
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
  /** Optional: the headline's catalogue key (`error.<key>`) and its values, for the interface language. */
  readonly detail: { key: string; params?: Record<string, string | number> } | undefined;
  constructor(message: string, problems: Problem[] = [], exitCode = 2, detail?: { key: string; params?: Record<string, string | number> }) {
    super(message);
    this.name = 'IkrarError';
    this.problems = problems;
    this.exitCode = exitCode;
    this.detail = detail;
  }
}
