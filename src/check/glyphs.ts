/**
 * Roster text the document font cannot print (Arabic, CJK, emoji in a Latin font): a warning per
 * field with the roster line and column header. The drawing prints such characters as boxes that
 * take exactly the room they are measured with (src/draw/fonts.ts, printable), so nothing overruns.
 */
import type { FontName } from '../model/event.js';
import type { Person } from '../model/person.js';
import type { ProblemList } from '../model/problems.js';
import { missingGlyphs } from '../draw/fonts.js';
import { listSome } from '../util/listing.js';

const FONT_LABEL: Record<FontName, string> = { sans: 'Arimo', serif: 'TeX Gyre Bonum' };

/** The printed fields of a person, with the field name used when no roster column holds the text. */
function printedFields(p: Person): [string, string][] {
  return [
    ['name', p.name],
    ['frontTitle', p.frontTitle],
    ['backTitle', p.backTitle],
    ['rank', p.rank?.raw ?? ''],
    ['position', p.position],
    ['unit', p.unit],
  ];
}

export function addGlyphProblems(list: ProblemList, people: Person[], font: FontName, rosterFile: string): void {
  const label = FONT_LABEL[font];
  for (const p of people) {
    for (const [field, value] of printedFields(p)) {
      const missing = missingGlyphs(font, value);
      if (missing.length === 0) continue;
      const header = Object.entries(p.columns).find(([, v]) => v.includes(value))?.[0] ?? field;
      const chars = listSome(missing, 8, ' ');
      list.add({
        severity: 'warning',
        code: 'glyph-missing',
        file: rosterFile,
        line: p.row,
        field: header,
        message: `'${value}' has characters the font ${label} cannot print (${chars.text}); they are printed as boxes`,
        hint: 'write it in Latin letters, as in SIASN, if the documents should show it',
        params: { text: value, chars: chars.textId, font: label },
      });
    }
  }
}
