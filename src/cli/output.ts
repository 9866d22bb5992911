/**
 * The only place that decides colour and writes to the terminal for the CLI.
 * Colour follows chalk's detection (NO_COLOR, FORCE_COLOR, non-TTY → none).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { OMITTED_CODE, clipText, countProblems, formatProblem, type Problem } from '../model/problems.js';
import { fieldText, getLang, problemText, t, tn } from '../i18n/index.js';

export interface Output {
  out(line?: string): void;
  err(line?: string): void;
  color: ChalkInstance;
  /** True when stderr is a terminal (progress bars only then). */
  interactive: boolean;
}

export function makeOutput(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Output {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const level = noColor
    ? 0
    : stdout.isTTY
      ? process.env.FORCE_COLOR === '0'
        ? 0
        : 1
      : process.env.FORCE_COLOR
        ? 1
        : 0;
  return {
    out: (line = '') => stdout.write(line + '\n'),
    err: (line = '') => stderr.write(line + '\n'),
    color: new Chalk({ level: level as 0 | 1 }),
    interactive: Boolean(stderr.isTTY) && !process.env.CI,
  };
}

/** One problem as `file:line: field: message (hint)`, the message in the interface language when translated. */
export function problemLine(p: Problem): string {
  const { message, hint } = problemText(p);
  const q: Problem = { ...p, message, ...(p.field !== undefined ? { field: fieldText(p.field) } : {}) };
  if (hint === undefined) delete q.hint;
  else q.hint = hint;
  return formatProblem(q, t('clip.characters'));
}

/** Problems without their translation values (for JSON output: the contract fields only). */
export function problemJson(p: Problem): Omit<Problem, 'params'> {
  const { params: _params, ...rest } = p;
  rest.message = clipText(rest.message);
  if (rest.hint !== undefined) rest.hint = clipText(rest.hint);
  return rest;
}

/** A count as the interface language writes it: 119,700 / 119.700. */
export function countText(n: number): string {
  return new Intl.NumberFormat(getLang() === 'id' ? 'id-ID' : 'en-US').format(n);
}

/** One problem line; the stand-in for problems left out reads "… and 119,700 more errors in FILE". */
function groupLine(p: Problem): string {
  if (p.code !== OMITTED_CODE) return problemLine(p);
  const n = Number(p.params?.n ?? 0);
  return tn(p.severity === 'error' ? 'problems.moreErrors' : 'problems.moreWarnings', n, {
    count: countText(n),
    file: p.file,
  });
}

/** Prints problems grouped: errors first, then warnings, each as `file:line: field: message`. */
export function printProblems(o: Output, problems: Problem[], write: (l: string) => void = o.err): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length) {
    const n = countProblems(errors, 'error');
    write(o.color.red.bold(tn('problems.errors', n, { n: countText(n) })));
    for (const p of errors) write('  ' + o.color.red(groupLine(p)));
  }
  if (warnings.length) {
    const n = countProblems(warnings, 'warning');
    write(o.color.yellow.bold(tn('problems.warnings', n, { n: countText(n) })));
    for (const p of warnings) write('  ' + o.color.yellow(groupLine(p)));
  }
}
