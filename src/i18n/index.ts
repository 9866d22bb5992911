/**
 * Interface language. The CLI chooses it once (`setLang`, in src/cli/main.ts); everything it prints
 * goes through `t` / `tn`. Documents are never translated (they are always in Indonesian).
 *
 * Problems from the core stay English in `message`/`hint`; a problem that also carries `params`
 * is printed from the catalogue entry `problem.<code>[.<_m>]` (and `…[.<_h>].hint`), filled from
 * those params. A problem without params is matched against its code's English entries and printed
 * from the one its English text fits (`readValues`); a text no entry fits prints as it is.
 */
import { en, type Catalogue, type MessageKey } from './en.js';
import { id } from './id.js';
import type { Problem } from '../model/problems.js';
import { fill, placeholders, readValues, type Params } from './template.js';
import { noteText } from './notes.js';

export type Lang = 'id' | 'en';
export const CATALOGUES: Record<Lang, Catalogue> = { en, id };
export type { MessageKey, Catalogue };
export { fill, placeholders, readValues, type Params };

/** Keys with a singular and a plural form: `foo_one` + `foo_other` → `foo`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
}
export function getLang(): Lang {
  return current;
}

/** True for locale names that mean Indonesian: id, id_ID, id_ID.UTF-8, id-ID, in_ID (the old code). */
export function isIndonesianLocale(value: string | undefined): boolean {
  return value !== undefined && /^(id|in)([_.@-]|$)/i.test(value.trim());
}

/**
 * The language from the environment: the first non-empty of LC_ALL, LC_MESSAGES, LANG (as POSIX
 * does); when none is set (usual on Windows), the locale Node reports for the system.
 */
export function detectLang(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const v = env[name];
    if (v !== undefined && v !== '') return isIndonesianLocale(v) ? 'id' : 'en';
  }
  try {
    return isIndonesianLocale(Intl.DateTimeFormat().resolvedOptions().locale) ? 'id' : 'en';
  } catch {
    return 'en';
  }
}

/** `--lang` value → Lang, or undefined when it is not one (`id`, `en`, also `id_ID`, `en-US`, `indonesia`, `english`). */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'id' || v === 'in' || v === 'indonesia' || v === 'indonesian' || v === 'bahasa' || isIndonesianLocale(v))
    return 'id';
  if (v === 'en' || v === 'english' || /^en([_.@-]|$)/.test(v)) return 'en';
  return undefined;
}

/**
 * Finds `--lang X` / `--lang=X` in argv (before a `--`). Returns the raw value or undefined.
 * Read before commander is set up, because the help text itself depends on the language.
 */
export function langArg(argv: string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') found = argv[i + 1] ?? '';
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

export function t(key: MessageKey, params?: Params, lang: Lang = current): string {
  return fill(CATALOGUES[lang][key] ?? en[key], params);
}

/** Singular or plural form; `{n}` is filled with n. */
export function tn(key: PluralKey, n: number, params: Params = {}, lang: Lang = current): string {
  const k = `${key}_${n === 1 ? 'one' : 'other'}` as MessageKey;
  return t(k, { n, ...params }, lang);
}

function has(key: string, lang: Lang): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGUES[lang], key);
}

/** The catalogue key of a problem's message, or undefined when it is not translated. */
export function problemKey(p: Pick<Problem, 'code' | 'params'>): MessageKey | undefined {
  if (!p.params) return undefined;
  const variant = p.params._m;
  const key = `problem.${p.code}${variant !== undefined ? `.${variant}` : ''}`;
  return has(key, 'en') ? key : undefined;
}

