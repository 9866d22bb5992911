/**
 * Names with academic and religious titles: "[front titles] NAME, [back titles]".
 * Case is never changed; only spaces and commas are tidied.
 */

/** Titles written before a name. Matching is exact (case matters: "dr." is a physician, "Dr." a doctorate). */
const FRONT_TITLES = new Set([
  'Prof.',
  'Dr.',
  'dr.',
  'drg.',
  'Drs.',
  'Dra.',
  'Ir.',
  'H.',
  'Hj.',
  'Ns.',
  'apt.',
  'Apt.',
  'KH.',
  'Hajjah',
  'R.',
  'Rr.',
  'DR.',
  'Dt.',
]);

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function titleKey(t: string): string {
  return t.replace(/[\s.]/g, '').toLowerCase();
}

/** Splits back titles "S.Pd.,M.Si" / "S.Pd. , M.Si." into ["S.Pd.", "M.Si"]. */
export function splitBackTitles(s: string): string[] {
  return s
    .split(',')
    .map(tidy)
    .filter((t) => t !== '' && t !== '-');
}

/** Splits front titles "Dr. H." / "Dr.H." into ["Dr.", "H."]. */
export function splitFrontTitles(s: string): string[] {
  const out: string[] = [];
  for (const word of tidy(s).split(' ')) {
    if (word === '' || word === '-') continue;
    // "Dr.H." → "Dr.", "H."; leave dotted abbreviations that are not known titles as they are.
    const parts = word.match(/[^.]+\.?/g) ?? [word];
    if (parts.length > 1 && parts.every((p) => FRONT_TITLES.has(p))) out.push(...parts);
    else out.push(word.replace(/,$/, ''));
  }
  return out;
}

function dedupe(titles: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of titles) {
    const k = titleKey(t);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

export interface NameParts {
  frontTitle: string;
  name: string;
  backTitle: string;
  fullName: string;
}

/**
 * Separates titles that are already written inside NAMA ("Dr. H. Kaspinor, S.E., M.Si.") from the
 * bare name, and merges them with the title columns without duplicating any.
 */
export function splitName(front: string, name: string, back: string): NameParts {
  let bare = tidy(name)
    .replace(/^,+|,+$/g, '')
    .trim();
  const backInName: string[] = [];
  const comma = bare.indexOf(',');
  if (comma >= 0) {
    backInName.push(...splitBackTitles(bare.slice(comma + 1)));
    bare = bare.slice(0, comma).trim();
  }
  const frontInName: string[] = [];
  for (;;) {
    const m = /^(\S+)\s+(.+)$/.exec(bare);
    if (!m) break;
    const parts = splitFrontTitles(m[1]!);
    if (!parts.every((p) => FRONT_TITLES.has(p))) break;
    frontInName.push(...parts);
    bare = m[2]!.trim();
  }
  const fronts = dedupe([...splitFrontTitles(front), ...frontInName]);
  const backs = dedupe([...splitBackTitles(back), ...backInName]);
  const frontTitle = fronts.join(' ');
  const backTitle = backs.join(', ');
  let fullName = bare;
  if (frontTitle) fullName = `${frontTitle} ${fullName}`;
  if (backTitle) fullName = `${fullName}, ${backTitle}`;
  return { frontTitle, name: bare, backTitle, fullName: tidy(fullName) };
}
