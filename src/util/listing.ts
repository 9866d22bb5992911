/**
 * The one way a message lists values and quotes a value: at most a few items, then "and N more";
 * a long value clipped at a whole character with an ellipsis and its length, in quotes that are not
 * inside it. Every message that names people, columns or sheets goes through here, so no input can
 * make a line thousands of characters long or leave a quote open.
 */

/** How many items a message lists before it counts the rest. */
export const LIST_MAX = 5;
/** A quoted value longer than this (in characters) is clipped … */
export const VALUE_MAX = 60;
/** … to this many characters, an ellipsis and its length. */
export const VALUE_KEEP = 40;

/** The first `n` characters of `s`, never half a surrogate pair. */
export function sliceChars(s: string, n: number): string {
  if (s.length <= n) return s;
  let end = n;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // the high half of a pair: leave the pair out
  return s.slice(0, end);
}

/** The number of characters (code points) in `s`. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A long value cut to its start and an ellipsis ("PEMERINTAH KABUPATEN …"); short values as they are. */
export function clipValue(s: string, max = VALUE_MAX, keep = VALUE_KEEP): string {
  if (charCount(s) <= max) return s;
  return [...s].slice(0, keep).join('') + '…';
}

/**
 * A value in quotes, clipped: `'NUR'AINI'` would read as two quotes, so a value holding `'` is put
 * in double quotes (and one holding both in “ ”). A clipped value says its length after the quote:
 * `'xxxx…' (1048576 characters)`.
 */
export function quoteValue(s: string, max = VALUE_MAX, characters = 'characters'): string {
  const shown = clipValue(s, max);
  const [open, close] = !s.includes("'") ? ["'", "'"] : !s.includes('"') ? ['"', '"'] : ['“', '”'];
  return `${open}${shown}${close}` + (shown === s ? '' : ` (${charCount(s)} ${characters})`);
}

export interface Listing {
  /** The items shown (at most `max`, each clipped). */
  shown: string[];
  /** How many were left out. */
  more: number;
  /** The English text: "a, b, c, and 88 more". */
  text: string;
  /** The same in Indonesian, for a translated message's params: "a, b, c, dan 88 lainnya". */
  textId: string;
}

/** At most `max` items, each clipped, joined by `sep`, then "and N more". */
export function listSome(items: readonly string[], max = LIST_MAX, sep = ', '): Listing {
  const keep = items.length > max + 1 ? max : items.length; // "and 1 more" is no shorter than the item
  const shown = items.slice(0, keep).map((v) => clipValue(v));
  const more = items.length - keep;
  const joined = shown.join(sep);
  const tail = sep.trimEnd();
  return {
    shown,
    more,
    text: joined + (more ? `${tail} and ${more} more` : ''),
    textId: joined + (more ? `${tail} dan ${more} lainnya` : ''),
  };
}

/** "NIP, NAMA, SATKER, and 14 more", or "(none)": the (non-empty) headers a file was found to have. */
export function headersFound(cells: readonly string[], max = 8): { text: string; textId: string } {
  const named = cells.filter((c) => c !== '');
  return named.length ? listSome(named, max) : { text: '(none)', textId: '(tidak ada)' };
}