/** A problem's message and hint in the interface language (English text from the core otherwise). */
export function problemText(p: Problem, lang: Lang = current): { message: string; hint?: string } {
  const english = p.hint !== undefined ? { message: p.message, hint: p.hint } : { message: p.message };
  if (lang === 'en') return english;
  const key = problemKey(p);
  if (!key) return readBack(p, lang) ?? english;
  const params = phrased(
    typeof p.params!.note === 'string' ? { ...p.params!, note: noteText(p.params!.note, CATALOGUES[lang]) } : p.params!,
    lang,
  );
  // params that do not fill the entry, or no variant on a code with several messages whose first
  // does not say what the core said: the entry the English text fits, else the English.
  const complete = placeholders(en[key]).every((n) => Object.prototype.hasOwnProperty.call(params, n));
  if (
    !complete ||
    (params._m === undefined && entriesOf(p.code).messages.length > 1 && fill(en[key], params) !== p.message)
  ) {
    return readBack(p, lang) ?? (complete ? { ...english, message: t(key, params, lang) } : english);
  }
  const message = t(key, params, lang);
  if (p.hint === undefined) return { message };
  const hv = params._h;
  const hintKey = `problem.${p.code}${hv !== undefined ? `.${hv}` : ''}.hint`;
  return {
    message,
    hint: has(hintKey, lang) ? t(hintKey, params, lang) : (readBackHint(p.code, p.hint, lang) ?? p.hint),
  };
}

/**
 * A problem without params: its English message is matched against the English entries of its code
 * (`problem.<code>` and `problem.<code>.<variant>`), and the entry it fits is printed in the interface
 * language with the values read out of the English text. A message no entry fits stays English.
 */
function readBack(p: Problem, lang: Lang): { message: string; hint?: string } | undefined {
  const found = matchEntry(entriesOf(p.code).messages, p.message);
  if (!found) return undefined;
  // "'123' is not a NIP (NIP '123' has 3 digits)": the reason quoted inside is a message of its own.
  if (typeof found.params.why === 'string') found.params.why = readBackAny(found.params.why, lang) ?? found.params.why;
  const message = t(found.key, phrased(found.params, lang), lang);
  if (p.hint === undefined) return { message };
  return { message, hint: readBackHint(p.code, p.hint, lang) ?? p.hint };
}

function readBackHint(code: string, hint: string, lang: Lang): string | undefined {
  const found = matchEntry(entriesOf(code).hints, hint);
  return found ? t(found.key, phrased(found.params, lang), lang) : undefined;
}

const PHRASE_KEYS = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith('phrase.'));

/** What the event reader says it expected or found ("a list", "the number 5") in the interface language. */
function phrased(params: Params, lang: Lang): Params {
  if (typeof params.what !== 'string' && typeof params.found !== 'string') return params;
  const out = { ...params };
  for (const name of ['what', 'found'] as const) {
    const v = params[name];
    if (typeof v !== 'string') continue;
    for (const key of PHRASE_KEYS) {
      const values = readValues(en[key], v);
      if (values) {
        out[name] = t(key, values, lang);
        break;
      }
    }
  }
  return out;
}

/** Texts longer than this are not read back (a megabyte cell pasted into a message stays English). */
const READ_BACK_MAX = 20_000;

function matchEntry(keys: readonly MessageKey[], text: string): { key: MessageKey; params: Params } | undefined {
  if (text.length > READ_BACK_MAX) return undefined;
  for (const key of keys) {
    const params = readValues(en[key], text);
    if (params) return { key, params };
  }
  return undefined;
}

/** A problem message of any code, read back (for a reason quoted inside another message). */
function readBackAny(text: string, lang: Lang): string | undefined {
  entriesOf('');
  for (const e of byCode!.values()) {
    const found = matchEntry(
      e.messages.filter((k) => !/^\{\w+\}$/.test(en[k])),
      text,
    ); // not "{detail}": it fits anything
    if (found) return t(found.key, found.params, lang);
  }
  return undefined;
}

let byCode: Map<string, { messages: MessageKey[]; hints: MessageKey[] }> | undefined;

