/**
 * Rules about officials (people who sign a block): who is a regional head, and the delegation
 * prefixes printed before a position.
 */

/**
 * Bupati, Wakil Bupati, Wali Kota, Wakil Wali Kota, Gubernur, Wakil Gubernur — also acting ones
 * (Pj./Plt./Plh., Penjabat, Pelaksana Tugas/Harian). "Sekretaris Daerah" or "Kepala Bagian
 * Pemerintahan Setda" are not.
 */
const HEAD_RE =
  /^(?:(?:pj|plt|plh)\.?\s*|penjabat\s+|pelaksana\s+(?:tugas|harian)\s+)?(?:wakil\s+)?(?:bupati|wali\s*kota|walikota|gubernur)\b/i;

export function isRegionalHeadPosition(position: string, prefix?: string): boolean {
  // "a.n. Bupati Sukamara" is someone signing on the head's behalf, not the head.
  if (prefix && /^(?:a\.?\s*n|u\.?\s*b)\.?$/i.test(prefix.trim())) return false;
  return HEAD_RE.test(position.trim());
}

const PREFIXES: Record<string, string> = {
  an: 'a.n.',
  ub: 'u.b.',
  plt: 'Plt.',
  pj: 'Pj.',
  plh: 'Plh.',
};

export const KNOWN_PREFIXES = Object.values(PREFIXES);

/** "an" / "a.n" / "A.N." → "a.n."; "plt" → "Plt."; undefined for anything else. */
export function normalisePrefix(raw: string): string | undefined {
  const key = raw.trim().toLowerCase().replace(/[\s.]/g, '');
  return PREFIXES[key];
}
