/**
 * Eselon (the level of a structural post): I.a (highest) … V.a. Written "II.a", "II/a", "IIa",
 * "II A", "2a", or as SIASN's eselon id "21" (II.a), "32" (III.b). "Non Eselon", "-", empty: none.
 */
const ROMAN = ['I', 'II', 'III', 'IV', 'V'] as const;

export interface Eselon {
  /** "II.a" */
  text: string;
  /** Smaller is higher: I.a = 0, I.b = 1, II.a = 2 … V.a = 8. */
  order: number;
}

/** The eselon a cell states, or null (none, or not an eselon). */
export function parseEselon(raw: string): Eselon | null {
  const s = raw
    .trim()
    .toUpperCase()
    .replace(/^ESELON\s*/, '');
  if (s === '') return null;
  let level: number | undefined;
  let sub: string | undefined;
  const id = /^([1-5])([12])$/.exec(s);
  const roman = /^(IV|V|I{1,3})\s*[./-]?\s*([AB])$/.exec(s);
  const digit = /^([1-5])\s*[./-]?\s*([AB])$/.exec(s);
  if (id) {
    level = Number(id[1]);
    sub = id[2] === '1' ? 'A' : 'B';
  } else if (roman) {
    level = ROMAN.indexOf(roman[1] as (typeof ROMAN)[number]) + 1;
    sub = roman[2];
  } else if (digit) {
    level = Number(digit[1]);
    sub = digit[2];
  }
  if (level === undefined || sub === undefined || level < 1) return null;
  return { text: `${ROMAN[level - 1]}.${sub.toLowerCase()}`, order: (level - 1) * 2 + (sub === 'B' ? 1 : 0) };
}
