/**
 * Problems: every validation stage returns *all* problems with their place, never throws on the first.
 * A Problem prints as `file:line: field: message` (see formatProblem).
 */
import { VALUE_MAX, charCount, quoteValue, sliceChars } from '../util/listing.js';

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

/** `characters` is the word a clipped value's length is given in ("(1048576 characters)"). */
export function formatProblem(p: Problem, characters = 'characters'): string {
  let place = p.file;
  if (p.line !== undefined) place += `:${p.line}`;
  const field = p.field ? ` ${p.field}:` : '';
  const hint = p.hint ? ` (${clipText(p.hint, characters)})` : '';
  return `${place}:${field} ${clipText(p.message, characters)}${hint}`;
}

/**
 * Keeps a message readable when it quotes a huge cell (a 1 MB line pasted into a NIP column): a quoted
 * value longer than 60 characters shows its start and its length; anything still over 1,000
 * characters is cut.
 */
export function clipText(s: string, characters = 'characters'): string {
  const quoted = clipQuoted(s, characters);
  return quoted.length > 1000 ? sliceChars(quoted, 999) + '…' : quoted;
}

const OPENS_AFTER = /[\s(:=,;]/;
const CLOSES_BEFORE = /[\s),;:.?!]/;

/**
 * Each quoted value over VALUE_MAX characters → its start, an ellipsis and its length. A quote opens
 * after a space, bracket or the start and closes before a space, punctuation or the end, so the
 * apostrophe inside NUR'AINI or MA'RUF neither opens nor closes one. One pass: when an opening quote
 * finds no closing one, no later quote can either.
 */
function clipQuoted(s: string, characters: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "'" || (i > 0 && !OPENS_AFTER.test(s[i - 1]!))) continue;
    let j = s.indexOf("'", i + 1);
    while (j !== -1 && j + 1 < s.length && !CLOSES_BEFORE.test(s[j + 1]!)) j = s.indexOf("'", j + 1);
    if (j === -1) break;
    const v = s.slice(i + 1, j);
    if (charCount(v) > VALUE_MAX) {
      out += s.slice(from, i) + quoteValue(v, VALUE_MAX, characters);
      from = j + 1;
    }
    i = j;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** How many problems of each severity a ProblemList keeps; the rest are only counted. */
export const PROBLEM_LIMIT = 300;
/** The code of the one problem per file and severity that stands for those left out. */
export const OMITTED_CODE = 'problems-omitted';

/** The number of problems of a severity, counting those a ProblemList left out. */
export function countProblems(problems: readonly Problem[], severity: Severity): number {
  let n = 0;
  for (const p of problems) {
    if (p.severity !== severity) continue;
    n += p.code === OMITTED_CODE ? Number(p.params?.n ?? 0) : 1;
  }
  return n;
}

/**
 * Collects problems; `errors` decide the exit code, `warnings` are shown once at the end. Keeps the
 * first PROBLEM_LIMIT errors and warnings and counts the rest per file, so a roster with a million
 * bad rows neither floods the terminal nor exhausts memory: `items` ends with one OMITTED_CODE
 * problem per file and severity ("… and 119,700 more errors"). Merging another list's items adds up
 * those counts. Never spread a problem array into `push`: merge it.
 */
export class ProblemList {
  private readonly kept: Problem[] = [];
  private readonly keptBy = { error: 0, warning: 0 };
  private readonly omitted = new Map<string, { severity: Severity; file: string; n: number }>();
  constructor(private readonly limit = PROBLEM_LIMIT) {}

  add(p: Problem): void {
    if (p.code === OMITTED_CODE) {
      this.omit(p.severity, p.file, Number(p.params?.n ?? 0));
      return;
    }
    if (this.keptBy[p.severity] >= this.limit) {
      this.omit(p.severity, p.file, 1);
      return;
    }
    this.keptBy[p.severity]++;
    this.kept.push(p);
  }
  error(p: Omit<Problem, 'severity'>): void {
    this.add({ ...p, severity: 'error' });
  }
  warning(p: Omit<Problem, 'severity'>): void {
    this.add({ ...p, severity: 'warning' });
  }
  merge(other: ProblemList | Iterable<Problem>): void {
    for (const p of other instanceof ProblemList ? other.items : other) this.add(p);
  }
  private omit(severity: Severity, file: string, n: number): void {
    const k = `${severity}\u0000${file}`;
    const o = this.omitted.get(k);
    if (o) o.n += n;
    else this.omitted.set(k, { severity, file, n });
  }
  /** The kept problems in the order added, then one problem per file and severity for the rest. */
  get items(): Problem[] {
    const out = this.kept.slice();
    for (const { severity, file, n } of this.omitted.values()) {
      out.push({
        severity,
        code: OMITTED_CODE,
        file,
        message: `… and ${n} more ${severity}${n === 1 ? '' : 's'}`,
        params: { n },
      });
    }
    return out;
  }
  get errors(): Problem[] {
    return this.items.filter((p) => p.severity === 'error');
  }
  get warnings(): Problem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }
  get hasErrors(): boolean {
    return this.count('error') > 0;
  }
  /** All problems of a severity, those left out included. */
  count(severity: Severity): number {
    let n = this.keptBy[severity];
    for (const o of this.omitted.values()) if (o.severity === severity) n += o.n;
    return n;
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
  constructor(
    message: string,
    problems: Problem[] = [],
    exitCode = 2,
    detail?: { key: string; params?: Record<string, string | number> },
  ) {
    super(message);
    this.name = 'IkrarError';
    this.problems = problems;
    this.exitCode = exitCode;
    this.detail = detail;
  }
}
