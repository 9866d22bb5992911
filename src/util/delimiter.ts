/** Which delimiter a CSV text uses: the roster's reader and the tally's hand-made CSVs ask the same question. */

/** How many records the sniffer reads. */
const SNIFF_RECORDS = 50;
const DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * The delimiter among `;` `,` TAB `|` that splits the first records (outside quotes) into the most
 * consistent number of columns, more than one. undefined when none splits anything.
 */
export function sniffDelimiter(text: string): string | undefined {
  const records: number[][] = [];
  let cur = [0, 0, 0, 0];
  let content = false;
  let inQuotes = false;
  for (let i = 0; i < text.length && records.length < SNIFF_RECORDS; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      inQuotes = !inQuotes;
      content = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (content) records.push(cur);
      cur = [0, 0, 0, 0];
      content = false;
    } else {
      const k = (DELIMITERS as readonly string[]).indexOf(ch);
      if (k >= 0) cur[k]!++;
      if (ch !== ' ') content = true;
    }
  }
  if (content && records.length < SNIFF_RECORDS) records.push(cur);
  if (records.length === 0) return undefined;

  const scored = DELIMITERS.map((d, k) => {
    const freq = new Map<number, number>();
    for (const r of records) freq.set(r[k]!, (freq.get(r[k]!) ?? 0) + 1);
    // The most frequent count; ties go to the larger count.
    let mode = 0;
    let modeFreq = 0;
    for (const [n, f] of freq) {
      if (f > modeFreq || (f === modeFreq && n > mode)) {
        mode = n;
        modeFreq = f;
      }
    }
    return { d, k, columns: mode + 1, consistency: modeFreq / records.length };
  }).filter((s) => s.columns > 1);
  if (scored.length === 0) return undefined;
  const best = Math.max(...scored.map((s) => s.consistency));
  // Among the (nearly) most consistent, the one giving the most columns; then ; , TAB | in that order.
  const close = scored.filter((s) => s.consistency >= best - 0.1);
  close.sort((a, b) => b.columns - a.columns || a.k - b.k);
  return close[0]!.d;
}