/** The catalogue entries of a problem code: its messages (plain first) and its hints. */
function entriesOf(code: string): { messages: MessageKey[]; hints: MessageKey[] } {
  if (!byCode) {
    byCode = new Map();
    for (const k of Object.keys(en) as MessageKey[]) {
      const m = /^problem\.([a-z0-9-]+)(\.|$)/.exec(k);
      if (!m) continue;
      const e = byCode.get(m[1]!) ?? { messages: [], hints: [] };
      (k.endsWith('.hint') ? e.hints : e.messages).push(k);
      byCode.set(m[1]!, e);
    }
  }
  return byCode.get(code) ?? { messages: [], hints: [] };
}

/** The problem codes that have a translation (for the tests and the docs). */
export function translatedProblemCodes(): string[] {
  const codes = new Set<string>();
  for (const k of Object.keys(en)) {
    const m = /^problem\.([a-z0-9-]+)/.exec(k);
    if (m) codes.add(m[1]!);
  }
  return [...codes].sort();
}

/** Commander's usage errors (always English) → the interface language. Unknown ones pass through. */
export function translateUsageError(text: string, lang: Lang = current): string {
  if (lang === 'en') return text;
  const lines = text.split('\n');
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^error: unknown command '(.*)'(.*)$/, (m) => t('usage.unknownCommand', { name: m[1]! }, lang) + m[2]!],
    [/^error: unknown option '(.*)'(.*)$/, (m) => t('usage.unknownOption', { name: m[1]! }, lang) + m[2]!],
    [/^\(Did you mean (.*)\?\)$/, (m) => t('usage.didYouMean', { name: m[1]! }, lang)],
    [/^error: required option '(.*)' not specified$/, (m) => t('usage.requiredOption', { name: m[1]! }, lang)],
    [/^error: missing required argument '(.*)'$/, (m) => t('usage.missingArgument', { name: m[1]! }, lang)],
    [/^error: option '(.*)' argument missing$/, (m) => t('usage.optionMissingArgument', { name: m[1]! }, lang)],
    [
      /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/,
      (m) => t('usage.invalidChoice', { name: m[1]!, value: m[2]!, choices: m[3]! }, lang),
    ],
    [
      /^error: too many arguments(.*)\. Expected (\d+) arguments? but got (\d+)\.$/,
      (m) => t('usage.excessArguments', { where: m[1]!, expected: m[2]!, got: m[3]! }, lang),
    ],
  ];
  return lines
    .map((line) => {
      for (const [re, f] of rules) {
        const m = re.exec(line);
        if (m) return f(m);
      }
      return line;
    })
    .join('\n');
}

/** The headline of an IkrarError in the interface language (its English message otherwise). */
export function errorHeadline(
  e: { message: string; detail?: { key: string; params?: Params } | undefined },
  lang: Lang = current,
): string {
  const d = e.detail;
  if (lang === 'en') return e.message;
  if (!d) return readBackHeadline(e.message, lang) ?? e.message;
  const params = d.params ?? {};
  const plain = `error.${d.key}`;
  if (has(plain, lang)) return t(plain, { hint: t('error.manifest.hint', {}, lang), ...params }, lang);
  if (has(`${plain}_one`, lang) && typeof params.n === 'number')
    return tn(`error.${d.key}` as PluralKey, params.n, params, lang);
  return e.message;
}

const HEADLINE_KEYS = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith('headline.'));

/** An IkrarError's English headline without a catalogue key, read back against the `headline.*` entries. */
function readBackHeadline(message: string, lang: Lang): string | undefined {
  for (const key of HEADLINE_KEYS) {
    const values = readValues(en[key], message);
    if (values) return t(key, values, lang);
  }
  return undefined;
}

/** A problem's field as printed: "page 3" of a scan reads "halaman 3" in Indonesian (JSON keeps the English). */
export function fieldText(field: string, lang: Lang = current): string {
  const m = /^page (\d+)$/.exec(field);
  return m && lang !== 'en' ? t('field.page', { page: m[1]! }, lang) : field;
}
