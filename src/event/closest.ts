/**
 * "Did you mean …?" suggestions: the closest candidate by edit distance over a normalised form
 * (case, spaces, `_` and `-` ignored), or nothing when no candidate is close enough to be a typo.
 */

/** Lower-case, with spaces, underscores, hyphens and dots removed: "time_zone" ≈ "timeZone" ≈ "Time Zone". */
export function normaliseKey(s: string): string {
  return s.toLowerCase().replace(/[\s_.\-]+/g, '');
}

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `input`, or undefined when none is plausibly meant.
 * Ties go to the earlier candidate, so the answer does not depend on anything but the inputs.
 */
export function closest(
  input: string,
  candidates: readonly string[],
  opts: { maxRatio?: number } = {},
): string | undefined {
  const n = normaliseKey(input);
  if (!n) return undefined;
  const maxRatio = opts.maxRatio ?? 0.4;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const m = normaliseKey(c);
    if (m === n) return c;
    let d = editDistance(n, m);
    // A candidate that contains the input (or the reverse) is a strong hint: "officer" → "default_officer".
    if (m.length >= 4 && n.length >= 4 && (m.includes(n) || n.includes(m)))
      d = Math.min(d, Math.abs(m.length - n.length) / 2);
    const limit = Math.max(2, Math.floor(Math.max(n.length, m.length) * maxRatio));
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}
