/**
 * The p-th percentile of a list of grey levels (or differences of them), as single-precision
 * floats: the value at index floor(p × n) (at most n − 1) of the values sorted ascending, 255 for
 * none. Found by selection (quickselect with three-way partitioning, so a window of nearly all
 * paper, many equal values, stays linear), not by sorting: the same value a sort gives, in O(n).
 */
export function percentile(vals: ArrayLike<number>, p: number): number {
  const n = vals.length;
  if (n === 0) return 255;
  // Float32Array.from rounds each value to single precision, as the sort-based definition did.
  const a = Float32Array.from(vals);
  return selectKth(a, Math.min(n - 1, Math.floor(p * n)));
}

/** The k-th smallest value of a (0-based); reorders a. */
export function selectKth(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Median of three as the pivot value (any pivot gives the same answer; this one avoids the
    // worst case on sorted runs).
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    // Three-way partition of [lo, hi]: < pivot | = pivot | > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i] = a[lt]!;
        a[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        a[i] = a[gt]!;
        a[gt] = v;
        gt--;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[lo]!;
}
