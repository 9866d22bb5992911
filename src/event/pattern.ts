/**
 * The clerk's `matches:` patterns (pakta.signers, deklarasi.signers, sheets.heads), run with RE2JS:
 * a linear-time engine (the pure-JavaScript port of RE2), so no pattern can make `check` or `render`
 * hang on a long jabatan, as `^(a+)+$` does with JavaScript's backtracking RegExp. The price is the
 * two features only backtracking can run — backreferences (\1) and look-around ((?=…), (?<=…)) —
 * which are refused with a plain explanation. Patterns are case-insensitive and limited to
 * MAX_PATTERN_LENGTH characters.
 */
import { RE2JS } from 're2js';

export const MAX_PATTERN_LENGTH = 1000;

const compiled = new Map<string, RE2JS>();

/** Why `pattern` cannot be used (English, with `_m` for the interface language), or undefined. */
export function patternFault(
  pattern: string,
): { message: string; params: Record<string, string | number> } | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      message: `the pattern is ${pattern.length} characters long; a pattern may have at most ${MAX_PATTERN_LENGTH}`,
      params: { _m: 'too-long', n: pattern.length, max: MAX_PATTERN_LENGTH },
    };
  }
  if (/\(\?<?[=!]/.test(pattern)) {
    return {
      message: `'${pattern}': look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported`,
      params: { _m: 'lookaround', pattern },
    };
  }
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) {
    return {
      message: `'${pattern}': backreferences such as \\1 are not supported`,
      params: { _m: 'backreference', pattern },
    };
  }
  try {
    compile(pattern);
    return undefined;
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    return { message: `'${pattern}' is not a valid pattern: ${why}`, params: { _m: 'invalid', pattern, why } };
  }
}

function compile(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    compiled.set(pattern, re);
  }
  return re;
}

/** Whether `value` contains a match of `pattern` (case-insensitive). The pattern was checked by patternFault. */
export function patternMatches(pattern: string, value: string): boolean {
  return compile(pattern).test(value);
}
