/** A spreadsheet cell as a clerk means it: what Excel and hand-made CSVs put around the text removed. */

/** A cell as a clerk means it: no BOM, no Excel text marker `'`, spaces (and line breaks) collapsed. */
export function cleanCell(raw: string): string {
  let s = raw
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  return s;
}

/** Removes the wrappers spreadsheets put around text: a leading `'`, `="…"`, surrounding quotes. */
export function stripCellMarkers(raw: string): string {
  let s = raw.replace(/^\uFEFF/, '').trim();
  const formula = /^="(.*)"$/.exec(s);
  if (formula) s = formula[1]!.trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
  return s;
}
